import { HOUR_MS, type Instant } from '../../domain/time.js';
import type { ThresholdTable } from './calibrate.js';
import { conditionalDurationQuantile, durationQuantile } from './duration-stats.js';
import type { SegmentAttributes } from './order-timeline.js';
import { findSegmentStats } from './segment-stats.js';

/** OrderProgress is where an order stands at the moment judged: when it was paid and, if it has been, handed to the carrier. */
export interface OrderProgress {
  readonly purchasedAt: Instant;
  /** Set only when the hand-over happened at or before the moment judged. */
  readonly shippedAt?: Instant;
  readonly segment: SegmentAttributes;
}

/**
 * predictCompletion is when the order is expected to be delivered, judged at
 * `now`, at quantile q: from the current stage, the q-quantile of the rest of
 * it given how long the order has already been in it, plus (before
 * hand-over) the q-quantile of transit on its route. Undefined without
 * history for the stages needed. The prediction never lies before `now`
 * and moves later the longer an order stalls.
 */
export function predictCompletion(table: ThresholdTable, order: OrderProgress, now: Instant, q: number): Instant | undefined {
  const transit = findSegmentStats(table, order.segment, 'transit');
  if (!transit) return undefined;
  if (order.shippedAt !== undefined && order.shippedAt <= now) {
    return order.shippedAt + conditionalDurationQuantile(transit.stats, q, (now - order.shippedAt) / HOUR_MS) * HOUR_MS;
  }
  const dispatch = findSegmentStats(table, order.segment, 'dispatch');
  if (!dispatch) return undefined;
  const shipAt = Math.max(now, order.purchasedAt + conditionalDurationQuantile(dispatch.stats, q, (now - order.purchasedAt) / HOUR_MS) * HOUR_MS);
  return shipAt + durationQuantile(transit.stats, q) * HOUR_MS;
}

/**
 * promiseAtRisk tells whether, at `now`, the predicted completion (quantile
 * q) passes the promise minus `marginHours`: the `promise.at_risk` test.
 */
export function promiseAtRisk(table: ThresholdTable, order: OrderProgress, now: Instant, options: { readonly promisedBy: Instant; readonly q: number; readonly marginHours: number }): boolean {
  const predicted = predictCompletion(table, order, now, options.q);
  return predicted !== undefined && predicted > options.promisedBy - options.marginHours * HOUR_MS;
}
