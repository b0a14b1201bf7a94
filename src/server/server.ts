import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Settings } from '../config/settings.js';
import { maskerFor, SHARED_DOCUMENT } from '../domain/masking.js';
import type { Clock } from '../domain/time.js';
import type { Store } from '../store/store.js';
import { makeAuthenticate } from './auth/authenticate.js';
import { BodyGate } from './auth/body-gate.js';
import { registerBodyParsers } from './body-parsers.js';
import { sendConsole } from './console-files.js';
import type { IngestWriter } from './ingest-writer-port.js';
import { ServerMetrics } from './metrics.js';
import { HttpError, principalOf, RouteRegistry } from './route-registry.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerActionLinkRoutes } from './routes/action-link-routes.js';
import { registerDashboardRoutes, type Backtester } from './routes/dashboard-routes.js';
import { registerDetectionRoutes } from './routes/detection-routes.js';
import { registerFixListRoutes } from './routes/fix-list-routes.js';
import { registerWorkerRoutes } from './routes/worker-routes.js';
import { registerIncidentRoutes, type Responder } from './routes/incident-routes.js';
import { registerIngestRoutes } from './routes/ingest-routes.js';
import { registerOrderRoutes } from './routes/order-routes.js';
import { registerReportRoutes, type Reporter } from './routes/report-routes.js';
import { registerSetupRoutes } from './routes/setup-routes.js';
import { registerUserRoutes } from './routes/user-routes.js';
import { registerConnectorRoutes } from './routes/connector-routes.js';
import { API_BODY_LIMIT } from './route-registry.js';

export interface ServerDeps {
  readonly store: Store;
  /** The settings in effect: a getter follows reloads of the settings file (ingest secrets, the policy endpoint, auth). */
  readonly settings: Settings | (() => Settings);
  readonly clock: Clock;
  /** Log to stdout as JSON lines (false in tests). */
  readonly log?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  readonly logStream?: { write(line: string): void };
  /** Where the built console lives (static files; default web/dist, built by `npm run build:web`). */
  readonly webRoot?: string;
  readonly version?: string;
  /** The background work, kicked after each ingest so new orders are judged at once (it runs off the request path). */
  readonly background?: { kick(orders?: number): void };
  /** Where signed ingest bodies are parsed and written (serve's writer thread); without it, in this thread. */
  readonly ingestWriter?: IngestWriter;
  /** The response engine as a use case: incident actions, templates, take-over, receivers. */
  readonly responder?: Responder;
  /** The backtest as a use case, for the console's rules page. */
  readonly backtester?: Backtester;
  /** Reports as a use case: evidence PDFs, reviews, KPIs, exports, callbacks, improvement items. */
  readonly reporter?: Reporter;
}

/** The log is read by people nobody checked: it sees what a shared document sees. */
const logMask = maskerFor(SHARED_DOCUMENT);

function decoded(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    return url;
  }
}

/**
 * CONTENT_SECURITY_POLICY lets the console load only its own scripts,
 * styles, images and API, never be framed, and never post a form elsewhere.
 * Inline styles stay allowed: Ant Design writes its CSS at run time.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * securityHeaders go on every response, set on the raw response so they
 * also reach the ones a route writes itself (the event stream). API
 * answers carry customers' data: no cache keeps them.
 */
function securityHeaders(request: FastifyRequest, reply: FastifyReply, https: boolean): void {
  const raw = reply.raw;
  raw.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  raw.setHeader('x-content-type-options', 'nosniff');
  raw.setHeader('x-frame-options', 'DENY');
  raw.setHeader('referrer-policy', 'same-origin');
  raw.setHeader('cross-origin-opener-policy', 'same-origin');
  raw.setHeader('cross-origin-resource-policy', 'same-origin');
  raw.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (https) raw.setHeader('strict-transport-security', 'max-age=31536000');
  if (request.url.startsWith('/api/')) raw.setHeader('cache-control', 'no-store');
}

/**
 * buildServer assembles the HTTP door: security headers, body parsers that
 * keep raw bytes for signatures, the route guard (media type, origin,
 * authentication, role and token scope, CSRF — all before a body is read),
 * the API routes with their OpenAPI document, the masking of every answer
 * to the caller's role, health, metrics and the console's static files. It
 * does not listen; the caller decides where.
 */
/** How long a closing server lets requests in flight finish before it cuts their connections. */
const CLOSE_GRACE_MS = 5000;

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const settingsArg = deps.settings;
  const settings: () => Settings = typeof settingsArg === 'function' ? settingsArg : () => settingsArg;
  const atStart = settings();
  const app = Fastify({
    // The default for anything not routed; each route sets its own (ingest takes server.bodyLimit).
    bodyLimit: API_BODY_LIMIT,
    trustProxy: atStart.server.trustProxy,
    logger: deps.log || deps.logStream
      ? {
          level: 'info',
          ...(deps.logStream ? { stream: deps.logStream } : {}),
          // Customer phone numbers never reach the log: URLs (decoded: %20 and + are spaces too), messages and errors are masked.
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: logMask.text(decoded(req.url)) }),
            err: (err: Error) => ({ type: err.name, message: logMask.text(err.message), stack: logMask.text(err.stack ?? '') }),
          },
          hooks: {
            logMethod(args, method) {
              method.apply(this, args.map((a) => (typeof a === 'string' ? logMask.text(a) : a)) as Parameters<typeof method>);
            },
          },
        }
      : false,
  });
  // Closing waits for requests in flight, but not for ever: a client that stopped sending a body mid-way
  // (or a slow attack) held `serve`'s stop, and a test's close, for minutes. After a grace they are cut.
  app.addHook('preClose', (done) => {
    setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
    done();
  });
  const metrics = new ServerMetrics();
  await app.register(cookie);
  registerBodyParsers(app);
  const https = atStart.server.publicUrl?.startsWith('https:') === true || atStart.auth.secureCookie;
  app.addHook('onRequest', async (request, reply) => securityHeaders(request, reply, https));
  // A PDF opens in the browser's own viewer, which a page policy could blank: it keeps only the ban on framing.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/pdf')) reply.raw.setHeader('content-security-policy', "frame-ancestors 'none'");
    return payload;
  });
  // One masking rule at the API's exit: what a role may not see of a customer leaves in no answer.
  app.addHook('preSerialization', async (request, _reply, payload) => {
    const principal = principalOf(request);
    return principal ? maskerFor(principal.role).value(payload) : payload;
  });

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) void reply.header(name, value);
      return reply.status(error.statusCode).send({ error: error.message, ...(error.details !== undefined ? { issues: error.details } : {}) });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.status(status).send({ error: error.message });
    request.log.error({ err: error }, 'request failed');
    // No stack trace and no internals reach the client.
    return reply.status(500).send({ error: 'internal error', requestId: request.id });
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.status(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` });
    return sendConsole(reply, request.url, deps.webRoot);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  // A few bodies at a time, a queue of 32 waiting up to 10 s for their turn.
  const unauthenticatedBodies = new BodyGate(atStart.server.unauthenticatedBodies, 32, 10_000);
  metrics.watchUnauthenticatedBodies(unauthenticatedBodies);
  const routes = new RouteRegistry(app, {
    authenticate: makeAuthenticate(deps.store, deps.clock, () => settings().auth.idleMinutes * 60_000),
    trustedOrigins: () => {
      const url = settings().server.publicUrl;
      return url ? [new URL(url).origin] : [];
    },
    unauthenticatedBodies,
    secureCookie: () => settings().auth.secureCookie,
  });
  registerAuthRoutes(routes, { users: deps.store, clock: deps.clock, settings });
  registerOrderRoutes(routes, { orders: deps.store, detection: deps.store.detection, response: deps.store.response, clock: deps.clock, penalty: () => settings().grading.penalty });
  registerIngestRoutes(routes, { sink: deps.store, clock: deps.clock, settings, bodyLimit: atStart.server.bodyLimit, metrics, ...(deps.background ? { onIngested: (orders: number) => deps.background?.kick(orders) } : {}), ...(deps.ingestWriter ? { writer: deps.ingestWriter } : {}) });
  registerDetectionRoutes(routes, { detection: deps.store.detection, work: deps.store.work, clock: deps.clock, ...(deps.background ? { kick: () => deps.background?.kick() } : {}) });
  registerFixListRoutes(routes, { fixList: deps.store.fixList, clock: deps.clock });
  registerWorkerRoutes(routes, { store: deps.store, clock: deps.clock });
  registerSetupRoutes(routes, { detection: deps.store.detection, clock: deps.clock });
  registerUserRoutes(routes, { users: deps.store, clock: deps.clock, settings });
  registerIncidentRoutes(routes, { response: deps.store.response, clock: deps.clock, ...(deps.responder ? { responder: deps.responder } : {}) });
  registerReportRoutes(routes, { clock: deps.clock, ...(deps.reporter ? { reporter: deps.reporter } : {}) });
  registerConnectorRoutes(routes, { store: deps.store, clock: deps.clock, settings, ...(deps.background ? { onIngested: (orders: number) => deps.background?.kick(orders) } : {}) });
  registerActionLinkRoutes(routes, { secret: () => settings().server.linkSecret, response: deps.store.response, links: deps.store.actionLinks, clock: deps.clock, ...(deps.responder ? { responder: () => deps.responder! } : {}) });
  registerDashboardRoutes(app, routes, { dashboard: deps.store.dashboard, detection: deps.store.detection, settings, clock: deps.clock, ...(deps.backtester ? { backtester: deps.backtester } : {}) });

  const openApi = routes.openApi(deps.version ?? '0.0.0');
  app.get('/api/v1/openapi.json', async () => openApi);
  app.get('/healthz', async (_request, reply) => {
    try {
      await deps.store.ping();
      return { status: 'ok', database: deps.store.dialect };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: deps.store.dialect });
    }
  });
  app.get('/metrics', async (_request, reply) => {
    metrics.ordersStored.set(await deps.store.countOrders());
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/', async (request, reply) => sendConsole(reply, request.url, deps.webRoot));
  return app;
}
