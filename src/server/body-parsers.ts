import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseJsonLossless } from '../ingest/files/lossless-json.js';
import { DEFER_PARSING, HttpError } from './route-registry.js';

const RAW = Symbol('rawBody');

type WithRaw = FastifyRequest & { [RAW]?: Buffer };

/** rawBodyOf returns the exact bytes of the request body: signatures are computed over them, not over re-serialised JSON. */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return (request as WithRaw)[RAW] ?? Buffer.alloc(0);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new HttpError(400, 'the request body is not valid UTF-8 (send JSON encoded as UTF-8)');
  }
}

/**
 * parseJsonBody parses a JSON body from its raw bytes, losslessly (19-digit
 * ids sent as bare numbers keep every digit, as text): undefined for an
 * empty body, a 400 with the reason for one that is not UTF-8 or not JSON.
 */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return parseJsonLossless(decodeUtf8(raw));
  } catch (error) {
    throw error instanceof HttpError ? error : new HttpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * registerBodyParsers keeps each request's raw bytes and parses JSON and
 * forms strictly: a body that is not UTF-8 or not JSON is a 400 with the
 * reason, never a crash. Which route takes which is the route guard's
 * decision, made before the body is read (RouteSpec.bodyType): JSON
 * everywhere, a form only where a platform pushes forms (Kuaidi100).
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/json'], { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    (request as WithRaw)[RAW] = raw;
    // A body whose signature is not checked yet is kept as bytes: nobody unknown gets the parser's work.
    if ((request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[DEFER_PARSING] === true) return done(null, undefined);
    try {
      done(null, parseJsonBody(raw));
    } catch (error) {
      done(error as Error);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    (request as WithRaw)[RAW] = raw;
    try {
      done(null, Object.fromEntries(new URLSearchParams(decodeUtf8(raw))));
    } catch (error) {
      done(error as Error);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => {
    done(new HttpError(415, 'send the body as application/json'));
  });
}
