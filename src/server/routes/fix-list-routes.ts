import { z } from 'zod';
import { FINDING_CODES } from '../../domain/finding.js';
import { maskPhonesIn } from '../../domain/masking.js';
import { maskPhone } from '../../domain/phone.js';
import { seesFullPhone, type Role } from '../../domain/role.js';
import type { Clock } from '../../domain/time.js';
import type { FixCase, FixItem, FixListStore } from '../../store/fix-list-store.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

const WORKERS: readonly Role[] = ['agent', 'supervisor', 'ops_manager', 'executive', 'admin'];

/** A buyer case's buyer is a phone number (or a name): masked for roles that do not call customers. */
function caseFor(c: FixCase, role: Role): FixCase {
  if (seesFullPhone(role) || c.buyer === undefined || !/^\+?\d[\d-]{6,}$/.test(c.buyer)) return c;
  return { ...c, buyer: maskPhone(c.buyer), id: c.id };
}

function itemFor(i: FixItem, role: Role): FixItem {
  if (seesFullPhone(role)) return i;
  return { ...i, explanation: { zh: maskPhonesIn(i.explanation.zh), en: maskPhonesIn(i.explanation.en) }, evidence: JSON.parse(maskPhonesIn(JSON.stringify(i.evidence))) as FixItem['evidence'] };
}

/**
 * registerFixListRoutes adds the fix list: data-quality findings filed by
 * cause, shop and day (or buyer), which people work through in bulk —
 * mark a case's items fixed at the source, or dismiss them as not a problem.
 */
export function registerFixListRoutes(routes: RouteRegistry, deps: { fixList: FixListStore; clock: Clock }): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/v1/fix-list',
      summary: 'The fix list: data-quality cases by cause, shop and day (one buyer’s many orders are one case), open ones first',
      tag: 'fix-list',
      access: 'any-user',
      query: z
        .object({
          state: z.enum(['open', 'done']).optional(),
          cause: z.enum([...FINDING_CODES, 'buyer']).optional(),
          channel: z.string().max(40).optional(),
          shop: z.string().max(200).optional(),
          day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        })
        .strict(),
    },
    async ({ query, principal }) => {
      const { total, items } = await deps.fixList.cases({
        limit: query.limit,
        offset: query.offset,
        ...(query.state ? { state: query.state } : {}),
        ...(query.cause ? { cause: query.cause } : {}),
        ...(query.channel ? { channel: query.channel } : {}),
        ...(query.shop ? { shop: query.shop } : {}),
        ...(query.day ? { day: query.day } : {}),
      });
      return toWire({ total, cases: items.map((c) => caseFor(c, principal!.role)) });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/fix-list/:id',
      summary: 'One fix-list case with a page of its items (findings, with what was done about each)',
      tag: 'fix-list',
      access: 'any-user',
      params: z.object({ id: z.string().max(400) }),
      query: z.object({ state: z.enum(['open', 'fixed', 'dismissed']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) }).strict(),
    },
    async ({ params, query, principal }) => {
      const found = await deps.fixList.getCase(params.id);
      if (!found) throw new HttpError(404, `no fix-list case ${params.id}`);
      const page = await deps.fixList.caseItems(params.id, { limit: query.limit, offset: query.offset, ...(query.state ? { state: query.state } : {}) });
      return toWire({ case: caseFor(found, principal!.role), total: page.total, items: page.items.map((i) => itemFor(i, principal!.role)) });
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/fix-list/:id/actions',
      summary: 'Work a case in bulk: mark its open items (or the listed orders’) fixed or dismissed, or put handled ones back',
      tag: 'fix-list',
      access: WORKERS,
      params: z.object({ id: z.string().max(400) }),
      body: z.object({ type: z.enum(['fixed', 'dismissed', 'reopen']), orderIds: z.array(z.string().max(200)).max(10_000).optional() }).strict(),
    },
    async ({ params, body, principal }) => {
      const result = await deps.fixList.handle(params.id, body.type, principal!.name, deps.clock.now(), body.orderIds);
      if (!result) throw new HttpError(404, `no fix-list case ${params.id}`);
      return toWire({ case: caseFor(result.fixCase, principal!.role), changed: result.changed });
    },
  );
}
