import { z } from 'zod';
import { ROLE_NAMES_ZH } from '../../domain/role.js';
import { HOUR_MS, type Clock } from '../../domain/time.js';
import type { UserStore } from '../../store/store.js';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { verifyPassword } from '../auth/password.js';
import { newSecretToken, tokenHash } from '../auth/tokens.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';

const Me = z.object({ name: z.string(), role: z.string(), roleName: z.string(), via: z.enum(['session', 'token']) });

/** registerAuthRoutes adds login, logout and "who am I". */
export function registerAuthRoutes(routes: RouteRegistry, deps: { users: UserStore; clock: Clock; sessionHours: number; secureCookie: boolean }): void {
  routes.add(
    {
      method: 'POST',
      url: '/api/v1/auth/login',
      summary: 'Sign in; sets the session cookie',
      tag: 'auth',
      access: 'public',
      body: z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict(),
      response: Me,
    },
    async ({ body, reply }) => {
      const user = await deps.users.getUser(body.name);
      // The same answer for an unknown user and a wrong password: no user enumeration.
      if (!user || user.disabled || !(await verifyPassword(body.password, user.passwordHash))) {
        throw new HttpError(401, 'wrong user name or password');
      }
      const token = newSecretToken();
      const now = deps.clock.now();
      await deps.users.createSession(tokenHash(token), user.name, now, now + deps.sessionHours * HOUR_MS);
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secureCookie,
        maxAge: deps.sessionHours * 3600,
      });
      return { name: user.name, role: user.role, roleName: ROLE_NAMES_ZH[user.role], via: 'session' };
    },
  );

  routes.add(
    { method: 'POST', url: '/api/v1/auth/logout', summary: 'Sign out', tag: 'auth', access: 'public' },
    async ({ request, reply }) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await deps.users.deleteSession(tokenHash(cookie));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  routes.add(
    { method: 'GET', url: '/api/v1/auth/me', summary: 'The signed-in user', tag: 'auth', access: 'any-user', response: Me },
    async ({ principal }) => ({ name: principal!.name, role: principal!.role, roleName: ROLE_NAMES_ZH[principal!.role], via: principal!.via }),
  );
}
