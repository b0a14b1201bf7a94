/**
 * TOKEN_SCOPES are what an API token may be allowed to do. A token can
 * ingest only unless it is given read scopes explicitly; no token can act
 * on incidents, administer users or tokens, or read the policy: those are
 * people's work, done signed in.
 */
export const TOKEN_SCOPES = ['ingest', 'orders:read', 'incidents:read', 'reports:read'] as const;

/** TokenScope is one thing an API token may do. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** DEFAULT_TOKEN_SCOPES is what a token gets when nobody names its scopes: ingest only. */
export const DEFAULT_TOKEN_SCOPES: readonly TokenScope[] = ['ingest'];

/** TOKEN_SCOPE_NAMES say in words what each scope opens. */
export const TOKEN_SCOPE_NAMES: Readonly<Record<TokenScope, { zh: string; en: string }>> = {
  ingest: { zh: '推送订单与事件', en: 'push orders and events (POST /api/v1/ingest/…)' },
  'orders:read': { zh: '查询订单、异常与待修正清单（手机号打码）', en: 'read orders, findings and the fix list (phones masked)' },
  'incidents:read': { zh: '查看事件、工单与实时事件流（手机号打码）', en: 'read incidents, tickets and the live event stream (phones masked)' },
  'reports:read': { zh: '查看看板、报表、导出与证据 PDF（手机号打码）', en: 'read the dashboard, reports, exports and evidence PDFs (phones masked)' },
};

/** isTokenScope narrows a string to a scope. */
export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

/**
 * READ_SCOPE_BY_TAG is the scope a token needs for a GET route of each API
 * tag. A tag not listed here (admin, auth, worker …) is closed to tokens.
 */
const READ_SCOPE_BY_TAG: Readonly<Record<string, TokenScope>> = {
  orders: 'orders:read',
  detection: 'orders:read',
  'fix-list': 'orders:read',
  incidents: 'incidents:read',
  notifications: 'incidents:read',
  dashboard: 'reports:read',
  reports: 'reports:read',
};

/**
 * tokenScopeOf says which scope a token needs to call a route: ingest for
 * signed ingest, a read scope by the route's tag for GET routes, none (closed
 * to tokens) for everything else.
 */
export function tokenScopeOf(route: { readonly method: string; readonly tag: string; readonly access: unknown }): TokenScope | undefined {
  if (route.access === 'signed') return 'ingest';
  if (route.method !== 'GET') return undefined;
  return READ_SCOPE_BY_TAG[route.tag];
}
