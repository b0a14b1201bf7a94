import type { Instant } from '../domain/time.js';
import { hourOf, mainPeak, orderTimes, planCalendar } from './calendar.js';
import { HOT_SKUS } from './catalogue.js';
import { douyinOrder, douyinPages } from './channels/douyin-shape.js';
import { jdOrder, jdPages } from './channels/jd-shape.js';
import { taobaoPages, taobaoTrade } from './channels/taobao-shape.js';
import { youzanOrder } from './channels/youzan-shape.js';
import { orderEvents, type GenericRecord } from './events.js';
import { IdAllocator } from './ids.js';
import { InventoryBook } from './inventory.js';
import type { DemoChannel, DemoLabel, DemoOrder } from './model.js';
import { OrderFactory } from './order-factory.js';
import { Rng, hash32 } from './prng.js';
import { applyRandomTrouble } from './random-trouble.js';
import { STALE_AFTER_HOURS, applyScenarios, planTrouble, type TroublePlan } from './scenarios.js';
import { orderStatus } from './status.js';
import { planTimeline } from './timeline.js';
import { truthLabels } from './truth.js';

/** DemoOptions sizes the demo business; `end` is its "now": the last day ends there. */
export interface DemoOptions {
  readonly seed: number;
  readonly days: number;
  readonly ordersPerDay: number;
  readonly end: Instant;
}

/** DemoChunk is a batch of documents to ingest, in the order they should be ingested. */
export type DemoChunk =
  | { readonly kind: 'native'; readonly channel: DemoChannel; readonly documents: unknown[] }
  | { readonly kind: 'generic'; readonly records: unknown[] }
  | { readonly kind: 'truth'; readonly labels: DemoLabel[] };

/**
 * generateDemoBusiness streams a synthetic Chinese e-commerce business day
 * by day. Within a day it goes hour by hour: the ERP's stock records of the
 * hour, then the hour's orders per channel in their native shapes, then the
 * generic events of those orders (their whole history up to `end`); after
 * the day, its ground-truth labels. Each order is sent once, in its state as
 * of `end`, so native statuses always agree with the events. Only one day is
 * held in memory; the same options always give the same stream.
 */
export function* generateDemoBusiness(options: DemoOptions): Generator<DemoChunk, void, undefined> {
  if (!Number.isSafeInteger(options.days) || options.days < 1) throw new RangeError('demo: days must be a positive integer');
  if (!Number.isFinite(options.ordersPerDay) || options.ordersPerDay < 0) throw new RangeError('demo: ordersPerDay must be ≥ 0');
  if (!Number.isFinite(options.end)) throw new RangeError('demo: end must be an instant');
  const seed = Math.trunc(options.seed) >>> 0;
  const days = planCalendar({ ...options, seed });
  const plan = planTrouble(days, mainPeak(days), options.end);
  const ids = new IdAllocator(seed);
  const factory = new OrderFactory(seed, ids, Math.max(2000, Math.round(options.ordersPerDay * options.days * 0.45)));
  factory.hotBlocked = { from: plan.soldOutAt, until: plan.restockAt };
  const book = new InventoryBook(options.ordersPerDay, {
    hotSkus: HOT_SKUS, hotWarehouse: 'HZ-01', peakDay: plan.peakDay, soldOutAt: plan.soldOutAt, restockAt: plan.restockAt,
    staleWarehouse: plan.staleWarehouse, staleDays: plan.staleDays,
  });

  for (const day of days) {
    const rng = new Rng(hash32(seed, day.index, 0xda1));
    const orders = orderTimes(day, rng).map((at) => factory.order(factory.drawChannel(rng), at, factory.drawCustomer(rng)));
    orders.push(...applyRandomTrouble(day, orders, factory, rng));
    orders.push(...applyScenarios(day, orders, plan, factory, rng));
    orders.sort((a, b) => a.placedAt - b.placedAt || a.seq - b.seq);
    const labels: DemoLabel[] = [];
    for (const order of orders) {
      order.timeline = planTimeline(order, { rng: new Rng(hash32(seed, order.seq, 0x71)), parcelNo: () => ids.parcelNo() });
      labels.push(...truthLabels(order, plan, options.end));
    }
    let next = 0;
    for (let hour = 0; hour < 24; hour++) {
      const stock = book.recordsAt(day, hour);
      if (stock.length > 0) yield { kind: 'generic', records: stock };
      const batch: DemoOrder[] = [];
      while (next < orders.length && hourOf(orders[next]?.placedAt ?? 0) <= hour) batch.push(orders[next++] as DemoOrder);
      if (batch.length === 0) continue;
      for (const order of batch) {
        const short = book.reserve(order);
        // A pre-sale's goods are made or bought for it, never taken from the stock the ERP counts.
        if (short.length > 0 && order.presale === undefined && !labels.some((l) => l.orderId === order.orderId && l.code === 'stock.oversold')) {
          labels.push({ orderId: order.orderId, code: 'stock.oversold', note: `${short.join('、')} 在 ${order.warehouse ?? ''} 已无可用库存时售出` });
        }
      }
      yield* nativeChunks(batch, seed, options.end);
      const events = batch.flatMap((o) => orderEvents(o, options.end)).filter((r) => !lostInOutage(r, plan));
      if (events.length > 0) yield { kind: 'generic', records: events };
    }
    if (labels.length > 0) yield { kind: 'truth', labels };
  }
}

function* nativeChunks(batch: readonly DemoOrder[], seed: number, end: Instant): Generator<DemoChunk, void, undefined> {
  const taobao: Record<string, unknown>[] = [];
  const jd: Record<string, unknown>[] = [];
  const douyin: Record<string, unknown>[] = [];
  const youzan: unknown[] = [];
  for (const order of batch) {
    const status = orderStatus(order, end);
    if (order.channel === 'taobao') taobao.push(taobaoTrade(order, status));
    else if (order.channel === 'jd') jd.push(jdOrder(order, status));
    else if (order.channel === 'douyin') douyin.push(douyinOrder(order, status, new Rng(hash32(seed, order.seq, 0xd0))));
    else youzan.push(youzanOrder(order, status));
  }
  if (taobao.length > 0) yield { kind: 'native', channel: 'taobao', documents: taobaoPages(taobao) };
  if (jd.length > 0) yield { kind: 'native', channel: 'jd', documents: jdPages(jd) };
  if (douyin.length > 0) yield { kind: 'native', channel: 'douyin', documents: douyinPages(douyin) };
  if (youzan.length > 0) yield { kind: 'native', channel: 'youzan', documents: youzan };
}

// While the stale warehouse's ERP link is down, none of its stock movements arrive either.
function lostInOutage(record: GenericRecord, plan: TroublePlan): boolean {
  if (record['type'] !== 'inventory_change' || record['warehouse'] !== plan.staleWarehouse) return false;
  const at = Date.parse(String(record['at']));
  return at >= plan.staleFrom - STALE_AFTER_HOURS * 3600_000 + 60_000 && at < plan.staleUntil;
}
