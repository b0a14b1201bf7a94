import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Settings } from '../../config/settings.js';
import { ROLE_NAMES_ZH } from '../../domain/role.js';
import { HOUR_MS, type Clock } from '../../domain/time.js';
import type { UserStore } from '../../store/store.js';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { CSRF_COOKIE, csrfTokenFor } from '../auth/csrf.js';
import { verifyNoPassword, verifyPassword } from '../auth/password.js';
import { SignInThrottle } from '../auth/sign-in-throttle.js';
import { newSecretToken, tokenHash } from '../auth/tokens.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';

const Me = z.object({ name: z.string(), role: z.string(), roleName: z.string(), via: z.enum(['session', 'token']), csrfToken: z.string().optional() });

/** How many sign-ins of one address may run at once in this instance (a user name: one). */
const PARALLEL_PER_ADDRESS = 4;

function tooMany(waitMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new HttpError(429, `too many failed sign-ins: try again in ${seconds} s`, { zh: `登录失败次数过多，请 ${seconds} 秒后再试`, en: `too many failed sign-ins: try again in ${seconds} s` }, { 'retry-after': String(seconds) });
}

function busy(): HttpError {
  return new HttpError(429, 'another sign-in of this user name (or from this address) is being checked: try again in a moment', { zh: '该用户正在登录中，请稍后再试', en: 'another sign-in of this user name is being checked: try again in a moment' }, { 'retry-after': '1' });
}

/**
 * registerAuthRoutes adds sign-in, sign-out and "who am I". Sign-in is
 * throttled per user name and per address (429 with Retry-After), does the
 * same work for an unknown user name as for a known one, and gives the
 * browser the session cookie (HttpOnly) and the session's CSRF token (a
 * readable cookie and the answer's `csrfToken`).
 */
export function registerAuthRoutes(routes: RouteRegistry, deps: { users: UserStore; clock: Clock; settings: () => Settings }): void {
  const throttle = new SignInThrottle(deps.users, deps.clock);
  // Concurrent guesses would all pass the lock check before the first failure is counted: one at a time per name.
  const busyNames = new Set<string>();
  const busyAddresses = new Map<string, number>();

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/auth/login',
      summary: 'Sign in; sets the session cookie and the CSRF cookie (429 with Retry-After after too many failures)',
      tag: 'auth',
      access: 'public',
      bodyLimit: 16 * 1024,
      body: z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict(),
      response: Me,
    },
    async ({ body, request, reply }) => {
      const address = request.ip;
      const nameKey = body.name.normalize('NFKC').toLowerCase();
      if (busyNames.has(nameKey) || (busyAddresses.get(address) ?? 0) >= PARALLEL_PER_ADDRESS) throw busy();
      busyNames.add(nameKey);
      busyAddresses.set(address, (busyAddresses.get(address) ?? 0) + 1);
      try {
        const wait = await throttle.lockedFor(body.name, address);
        if (wait > 0) throw tooMany(wait);
        const user = await deps.users.getUser(body.name);
        // The same work and the same answer for an unknown user, a disabled one and a wrong password.
        const matches = user ? await verifyPassword(body.password, user.passwordHash) : await verifyNoPassword(body.password);
        if (!user || user.disabled || !matches) {
          await throttle.failed(body.name, address);
          throw new HttpError(401, 'wrong user name or password');
        }
        await throttle.succeeded(body.name);
        const secret = newSecretToken();
        const now = deps.clock.now();
        const { auth } = deps.settings();
        const userAgent = request.headers['user-agent'];
        await deps.users.createSession({
          tokenHash: tokenHash(secret),
          id: `S-${randomBytes(9).toString('base64url')}`,
          userName: user.name,
          createdAt: now,
          expiresAt: now + auth.sessionHours * HOUR_MS,
          address,
          ...(userAgent ? { userAgent } : {}),
        });
        const csrfToken = csrfTokenFor(secret);
        const cookie = { path: '/', sameSite: 'strict' as const, secure: auth.secureCookie, maxAge: auth.sessionHours * 3600 };
        void reply.setCookie(SESSION_COOKIE, secret, { ...cookie, httpOnly: true });
        void reply.setCookie(CSRF_COOKIE, csrfToken, { ...cookie, httpOnly: false });
        return { name: user.name, role: user.role, roleName: ROLE_NAMES_ZH[user.role], via: 'session', csrfToken };
      } finally {
        busyNames.delete(nameKey);
        const left = (busyAddresses.get(address) ?? 1) - 1;
        if (left <= 0) busyAddresses.delete(address);
        else busyAddresses.set(address, left);
      }
    },
  );

  routes.add(
    { method: 'POST', url: '/api/v1/auth/logout', summary: 'Sign out', tag: 'auth', access: 'public', bodyLimit: 16 * 1024 },
    async ({ request, reply }) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await deps.users.deleteSession(tokenHash(cookie));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      void reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  routes.add(
    { method: 'GET', url: '/api/v1/auth/me', summary: 'The signed-in user (or token), with the session’s CSRF token', tag: 'auth', access: 'any-user', tokenScope: 'any', response: Me },
    async ({ principal }) => ({
      name: principal!.name,
      role: principal!.role,
      roleName: ROLE_NAMES_ZH[principal!.role],
      via: principal!.via,
      ...(principal!.csrfToken !== undefined ? { csrfToken: principal!.csrfToken } : {}),
    }),
  );
}
