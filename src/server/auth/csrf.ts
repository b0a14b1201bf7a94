import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** CSRF_COOKIE carries the session's CSRF token to the console's script (readable, unlike the session cookie). */
export const CSRF_COOKIE = 'ow_csrf';
/** CSRF_HEADER is where a browser sends it back with every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * csrfTokenFor derives a session's CSRF token from its secret: nothing to
 * store, it ends with the session, and a page that cannot read the
 * HttpOnly session cookie cannot compute it.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('orderwatch csrf v1').digest('base64url');
}

/** sameToken compares a presented CSRF token with the expected one in constant time. */
export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** isStateChanging tells a request that may change something from a read. */
export function isStateChanging(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/**
 * fromBrowser tells whether a request came from a web browser, which sends
 * cookies by itself and so can be made to send them by another site: every
 * browser sends an Origin or Sec-Fetch-* header with a state-changing
 * request, or at least a `Mozilla/` User-Agent (which a page cannot change
 * without a preflight our server never answers). A script holding a session
 * cookie itself (curl, a test) is no such victim.
 */
export function fromBrowser(request: FastifyRequest): boolean {
  const h = request.headers;
  return h.origin !== undefined || h['sec-fetch-site'] !== undefined || h['sec-fetch-mode'] !== undefined || /^Mozilla\//.test(h['user-agent'] ?? '');
}

/**
 * foreignOrigin says why a state-changing request comes from another site,
 * or undefined when it does not: `Sec-Fetch-Site` must be same-origin (or
 * none: typed by the user), and an `Origin` must be the server's own — the
 * host the request was sent to, or one of `trusted` (the publicUrl's origin,
 * for a server behind a proxy that rewrites Host). Another port or a sibling
 * subdomain is another origin, though the same site for SameSite cookies.
 */
export function foreignOrigin(request: FastifyRequest, trusted: readonly string[]): string | undefined {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `the request comes from another site (Sec-Fetch-Site: ${site})`;
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  if (origin === 'null') return 'the request comes from an opaque origin (Origin: null)';
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return `the Origin header is not an origin: ${origin.slice(0, 100)}`;
  }
  if (parsed.host === request.headers.host) return undefined;
  if (trusted.includes(parsed.origin)) return undefined;
  return `the request comes from ${parsed.origin}, not from this server (set server.publicUrl when a proxy changes the Host)`;
}
