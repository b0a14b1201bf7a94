import { z } from 'zod';
import type { DetectionStore } from '../../store/detection-store.js';
import type { ResponseStore } from '../../store/response-store.js';
import type { Clock } from '../../domain/time.js';
import type { OrderStore } from '../../store/store.js';
import { order360For, orderSummaryFor } from '../phone-visibility.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

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

/** registerOrderRoutes adds search and the order 360. */
export function registerOrderRoutes(routes: RouteRegistry, deps: { orders: OrderStore; detection: DetectionStore; response: ResponseStore; clock: Clock }): void {
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
      const found = await deps.orders.lookup(query.q, query.limit);
      return toWire({ query: query.q, orders: found.map((o) => orderSummaryFor(o, principal!.role)) });
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
      responseDescription: 'order, timeline (sorted by time), logistics, contacts, inventory {levels, changes}, findings, exemptions, incidents, messages sent about it, its take-over (pause) if any',
    },
    async ({ params, principal }) => {
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
      return toWire({ ...order360For(view, principal!.role), findings, exemptions, incidents, messages, ...(paused.get(params.id) ? { pause: paused.get(params.id) } : {}) });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/attachments/:id',
      summary: 'The bytes of a contact attachment (e.g. a chat screenshot)',
      tag: 'orders',
      access: 'any-user',
      params: z.object({ id: z.string().regex(/^[0-9a-zA-Z_-]{1,64}$/) }),
      responseDescription: 'the file, with its content type',
    },
    async ({ params, reply }) => {
      const found = await deps.orders.getAttachment(params.id);
      if (!found) throw new HttpError(404, `no attachment ${params.id}`);
      void reply.header('content-type', found.meta.contentType);
      void reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(found.meta.filename)}`);
      void reply.header('x-content-type-options', 'nosniff');
      return Buffer.from(found.bytes);
    },
  );
}
