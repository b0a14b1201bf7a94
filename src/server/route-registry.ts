import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { maskerFor, maskPhonesIn } from '../domain/masking.js';
import type { Role } from '../domain/role.js';
import { bearerToken } from './auth/authenticate.js';
import type { BodyGate } from './auth/body-gate.js';
import { CSRF_COOKIE, CSRF_HEADER, foreignOrigin, fromBrowser, isStateChanging, sameToken } from './auth/csrf.js';
import type { Principal } from './auth/principal.js';
import { tokenScopeOf, type TokenScope } from './auth/scopes.js';

/** DEFER_PARSING is the route config flag of routes that parse their JSON only once they trust the sender (signed ingest). */
export const DEFER_PARSING = 'deferParsing';

/** API_BODY_LIMIT is the largest body an API route takes unless it says otherwise: people's actions are small. */
export const API_BODY_LIMIT = 1024 * 1024;

/** RouteSpec describes one API route: its schemas are both the validation and the OpenAPI document. */
export interface RouteSpec<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly tag: string;
  /** Who may call it: 'public' (no login), 'signed' (ingest: signature or token checked by the handler), or roles. */
  readonly access: 'public' | 'signed' | 'any-user' | readonly Role[];
  readonly query?: Q;
  readonly params?: P;
  readonly body?: B;
  readonly response?: z.ZodType;
  readonly responseDescription?: string;
  /** The body's media type: JSON (the default), or a form where a platform pushes forms (Kuaidi100). */
  readonly bodyType?: 'json' | 'form';
  /** The largest body in bytes (default API_BODY_LIMIT), refused before it is read. */
  readonly bodyLimit?: number;
  /**
   * For 'signed' routes: the headers one of which must carry the body's
   * signature, checked before the body is read; absent when the signature
   * is inside the body (a Kuaidi100 form).
   */
  readonly signatureHeaders?: readonly string[];
  /** Parse the JSON body only in the handler, once the sender is trusted (the handler calls parseJsonBody). */
  readonly deferParsing?: boolean;
  /** The scope an API token needs here (default by method and tag, see tokenScopeOf); 'any' lets every live token in. */
  readonly tokenScope?: TokenScope | 'any';
}

/** RouteInput is what a handler receives, validated. */
export interface RouteInput<Q, P, B> {
  readonly query: Q;
  readonly params: P;
  readonly body: B;
  readonly principal: Principal | undefined;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** HttpError is an error with a status that reaches the client as `{error}`; anything else is a 500 without details. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
    /** Response headers that go with it (Retry-After of a 429 or 503). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

/** RouteGuard is what the registry checks every request with before its body is read. */
export interface RouteGuard {
  authenticate(request: FastifyRequest): Promise<Principal | undefined>;
  /** Origins accepted for state-changing requests besides the host the request was sent to (the publicUrl's). */
  trustedOrigins(): readonly string[];
  /** Bounds the bodies read before their sender is known. */
  readonly unauthenticatedBodies: BodyGate;
  /** Whether cookies carry the Secure flag. */
  secureCookie(): boolean;
}

const principals = new WeakMap<FastifyRequest, Principal>();
const releases = new WeakMap<FastifyRequest, () => void>();

/**
 * senderVerified gives back a signed request's place among the bodies read
 * from unknown senders as soon as its signature holds: the gate bounds what
 * strangers can make the server hold, not the work of a known sender. Held
 * until the answer instead, a peak's signed requests queued two at a time
 * behind the ingest writer (its groups averaged 1.9 requests).
 */
export function senderVerified(request: FastifyRequest): void {
  releases.get(request)?.();
}

/** principalOf is who a request was authenticated as (undefined for public and signed-only requests). */
export function principalOf(request: FastifyRequest): Principal | undefined {
  return principals.get(request);
}

function hasBody(request: FastifyRequest): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && length !== '0';
}

const MEDIA_TYPES = { json: ['application/json', 'text/json'], form: ['application/x-www-form-urlencoded'] } as const;

/**
 * acceptBodyType refuses a body of another media type before it is read.
 * State-changing routes take JSON only: an HTML form on any page can post
 * a url-encoded or multipart body without a preflight, JSON it cannot.
 */
function acceptBodyType(request: FastifyRequest, type: 'json' | 'form'): void {
  if (!hasBody(request)) return;
  const media = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if ((MEDIA_TYPES[type] as readonly string[]).includes(media)) return;
  throw new HttpError(415, type === 'json' ? `send the body as application/json (got ${media || 'no content type'})` : `send the body as an application/x-www-form-urlencoded form (got ${media || 'no content type'})`);
}

function refused(status: number, en: string, zh: string): HttpError {
  return new HttpError(status, en, { zh, en });
}

/**
 * namesFullPhone tells whether a URL carries a full phone number (decoded:
 * %20 and + are spaces). A role that sees phones masked may not look one up
 * — by search, by the evidence PDF's "any number the search box takes", or
 * any route to come — or it could confirm whose number it is.
 */
function namesFullPhone(url: string): boolean {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    // A malformed escape is looked at as sent.
  }
  return maskPhonesIn(decoded) !== decoded;
}

/**
 * RouteRegistry registers routes on Fastify and collects the OpenAPI
 * document from the same zod schemas, so the document cannot drift from what
 * the server checks. Every route is guarded before its body is read: the
 * body's media type, the request's origin (state-changing requests), who is
 * calling and whether their role or token scope allows the route, and a
 * browser session's CSRF token.
 */
export class RouteRegistry {
  private readonly paths: Record<string, Record<string, unknown>> = {};

  constructor(
    private readonly app: FastifyInstance,
    private readonly guard: RouteGuard,
  ) {}

  add<Q extends z.ZodType = z.ZodUnknown, P extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
    spec: RouteSpec<Q, P, B>,
    handler: (input: RouteInput<z.infer<Q>, z.infer<P>, z.infer<B>>) => Promise<unknown>,
  ): void {
    this.document(spec);
    this.app.route({
      method: spec.method,
      url: spec.url,
      bodyLimit: spec.bodyLimit ?? API_BODY_LIMIT,
      config: { [DEFER_PARSING]: spec.deferParsing === true },
      onRequest: async (request, reply) => this.admit(spec, request, reply),
      onResponse: async (request) => releases.get(request)?.(),
      handler: async (request, reply) => {
        const principal = principals.get(request);
        const query = parse(spec.query, request.query, 'query');
        const params = parse(spec.params, request.params, 'path');
        const body = parse(spec.body, request.body, 'body');
        const result = await handler({ query, params, body, principal, request, reply } as RouteInput<z.infer<Q>, z.infer<P>, z.infer<B>>);
        return result;
      },
    });
  }

  private async admit(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const changing = isStateChanging(request.method);
    if (changing) {
      acceptBodyType(request, spec.bodyType ?? 'json');
      // Platforms post signed ingest from their servers, with no browser and no cookie to abuse.
      if (spec.access !== 'signed') {
        const problem = foreignOrigin(request, this.guard.trustedOrigins());
        if (problem) throw refused(403, `refused: ${problem}`, '已拒绝：请求不是从本系统页面发出的');
      }
    }
    if (spec.access === 'public') return;
    if (spec.access === 'signed') return this.admitSigned(spec, request, reply);
    const principal = await this.guard.authenticate(request);
    if (!principal) throw refused(401, 'login required: sign in or send an API token', '请先登录');
    if (spec.access !== 'any-user' && !spec.access.includes(principal.role)) {
      throw new HttpError(403, `your role (${principal.role}) may not do this; needs one of: ${spec.access.join(', ')}`);
    }
    if (maskerFor(principal.role).disclosure.phone === 'masked' && namesFullPhone(request.url)) {
      throw refused(403, 'your role sees phones masked: look orders up by the last 4 digits or the masked form (138****5678)', '您的角色只能看到打码的手机号：请用后四位或 138****5678 的形式查找');
    }
    if (principal.via === 'token') {
      const scope = spec.tokenScope ?? tokenScopeOf(spec);
      if (scope === undefined) throw refused(403, 'API tokens may not call this route: sign in as a person', 'API 令牌不能调用此接口，请以用户身份登录');
      if (scope !== 'any' && !(principal.scopes ?? []).includes(scope)) {
        throw refused(403, `this token's scopes (${(principal.scopes ?? []).join(', ') || 'none'}) do not include ${scope}`, `此令牌没有 ${scope} 权限`);
      }
    }
    if (principal.via === 'session' && principal.csrfToken !== undefined) {
      if (changing && fromBrowser(request) && !sameToken(request.headers[CSRF_HEADER], principal.csrfToken)) {
        throw refused(403, `refused: the ${CSRF_HEADER} header is missing or does not match this session (reload the page)`, '已拒绝：缺少或错误的防伪令牌，请刷新页面');
      }
      // The console reads the token from this cookie; a session from before the cookie existed gets it now.
      if (request.cookies[CSRF_COOKIE] !== principal.csrfToken) {
        void reply.setCookie(CSRF_COOKIE, principal.csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure: this.guard.secureCookie() });
      }
    }
    principals.set(request, principal);
  }

  /**
   * admitSigned lets a signed route's request in: with an API token of the
   * ingest scope (known before the body), or with a signature header — whose
   * body must then be read before anything is known of the sender, so only
   * a few such bodies are read at once.
   */
  private async admitSigned(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (bearerToken(request) !== undefined) {
      const principal = await this.guard.authenticate(request);
      if (!principal || principal.via !== 'token') throw new HttpError(401, 'the API token is unknown, expired or revoked');
      if (!(principal.scopes ?? []).includes('ingest')) throw new HttpError(403, `this token's scopes (${(principal.scopes ?? []).join(', ') || 'none'}) do not include ingest`);
      principals.set(request, principal);
      return;
    }
    const headers = spec.signatureHeaders ?? [];
    if (headers.length > 0 && !headers.some((h) => typeof request.headers[h] === 'string')) {
      throw new HttpError(401, 'sign the body (X-Orderwatch-Signature: sha256=<hex>) or send an API token with the ingest scope');
    }
    if (!hasBody(request)) return;
    const release = await this.guard.unauthenticatedBodies.enter();
    if (!release) throw new HttpError(503, 'too many unauthenticated requests are being read: retry in a moment', undefined, { 'retry-after': '2' });
    releases.set(request, release);
    reply.raw.once('close', release);
  }

  private document(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>): void {
    const path = spec.url.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['query', spec.query], ['path', spec.params]] as const) {
      if (!schema) continue;
      const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
      }
    }
    const media = spec.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
    const scope = spec.tokenScope ?? tokenScopeOf(spec);
    const operation: Record<string, unknown> = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { [media]: { schema: z.toJSONSchema(spec.body, { unrepresentable: 'any', io: 'input' }) } } } } : {}),
      responses: {
        '200': {
          description: spec.responseDescription ?? 'OK',
          ...(spec.response ? { content: { 'application/json': { schema: z.toJSONSchema(spec.response, { unrepresentable: 'any' }) } } } : {}),
        },
        ...(spec.access === 'public' ? {} : { '401': { description: 'not signed in / bad signature' }, '403': { description: 'role or token scope not allowed, foreign origin, or missing CSRF token' } }),
        '400': { description: 'invalid request: `{error, issues[]}`' },
        ...(spec.method !== 'GET' ? { '415': { description: `the body is not ${media}` } } : {}),
      },
      ...(spec.access === 'public' ? { security: [] } : spec.access === 'signed' ? { security: [{ signature: [] }, { bearer: [] }] } : {}),
      'x-token-scope': scope ?? 'none',
    };
    this.paths[path] = { ...(this.paths[path] ?? {}), [spec.method.toLowerCase()]: operation };
  }

  /** openApi returns the OpenAPI 3.1 document of every registered route. */
  openApi(version: string): unknown {
    return {
      openapi: '3.1.0',
      info: { title: 'orderwatch API', version, description: 'Order-exception monitoring and emergency response. Times are ISO-8601 UTC; amounts are integer fen.' },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ow_session', description: 'state-changing requests from a browser also send X-CSRF-Token (the ow_csrf cookie)' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from `orderwatch token create` (scopes: x-token-scope of each operation)' },
          signature: { type: 'apiKey', in: 'header', name: 'X-Orderwatch-Signature', description: 'sha256=<hex HMAC-SHA256 of the raw body with the channel secret>' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
      paths: this.paths,
    };
  }
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    throw new HttpError(
      400,
      `invalid ${where}`,
      result.error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message })),
    );
  }
  return result.data;
}
