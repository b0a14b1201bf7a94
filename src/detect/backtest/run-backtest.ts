import { HOUR_MS, type Instant } from '../../domain/time.js';
import type { CalibrateOptions } from '../thresholds/calibrate.js';
import { promisedDayStartOf } from '../thresholds/promise-model.js';
import type { SegmentDimension } from '../thresholds/order-timeline.js';
import { describePolicy, type ThresholdPolicy } from '../thresholds/threshold-policy.js';
import { alertQuality, type AlertQuality, type BacktestAlert, type JudgedOrder } from './alert-quality.js';
import { firstAlertAt } from './alert-time.js';
import type { BacktestOrder } from './backtest-order.js';
import { tableSchedule, type Recalibrate } from './recalibration.js';

/** BacktestOptions name the policy and the periods: history from trainFrom, first table at trainTo, orders purchased in [testFrom, testTo) judged. */
export interface BacktestOptions {
  readonly policy: ThresholdPolicy;
  readonly trainFrom: Instant;
  readonly trainTo: Instant;
  readonly testFrom: Instant;
  readonly testTo: Instant;
  readonly recalibrate: Recalibrate;
  readonly calibration?: CalibrateOptions;
  /** The dimension of the per-segment breakdown (default `customerState`). */
  readonly segmentBy?: SegmentDimension;
  /** The status that marks a completed order judged for alert quality (default `delivered`). */
  readonly deliveredStatus?: string;
}

/** SegmentQuality is the alert quality within one value of the breakdown dimension. */
export interface SegmentQuality extends AlertQuality {
  readonly segment: string;
}

/**
 * BacktestResult is the replay's verdict: alert counts (raw, and weighted
 * by the orders' sampling weights to estimate the whole business), the
 * quality figures among judged orders, the breakdown by segment, why test
 * orders were not judged (`skipped`) and judged orders with odd timelines
 * (`anomalies`), and every alert.
 */
export interface BacktestResult extends AlertQuality {
  readonly policy: string;
  readonly alerts: number;
  readonly alertsWeighted: number;
  readonly bySegment: readonly SegmentQuality[];
  readonly skipped: Readonly<Record<string, number>>;
  readonly anomalies: Readonly<Record<string, number>>;
  readonly alertList: readonly BacktestAlert[];
}

/**
 * runBacktest replays the test orders under a comparison rule with
 * thresholds recalibrated on schedule from history only (see
 * tableSchedule). testFrom must not precede trainTo: the first table may
 * not see the test period. (The live detector is replayed by
 * replayJudgements and scored by scoreCodes.)
 */
export function runBacktest(orders: readonly BacktestOrder[], options: BacktestOptions): BacktestResult {
  if (options.testFrom < options.trainTo) throw new RangeError('runBacktest: testFrom precedes trainTo, the first table would see the test period');
  const schedule = tableSchedule(orders, options);
  const delivered = options.deliveredStatus ?? 'delivered';
  const segmentBy = options.segmentBy ?? 'customerState';
  const skipped: Record<string, number> = {};
  const anomalies: Record<string, number> = {};
  const judged: JudgedOrder[] = [];
  const bySegment = new Map<string, JudgedOrder[]>();
  const alertList: BacktestAlert[] = [];
  for (const order of orders) {
    if (order.purchasedAt < options.testFrom || order.purchasedAt >= options.testTo) continue;
    const reason = skipReason(order, delivered);
    if (reason) count(skipped, reason);
    else for (const anomaly of timelineAnomalies(order)) count(anomalies, anomaly);
    const at = firstAlertAt(order, options.policy, schedule);
    const segment = order.segment[segmentBy] ?? 'unknown';
    const late = reason ? undefined : order.deliveredAt! > order.promisedBy!;
    const alert: BacktestAlert | undefined =
      at === undefined
        ? undefined
        : {
            orderId: order.id,
            at,
            judged: late !== undefined,
            ...(late !== undefined ? { late } : {}),
            // Lead to 00:00 of the promised date (promisedBy is the end of that day), as the live detector's figures.
            ...(order.promisedBy !== undefined ? { leadTimeHours: (promisedDayStartOf(order.promisedBy) - at) / HOUR_MS } : {}),
            weight: order.weight ?? 1,
            segment,
          };
    if (alert) alertList.push(alert);
    if (late === undefined) continue;
    const entry: JudgedOrder = { late, ...(alert ? { alert } : {}) };
    judged.push(entry);
    const list = bySegment.get(segment);
    if (list) list.push(entry);
    else bySegment.set(segment, [entry]);
  }
  return {
    policy: describePolicy(options.policy),
    alerts: alertList.length,
    alertsWeighted: Math.round(alertList.reduce((sum, a) => sum + a.weight, 0)),
    ...alertQuality(judged),
    bySegment: [...bySegment].map(([segment, list]) => ({ segment, ...alertQuality(list) })).sort((a, b) => b.judged - a.judged || a.segment.localeCompare(b.segment)),
    skipped,
    anomalies,
    alertList,
  };
}

function skipReason(order: BacktestOrder, delivered: string): string | undefined {
  if (order.status !== delivered) return `status ${order.status || 'unknown'} (not judged)`;
  if (order.deliveredAt === undefined) return 'delivered without a delivery date';
  if (order.promisedBy === undefined) return 'no promised date';
  return undefined;
}

function timelineAnomalies(order: BacktestOrder): string[] {
  const found: string[] = [];
  if (order.shippedAt === undefined) found.push('no carrier hand-over date');
  if (order.approvedAt === undefined) found.push('no approval date');
  if (order.shippedAt !== undefined && order.approvedAt !== undefined && order.shippedAt < order.approvedAt) found.push('carrier date before approval');
  if (order.shippedAt !== undefined && order.shippedAt < order.purchasedAt) found.push('carrier date before purchase');
  if (order.shippedAt !== undefined && order.deliveredAt !== undefined && order.deliveredAt < order.shippedAt) found.push('delivered before carrier hand-over');
  return found;
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}
