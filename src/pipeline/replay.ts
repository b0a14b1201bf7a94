import { stageOfEvent } from '../domain/event.js';
import type { OrderId } from '../domain/order.js';
import { stageRank } from '../domain/stage.js';
import type { Instant } from '../domain/time.js';
import type { DetectionStore, OrderFactsRow } from '../store/detection-store.js';
import type { FindingFeed } from '../store/finding-feed.js';
import { neighbourKeys } from './detection-context.js';
import type { DetectionService } from './detection-service.js';

/** ReplayOptions: sweep rhythm, a progress callback per day, and what runs after every hourly step (the response engine, in a replay with response). */
export interface ReplayOptions {
  readonly sweepHours?: number;
  readonly onDay?: (at: Instant) => void;
  /** The response side's step as of the judged time; without it the findings' feed is discarded (a detection-only replay). */
  readonly respond?: (at: Instant) => Promise<void>;
}

type UnshippedRow = Awaited<ReturnType<DetectionStore['unshippedQuantities']>>[number];

/** Holding is one order line as a replay sees it: it holds stock from payment until the order leaves the warehouse or is cancelled. */
interface Holding extends UnshippedRow {
  readonly paidAt: Instant;
  readonly leftAt: Instant | undefined;
}

// When an order stopped holding warehouse stock: its first shipment or its cancellation.
function leftWarehouseAt(row: OrderFactsRow): Instant | undefined {
  let left: Instant | undefined;
  for (const e of row.events) {
    const stage = stageOfEvent(e);
    if (stage === undefined || (stageRank(stage) < stageRank('shipped') && stage !== 'cancelled')) continue;
    if (left === undefined || e.occurredAt < left) left = e.occurredAt;
  }
  return left;
}

/** ReplayReads is a store whose reads a replay serves from memory, and the judged time they answer for. */
export interface ReplayReads {
  readonly store: DetectionStore;
  asOf: Instant;
}

/**
 * replayReads wraps a store for a replay, whose history does not change
 * while it runs. The orders holding each SKU are read once, whole, and
 * answered as of the judged time (paid by then, not yet shipped or
 * cancelled), where the store answers for today; the orders behind each
 * phone or name are read once and cut to the asked time in memory. A replay
 * judges each SKU and each key hundreds of times, and each read would
 * otherwise walk that SKU's or key's whole history again.
 */
export async function replayReads(store: DetectionStore, from: Instant, to: Instant): Promise<ReplayReads> {
  const holders = new Map<string, Holding[]>();
  const ids = await store.ordersPlacedBetween(Number.MIN_SAFE_INTEGER, to);
  for (let i = 0; i < ids.length; i += 1000) {
    for (const row of await store.orderFacts(ids.slice(i, i + 1000))) {
      const o = row.order;
      const leftAt = leftWarehouseAt(row);
      if (o.paidAt === undefined || (leftAt !== undefined && leftAt < from)) continue;
      for (const item of o.items) {
        const holding: Holding = { orderId: o.id, sku: item.sku, quantity: item.quantity, placedAt: o.placedAt, paidAt: o.paidAt, leftAt, ...(o.warehouse !== undefined ? { warehouse: o.warehouse } : {}) };
        const list = holders.get(item.sku);
        if (list) list.push(holding);
        else holders.set(item.sku, [holding]);
      }
    }
  }
  const reads: { store: DetectionStore; asOf: Instant } = { store, asOf: from };
  const unshippedQuantities: DetectionStore['unshippedQuantities'] = async (skus, since) => {
    const t = reads.asOf;
    return skus.flatMap((s) => (holders.get(s) ?? []).filter((h) => h.placedAt >= since && h.paidAt <= t && (h.leftAt === undefined || h.leftAt > t)));
  };
  const byKey = new Map<string, OrderFactsRow[]>();
  const ordersByKeys: DetectionStore['ordersByKeys'] = async (keys, since) => {
    const missing = keys.filter((k) => !byKey.has(k));
    if (missing.length > 0) {
      for (const k of missing) byKey.set(k, []);
      const asked = new Set(missing);
      for (const row of await store.ordersByKeys(missing, Number.MIN_SAFE_INTEGER)) {
        for (const k of neighbourKeys(row)) if (asked.has(k)) byKey.get(k)?.push(row);
      }
    }
    const seen = new Set<string>();
    const out: OrderFactsRow[] = [];
    for (const k of keys) {
      for (const row of byKey.get(k) ?? []) {
        if (row.order.placedAt < since || seen.has(row.order.id)) continue;
        seen.add(row.order.id);
        out.push(row);
      }
    }
    return out;
  };
  reads.store = new Proxy(store, {
    get(target, prop) {
      if (prop === 'unshippedQuantities') return unshippedQuantities;
      if (prop === 'ordersByKeys') return ordersByKeys;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return reads;
}

/**
 * replayHistory runs detection over stored history as it would have run
 * live, up to `to`: each order is judged when it arrives (in hourly steps),
 * again a second after each of its deadlines passes (the live sweep's
 * moment: a promise warned of at 07:57 is seen at 07:57, not at the next
 * sweep, after the parcel left at 08:09), and every `sweepHours` when events
 * arrived for it. Judgements made before are forgotten first. Facts are
 * read through `replayReads` as of each judged moment: the replay's reads
 * and moments are inputs of each judgement, not a mode of the service.
 */
export async function replayHistory(detection: DetectionService, store: DetectionStore, feed: FindingFeed, from: Instant, to: Instant, options: ReplayOptions = {}): Promise<{ judged: number }> {
  await store.clearJudgements();
  const reads = await replayReads(store, from, to);
  // Each order's next deadline as its last verdict gave it.
  const schedule = new Map<OrderId, Instant>();
  const judge = async (ids: readonly OrderId[], until: Instant, at?: ReadonlyMap<OrderId, Instant>): Promise<number> => {
    reads.asOf = until;
    const r = await detection.judge(ids, until, { reads: reads.store, ...(at ? { at } : {}) });
    for (const j of r.judgements) {
      if (j.nextCheckAt === undefined) schedule.delete(j.orderId);
      else schedule.set(j.orderId, j.nextCheckAt);
    }
    return r.judged;
  };
  // Judges, as of its own moment, every order whose deadline passes before `until`, until none is left.
  const judgeDeadlines = async (until: Instant): Promise<number> => {
    let judged = 0;
    for (;;) {
      const due = new Map<OrderId, Instant>();
      for (const [id, at] of schedule) if (at + 1000 <= until) due.set(id, at + 1000);
      if (due.size === 0) return judged;
      for (const id of due.keys()) schedule.delete(id);
      judged += await judge([...due.keys()], until, due);
    }
  };
  const step = 3_600_000;
  const sweepEvery = (options.sweepHours ?? 6) * step;
  // Live, ingest marks an order due when its events arrive; a replay does the same from the events' own times.
  const eventTimes = await store.orderEventTimes(from, to);
  let nextEvent = 0;
  let judged = 0;
  let nextSweep = from + sweepEvery;
  for (let t = from; t < to; t += step) {
    const until = Math.min(t + step, to);
    judged += await judgeDeadlines(until);
    const arrived = await store.ordersPlacedBetween(t, until);
    if (arrived.length > 0) judged += await judge(arrived, until);
    if (until >= nextSweep || until === to) {
      const touched = new Set<OrderId>();
      while (nextEvent < eventTimes.length && eventTimes[nextEvent]!.at < until) touched.add(eventTimes[nextEvent++]!.orderId);
      if (touched.size > 0) judged += await judge([...touched], until);
      judged += await judgeDeadlines(until);
      nextSweep += sweepEvery;
      if ((until - from) % (24 * step) === 0) options.onDay?.(until);
    }
    if (options.respond) await options.respond(until);
    else await discardFeed(feed);
  }
  return { judged };
}

/** discardFeed forgets the findings' changes nobody responds to (a detection-only replay). */
async function discardFeed(feed: FindingFeed): Promise<void> {
  for (;;) {
    const rows = await feed.read(10_000);
    if (rows.length === 0) return;
    await feed.ack(rows[rows.length - 1]!.seq);
  }
}
