import { chineseBusinessCalendar } from '../detect/calendar/index.js';
import { factsAsOf } from '../detect/as-of.js';
import { DEADLINE_STEP_MS, replayJudgements, type JudgeSchedule } from '../detect/backtest/judge-replay.js';
import type { OrderOutcome, ReplayedOrder } from '../detect/backtest/code-scores.js';
import { DEFAULT_ARRIVAL_SETTINGS, type ArrivalContext, type OrderFacts } from '../detect/facts.js';
import type { JudgeContext } from '../detect/judge.js';
import { calibrate, promisedDayStartOf, type OrderTimeline, type PromiseModelOptions, type ThresholdTable } from '../detect/thresholds/index.js';
import { calibratedStallThresholds } from '../detect/time/calibrated-stall-thresholds.js';
import { segmentOf } from '../detect/time/order-segment.js';
import { judgeDeliveryPromise } from '../detect/time/promise-warning.js';
import { DEFAULT_TIME_CHECK_SETTINGS, type TimeCheckSettings } from '../detect/time/time-check-settings.js';
import { stageOfEvent, type OrderEvent } from '../domain/event.js';
import type { StoredOrder } from '../domain/order.js';
import { isClosedStage, type Stage } from '../domain/stage.js';
import { DAY_MS, HOUR_MS, type Instant } from '../domain/time.js';
import { normaliseOlist, olistEndOfDay, olistGroundTruth, readOlistDataset } from '../ingest/olist/index.js';
import { CALIBRATION_HISTORY_DAYS, STALL_POLICY } from '../pipeline/stall-thresholds.js';
import { olistSampleWeights } from './olist-backtest-orders.js';

/**
 * OlistReplayOrder is one Olist order as the live detector sees it — the
 * adapter's order and stage events (`facts`), its history row for
 * calibration (`timeline`, as the store's orderTimelines gives it) — and
 * what really happened (`outcome`, from the raw times).
 */
export interface OlistReplayOrder {
  readonly facts: OrderFacts;
  readonly timeline: OrderTimeline;
  readonly outcome: OrderOutcome;
}

/** OlistReplaySet is the data set read for a replay, with the records the adapter refused (by reason). */
export interface OlistReplaySet {
  readonly orders: readonly OlistReplayOrder[];
  readonly rejected: Readonly<Record<string, number>>;
}

function firstStageAt(events: readonly OrderEvent[], stages: readonly Stage[]): Instant | undefined {
  let first: Instant | undefined;
  for (const e of events) {
    const s = stageOfEvent(e);
    if (s !== undefined && stages.includes(s) && (first === undefined || e.occurredAt < first)) first = e.occurredAt;
  }
  return first;
}

/**
 * loadOlistReplayOrders reads the Olist data set in `dir` through the Olist
 * adapter, as an import would store it: the order with its stage derived
 * from its events, and no carrier tracking source (Olist has none, so the
 * live judge raises no "no pickup scan" stalls on it). Sampling weights
 * restore the full data set's mix (see olistSampleWeights).
 */
export async function loadOlistReplayOrders(dir: string): Promise<OlistReplaySet> {
  const read: Array<{ facts: OrderFacts; outcome: OrderOutcome }> = [];
  const rejected: Record<string, number> = {};
  for await (const record of readOlistDataset(dir)) {
    const truth = olistGroundTruth(record);
    const normalised = normaliseOlist(record, { receivedAt: 0 });
    if (!truth || !normalised.ok) {
      const reason = normalised.ok ? 'unreadable order id or purchase time' : `${normalised.errors[0]?.field ?? ''}: ${normalised.errors[0]?.message ?? ''}`;
      rejected[reason] = (rejected[reason] ?? 0) + 1;
      continue;
    }
    const order = normalised.value.orders[0]!;
    const events = [...normalised.value.events].sort((a, b) => a.occurredAt - b.occurredAt);
    // The stage the store would derive from the events: factsAsOf replays them from a blank stage.
    const blank: StoredOrder = { ...order, stage: 'pending_payment', stageEnteredAt: Number.MAX_SAFE_INTEGER, ingestedAt: order.placedAt };
    const facts: OrderFacts = { ...factsAsOf({ order: blank, events }, Number.MAX_SAFE_INTEGER - 1)!, trackingFeed: 'none' };
    read.push({
      facts,
      outcome: {
        id: truth.orderId,
        status: truth.status,
        purchasedAt: truth.purchasedAt,
        ...(truth.deliveredAt !== undefined ? { deliveredAt: truth.deliveredAt } : {}),
        ...(truth.estimatedDeliveryAt !== undefined ? { promisedDayStart: truth.estimatedDeliveryAt, promisedBy: olistEndOfDay(truth.estimatedDeliveryAt) } : {}),
        ...(truth.shippingLimitAt !== undefined ? { shipBy: truth.shippingLimitAt } : {}),
        ...(truth.shippedAt !== undefined ? { shippedAt: truth.shippedAt } : {}),
      },
    });
  }
  const weights = olistSampleWeights(read.map((r) => r.outcome.status));
  const orders = read.map(({ facts, outcome }): OlistReplayOrder => {
    const { order, events } = facts;
    const approvedAt = firstStageAt(events, ['reviewed']);
    const shippedAt = firstStageAt(events, ['shipped', 'collected']);
    const deliveredAt = firstStageAt(events, ['delivered']);
    return {
      facts,
      outcome,
      timeline: {
        purchasedAt: order.paidAt ?? order.placedAt,
        ...(approvedAt !== undefined ? { approvedAt } : {}),
        ...(shippedAt !== undefined ? { shippedAt } : {}),
        ...(deliveredAt !== undefined ? { deliveredAt } : {}),
        ...(order.promisedDeliveryBy !== undefined ? { promisedBy: order.promisedDeliveryBy } : {}),
        segment: segmentOf(order),
        weight: weights(outcome.status),
      },
    };
  });
  return { orders, rejected };
}

/** DetectorScheduleOptions say how the replay calibrates, as `serve` would: monthly, from the last months of orders. */
export interface DetectorScheduleOptions {
  readonly timeSettings?: TimeCheckSettings;
  readonly promiseModel?: PromiseModelOptions;
  /** How far back each calibration reads orders (default: the live CALIBRATION_HISTORY_DAYS). */
  readonly historyDays?: number;
}

/** DetectorSchedule is a JudgeSchedule that also tells which tables it calibrated. */
export interface DetectorSchedule extends JudgeSchedule {
  tableAt(at: Instant): ThresholdTable;
  tables(): readonly ThresholdTable[];
}

/** monthStart is the first instant of the UTC month an instant falls in (when `serve` recalibrates). */
function monthStart(at: Instant): Instant {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/**
 * detectorSchedule gives the live judge's context as it would have been at
 * any moment: thresholds and promise warning calibrated at the start of
 * each month from the orders placed in the history window before it (only
 * what had happened by then counts: calibrate looks at nothing after its
 * moment), the Chinese business calendar the pipeline uses, and an arrival
 * context with no stock, neighbours or prices (the Olist data has none; the
 * arrival checks' findings are not scored).
 */
export function detectorSchedule(orders: readonly OlistReplayOrder[], options: DetectorScheduleOptions = {}): DetectorSchedule {
  const calendar = chineseBusinessCalendar();
  const timelines = [...orders.map((o) => o.timeline)].sort((a, b) => a.purchasedAt - b.purchasedAt);
  const historyMs = (options.historyDays ?? CALIBRATION_HISTORY_DAYS) * DAY_MS;
  const cache = new Map<Instant, { table: ThresholdTable; context: Omit<JudgeContext, 'arrival'> }>();
  const monthly = (at: Instant) => {
    const asOf = monthStart(at);
    let entry = cache.get(asOf);
    if (!entry) {
      const history = timelines.filter((t) => t.purchasedAt >= asOf - historyMs && t.purchasedAt < asOf);
      const table = calibrate(history, asOf, STALL_POLICY, { version: cache.size + 1, ...(options.promiseModel ? { promiseModel: options.promiseModel } : {}) });
      entry = { table, context: { thresholds: calibratedStallThresholds(table), calendar, timeSettings: options.timeSettings ?? DEFAULT_TIME_CHECK_SETTINGS } };
      cache.set(asOf, entry);
    }
    return entry;
  };
  return {
    contextAt(at) {
      const arrival: ArrivalContext = { now: at, stock: [], heldByEarlierOrders: new Map(), neighbours: [], priceBySku: new Map(), priceByCategory: new Map(), settings: DEFAULT_ARRIVAL_SETTINGS, trackingFeed: 'none' };
      return { ...monthly(at).context, arrival };
    },
    tableAt: (at) => monthly(at).table,
    tables: () => [...cache.values()].map((e) => e.table).sort((a, b) => a.asOf - b.asOf),
  };
}

/** REPLAY_TAIL_MS is how long after its last event or promise an order is still judged (a late parcel keeps its breach open). */
const REPLAY_TAIL_MS = 30 * DAY_MS;

/** replayOlistOrders runs the live judge over the orders purchased in [from, to), each through its whole life. */
export function replayOlistOrders(orders: readonly OlistReplayOrder[], schedule: JudgeSchedule, from: Instant, to: Instant): ReplayedOrder[] {
  const out: ReplayedOrder[] = [];
  for (const o of orders) {
    if (o.outcome.purchasedAt < from || o.outcome.purchasedAt >= to) continue;
    const lastEvent = o.facts.events.reduce((m, e) => Math.max(m, e.occurredAt), o.facts.order.placedAt);
    const until = Math.max(lastEvent, o.outcome.promisedBy ?? 0, o.outcome.shipBy ?? 0) + REPLAY_TAIL_MS;
    out.push({ outcome: o.outcome, raised: replayJudgements(o.facts, schedule, until) });
  }
  return out;
}

/** CheckpointScore is an order at its promise checkpoint: whether it was still undelivered, and the warning's probability (none under the checkpoint rule). */
export interface CheckpointScore {
  readonly outcome: OrderOutcome;
  readonly checkpoint: Instant;
  readonly pending: boolean;
  /** The live verdict: warned of at the checkpoint. */
  readonly warn: boolean;
  readonly probability?: number;
}

/**
 * checkpointScores asks the promise warning, through the same function the
 * live judge calls, what it made of each order of [from, to) at its
 * checkpoint: the probability behind the verdict, for the curve of false
 * alarms against recall over other cuts.
 */
export function checkpointScores(orders: readonly OlistReplayOrder[], schedule: JudgeSchedule, from: Instant, to: Instant, leadHours: number): CheckpointScore[] {
  const out: CheckpointScore[] = [];
  for (const o of orders) {
    const deadline = o.facts.order.promisedDeliveryBy;
    if (o.outcome.purchasedAt < from || o.outcome.purchasedAt >= to || deadline === undefined) continue;
    const promise = { dayStart: promisedDayStartOf(deadline), deadline, leadHours };
    const checkpoint = Math.max(promise.dayStart - leadHours * HOUR_MS, o.facts.order.placedAt);
    const asOf = factsAsOf(o.facts, checkpoint) ?? o.facts;
    if (isClosedStage(asOf.order.stage)) {
      out.push({ outcome: o.outcome, checkpoint, pending: false, warn: false });
      continue;
    }
    // Judged a step after the checkpoint, as the live sweep and the replay do.
    const warning = judgeDeliveryPromise(asOf, promise, schedule.contextAt(checkpoint + DEADLINE_STEP_MS).thresholds.promiseRisk);
    const probability = warning.evidence['probability'];
    out.push({ outcome: o.outcome, checkpoint, pending: true, warn: warning.warn, ...(typeof probability === 'number' ? { probability } : {}) });
  }
  return out;
}
