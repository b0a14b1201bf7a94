import type { FindingCode } from '../domain/finding.js';
import type { OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import { calendarCoverageNotice, chineseBusinessCalendar, type BusinessCalendar } from '../detect/calendar/index.js';
import { DEFAULT_ARRIVAL_SETTINGS, type ArrivalSettings } from '../detect/facts.js';
import { judgeOrder } from '../detect/judge.js';
import type { StallThresholds } from '../detect/time/stall-thresholds.js';
import type { DetectionStore, Judgement, JudgementChanges, OrderFactsRow } from '../store/detection-store.js';
import { buildArrivalContexts, loadPriceBook, neighbourKeys, type PriceBook } from './detection-context.js';
import { currentStallThresholds } from './stall-thresholds.js';

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

/**
 * replayReads wraps a store for a replay, whose history does not change
 * while it runs: the open orders holding each SKU and the orders behind each
 * phone or name are read once, whole, and cut to the asked time in memory.
 * The answers are the store's own; a replay judges each SKU and each key
 * hundreds of times, and each read would otherwise walk that SKU's or key's
 * whole history again.
 */
function replayReads(store: DetectionStore): DetectionStore {
  const holders = new Map<string, UnshippedRow[]>();
  const byKey = new Map<string, OrderFactsRow[]>();
  const unshippedQuantities: DetectionStore['unshippedQuantities'] = async (skus, since) => {
    const missing = skus.filter((s) => !holders.has(s));
    if (missing.length > 0) {
      for (const s of missing) holders.set(s, []);
      for (const row of await store.unshippedQuantities(missing, Number.MIN_SAFE_INTEGER)) holders.get(row.sku)?.push(row);
    }
    return skus.flatMap((s) => (holders.get(s) ?? []).filter((row) => row.placedAt >= since));
  };
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
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'unshippedQuantities') return unshippedQuantities;
      if (prop === 'ordersByKeys') return ordersByKeys;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
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
  /** Where judging reads facts and context: the store, or a replay's cache of it. */
  private reads: DetectionStore;
  /** onChanges hears what each batch of judgements changed (the response engine listens in serve and scan). */
  onChanges: ((changes: JudgementChanges, at: Instant) => Promise<unknown>) | undefined;

  constructor(
    private readonly store: DetectionStore,
    private readonly settings: ArrivalSettings = DEFAULT_ARRIVAL_SETTINGS,
    calendar?: BusinessCalendar,
  ) {
    this.calendar = calendar ?? chineseBusinessCalendar({});
    this.reads = store;
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

  /** judge judges these orders as of `now` and stores the verdicts. */
  async judge(ids: readonly OrderId[], now: Instant): Promise<JudgementChanges & { judged: number; exemptions: number }> {
    const total: JudgementChanges & { judged: number; exemptions: number } = { opened: [], resolved: [], refreshed: 0, judged: 0, exemptions: 0 };
    const prices = await this.priceBook();
    const thresholds = await this.stallThresholds();
    for (let i = 0; i < ids.length; i += BATCH) {
      const facts = await this.reads.orderFacts(ids.slice(i, i + BATCH));
      const contexts = await buildArrivalContexts(this.reads, facts, prices, this.settings, now);
      const judgements: Judgement[] = facts.map((f) => {
        const verdict = judgeOrder(f, { arrival: contexts.get(f.order.id)!, thresholds, calendar: this.calendar }, now);
        return { orderId: f.order.id, ...verdict };
      });
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
   * replay runs detection over stored history as it would have run live:
   * each order is judged when it arrives (in hourly steps), and due orders
   * are swept every `sweepHours` as their deadlines pass, up to `to`.
   * Judgements made before are forgotten first.
   */
  async replay(from: Instant, to: Instant, options: { sweepHours?: number; onDay?: (at: Instant) => void } = {}): Promise<{ judged: number }> {
    this.reads = replayReads(this.store);
    try {
      return await this.replaySteps(from, to, options);
    } finally {
      this.reads = this.store;
    }
  }

  private async replaySteps(from: Instant, to: Instant, options: { sweepHours?: number; onDay?: (at: Instant) => void }): Promise<{ judged: number }> {
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
      const arrived = await this.store.ordersPlacedBetween(t, until);
      if (arrived.length > 0) judged += (await this.judge(arrived, until)).judged;
      if (until >= nextSweep || until === to) {
        const touched = new Set<OrderId>();
        while (nextEvent < eventTimes.length && eventTimes[nextEvent]!.at < until) touched.add(eventTimes[nextEvent++]!.orderId);
        if (touched.size > 0) judged += (await this.judge([...touched], until)).judged;
        for (;;) {
          const due = await this.store.dueOrders(until, 5000);
          if (due.length === 0) break;
          judged += (await this.judge(due, until)).judged;
          if (due.length < 5000) break;
        }
        nextSweep += sweepEvery;
        if ((until - from) % (24 * step) === 0) options.onDay?.(until);
      }
    }
    return { judged };
  }

  /** sweep judges the orders that are due (new facts arrived, or a deadline passed) as of `now`. */
  async sweep(now: Instant, limit = 10_000): Promise<JudgementChanges & { judged: number; exemptions: number }> {
    return this.judge(await this.store.dueOrders(now, limit), now);
  }
}
