import type { Instant } from '../../domain/time.js';

/**
 * SEGMENT_DIMENSIONS are the attributes that make orders "similar" for
 * threshold purposes (SPEC C4: category, destination region, channel,
 * warehouse, carrier; plus the origin region, which drives transit times).
 */
export const SEGMENT_DIMENSIONS = ['sku', 'category', 'sellerState', 'customerState', 'channel', 'warehouse', 'carrier'] as const;

/** SegmentDimension is one attribute a segment can be keyed on. */
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** SegmentAttributes are an order's values of the segment dimensions; absent ones are unknown. */
export type SegmentAttributes = Readonly<Partial<Record<SegmentDimension, string>>>;

/**
 * OrderTimeline is one order's history as threshold calibration reads it:
 * when it was paid, reviewed, handed to the carrier and signed for, and the
 * segment it belongs to. `weight` is how many real orders it stands for (a
 * sub-sampled data set weights its kept orders up; default 1).
 */
export interface OrderTimeline {
  readonly purchasedAt: Instant;
  readonly approvedAt?: Instant;
  readonly shippedAt?: Instant;
  readonly deliveredAt?: Instant;
  /**
   * The last instant the order still counts as on time (the end of the
   * promised delivery day in the customer's zone); absent when no promise.
   */
  readonly promisedBy?: Instant;
  readonly segment: SegmentAttributes;
  readonly weight?: number;
}
