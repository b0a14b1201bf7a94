import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../domain/time.js';
import type { UserStore } from '../../store/store.js';
import { csrfTokenFor } from './csrf.js';
import type { Principal } from './principal.js';
import { isTokenScope } from './scopes.js';
import { tokenHash } from './tokens.js';

/** SESSION_COOKIE is the console's session cookie. */
export const SESSION_COOKIE = 'ow_session';

/** bearerToken is the secret of an `Authorization: Bearer` header, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  const token = header.slice(7).trim();
  return token === '' ? undefined : token;
}

/**
 * makeAuthenticate resolves the caller from an `Authorization: Bearer` API
 * token (live, of the integration role) or a session cookie (not expired,
 * not idle for `idleMs`, of an enabled user); undefined when neither is
 * valid. A session's use is recorded so idleness can be told.
 */
export function makeAuthenticate(users: UserStore, clock: Clock, idleMs: () => number): (request: FastifyRequest) => Promise<Principal | undefined> {
  return async (request) => {
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      const token = await users.apiToken(tokenHash(bearer), clock.now());
      // Tokens are machines' keys: never an admin's (tokens made with other roles before were revoked by migration 9).
      if (!token || token.role !== 'integration') return undefined;
      return { name: token.name, role: token.role, via: 'token', scopes: token.scopes.filter(isTokenScope) };
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return undefined;
    const now = clock.now();
    const hash = tokenHash(cookie);
    const found = await users.sessionUser(hash, now, now - idleMs());
    if (!found) return undefined;
    await users.touchSession(hash, now, found.session.lastSeenAt);
    return { name: found.user.name, role: found.user.role, via: 'session', sessionId: found.session.id, csrfToken: csrfTokenFor(cookie) };
  };
}
