import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

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

/**
 * sendConsole answers a browser's request for the console: a built asset
 * (content-hashed names under /assets/, cached for a year), or else the
 * single page's index.html (not cached, so a new build is seen at once),
 * which routes on the client. Paths never leave the web root.
 */
export function sendConsole(reply: FastifyReply, url: string, webRoot: string = DEFAULT_WEB_ROOT): FastifyReply {
  const root = resolve(webRoot);
  const path = decodeURIComponent(url.split('?')[0] ?? '/');
  if (path.startsWith('/assets/') || /^\/[\w.-]+\.(svg|png|ico|txt)$/.test(path)) {
    const file = resolve(join(root, path));
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      return reply
        .type(type)
        .header('cache-control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(readFileSync(file));
    }
    return reply.status(404).type('text/plain; charset=utf-8').send('not found');
  }
  const index = join(root, 'index.html');
  if (!existsSync(index)) return reply.status(404).type('text/plain; charset=utf-8').send('console not built: run `npm run build:web` (npm start does it)');
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(readFileSync(index));
}
