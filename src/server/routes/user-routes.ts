import { z } from 'zod';
import type { Settings } from '../../config/settings.js';
import { ROLES, ROLE_NAMES_ZH } from '../../domain/role.js';
import { DAY_MS, type Clock } from '../../domain/time.js';
import type { UserStore } from '../../store/store.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { DEFAULT_TOKEN_SCOPES, TOKEN_SCOPES } from '../auth/scopes.js';
import { newSecretToken, tokenHash } from '../auth/tokens.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

/** USER_NAME is what a user name may look like. */
export const USER_NAME = /^[\p{L}\p{N}_.-]{1,64}$/u;

/** PEOPLE_ROLES are the roles a person can have (integration is for tokens). */
const PEOPLE_ROLES = ROLES.filter((r) => r !== 'integration');

const ROLE_NAMES_EN: Readonly<Record<(typeof ROLES)[number], string>> = {
  agent: 'Customer service agent',
  supervisor: 'Customer service supervisor',
  ops_manager: 'Operations manager',
  warehouse: 'Warehouse lead',
  executive: 'Executive',
  admin: 'Administrator',
  integration: 'Integration',
};

const UserName = z.object({ name: z.string().regex(USER_NAME, 'letters, digits, _ . - (1-64)') }).strict();

/**
 * registerUserRoutes adds the administration of people and machines (admin
 * only): users (add, disable, enable), their sessions (list, revoke) and API
 * tokens (create with scopes and an expiry, list, revoke).
 */
export function registerUserRoutes(routes: RouteRegistry, deps: { users: UserStore; clock: Clock; settings: () => Settings }): void {
  routes.add(
    { method: 'GET', url: '/api/v1/users', summary: 'List users', tag: 'admin', access: ['admin'] },
    async () => toWire({ users: (await deps.users.listUsers()).map((u) => ({ ...u, roleName: ROLE_NAMES_ZH[u.role] })) }),
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/users/assignable',
      summary: 'The people an incident can be assigned to: active users (never disabled ones or machine tokens), with display name and role in words',
      tag: 'incidents',
      access: PEOPLE_ROLES,
      query: z.object({ role: z.enum(PEOPLE_ROLES as [string, ...string[]]).optional() }).strict(),
    },
    async ({ query }) => ({
      users: (await deps.users.listUsers())
        .filter((u) => !u.disabled && u.role !== 'integration' && (query.role === undefined || u.role === query.role))
        .map((u) => ({ name: u.name, displayName: u.displayName ?? u.name, role: u.role, roleName: { zh: ROLE_NAMES_ZH[u.role], en: ROLE_NAMES_EN[u.role] } }))
        .sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name)),
    }),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/users',
      summary: `Add a user (password of at least ${MIN_PASSWORD_LENGTH} characters)`,
      tag: 'admin',
      access: ['admin'],
      body: z
        .object({
          name: z.string().regex(USER_NAME, 'letters, digits, _ . - (1-64)'),
          role: z.enum(PEOPLE_ROLES as [string, ...string[]]),
          displayName: z.string().max(64).optional(),
          password: z.string().min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
        })
        .strict(),
    },
    async ({ body }) => {
      const role = ROLES.find((r) => r === body.role)!;
      const created = await deps.users.addUser(
        { name: body.name, role, createdAt: deps.clock.now(), disabled: false, ...(body.displayName ? { displayName: body.displayName } : {}) },
        await hashPassword(body.password),
      );
      if (!created) throw new HttpError(409, `user ${body.name} exists`);
      return { name: body.name, role };
    },
  );

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    routes.add(
      {
        method: 'POST',
        url: `/api/v1/users/:name/${action}`,
        summary: disabled ? 'Disable a user: they cannot sign in and every session of theirs ends' : 'Enable a disabled user again',
        tag: 'admin',
        access: ['admin'],
        params: UserName,
      },
      async ({ params, principal }) => {
        if (disabled && params.name === principal!.name) throw new HttpError(400, 'you cannot disable yourself: another admin can');
        if (!(await deps.users.setUserDisabled(params.name, disabled))) throw new HttpError(404, `no user ${params.name}`);
        return { name: params.name, disabled };
      },
    );
  }

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/sessions',
      summary: "Sessions not yet expired (everyone's, or one user's): when and where they signed in, when last used",
      tag: 'admin',
      access: ['admin'],
      query: z.object({ user: z.string().regex(USER_NAME).optional() }).strict(),
    },
    async ({ query }) => toWire({ sessions: await deps.users.listSessions(deps.clock.now(), query.user) }),
  );

  routes.add(
    { method: 'DELETE', url: '/api/v1/sessions/:id', summary: 'End a session', tag: 'admin', access: ['admin'], params: z.object({ id: z.string().min(1).max(40) }).strict() },
    async ({ params }) => {
      if (!(await deps.users.revokeSession(params.id))) throw new HttpError(404, `no session ${params.id}`);
      return { revoked: params.id };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/users/:name/sessions/revoke',
      summary: 'End every session of a user',
      tag: 'admin',
      access: ['admin'],
      params: UserName,
    },
    async ({ params }) => ({ name: params.name, ended: await deps.users.endSessionsOf(params.name) }),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/tokens',
      summary: 'Create an API token for an integration (shown once): ingest only unless read scopes are named; it expires',
      tag: 'admin',
      access: ['admin'],
      body: z
        .object({
          name: z.string().regex(USER_NAME, 'letters, digits, _ . - (1-64)'),
          scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length).optional(),
          days: z.number().int().min(1).max(366).optional(),
          // Kept for old clients: a token is an integration's, never a person's role.
          role: z.literal('integration', { error: 'API tokens have the integration role only: admin work is done signed in as a person' }).optional(),
        })
        .strict(),
    },
    async ({ body, principal }) => {
      const token = newSecretToken('owt_');
      const now = deps.clock.now();
      const scopes = [...new Set(body.scopes ?? DEFAULT_TOKEN_SCOPES)];
      const expiresAt = now + (body.days ?? deps.settings().auth.tokenDays) * DAY_MS;
      if (!(await deps.users.createApiToken({ tokenHash: tokenHash(token), name: body.name, role: 'integration', scopes, createdAt: now, expiresAt, createdBy: principal!.name }, now))) {
        throw new HttpError(409, `a live token named ${body.name} exists: revoke it first`);
      }
      return toWire({ name: body.name, role: 'integration', scopes, expiresAt, token });
    },
  );

  routes.add(
    { method: 'GET', url: '/api/v1/tokens', summary: 'API tokens: scopes, expiry, last use, revocation (never the secret)', tag: 'admin', access: ['admin'] },
    async () => toWire({ tokens: await deps.users.listApiTokens() }),
  );

  routes.add(
    { method: 'DELETE', url: '/api/v1/tokens/:name', summary: 'Revoke an API token: it stops working at once', tag: 'admin', access: ['admin'], params: UserName },
    async ({ params }) => {
      if (!(await deps.users.revokeApiToken(params.name, deps.clock.now()))) throw new HttpError(404, `no live token ${params.name}`);
      return { revoked: params.name };
    },
  );
}
