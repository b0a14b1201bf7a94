import { z } from 'zod';
import { ROLES, ROLE_NAMES_ZH } from '../../domain/role.js';
import type { Clock } from '../../domain/time.js';
import type { UserStore } from '../../store/store.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { newSecretToken, tokenHash } from '../auth/tokens.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

/** USER_NAME is what a user name may look like. */
export const USER_NAME = /^[\p{L}\p{N}_.-]{1,64}$/u;

/** registerUserRoutes adds user and API token administration (admin only). */
export function registerUserRoutes(routes: RouteRegistry, deps: { users: UserStore; clock: Clock }): void {
  routes.add(
    { method: 'GET', url: '/api/v1/users', summary: 'List users', tag: 'admin', access: ['admin'] },
    async () => toWire({ users: (await deps.users.listUsers()).map((u) => ({ ...u, roleName: ROLE_NAMES_ZH[u.role] })) }),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/users',
      summary: 'Add a user',
      tag: 'admin',
      access: ['admin'],
      body: z
        .object({
          name: z.string().regex(USER_NAME, 'letters, digits, _ . - (1-64)'),
          role: z.enum(ROLES),
          displayName: z.string().max(64).optional(),
          password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
        })
        .strict(),
    },
    async ({ body }) => {
      const created = await deps.users.addUser(
        { name: body.name, role: body.role, createdAt: deps.clock.now(), disabled: false, ...(body.displayName ? { displayName: body.displayName } : {}) },
        await hashPassword(body.password),
      );
      if (!created) throw new HttpError(409, `user ${body.name} exists`);
      return { name: body.name, role: body.role };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/tokens',
      summary: 'Create an API token for an integration (shown once)',
      tag: 'admin',
      access: ['admin'],
      body: z.object({ name: z.string().regex(USER_NAME), role: z.enum(ROLES).default('integration') }).strict(),
    },
    async ({ body }) => {
      const token = newSecretToken('owt_');
      if (!(await deps.users.createApiToken(tokenHash(token), body.name, body.role, deps.clock.now()))) {
        throw new HttpError(409, `a token named ${body.name} exists`);
      }
      return { name: body.name, role: body.role, token };
    },
  );
}
