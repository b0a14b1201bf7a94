import type { InventoryChangeEvent, InventoryLevelEvent } from '../../domain/event.js';
import type { StoredOrder } from '../../domain/order.js';
import { HOUR_MS, type Instant } from '../../domain/time.js';
import type { StockQuery } from '../../store/report-store.js';

/** How far before the order the window starts: far enough to hold the ERP reading its stock was judged on. */
export const STOCK_LOOKBACK_MS = 48 * HOUR_MS;
/** How far after the order the window reaches when it never left the warehouse. */
export const STOCK_LOOKAHEAD_MS = 7 * 24 * HOUR_MS;
/** The most readings the appendix lists; the short ones and the one before the order always stay. */
export const MAX_READINGS = 40;

/** StockCheck is what the ERP said about one SKU of the order just before it was placed. */
export interface StockCheck {
  readonly sku: string;
  readonly quantity: number;
  readonly reading: InventoryLevelEvent;
  /** available − reserved: what could still be sold. */
  readonly free: number;
  /** free < quantity: the order was sold without stock behind it. */
  readonly short: boolean;
}

/** StockRow is one line of the stock appendix, marked when it is the order's own or shows too little stock. */
export interface StockRow {
  readonly event: InventoryLevelEvent | InventoryChangeEvent;
  readonly own: boolean;
  /** A reading whose free stock (available − reserved) is below zero: sold beyond stock. */
  readonly short: boolean;
}

/**
 * StockWindow is the stock evidence of one order: the readings and
 * movements of its own SKUs in its own warehouse, from two days before it
 * was placed until it left the warehouse. Only its own movements and the
 * readings are listed; other orders' movements are counted by reason.
 */
export interface StockWindow {
  readonly warehouse?: string;
  readonly from: Instant;
  readonly to: Instant;
  readonly checks: readonly StockCheck[];
  readonly rows: readonly StockRow[];
  /** Readings in the window left out of `rows` (a busy SKU reads hourly). */
  readonly readingsLeftOut: number;
  /** Other orders' movements in the window, by reason. */
  readonly others: ReadonlyMap<string, number>;
  /** Readings in the window whose free stock was below zero. */
  readonly shortReadings: number;
  /** The query hit its limit: there were more movements than read. */
  readonly truncated: boolean;
}

/** stockQueryOf is the window of an order's stock evidence, as a store query. */
export function stockQueryOf(order: StoredOrder, events: readonly { readonly kind: string; readonly occurredAt: Instant; readonly stage?: string; readonly orderId?: string; readonly reason?: string }[], now: Instant, limit = 5000): StockQuery {
  const left = events.find((e) => (e.kind === 'stage' && e.stage === 'shipped') || (e.kind === 'inventory_change' && e.reason === 'outbound'))?.occurredAt;
  const end = Math.min(now, (left ?? order.placedAt + STOCK_LOOKAHEAD_MS) + 6 * HOUR_MS);
  return {
    skus: [...new Set(order.items.map((i) => i.sku))].slice(0, 20),
    ...(order.warehouse !== undefined ? { warehouse: order.warehouse } : {}),
    from: order.placedAt - STOCK_LOOKBACK_MS,
    to: Math.max(end, order.placedAt + 1),
    limit,
  };
}

const freeOf = (l: InventoryLevelEvent): number => l.available - l.reserved;

/** stockWindowOf reads an order's stock evidence out of the movements of its window. */
export function stockWindowOf(order: StoredOrder, query: StockQuery, events: ReadonlyArray<InventoryLevelEvent | InventoryChangeEvent>): StockWindow {
  const quantities = new Map<string, number>();
  for (const item of order.items) quantities.set(item.sku, (quantities.get(item.sku) ?? 0) + item.quantity);
  const readings = events.filter((e): e is InventoryLevelEvent => e.kind === 'inventory_level');
  const checks: StockCheck[] = [];
  for (const [sku, quantity] of quantities) {
    const reading = readings.filter((r) => r.sku === sku && r.occurredAt <= order.placedAt).at(-1);
    if (reading) checks.push({ sku, quantity, reading, free: freeOf(reading), short: freeOf(reading) < quantity });
  }
  const others = new Map<string, number>();
  const own: StockRow[] = [];
  for (const e of events) {
    if (e.kind !== 'inventory_change') continue;
    if (e.orderId === order.id) own.push({ event: e, own: true, short: false });
    else others.set(e.reason, (others.get(e.reason) ?? 0) + 1);
  }
  // Readings from the one the order was judged on; keep the short ones, thin the rest evenly.
  const firstShown = Math.min(...checks.map((c) => c.reading.occurredAt), order.placedAt);
  const shown = readings.filter((r) => r.occurredAt >= firstShown);
  const shortReadings = readings.filter((r) => freeOf(r) < 0).length;
  const keep = new Set<InventoryLevelEvent>([...shown.filter((r) => freeOf(r) < 0 || checks.some((c) => c.reading === r))]);
  const rest = shown.filter((r) => !keep.has(r));
  const room = Math.max(0, MAX_READINGS - keep.size);
  if (rest.length <= room) for (const r of rest) keep.add(r);
  else for (let i = 0; i < room; i++) keep.add(rest[Math.floor((i * rest.length) / room)]!);
  const listed = shown.filter((r) => keep.has(r));
  const rows: StockRow[] = [...listed.map((r) => ({ event: r, own: false, short: freeOf(r) < 0 })), ...own].sort((a, b) => a.event.occurredAt - b.event.occurredAt);
  return {
    ...(query.warehouse !== undefined ? { warehouse: query.warehouse } : {}),
    from: query.from,
    to: query.to,
    checks,
    rows,
    readingsLeftOut: readings.length - listed.length,
    others,
    shortReadings,
    truncated: events.length >= query.limit,
  };
}
