import { z } from 'zod';
import { lookupKeysForQuery, normaliseTracking } from '../../domain/lookup-keys.js';
import { DISCLOSURE, maskerFor } from '../../domain/masking.js';
import { ROLES, type Role } from '../../domain/role.js';
import type { DetectionStore } from '../../store/detection-store.js';
import type { ResponseStore } from '../../store/response-store.js';
import type { Clock } from '../../domain/time.js';
import type { OrderStore, OrderSummary } from '../../store/store.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';
import { orderPenalty, type OrderPenalty, type PenaltySettings } from '../../respond/penalty/index.js';

const OrderSummarySchema = z.object({
  id: z.string(),
  channel: z.string(),
  shop: z.string().optional(),
  channelOrderId: z.string(),
  stage: z.string(),
  stageEnteredAt: z.string(),
  placedAt: z.string(),
  paidFen: z.number().int(),
  receiverName: z.string().optional(),
  phone: z.string().optional(),
  province: z.string().optional(),
  city: z.string().optional(),
  firstItemTitle: z.string().optional(),
  trackingNos: z.array(z.string()),
});

/** PHONE_ROLES may see customers' phones, and so the screenshots of chats that show them. */
const PHONE_ROLES: readonly Role[] = ROLES.filter((r) => DISCLOSURE[r].phone === 'full');

/** revealsPhone tells a query that names more of a phone than a masked role sees (a full number, the 7-digit head). */
function revealsPhone(q: string): boolean {
  return lookupKeysForQuery(q).some((k) => k.startsWith('p:') || k.startsWith('h:'));
}

/**
 * findFor searches as the role may: a role that sees phones masked cannot
 * confirm a full phone by finding its orders, so such a query finds only
 * what it names as an order or tracking number, and is refused otherwise —
 * the same answer whether or not an order has that phone.
 */
async function findFor(orders: OrderStore, q: string, limit: number, role: Role): Promise<OrderSummary[]> {
  const found = await orders.lookup(q, limit);
  if (maskerFor(role).disclosure.phone === 'full' || !revealsPhone(q)) return found;
  const compact = q.trim().replace(/\s+/g, '');
  const named = found.filter((o) => o.channelOrderId === compact || o.trackingNos.some((t) => normaliseTracking(t) === normaliseTracking(compact)));
  if (named.length > 0) return named;
  throw new HttpError(403, 'your role sees phones masked: search by the last 4 digits or the masked form (138****5678)', {
    zh: '您的角色只能看到打码的手机号：请用后四位或 138****5678 的形式搜索',
    en: 'your role sees phones masked: search by the last 4 digits or the masked form (138****5678)',
  });
}

/** registerOrderRoutes adds search and the order 360. */
export function registerOrderRoutes(routes: RouteRegistry, deps: { orders: OrderStore; detection: DetectionStore; response: ResponseStore; clock: Clock; penalty?: () => PenaltySettings }): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/v1/orders',
      summary: 'Find orders by any channel order number, full phone, last 4 digits, masked phone, receiver name or tracking number',
      tag: 'orders',
      access: 'any-user',
      query: z.object({ q: z.string().trim().min(1, 'type something to search for').max(100), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
      response: z.object({ query: z.string(), orders: z.array(OrderSummarySchema) }),
    },
    async ({ query, principal }) => {
      const found = await findFor(deps.orders, query.q, query.limit, principal!.role);
      return toWire({ query: query.q, orders: found });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/orders/:id',
      summary: 'Order 360: the order, its timeline, logistics, contacts and the stock of its SKUs',
      tag: 'orders',
      access: 'any-user',
      params: z.object({ id: z.string().min(3).max(120) }),
      responseDescription:
        'order, timeline (sorted by time), logistics, contacts, inventory {levels, changes}, findings, exemptions, incidents, messages sent about it, its take-over (pause) if any, and penalty {amount (yuan, null when the platform rule is unknown), amountFen, deadlineAt, incurred, msLeft, rule {id, label, source}} while it is unshipped on a channel with a late-shipment rule',
    },
    async ({ params }) => {
      // Masked to the caller's role at the API's exit (server.ts): phones, names, street, screenshots.
      const view = await deps.orders.getOrder360(params.id);
      if (!view) throw new HttpError(404, `no order ${params.id}`);
      const [findings, exemptions, incidents, paused] = await Promise.all([
        deps.detection.findings({ orderId: params.id }),
        deps.detection.exemptions(params.id),
        deps.response.incidentsOfOrder(params.id),
        deps.response.pausedOrders([params.id], deps.clock.now()),
      ]);
      // Messages about the order: those of its incidents (group incidents' messages included).
      const messages = (await Promise.all(incidents.slice(0, 20).map((i) => deps.response.outbox({ incidentId: i.id, limit: 50 })))).flat().map(({ message, ...rest }) => ({ ...rest, title: message.title }));
      const penalty = orderPenalty(view.order, deps.clock.now(), deps.penalty?.());
      return toWire({ ...view, findings, exemptions, incidents, messages, ...(paused.get(params.id) ? { pause: paused.get(params.id) } : {}), ...(penalty ? { penalty: penaltyWire(penalty, deps.clock.now()) } : {}) });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/attachments/:id',
      summary: 'The bytes of a contact attachment (e.g. a chat screenshot): for the roles that see phones, as a screenshot may show one',
      tag: 'orders',
      access: PHONE_ROLES,
      params: z.object({ id: z.string().regex(/^[0-9a-zA-Z_-]{1,64}$/) }),
      responseDescription: 'the file, with its content type',
    },
    async ({ params, reply }) => {
      const found = await deps.orders.getAttachment(params.id);
      if (!found) throw new HttpError(404, `no attachment ${params.id}`);
      void reply.header('content-type', found.meta.contentType);
      void reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(found.meta.filename)}`);
      // An uploaded file is never run as a page of ours (an SVG or HTML "screenshot").
      void reply.header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
      return Buffer.from(found.bytes);
    },
  );
}

/** penaltyWire is an order's money at stake as the API shows it: yuan beside fen, and the time left to avoid it. */
export function penaltyWire(p: OrderPenalty, now: number): object {
  return { amount: p.amountFen === null ? null : p.amountFen / 100, amountFen: p.amountFen, deadlineAt: p.deadlineAt, incurred: p.incurred, msLeft: p.deadlineAt - now, rule: p.rule };
}
