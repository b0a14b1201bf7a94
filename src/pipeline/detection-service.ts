import type { FindingCode } from '../domain/finding.js';
import type { OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import { calendarCoverageNotice, chineseBusinessCalendar, type BusinessCalendar } from '../detect/calendar/index.js';
import { DEFAULT_ARRIVAL_SETTINGS, type ArrivalSettings } from '../detect/facts.js';
import { judgeOrder } from '../detect/judge.js';
import type { StallThresholds } from '../detect/time/stall-thresholds.js';
import type { TimeCheckSettings } from '../detect/time/time-check-settings.js';
import type { DetectionStore, Judgement, JudgementChanges } from '../store/detection-store.js';
import { buildArrivalContexts, loadPriceBook, type PriceBook } from './detection-context.js';
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

/** JudgeOptions are the explicit inputs of a judgement that is not the live one. */
export interface JudgeOptions {
  /** Where facts and context are read from (a replay serves them from memory as of the judged time); default: the store. */
  readonly reads?: DetectionStore;
  /** Orders judged as of their own earlier moment (a replay: when their deadline passed). */
  readonly at?: ReadonlyMap<OrderId, Instant>;
  /** The orders were claimed until this time (a sweep): their next check is written only while the claim stands. */
  readonly claimedUntil?: Instant;
}

/** JudgeResult is what a judgement changed, with the verdicts themselves (a replay schedules the next checks from them). */
export type JudgeResult = JudgementChanges & { judged: number; exemptions: number; judgements: Judgement[] };

const BATCH = 500;

/** CLAIM_MS: how long a sweep holds the orders it claimed; a worker that dies leaves them due again after it. */
export const CLAIM_MS = 120_000;

/**
 * DetectionService runs detection against the store: it judges orders in
 * batches (facts and context fetched per batch), stores the verdicts — the
 * findings they open and resolve go to the finding feed in the same
 * transaction — and reports what changed. `sweep` claims a bounded slice of
 * the orders whose next check has come (the continuous detector; several
 * workers share them); `scanPage` judges a page of open orders as of a time
 * (`orderwatch scan`). A replay passes its own reads and moments explicitly
 * (src/pipeline/replay.ts): there is no hidden mode.
 */
export class DetectionService {
  private prices: { book: PriceBook; loadedAt: Instant } | undefined;
  private thresholds: { value: StallThresholds; loadedAt: Instant } | undefined;
  private feeds: { value: ReadonlySet<string>; loadedAt: Instant } | undefined;
  readonly calendar: BusinessCalendar;

  constructor(
    private readonly store: DetectionStore,
    private readonly settings: ArrivalSettings = DEFAULT_ARRIVAL_SETTINGS,
    calendar?: BusinessCalendar,
    /** The promise warnings' leads (the settings file's `detection:`), read at each judgement so a reload applies. */
    private readonly timeSettings?: () => TimeCheckSettings,
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

  // Shops with a carrier feed change rarely (a new feed connected): refreshed every minute.
  private async trackingFeeds(): Promise<ReadonlySet<string>> {
    if (!this.feeds || performance.now() - this.feeds.loadedAt > 60_000) this.feeds = { value: await this.store.trackingFeeds(), loadedAt: performance.now() };
    return this.feeds.value;
  }

  /** judge judges these orders as of `now` (or each as of its own moment, `options.at`) and stores the verdicts. */
  async judge(ids: readonly OrderId[], now: Instant, options: JudgeOptions = {}): Promise<JudgeResult> {
    const total: JudgeResult = { opened: [], resolved: [], refreshed: 0, judged: 0, exemptions: 0, judgements: [] };
    const prices = await this.priceBook();
    const thresholds = await this.stallThresholds();
    const feeds = await this.trackingFeeds();
    const reads = options.reads ?? this.store;
    const timeSettings = this.timeSettings?.();
    for (let i = 0; i < ids.length; i += BATCH) {
      const facts = await reads.orderFacts(ids.slice(i, i + BATCH));
      const contexts = await buildArrivalContexts(reads, facts, prices, this.settings, now, feeds);
      const judgements: Judgement[] = facts.map((f) => {
        const verdict = judgeOrder(f, { arrival: contexts.get(f.order.id)!, thresholds, calendar: this.calendar, ...(timeSettings ? { timeSettings } : {}) }, options.at?.get(f.order.id) ?? now);
        return { orderId: f.order.id, ...verdict };
      });
      const changes = await this.store.saveJudgements(judgements, now, options.claimedUntil !== undefined ? { claimedUntil: options.claimedUntil } : {});
      total.opened.push(...changes.opened);
      total.resolved.push(...changes.resolved);
      total.refreshed += changes.refreshed;
      total.judged += judgements.length;
      total.exemptions += judgements.reduce((n, j) => n + j.exemptions.length, 0);
      total.judgements.push(...judgements);
    }
    return total;
  }

  /**
   * sweep claims up to `limit` orders that are due (news arrived, or a
   * deadline passed) and judges them as of `now`. Bounded, so the worker
   * gets back to other work between slices of a flood. With `dueBy` only
   * orders due by then are taken (still judged as of `now`).
   */
  async sweep(now: Instant, limit = 500, dueBy: Instant = now): Promise<JudgeResult> {
    const claimedUntil = now + CLAIM_MS;
    const ids = await this.store.claimDueOrders(Math.min(now, dueBy), claimedUntil, limit);
    if (ids.length === 0) return { opened: [], resolved: [], refreshed: 0, judged: 0, exemptions: 0, judgements: [] };
    return this.judge(ids, now, { claimedUntil });
  }

  /** scanPage judges the next `limit` open orders after `after` (in id order) as of `at`; `after` of the result continues. */
  async scanPage(at: Instant, after: OrderId | undefined, limit = 2000): Promise<{ judged: number; opened: number; resolved: number; exemptions: number; after: OrderId | undefined }> {
    const ids = await this.store.openOrderIds(after, limit);
    if (ids.length === 0) return { judged: 0, opened: 0, resolved: 0, exemptions: 0, after: undefined };
    const r = await this.judge(ids, at);
    return { judged: r.judged, opened: r.opened.length, resolved: r.resolved.length, exemptions: r.exemptions, after: ids.length < limit ? undefined : ids[ids.length - 1] };
  }

  /** scan judges every open order as of `at`, page by page. */
  async scan(at: Instant, onProgress?: (judged: number) => void): Promise<ScanSummary> {
    const notice = calendarCoverageNotice(new Date(at + 8 * 3_600_000).getUTCFullYear());
    const summary: ScanSummary = { ...(notice ? { calendarNotice: notice } : {}), judged: 0, opened: 0, resolved: 0, openByCode: {}, exemptions: 0 };
    let after: OrderId | undefined;
    for (;;) {
      const page = await this.scanPage(at, after, 5000);
      summary.judged += page.judged;
      summary.opened += page.opened;
      summary.resolved += page.resolved;
      summary.exemptions += page.exemptions;
      if (page.judged > 0) onProgress?.(summary.judged);
      if (page.after === undefined) break;
      after = page.after;
    }
    summary.openByCode = await this.openByCode();
    return summary;
  }

  /** openByCode counts the open findings by code. */
  async openByCode(): Promise<Partial<Record<FindingCode, number>>> {
    const out: Partial<Record<FindingCode, number>> = {};
    for (const f of await this.store.findings({ status: 'open', limit: 1_000_000 })) out[f.code] = (out[f.code] ?? 0) + 1;
    return out;
  }
}
