import type { FindingCode } from '../domain/finding.js';
import { stageOfEvent } from '../domain/event.js';
import type { OrderId } from '../domain/order.js';
import { stageRank } from '../domain/stage.js';
import type { Instant } from '../domain/time.js';
import { calendarCoverageNotice, chineseBusinessCalendar, type BusinessCalendar } from '../detect/calendar/index.js';
import { DEFAULT_ARRIVAL_SETTINGS, type ArrivalSettings } from '../detect/facts.js';
import { judgeOrder } from '../detect/judge.js';
import type { StallThresholds } from '../detect/time/stall-thresholds.js';
import type { DetectionStore, Judgement, JudgementChanges, OrderFactsRow } from '../store/detection-store.js';
import { buildArrivalContexts, loadPriceBook, neighbourKeys, type PriceBook } from './detection-context.js';
import { currentStallThresholds } from './stall-thresholds.js';

/** ReplayOptions: sweep rhythm, a progress callback per day, and a hook after every hourly step (the response engine's tick in a replay). */
export interface ReplayOptions {
  readonly sweepHours?: number;
  readonly onDay?: (at: Instant) => void;
  readonly onStep?: (at: Instant) => Promise<void>;
}

/** ScanSummary says what a scan or sweep judged and changed. */
export interface ScanSummary {
  /** Set when the judged time falls in a year without official holiday data. */
  calendarNotice?: { zh: string; en: string };
  judged: number;
  opened: number;
  resolved: number;
  openByCode: Partial<Record<FindingCode, number>>;
  exemptions: number;
}

const BATCH = 500;

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
interface ReplayReads {
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
async function replayReads(store: DetectionStore, from: Instant, to: Instant): Promise<ReplayReads> {
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
 * DetectionService runs detection against the store: it judges orders in
 * batches (facts and context fetched per batch), stores the judgements, and
 * reports what changed. `scan` judges every open order as of a time (replays,
 * `orderwatch scan --at`); `sweep` judges only the orders whose next check
 * has come, through the deadline index — the continuous detector.
 */
export class DetectionService {
  private prices: { book: PriceBook; loadedAt: Instant } | undefined;
  private thresholds: { value: StallThresholds; loadedAt: Instant } | undefined;
  private readonly calendar: BusinessCalendar;
  /** During a replay, where judging reads facts and context: the replay's cache of the store. */
  private replayCache: ReplayReads | undefined;
  /** During a replay, each order's next deadline as its last verdict gave it. */
  private schedule: Map<OrderId, Instant> | undefined;
  /** onChanges hears what each batch of judgements changed (the response engine listens in serve and scan). */
  onChanges: ((changes: JudgementChanges, at: Instant) => Promise<unknown>) | undefined;

  constructor(
    private readonly store: DetectionStore,
    private readonly settings: ArrivalSettings = DEFAULT_ARRIVAL_SETTINGS,
    calendar?: BusinessCalendar,
  ) {
    this.calendar = calendar ?? chineseBusinessCalendar({});
  }

  // Caches are refreshed by the machine's monotonic clock, not the judged
  // time: a replay steps through months of judged time in minutes.
  private async priceBook(): Promise<PriceBook> {
    // Price history changes slowly: refreshed at most hourly.
    if (!this.prices || performance.now() - this.prices.loadedAt > 3_600_000) this.prices = { book: await loadPriceBook(this.store), loadedAt: performance.now() };
    return this.prices.book;
  }

  private async stallThresholds(): Promise<StallThresholds> {
    if (!this.thresholds || performance.now() - this.thresholds.loadedAt > 60_000) this.thresholds = { value: await currentStallThresholds(this.store), loadedAt: performance.now() };
    return this.thresholds.value;
  }

  /**
   * judge judges these orders as of `now` and stores the verdicts. A replay
   * may judge some of them as of their own earlier time (`at`): the moment
   * their deadline passed, as the live sweep would have.
   */
  async judge(ids: readonly OrderId[], now: Instant, at?: ReadonlyMap<OrderId, Instant>): Promise<JudgementChanges & { judged: number; exemptions: number }> {
    const total: JudgementChanges & { judged: number; exemptions: number } = { opened: [], resolved: [], refreshed: 0, judged: 0, exemptions: 0 };
    const prices = await this.priceBook();
    const thresholds = await this.stallThresholds();
    for (let i = 0; i < ids.length; i += BATCH) {
      const reads = this.replayCache?.store ?? this.store;
      if (this.replayCache) this.replayCache.asOf = now;
      const facts = await reads.orderFacts(ids.slice(i, i + BATCH));
      const contexts = await buildArrivalContexts(reads, facts, prices, this.settings, now);
      const judgements: Judgement[] = facts.map((f) => {
        const verdict = judgeOrder(f, { arrival: contexts.get(f.order.id)!, thresholds, calendar: this.calendar }, at?.get(f.order.id) ?? now);
        return { orderId: f.order.id, ...verdict };
      });
      for (const j of this.schedule ? judgements : []) {
        if (j.nextCheckAt === undefined) this.schedule?.delete(j.orderId);
        else this.schedule?.set(j.orderId, j.nextCheckAt);
      }
      const changes = await this.store.saveJudgements(judgements, now);
      if (this.onChanges && (changes.opened.length > 0 || changes.resolved.length > 0)) await this.onChanges(changes, now);
      total.opened.push(...changes.opened);
      total.resolved.push(...changes.resolved);
      total.refreshed += changes.refreshed;
      total.judged += judgements.length;
      total.exemptions += judgements.reduce((n, j) => n + j.exemptions.length, 0);
    }
    return total;
  }

  /** scan judges every open order as of `at`. */
  async scan(at: Instant, onProgress?: (judged: number) => void): Promise<ScanSummary> {
    const notice = calendarCoverageNotice(new Date(at + 8 * 3_600_000).getUTCFullYear());
    const summary: ScanSummary = { ...(notice ? { calendarNotice: notice } : {}), judged: 0, opened: 0, resolved: 0, openByCode: {}, exemptions: 0 };
    let after: OrderId | undefined;
    for (;;) {
      const ids = await this.store.openOrderIds(after, 5000);
      if (ids.length === 0) break;
      after = ids[ids.length - 1];
      const r = await this.judge(ids, at);
      summary.judged += r.judged;
      summary.opened += r.opened.length;
      summary.resolved += r.resolved.length;
      summary.exemptions += r.exemptions;
      onProgress?.(summary.judged);
    }
    for (const f of await this.store.findings({ status: 'open', limit: 1_000_000 })) summary.openByCode[f.code] = (summary.openByCode[f.code] ?? 0) + 1;
    return summary;
  }

  /**
   * replay runs detection over stored history as it would have run live, up
   * to `to`: each order is judged when it arrives (in hourly steps), again
   * a second after each of its deadlines passes (the live sweep's moment: a
   * promise warned of at 07:57 is seen at 07:57, not at the next sweep,
   * after the parcel left at 08:09), and every `sweepHours` when events
   * arrived for it. Judgements made before are forgotten first.
   */
  async replay(from: Instant, to: Instant, options: ReplayOptions = {}): Promise<{ judged: number }> {
    this.replayCache = await replayReads(this.store, from, to);
    this.schedule = new Map();
    try {
      return await this.replaySteps(from, to, options);
    } finally {
      this.replayCache = undefined;
      this.schedule = undefined;
    }
  }

  // Judges, as of its own moment, every order whose deadline passes before `until`, until none is left.
  private async judgeDeadlines(until: Instant): Promise<number> {
    let judged = 0;
    for (;;) {
      const due = new Map<OrderId, Instant>();
      for (const [id, at] of this.schedule ?? []) if (at + 1000 <= until) due.set(id, at + 1000);
      if (due.size === 0) return judged;
      for (const id of due.keys()) this.schedule?.delete(id);
      judged += (await this.judge([...due.keys()], until, due)).judged;
    }
  }

  private async replaySteps(from: Instant, to: Instant, options: ReplayOptions): Promise<{ judged: number }> {
    await this.store.clearJudgements();
    const step = 3_600_000;
    const sweepEvery = (options.sweepHours ?? 6) * step;
    // Live, ingest marks an order due when its events arrive; a replay does
    // the same from the events' own times.
    const eventTimes = await this.store.orderEventTimes(from, to);
    let nextEvent = 0;
    let judged = 0;
    let nextSweep = from + sweepEvery;
    for (let t = from; t < to; t += step) {
      const until = Math.min(t + step, to);
      judged += await this.judgeDeadlines(until);
      const arrived = await this.store.ordersPlacedBetween(t, until);
      if (arrived.length > 0) judged += (await this.judge(arrived, until)).judged;
      if (until >= nextSweep || until === to) {
        const touched = new Set<OrderId>();
        while (nextEvent < eventTimes.length && eventTimes[nextEvent]!.at < until) touched.add(eventTimes[nextEvent++]!.orderId);
        if (touched.size > 0) judged += (await this.judge([...touched], until)).judged;
        judged += await this.judgeDeadlines(until);
        nextSweep += sweepEvery;
        if ((until - from) % (24 * step) === 0) options.onDay?.(until);
      }
      if (options.onStep) await options.onStep(until);
    }
    return { judged };
  }

  /** sweep judges the orders that are due (new facts arrived, or a deadline passed) as of `now`. */
  async sweep(now: Instant, limit = 10_000): Promise<JudgementChanges & { judged: number; exemptions: number }> {
    return this.judge(await this.store.dueOrders(now, limit), now);
  }
}
