import type { Attachment, ContactEvent, InventoryLevel, LogisticsEvent, OrderEvent } from '../domain/event.js';
import { lookupKeysForQuery } from '../domain/lookup-keys.js';
import type { Order, OrderId, StoredOrder } from '../domain/order.js';
import type { Stage } from '../domain/stage.js';
import type { SqlDriver } from './sql/driver.js';
import type { Order360, OrderSummary } from './store.js';

interface OrderRow {
  id: string;
  stage: string;
  stage_entered_at: number;
  ingested_at: number;
  warehouse: string | null;
  batch: string | null;
  doc: string;
}

/** storedOrderOf rebuilds a stored order from its row: the document plus the derived columns. */
export function storedOrderOf(row: OrderRow): StoredOrder {
  const order = JSON.parse(row.doc) as Order;
  return {
    ...order,
    ...(row.warehouse !== null ? { warehouse: row.warehouse } : {}),
    ...(row.batch !== null ? { batch: row.batch } : {}),
    stage: row.stage as Stage,
    stageEnteredAt: Number(row.stage_entered_at),
    ingestedAt: Number(row.ingested_at),
  };
}

/** summaryOf condenses an order for a search result row. */
export function summaryOf(order: StoredOrder): OrderSummary {
  const r = order.receiver;
  return {
    id: order.id,
    channel: order.channel,
    ...(order.shop !== undefined ? { shop: order.shop } : {}),
    channelOrderId: order.channelOrderId,
    stage: order.stage,
    stageEnteredAt: order.stageEnteredAt,
    placedAt: order.placedAt,
    paidFen: order.paidFen,
    ...(r.name !== undefined ? { receiverName: r.name } : {}),
    ...(r.phone !== undefined ? { phone: r.phone.raw } : {}),
    ...(r.province !== undefined ? { province: r.province } : {}),
    ...(r.city !== undefined ? { city: r.city } : {}),
    ...(order.items[0]?.title !== undefined ? { firstItemTitle: order.items[0].title } : {}),
    trackingNos: order.shipments.map((s) => s.trackingNo),
  };
}

const ORDER_SELECT = 'SELECT id, stage, stage_entered_at, ingested_at, warehouse, batch, doc FROM orders';

/** OrderReader answers lookups and the order 360 view. */
export class OrderReader {
  constructor(private readonly db: SqlDriver) {}

  async lookup(query: string, limit = 50): Promise<OrderSummary[]> {
    const keys = lookupKeysForQuery(query).slice(0, 20);
    if (keys.length === 0) return [];
    const capped = Math.min(Math.max(1, Math.trunc(limit)), 200);
    // Newest first: the customer on the phone usually means their latest order.
    const rows = await this.db.all<OrderRow>(
      `SELECT o.id, o.stage, o.stage_entered_at, o.ingested_at, o.warehouse, o.batch, o.doc
         FROM orders o JOIN (SELECT DISTINCT order_id FROM order_keys WHERE lookup_key IN (${keys.map(() => '?').join(',')})) k ON k.order_id = o.id
        ORDER BY o.placed_at DESC, o.id LIMIT ?`,
      [...keys, capped],
    );
    return rows.map((row) => summaryOf(storedOrderOf(row)));
  }

  async getOrder(id: OrderId): Promise<StoredOrder | undefined> {
    const rows = await this.db.all<OrderRow>(`${ORDER_SELECT} WHERE id = ?`, [id]);
    return rows[0] ? storedOrderOf(rows[0]) : undefined;
  }

  async getOrders(ids: readonly OrderId[]): Promise<Map<OrderId, StoredOrder>> {
    const out = new Map<OrderId, StoredOrder>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const part = unique.slice(i, i + 500);
      for (const row of await this.db.all<OrderRow>(`${ORDER_SELECT} WHERE id IN (${part.map(() => '?').join(',')})`, part)) out.set(row.id, storedOrderOf(row));
    }
    return out;
  }

  async getOrder360(id: OrderId): Promise<Order360 | undefined> {
    const order = await this.getOrder(id);
    if (!order) return undefined;
    const events = await this.db.all<{ doc: string }>('SELECT doc FROM events WHERE order_id = ? ORDER BY occurred_at, id LIMIT 5000', [id]);
    const timeline = events.map((e) => JSON.parse(e.doc) as OrderEvent);
    const skus = [...new Set(order.items.map((i) => i.sku))].slice(0, 50);
    let levels: InventoryLevel[] = [];
    let changes: OrderEvent[] = [];
    if (skus.length > 0) {
      const marks = skus.map(() => '?').join(',');
      levels = (
        await this.db.all<{ sku: string; warehouse: string; available: number; reserved: number; synced_at: number }>(
          `SELECT sku, warehouse, available, reserved, synced_at FROM inventory_levels WHERE sku IN (${marks}) ORDER BY sku, warehouse`,
          skus,
        )
      ).map((r) => ({ sku: r.sku, warehouse: r.warehouse, available: Number(r.available), reserved: Number(r.reserved), syncedAt: Number(r.synced_at) }));
      // The stock movements around the order's life: from a week before it was placed on.
      changes = (
        await this.db.all<{ doc: string }>(
          `SELECT doc FROM events WHERE sku IN (${marks}) AND occurred_at >= ? ORDER BY occurred_at, id LIMIT 500`,
          [...skus, order.placedAt - 7 * 86_400_000],
        )
      ).map((r) => JSON.parse(r.doc) as OrderEvent);
    }
    return {
      order,
      timeline,
      logistics: timeline.filter((e): e is LogisticsEvent => e.kind === 'logistics'),
      contacts: timeline.filter((e): e is ContactEvent => e.kind === 'contact'),
      inventory: { levels, changes },
    };
  }

  async getAttachment(id: string): Promise<{ meta: Attachment; bytes: Uint8Array } | undefined> {
    const rows = await this.db.all<{ id: string; filename: string; content_type: string; size: number; bytes: Uint8Array }>(
      'SELECT id, filename, content_type, size, bytes FROM attachments WHERE id = ?',
      [id],
    );
    const r = rows[0];
    if (!r) return undefined;
    return { meta: { id: r.id, filename: r.filename, contentType: r.content_type, size: Number(r.size) }, bytes: r.bytes };
  }

  async countOrders(): Promise<number> {
    const rows = await this.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM orders');
    return Number(rows[0]?.n ?? 0);
  }
}
