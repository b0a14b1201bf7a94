import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseJsonLossless } from '../ingest/files/lossless-json.js';
import { HttpError } from './route-registry.js';

const RAW = Symbol('rawBody');

/** RAW_ONLY is the body of a request whose JSON is parsed by the ingest writer, not here. */
export const RAW_ONLY: unique symbol = Symbol('rawOnly');
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
 * registerBodyParsers keeps each request's raw bytes and parses JSON and
 * forms strictly: a body that is not UTF-8 or not JSON is a 400 with the
 * reason, never a crash.
 */
export function registerBodyParsers(app: FastifyInstance, options: { readonly rawOnly?: (url: string) => boolean } = {}): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/json'], { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    (request as WithRaw)[RAW] = raw;
    if (raw.length === 0) return done(null, undefined);
    // Bodies parsed elsewhere (the ingest writer thread) are kept as bytes: parsing 10 MB here would hold up every other request.
    if (options.rawOnly?.(request.url)) return done(null, RAW_ONLY);
    try {
      // 19-digit ids sent as bare numbers keep every digit (as text).
      done(null, parseJsonLossless(decodeUtf8(raw)));
    } catch (error) {
      done(error instanceof HttpError ? error : new HttpError(400, `the request body is not valid JSON: ${(error as Error).message}`));
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
    done(new HttpError(415, 'send application/json (or a form for the Kuaidi100 callback)'));
  });
}
