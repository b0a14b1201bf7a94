import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Settings } from '../config/settings.js';
import { maskPhonesInText } from '../domain/phone.js';
import type { Clock } from '../domain/time.js';
import type { Store } from '../store/store.js';
import { makeAuthenticate } from './auth/authenticate.js';
import { registerBodyParsers } from './body-parsers.js';
import { sendConsole } from './console-files.js';
import type { IngestWriter } from './ingest-writer-port.js';
import { ServerMetrics } from './metrics.js';
import { HttpError, RouteRegistry } from './route-registry.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
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

export interface ServerDeps {
  readonly store: Store;
  readonly settings: Settings;
  readonly clock: Clock;
  /** Log to stdout as JSON lines (false in tests). */
  readonly log?: boolean;
  /** Where the built console lives (static files; default web/dist, built by `npm run build:web`). */
  readonly webRoot?: string;
  readonly version?: string;
  /** The background work, kicked after each ingest so new orders are judged at once (it runs off the request path). */
  readonly background?: { kick(): void };
  /** Where signed ingest bodies are parsed and written (serve's writer thread); without it, in this thread. */
  readonly ingestWriter?: IngestWriter;
  /** The response engine as a use case: incident actions, templates, take-over, receivers. */
  readonly responder?: Responder;
  /** The backtest as a use case, for the console's rules page. */
  readonly backtester?: Backtester;
  /** Reports as a use case: evidence PDFs, reviews, KPIs, exports, callbacks, improvement items. */
  readonly reporter?: Reporter;
}

/**
 * buildServer assembles the HTTP door: body parsers that keep raw bytes for
 * signatures, authentication, the API routes with their OpenAPI document,
 * health, metrics and the console's static files. It does not listen; the
 * caller decides where.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: deps.settings.server.bodyLimit,
    logger: deps.log
      ? {
          level: 'info',
          // Customer phone numbers never reach the log: URLs and messages are masked.
          serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: maskPhonesInText(req.url) }) },
          hooks: {
            logMethod(args, method) {
              method.apply(this, args.map((a) => (typeof a === 'string' ? maskPhonesInText(a) : a)) as Parameters<typeof method>);
            },
          },
        }
      : false,
  });
  const metrics = new ServerMetrics();
  await app.register(cookie);
  registerBodyParsers(app, deps.ingestWriter ? { rawOnly: (url) => url.startsWith('/api/v1/ingest/') } : {});

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    if (error instanceof HttpError) {
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

  const routes = new RouteRegistry(app, makeAuthenticate(deps.store, deps.clock));
  registerAuthRoutes(routes, { users: deps.store, clock: deps.clock, sessionHours: deps.settings.auth.sessionHours, secureCookie: deps.settings.auth.secureCookie });
  registerOrderRoutes(routes, { orders: deps.store, detection: deps.store.detection, response: deps.store.response, clock: deps.clock });
  registerIngestRoutes(routes, { sink: deps.store, users: deps.store, clock: deps.clock, settings: deps.settings, metrics, ...(deps.background ? { onIngested: () => deps.background?.kick() } : {}), ...(deps.ingestWriter ? { writer: deps.ingestWriter } : {}) });
  registerDetectionRoutes(routes, { detection: deps.store.detection, work: deps.store.work, clock: deps.clock, ...(deps.background ? { kick: () => deps.background?.kick() } : {}) });
  registerFixListRoutes(routes, { fixList: deps.store.fixList, clock: deps.clock });
  registerWorkerRoutes(routes, { store: deps.store, clock: deps.clock });
  registerSetupRoutes(routes, { detection: deps.store.detection, clock: deps.clock });
  registerUserRoutes(routes, { users: deps.store, clock: deps.clock });
  registerIncidentRoutes(routes, { response: deps.store.response, clock: deps.clock, ...(deps.responder ? { responder: deps.responder } : {}) });
  registerReportRoutes(routes, { clock: deps.clock, ...(deps.reporter ? { reporter: deps.reporter } : {}) });
  registerDashboardRoutes(app, routes, { dashboard: deps.store.dashboard, detection: deps.store.detection, settings: deps.settings, clock: deps.clock, ...(deps.backtester ? { backtester: deps.backtester } : {}) });

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
