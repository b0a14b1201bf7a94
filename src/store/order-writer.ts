import { stageOfEvent, type OrderEvent } from '../domain/event.js';
import { lookupKeysOf, normaliseTracking } from '../domain/lookup-keys.js';
import type { Order, OrderId } from '../domain/order.js';
import { isClosedStage, isStage, stageRank, type Stage } from '../domain/stage.js';
import type { Instant } from '../domain/time.js';
import type { SqlDriver, SqlValue } from './sql/driver.js';
import type { IngestBatch, IngestOutcome, IngestResult } from './store.js';

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function existing<T>(tx: SqlDriver, sql: (marks: string) => string, ids: readonly string[], pick: (row: Record<string, unknown>) => [string, T]): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  for (const part of chunks(ids)) {
    const rows = await tx.all(sql(part.map(() => '?').join(',')), part);
    for (const row of rows) {
      const [k, v] = pick(row);
      found.set(k, v);
    }
  }
  return found;
}

const ORDER_COLUMNS = [
  'id', 'channel', 'shop', 'channel_order_id', 'channel_status', 'stage', 'stage_entered_at', 'placed_at', 'paid_at',
  'modified_at', 'promised_ship_by', 'promised_delivery_by', 'paid_fen', 'customer_tier', 'province', 'warehouse',
  'batch', 'is_open', 'ingested_at', 'doc',
] as const;

function orderRow(order: Order, receivedAt: Instant, start: StagePoint | undefined): SqlValue[] {
  const stage: Stage = start?.stage ?? (order.paidAt !== undefined ? 'paid' : 'pending_payment');
  return [
    order.id, order.channel, order.shop ?? null, order.channelOrderId, order.channelStatus ?? null, stage,
    start?.at ?? order.paidAt ?? order.placedAt, order.placedAt, order.paidAt ?? null, order.modifiedAt,
    order.promisedShipBy ?? null, order.promisedDeliveryBy ?? null, order.paidFen, order.customer.tier,
    order.receiver.province ?? null, start?.warehouse ?? order.warehouse ?? null, start?.batch ?? order.batch ?? null,
    isClosedStage(stage) ? 0 : 1, receivedAt, JSON.stringify(order),
  ];
}

/**
 * MARK_DUE makes an order due for judgement now, unless it is due earlier
 * already. Next checks live in their own narrow table (order_checks): a
 * claim or a verdict rewrites a 20-byte row, not the order's document. A
 * worker that claimed the order (next check moved ahead) sees it due again.
 */
const MARK_DUE = `INSERT INTO order_checks (order_id, next_check_at) VALUES (?, CAST(? AS BIGINT))
  ON CONFLICT (order_id) DO UPDATE SET next_check_at = CASE WHEN order_checks.next_check_at > excluded.next_check_at THEN excluded.next_check_at ELSE order_checks.next_check_at END`;

/**
 * dueAt is when an order that just arrived or changed falls due for
 * judgement: now, or its promise if that has already passed. The worker
 * claims the longest-due first (and the newest), so in a peak's backlog an
 * order already past its ship-by or delivery promise is judged before
 * thousands of fresh ones that arrived ahead of it (a late order waited
 * 2.4 s behind a 20,000-order burst for its notification).
 */
export function dueAt(order: Pick<Order, 'promisedShipBy' | 'promisedDeliveryBy'>, receivedAt: Instant): Instant {
  return Math.min(receivedAt, order.promisedShipBy ?? receivedAt, order.promisedDeliveryBy ?? receivedAt);
}

const UPDATE_ORDER = `UPDATE orders SET channel = ?, shop = ?, channel_order_id = ?, channel_status = ?, placed_at = ?, paid_at = ?,
  modified_at = ?, promised_ship_by = ?, promised_delivery_by = ?, paid_fen = ?, customer_tier = ?, province = ?,
  warehouse = COALESCE(?, warehouse), batch = COALESCE(?, batch), ingested_at = ?, doc = ?
  WHERE id = ? AND modified_at < ?`;

function updateParams(order: Order, receivedAt: Instant): SqlValue[] {
  return [
    order.channel, order.shop ?? null, order.channelOrderId, order.channelStatus ?? null, order.placedAt, order.paidAt ?? null,
    order.modifiedAt, order.promisedShipBy ?? null, order.promisedDeliveryBy ?? null, order.paidFen, order.customer.tier,
    order.receiver.province ?? null, order.warehouse ?? null, order.batch ?? null, receivedAt, JSON.stringify(order),
    order.id, order.modifiedAt,
  ];
}

function eventColumns(event: OrderEvent, orderId: OrderId | undefined, receivedAt: Instant): SqlValue[] {
  const sku = event.kind === 'inventory_level' || event.kind === 'inventory_change' ? event.sku : null;
  const warehouse = 'warehouse' in event ? (event.warehouse ?? null) : null;
  const stage = stageOfEvent(event) ?? null;
  const batch = event.kind === 'stage' ? (event.batch ?? null) : null;
  const tracking = event.kind === 'logistics' ? normaliseTracking(event.trackingNo) : null;
  const doc = orderId !== undefined && event.kind === 'logistics' && event.orderId === undefined ? { ...event, orderId } : event;
  return [event.id, event.kind, orderId ?? null, stage, sku, warehouse, batch, tracking, event.occurredAt, receivedAt, event.source, JSON.stringify(doc)];
}

/**
 * writeBatch stores a batch idempotently inside the caller's transaction:
 * unknown orders are inserted, newer versions replace older ones (by the
 * source's modified time, never the reverse), known events are skipped, and
 * every touched order's stage is re-derived from its stage events by time,
 * so events that arrive out of order land where they belong.
 */
export async function writeBatch(tx: SqlDriver, batch: IngestBatch, receivedAt: Instant): Promise<IngestResult> {
  const orderOutcomes: IngestOutcome[] = new Array<IngestOutcome>(batch.orders.length).fill('duplicate');
  const touched = new Set<OrderId>();

  // Within a batch the newest version of each order wins; the rest are duplicates.
  const newestIndex = new Map<OrderId, number>();
  batch.orders.forEach((order, i) => {
    const prev = newestIndex.get(order.id);
    if (prev === undefined || batch.orders[prev]!.modifiedAt < order.modifiedAt) newestIndex.set(order.id, i);
  });
  // New orders start in the stage their own events in this batch say; only
  // orders with history elsewhere (updates, events that came first) are
  // re-derived from the stored events below. Inserting first and looking up
  // only what was already there keeps a bulk import to one write per row.
  const batchStages = latestStages(batch.events);
  const candidates = [...newestIndex.values()].map((i) => batch.orders[i]!);
  const insertedIds = await tx.insertNew('orders', ORDER_COLUMNS, candidates.map((o) => orderRow(o, receivedAt, batchStages.get(o.id))), 'id');
  const inserts = candidates.filter((o) => insertedIds.has(o.id));
  const known = await existing(
    tx,
    (m) => `SELECT id, modified_at, doc FROM orders WHERE id IN (${m})`,
    candidates.filter((o) => !insertedIds.has(o.id)).map((o) => o.id),
    (r) => [String(r.id), { version: Number(r.modified_at), doc: String(r.doc) }],
  );
  const updates: Array<{ order: Order; previous: Order }> = [];
  for (const [id, i] of newestIndex) {
    const order = batch.orders[i]!;
    const stored = known.get(id);
    if (insertedIds.has(id)) orderOutcomes[i] = 'accepted';
    else if (stored !== undefined && stored.version < order.modifiedAt) {
      updates.push({ order, previous: JSON.parse(stored.doc) as Order });
      orderOutcomes[i] = 'updated';
    }
  }

  const hadEvents = await existing(tx, (m) => `SELECT DISTINCT order_id FROM events WHERE order_id IN (${m})`, inserts.map((o) => o.id), (r) => [String(r.order_id), true]);
  for (const { order, previous } of updates) {
    await tx.run(UPDATE_ORDER, updateParams(order, receivedAt));
    await tx.run(MARK_DUE, [order.id, dueAt(order, receivedAt)]);
    await tx.run('DELETE FROM order_items WHERE order_id = ?', [order.id]);
    // Tracking keys stay: a carrier's track may have added them.
    for (const key of lookupKeysOf(previous)) {
      if (!key.startsWith('t:')) await tx.run('DELETE FROM order_keys WHERE lookup_key = ? AND order_id = ?', [key, order.id]);
    }
    touched.add(order.id);
  }
  for (const id of hadEvents.keys()) touched.add(id);
  const written = [...inserts, ...updates.map((u) => u.order)];
  await tx.insertMany(
    'order_items',
    ['order_id', 'line_no', 'sku', 'quantity', 'unit_price_fen', 'category', 'placed_at'],
    written.flatMap((o) => o.items.map((item, line) => [o.id, line + 1, item.sku, item.quantity, item.unitPriceFen, item.category ?? null, o.placedAt])),
    'ON CONFLICT (order_id, line_no) DO NOTHING',
  );
  const keyRows = new Map<string, SqlValue[]>();
  for (const o of written) {
    for (const key of lookupKeysOf(o)) keyRows.set(`${key}\u0000${o.id}`, [key, o.id]);
  }

  const newOrders = new Set(inserts.map((o) => o.id));
  const due = new Set<OrderId>();
  const eventOutcomes = await writeEvents(tx, batch, receivedAt, touched, keyRows, newOrders, due);
  // Anything new about a known order makes it due for judgement now.
  for (const id of due) await tx.run(MARK_DUE, [id, receivedAt]);
  // New orders are judged as soon as a worker gets to them.
  await tx.insertMany('order_checks', ['order_id', 'next_check_at'], inserts.map((o) => [o.id, dueAt(o, receivedAt)]), 'ON CONFLICT (order_id) DO NOTHING');
  await tx.insertMany('order_keys', ['lookup_key', 'order_id'], [...keyRows.values()], 'ON CONFLICT (lookup_key, order_id) DO NOTHING');
  await writeAttachments(tx, batch, receivedAt);
  await restage(tx, [...touched]);
  return { orders: orderOutcomes, events: eventOutcomes };
}

interface StagePoint {
  readonly stage: Stage;
  readonly at: number;
  readonly warehouse?: string | undefined;
  readonly batch?: string | undefined;
}

/** laterStage tells whether `next` supersedes `current`: a later time, or the later stage at the same time. */
function laterStage(current: StagePoint | undefined, next: StagePoint): boolean {
  return !current || current.at < next.at || (current.at === next.at && stageRank(current.stage) <= stageRank(next.stage));
}

function latestStages(events: readonly OrderEvent[]): Map<OrderId, StagePoint> {
  const latest = new Map<OrderId, StagePoint>();
  for (const e of events) {
    const stage = stageOfEvent(e);
    if (stage === undefined || !('orderId' in e) || e.orderId === undefined) continue;
    const prev = latest.get(e.orderId);
    const named = e.kind === 'stage' ? e : undefined;
    const point = { stage, at: e.occurredAt, warehouse: named?.warehouse ?? prev?.warehouse, batch: named?.batch ?? prev?.batch };
    if (laterStage(prev, point)) latest.set(e.orderId, point);
  }
  return latest;
}

async function writeEvents(
  tx: SqlDriver,
  batch: IngestBatch,
  receivedAt: Instant,
  touched: Set<OrderId>,
  keyRows: Map<string, SqlValue[]>,
  newOrders: ReadonlySet<OrderId>,
  due: Set<OrderId>,
): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = new Array<IngestOutcome>(batch.events.length).fill('duplicate');
  const firstIndex = new Map<string, number>();
  batch.events.forEach((e, i) => {
    if (!firstIndex.has(e.id)) firstIndex.set(e.id, i);
  });

  // A carrier's track often names only the tracking number: find its order.
  const unresolved = new Set<string>();
  for (const i of firstIndex.values()) {
    const e = batch.events[i]!;
    if (e.kind === 'logistics' && e.orderId === undefined) unresolved.add(`t:${normaliseTracking(e.trackingNo)}`);
  }
  const byTracking = await existing(tx, (m) => `SELECT lookup_key, order_id FROM order_keys WHERE lookup_key IN (${m})`, [...unresolved], (r) => [String(r.lookup_key), String(r.order_id)]);
  for (const row of keyRows.values()) {
    if (typeof row[0] === 'string' && row[0].startsWith('t:') && !byTracking.has(row[0])) byTracking.set(row[0], String(row[1]));
  }
  const orderOf = (e: OrderEvent): OrderId | undefined =>
    ('orderId' in e ? e.orderId : undefined) ?? (e.kind === 'logistics' ? byTracking.get(`t:${normaliseTracking(e.trackingNo)}`) : undefined);

  const inserted = await tx.insertNew(
    'events',
    ['id', 'kind', 'order_id', 'stage', 'sku', 'warehouse', 'batch', 'tracking_no', 'occurred_at', 'received_at', 'source', 'doc'],
    [...firstIndex.values()].map((i) => eventColumns(batch.events[i]!, orderOf(batch.events[i]!), receivedAt)),
    'id',
  );
  const levels: SqlValue[][] = [];
  const tracked = new Set<OrderId>();
  for (const [id, i] of firstIndex) {
    if (!inserted.has(id)) continue;
    const e = batch.events[i]!;
    outcomes[i] = 'accepted';
    const orderId = orderOf(e);
    if (e.kind === 'logistics' && orderId !== undefined) {
      const key = `t:${normaliseTracking(e.trackingNo)}`;
      keyRows.set(`${key}\u0000${orderId}`, [key, orderId]);
      tracked.add(orderId);
    }
    if (e.kind === 'inventory_level') levels.push([e.sku, e.warehouse, e.available, e.reserved, e.occurredAt]);
    // A new order's own stage events were applied when it was inserted.
    if (orderId !== undefined && stageOfEvent(e) !== undefined && !newOrders.has(orderId)) touched.add(orderId);
    if (orderId !== undefined && !newOrders.has(orderId)) due.add(orderId);
  }
  // A carrier feed reports on this shop's parcels: its shipped orders are watched for pickup from now on.
  for (const part of chunks([...tracked])) {
    await tx.run(
      `INSERT INTO tracking_feeds (shop_key, first_seen_at) SELECT DISTINCT channel || ':' || COALESCE(shop, ''), CAST(? AS BIGINT) FROM orders WHERE id IN (${part.map(() => '?').join(',')}) ON CONFLICT (shop_key) DO NOTHING`,
      [receivedAt, ...part],
    );
  }
  for (const level of dedupeLevels(levels)) {
    await tx.run(
      `INSERT INTO inventory_levels (sku, warehouse, available, reserved, synced_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sku, warehouse) DO UPDATE SET available = excluded.available, reserved = excluded.reserved, synced_at = excluded.synced_at
       WHERE inventory_levels.synced_at < excluded.synced_at`,
      level,
    );
  }
  return outcomes;
}

// Only the newest reading per SKU × warehouse matters.
function dedupeLevels(levels: SqlValue[][]): SqlValue[][] {
  const newest = new Map<string, SqlValue[]>();
  for (const l of levels) {
    const key = `${String(l[0])}\u0000${String(l[1])}`;
    const prev = newest.get(key);
    if (!prev || Number(prev[4]) < Number(l[4])) newest.set(key, l);
  }
  return [...newest.values()];
}

async function writeAttachments(tx: SqlDriver, batch: IngestBatch, receivedAt: Instant): Promise<void> {
  if (batch.attachments.size === 0) return;
  await tx.insertMany(
    'attachments',
    ['id', 'filename', 'content_type', 'size', 'bytes', 'created_at'],
    [...batch.attachments].map(([id, a]) => [id, a.filename, a.contentType, a.bytes.length, a.bytes, receivedAt]),
    'ON CONFLICT (id) DO NOTHING',
  );
}

/**
 * restage sets each order's current stage to its latest stage event by
 * event time (at equal times the later stage wins), and its warehouse and
 * batch to the latest ones any stage event named.
 */
async function restage(tx: SqlDriver, orderIds: readonly OrderId[]): Promise<void> {
  for (const part of chunks(orderIds)) {
    const rows = await tx.all<{ order_id: string; stage: string; occurred_at: number; warehouse: string | null; batch: string | null }>(
      `SELECT order_id, stage, occurred_at, warehouse, batch FROM events WHERE stage IS NOT NULL AND order_id IN (${part.map(() => '?').join(',')})`,
      part,
    );
    const latest = new Map<string, StagePoint>();
    const sorted = rows.sort((a, b) => Number(a.occurred_at) - Number(b.occurred_at));
    for (const r of sorted) {
      if (!isStage(r.stage)) continue;
      const prev = latest.get(r.order_id);
      const point = { stage: r.stage, at: Number(r.occurred_at), warehouse: r.warehouse ?? prev?.warehouse, batch: r.batch ?? prev?.batch };
      latest.set(r.order_id, laterStage(prev, point) ? point : { ...prev!, warehouse: point.warehouse, batch: point.batch });
    }
    for (const [id, s] of latest) {
      await tx.run(
        `UPDATE orders SET stage = ?, stage_entered_at = ?, is_open = ?, warehouse = COALESCE(?, warehouse), batch = COALESCE(?, batch) WHERE id = ?`,
        [s.stage, s.at, isClosedStage(s.stage) ? 0 : 1, s.warehouse ?? null, s.batch ?? null, id],
      );
    }
  }
}
