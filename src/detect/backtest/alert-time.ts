import type { Instant } from '../../domain/time.js';
import { lookup } from '../thresholds/lookup.js';
import { spanEnd, spanStart } from '../thresholds/stage-span.js';
import { isStallPolicy, policySpans, type ThresholdPolicy } from '../thresholds/threshold-policy.js';
import type { BacktestOrder } from './backtest-order.js';
import type { TableSchedule } from './recalibration.js';

/**
 * firstAlertAt replays one order under a comparison rule and returns when
 * the rule would first have alerted, or undefined if it never would have. A
 * stall policy alerts at a stage's deadline when the stage had not ended by
 * then (the deadline comes from the table in force when the stage began);
 * ship-by alerts at the seller's deadline if not shipped by then.
 */
export function firstAlertAt(order: BacktestOrder, policy: ThresholdPolicy, schedule: TableSchedule): Instant | undefined {
  if (policy.kind === 'ship-by') {
    const limit = order.shippingLimitAt;
    return limit !== undefined && (order.shippedAt === undefined || order.shippedAt > limit) ? limit : undefined;
  }
  if (!isStallPolicy(policy)) return undefined;
  let first: Instant | undefined;
  for (const span of policySpans(policy)) {
    const since = spanStart(order, span);
    if (since === undefined) continue;
    const threshold = lookup(schedule.tableAt(since), order.segment, span, { since });
    if (!threshold) continue;
    const end = spanEnd(order, span);
    if ((end === undefined || end > threshold.deadline) && (first === undefined || threshold.deadline < first)) first = threshold.deadline;
  }
  return first;
}
