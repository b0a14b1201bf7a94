import type { InventoryLevel } from '../domain/event.js';
import { HOUR_MS, type Instant } from '../domain/time.js';
import { priceStats } from '../detect/checks/index.js';
import type { ArrivalContext, ArrivalSettings, NeighbourOrder, PriceStats } from '../detect/facts.js';
import type { DetectionStore, OrderFactsRow } from '../store/detection-store.js';

/** pushTo appends a value to the list a map keeps under a key, starting the list when needed. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** shopKeyOf names the shop an order's parcels are tracked for: its channel and shop. */
export function shopKeyOf(order: { readonly channel: string; readonly shop?: string }): string {
  return `${order.channel}:${order.shop ?? ''}`;
}

/** PriceBook is the price history the outlier check compares with, computed once per scan. */
export interface PriceBook {
  readonly bySku: ReadonlyMap<string, PriceStats>;
  readonly byCategory: ReadonlyMap<string, PriceStats>;
}

/** loadPriceBook summarises every unit price sold per SKU and per category. */
export async function loadPriceBook(store: DetectionStore): Promise<PriceBook> {
  const bySku = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  for (const row of await store.unitPrices()) {
    pushTo(bySku, row.sku, row.unitPriceFen);
    if (row.category) pushTo(byCategory, row.category, row.unitPriceFen);
  }
  const summarise = (m: Map<string, number[]>): Map<string, PriceStats> => new Map([...m].map(([k, v]) => [k, priceStats(v)]));
  return { bySku: summarise(bySku), byCategory: summarise(byCategory) };
}

function neighbourOf(row: OrderFactsRow): NeighbourOrder {
  const o = row.order;
  const r = o.receiver;
  return {
    id: o.id,
    channel: o.channel,
    placedAt: o.placedAt,
    paidFen: o.paidFen,
    ...(r.name !== undefined ? { receiverName: r.name } : {}),
    ...(r.phone?.number !== undefined && (r.phone.kind === 'mobile' || r.phone.kind === 'landline') ? { phone: r.phone.number } : {}),
    address: [r.province, r.city, r.district, r.detail].filter(Boolean).join(''),
    basket: o.items.map((i) => `${i.sku}×${i.quantity}`).sort(),
    cancelled: o.stage === 'cancelled',
  };
}

function phoneKey(row: OrderFactsRow): string | undefined {
  const p = row.order.receiver.phone;
  return p?.number !== undefined && (p.kind === 'mobile' || p.kind === 'landline') ? `p:${p.number}` : undefined;
}

/**
 * neighbourKeys are the lookup keys an order's neighbours are fetched by:
 * its full phone and its receiver's name — not a masked name (张**), which
 * thousands of strangers share and no check compares.
 */
export function neighbourKeys(row: OrderFactsRow): string[] {
  const name = row.order.receiver.name?.replace(/\s+/g, '');
  return [phoneKey(row), name && !name.includes('*') ? `n:${name}` : undefined].filter((k): k is string => k !== undefined);
}

/** NEIGHBOURS_PER_KEY bounds the orders of one phone (or name) an order is compared with: the nearest in time. */
export const NEIGHBOURS_PER_KEY = 100;

/**
 * nearestInTime picks from a list sorted by placing time the NEIGHBOURS_PER_KEY
 * orders placed nearest to `at`. The duplicate and placeholder checks look at
 * a few hours around the order; a phone with 20,000 orders (a reseller, a
 * script) must not make every order compare with every other.
 */
export function nearestInTime(sorted: readonly NeighbourOrder[], at: number): readonly NeighbourOrder[] {
  if (sorted.length <= NEIGHBOURS_PER_KEY) return sorted;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.placedAt < at) lo = mid + 1;
    else hi = mid;
  }
  let from = lo;
  let to = lo;
  while (to - from < NEIGHBOURS_PER_KEY) {
    const left = from > 0 ? at - sorted[from - 1]!.placedAt : Infinity;
    const right = to < sorted.length ? sorted[to]!.placedAt - at : Infinity;
    if (left === Infinity && right === Infinity) break;
    if (left <= right) from--;
    else to++;
  }
  return sorted.slice(from, to);
}

/**
 * buildArrivalContexts fetches, for a batch of orders, what the arrival
 * checks compare with: the ERP stock of their SKUs, the stock other open
 * orders already took since the ERP's reading, and orders of the same phone
 * or receiver name — one query of each kind per batch, not per order.
 */
export async function buildArrivalContexts(
  store: DetectionStore,
  batch: readonly OrderFactsRow[],
  prices: PriceBook,
  settings: ArrivalSettings,
  now: Instant,
  trackingFeeds: ReadonlySet<string> = new Set(),
): Promise<Map<string, ArrivalContext>> {
  const skus = [...new Set(batch.flatMap((f) => f.order.items.map((i) => i.sku)))];
  const levels = await store.inventoryLevels(skus, now);
  const levelsBySku = new Map<string, InventoryLevel[]>();
  for (const l of levels) pushTo(levelsBySku, l.sku, l);

  // Orders the channels sold after the ERP's last reading are not in its numbers yet.
  // Orders placed before a reading count too: the reading reserves them, and an earlier order comes first.
  const oldestSync = levels.reduce((m, l) => Math.min(m, l.syncedAt), now);
  const earliestOrder = batch.reduce((m, f) => Math.min(m, f.order.placedAt), now);
  const sold = await store.unshippedQuantities(skus, Math.min(oldestSync, earliestOrder));
  const soldBySku = new Map<string, typeof sold>();
  for (const s of sold) pushTo(soldBySku, s.sku, s);

  const windowHours = Math.max(settings.placeholderWindowHours, settings.duplicateWindowHours);
  const earliest = batch.reduce((m, f) => Math.min(m, f.order.placedAt), now) - windowHours * HOUR_MS;
  const keys = [...new Set(batch.flatMap(neighbourKeys))];
  const latest = batch.reduce((m, f) => Math.max(m, f.order.placedAt), 0);
  // The batch's own orders are each other's neighbours too: they are already read, so the store skips them.
  const fetched = await store.ordersByKeys(keys, earliest, {
    until: latest + windowHours * HOUR_MS,
    from: batch.reduce((m, f) => Math.min(m, f.order.placedAt), now),
    to: latest,
    nearest: NEIGHBOURS_PER_KEY,
    except: batch.map((f) => f.order.id),
  });
  const fetchedIds = new Set(fetched.map((r) => r.order.id));
  const related = [...fetched, ...batch.filter((f) => !fetchedIds.has(f.order.id) && f.order.placedAt >= earliest)];
  const byPhone = new Map<string, NeighbourOrder[]>();
  const byName = new Map<string, NeighbourOrder[]>();
  for (const row of related) {
    const n = neighbourOf(row);
    if (n.phone) pushTo(byPhone, n.phone, n);
    if (n.receiverName) pushTo(byName, n.receiverName, n);
  }
  for (const list of [...byPhone.values(), ...byName.values()]) list.sort((a, b) => a.placedAt - b.placedAt);

  // A shop has a carrier feed once one reported on any of its parcels (the store's tracking_feeds), or on one of this batch.
  const feeds = new Set(trackingFeeds);
  for (const f of batch) if (f.events.some((e) => e.kind === 'logistics')) feeds.add(shopKeyOf(f.order));
  const contexts = new Map<string, ArrivalContext>();
  for (const f of batch) {
    const o = f.order;
    const held = new Map<string, number>();
    const readAfterOrder = new Map<string, number>();
    const stock: InventoryLevel[] = [];
    for (const item of o.items) {
      const readings = levelsBySku.get(item.sku) ?? [];
      stock.push(...readings.filter((l) => !stock.includes(l)));
      const sync = readings.reduce((m, l) => Math.max(m, l.syncedAt), 0);
      const sold = (soldBySku.get(item.sku) ?? []).filter((s) => s.orderId !== o.id && s.placedAt <= now);
      if (readings.length > 0 && sync > o.placedAt) {
        readAfterOrder.set(item.sku, sold.filter((s) => s.placedAt > o.placedAt && s.placedAt <= sync).reduce((n, s) => n + s.quantity, 0));
      }
      held.set(item.sku, sold.filter((s) => s.placedAt > sync && s.placedAt < o.placedAt).reduce((n, s) => n + s.quantity, 0));
    }
    const phone = o.receiver.phone;
    const number = phone?.number !== undefined && (phone.kind === 'mobile' || phone.kind === 'landline') ? phone.number : undefined;
    const seen = new Set<string>([o.id]);
    const neighbours: NeighbourOrder[] = [];
    const samePhone = number ? byPhone.get(number) ?? [] : [];
    const sameName = o.receiver.name ? byName.get(o.receiver.name.replace(/\s+/g, '')) ?? [] : [];
    for (const n of [...nearestInTime(samePhone, o.placedAt), ...nearestInTime(sameName, o.placedAt)]) {
      if (seen.has(n.id) || n.placedAt > now) continue;
      seen.add(n.id);
      neighbours.push(n);
    }
    const trackingFeed = feeds.has(shopKeyOf(o)) ? 'connected' : 'none';
    const neighboursTruncated = samePhone.length > NEIGHBOURS_PER_KEY || sameName.length > NEIGHBOURS_PER_KEY;
    contexts.set(o.id, { now, stock, heldByEarlierOrders: held, readAfterOrder, neighbours, ...(neighboursTruncated ? { neighboursTruncated } : {}), priceBySku: prices.bySku, priceByCategory: prices.byCategory, settings, trackingFeed });
  }
  return contexts;
}
