import type { Instant } from '../../domain/time.js';
import type { OrderTimeline } from '../thresholds/order-timeline.js';

/**
 * BacktestOrder is one historical order replayed by a backtest: its timeline
 * (see OrderTimeline: purchase, approval, carrier hand-over, delivery, the
 * promise and the segment attributes), its final status and the seller's
 * ship-by deadline. The caller maps its data set into this shape (for Olist:
 * src/app/olist-backtest-orders.ts); the backtest never reads files.
 *
 * Ground truth: an order is *late* when `deliveredAt` is after `promisedBy`.
 */
export interface BacktestOrder extends OrderTimeline {
  readonly id: string;
  /** Final status as the source names it; only `delivered` orders are judged for alert quality. */
  readonly status: string;
  /** The seller's ship-by deadline (Olist: earliest `shipping_limit_date` of its items). */
  readonly shippingLimitAt?: Instant;
}
