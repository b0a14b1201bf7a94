import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../domain/time.js';
import type { UserStore } from '../../store/store.js';
import type { Principal } from './principal.js';
import { tokenHash } from './tokens.js';

/** SESSION_COOKIE is the console's session cookie. */
export const SESSION_COOKIE = 'ow_session';

/**
 * makeAuthenticate resolves the caller from a session cookie or an
 * `Authorization: Bearer` API token; undefined when neither is valid.
 */
export function makeAuthenticate(users: UserStore, clock: Clock): (request: FastifyRequest) => Promise<Principal | undefined> {
  return async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const token = await users.apiTokenRole(tokenHash(header.slice(7).trim()), clock.now());
      return token ? { name: token.name, role: token.role, via: 'token' } : undefined;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return undefined;
    const user = await users.sessionUser(tokenHash(cookie), clock.now());
    return user ? { name: user.name, role: user.role, via: 'session' } : undefined;
  };
}
