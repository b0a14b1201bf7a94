import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** DEFAULT_WEB_ROOT is where `vite build` puts the console (web/dist of this package, wherever orderwatch is started from). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Text assets are worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json', '.txt', '.html']);

/** Encoding is how an asset goes over the wire. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** pickEncoding chooses Brotli, else gzip, else none, from a request's Accept-Encoding (a `;q=0` refuses one). */
export function pickEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const accepted = new Set(
    header
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';'))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
      .map(([name]) => name),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

// Built assets never change under their content-hashed names, so each is
// compressed once per process (Brotli at a middle level: a few ms per
// chunk, paid by the first browser only) and kept.
const compressed = new Map<string, Buffer>();

function encoded(file: string, encoding: Encoding): Buffer {
  const key = `${encoding}:${file}`;
  let body = compressed.get(key);
  if (body) return body;
  const raw = readFileSync(file);
  if (encoding === 'identity') return raw;
  body = encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }) : gzipSync(raw, { level: 9 });
  compressed.set(key, body);
  return body;
}

/**
 * sendConsole answers a browser's request for the console: a built asset
 * (content-hashed names under /assets/, cached for a year), or else the
 * single page's index.html (not cached, so a new build is seen at once),
 * which routes on the client. Paths never leave the web root. Text assets
 * go Brotli- or gzip-compressed as the browser accepts (the console's
 * JavaScript is about a quarter of its size so).
 */
export function sendConsole(reply: FastifyReply, url: string, webRoot: string = DEFAULT_WEB_ROOT): FastifyReply {
  const root = resolve(webRoot);
  const path = decodeURIComponent(url.split('?')[0] ?? '/');
  if (path.startsWith('/assets/') || /^\/[\w.-]+\.(svg|png|ico|txt)$/.test(path)) {
    const file = resolve(join(root, path));
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const encoding = COMPRESSIBLE.has(extname(file)) ? pickEncoding(reply.request.headers['accept-encoding']) : 'identity';
      reply
        .type(type)
        .header('cache-control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('vary', 'accept-encoding');
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.send(encoded(file, encoding));
    }
    return reply.status(404).type('text/plain; charset=utf-8').send('not found');
  }
  const index = join(root, 'index.html');
  if (!existsSync(index)) return reply.status(404).type('text/plain; charset=utf-8').send('console not built: run `npm run build:web` (npm start does it)');
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(readFileSync(index));
}
