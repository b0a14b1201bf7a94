import { HOUR_MS, type Instant } from '../../domain/time.js';
import { lookup } from '../thresholds/lookup.js';
import { predictCompletion } from '../thresholds/promise-risk.js';
import { spanEnd, spanStart } from '../thresholds/stage-span.js';
import { isStallPolicy, policySpans, type ThresholdPolicy } from '../thresholds/threshold-policy.js';
import type { BacktestOrder } from './backtest-order.js';
import type { TableSchedule } from './recalibration.js';

/** ALERT_RESOLUTION_MS is how precisely a promise-risk alert time is located (one minute). */
export const ALERT_RESOLUTION_MS = 60_000;

/**
 * firstAlertAt replays one order under a policy and returns when the policy
 * would first have alerted, or undefined if it never would have. A stall
 * policy alerts at a stage's deadline when the stage had not ended by then
 * (the deadline comes from the table in force when the stage began); ship-by
 * alerts at the seller's deadline if not shipped by then; promise-risk
 * alerts the first moment the predicted delivery passes the promise minus
 * the margin, using at every moment only the table then in force and only
 * the stages reached by then.
 */
export function firstAlertAt(order: BacktestOrder, policy: ThresholdPolicy, schedule: TableSchedule): Instant | undefined {
  if (policy.kind === 'promise-risk') return promiseRiskAlertAt(order, policy, schedule);
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

function promiseRiskAlertAt(order: BacktestOrder, policy: { readonly q: number; readonly marginHours: number }, schedule: TableSchedule): Instant | undefined {
  const promisedBy = order.promisedBy;
  if (promisedBy === undefined) return undefined;
  const limit = promisedBy - policy.marginHours * HOUR_MS;
  // Past the limit the order is at risk whatever is predicted: stop there.
  const stop = Math.min(order.deliveredAt ?? Infinity, limit + 1);
  const shipped = order.shippedAt !== undefined && order.shippedAt >= order.purchasedAt ? order.shippedAt : undefined;
  const atRisk = (now: Instant): boolean => {
    const progress = { purchasedAt: order.purchasedAt, segment: order.segment, ...(shipped !== undefined && shipped <= now ? { shippedAt: shipped } : {}) };
    const predicted = predictCompletion(schedule.tableAt(now), progress, now, policy.q);
    return predicted !== undefined && predicted > limit;
  };
  const beforeShip = firstTrue(order.purchasedAt, Math.min(shipped ?? Infinity, stop), atRisk, schedule);
  if (beforeShip !== undefined || shipped === undefined) return beforeShip;
  return firstTrue(shipped, stop, atRisk, schedule);
}

/**
 * firstTrue finds the first moment in [from, to) where `test` holds,
 * assuming it is monotone (false then true) within each table period;
 * periods are searched in order, each by bisection.
 */
function firstTrue(from: Instant, to: Instant, test: (at: Instant) => boolean, schedule: TableSchedule): Instant | undefined {
  let start = from;
  while (start < to) {
    const end = Math.min(to, schedule.periodEnd(start));
    const last = end - 1;
    if (test(last)) {
      let low = start;
      let high = last;
      if (test(low)) return low;
      while (high - low > ALERT_RESOLUTION_MS) {
        const mid = low + Math.floor((high - low) / 2);
        if (test(mid)) high = mid;
        else low = mid;
      }
      return high;
    }
    if (end <= start) break;
    start = end;
  }
  return undefined;
}
