import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../domain/role.js';
import type { Principal } from './auth/principal.js';

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
  ) {
    super(message);
  }
}

type Authenticate = (request: FastifyRequest) => Promise<Principal | undefined>;

/**
 * RouteRegistry registers routes on Fastify and collects the OpenAPI
 * document from the same zod schemas, so the document cannot drift from what
 * the server checks.
 */
export class RouteRegistry {
  private readonly paths: Record<string, Record<string, unknown>> = {};

  constructor(
    private readonly app: FastifyInstance,
    private readonly authenticate: Authenticate,
  ) {}

  add<Q extends z.ZodType = z.ZodUnknown, P extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
    spec: RouteSpec<Q, P, B>,
    handler: (input: RouteInput<z.infer<Q>, z.infer<P>, z.infer<B>>) => Promise<unknown>,
  ): void {
    this.document(spec);
    this.app.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        const principal = spec.access === 'public' || spec.access === 'signed' ? undefined : await this.authenticate(request);
        if (spec.access !== 'public' && spec.access !== 'signed') {
          if (!principal) throw new HttpError(401, 'login required: sign in or send an API token');
          if (spec.access !== 'any-user' && !spec.access.includes(principal.role)) {
            throw new HttpError(403, `your role (${principal.role}) may not do this; needs one of: ${spec.access.join(', ')}`);
          }
        }
        const query = parse(spec.query, request.query, 'query');
        const params = parse(spec.params, request.params, 'path');
        const body = parse(spec.body, request.body, 'body');
        const result = await handler({ query, params, body, principal, request, reply } as RouteInput<z.infer<Q>, z.infer<P>, z.infer<B>>);
        return result;
      },
    });
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
    const operation: Record<string, unknown> = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(spec.body, { unrepresentable: 'any', io: 'input' }) } } } } : {}),
      responses: {
        '200': {
          description: spec.responseDescription ?? 'OK',
          ...(spec.response ? { content: { 'application/json': { schema: z.toJSONSchema(spec.response, { unrepresentable: 'any' }) } } } : {}),
        },
        ...(spec.access === 'public' ? {} : { '401': { description: 'not signed in / bad signature' }, '403': { description: 'role not allowed' } }),
        '400': { description: 'invalid request: `{error, issues[]}`' },
      },
      ...(spec.access === 'public' ? { security: [] } : spec.access === 'signed' ? { security: [{ signature: [] }, { bearer: [] }] } : {}),
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
          session: { type: 'apiKey', in: 'cookie', name: 'ow_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from `orderwatch token create`' },
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
