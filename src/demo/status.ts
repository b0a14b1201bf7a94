import type { Instant } from '../domain/time.js';
import type { DemoOrder, Parcel } from './model.js';

/**
 * OrderStatus is where an order stands at the business's `end`: the channel
 * shapes derive their status codes and timestamps from it, so the native
 * order always agrees with the generic events emitted beside it.
 */
export interface OrderStatus {
  readonly cancelledAt?: Instant;
  /** Parcels handed to the carrier by `end`. */
  readonly shipped: readonly Parcel[];
  /** Every planned parcel has left. */
  readonly allShipped: boolean;
  /** Every parcel is delivered. */
  readonly deliveredAt?: Instant;
  /** The buyer confirmed receipt (the trade is finished). */
  readonly finishedAt?: Instant;
  /** The latest change the platform knows of. */
  readonly modifiedAt: Instant;
}

/** orderStatus reads an order's timeline as of `end`. */
export function orderStatus(order: DemoOrder, end: Instant): OrderStatus {
  const t = order.timeline;
  let modifiedAt = order.paidAt;
  if (!t) return { shipped: [], allShipped: false, modifiedAt };
  if (t.cancelledAt !== undefined && t.cancelledAt <= end) {
    return { cancelledAt: t.cancelledAt, shipped: [], allShipped: false, modifiedAt: t.cancelledAt };
  }
  const shipped = t.parcels.filter((p) => p.shippedAt <= end);
  for (const p of shipped) modifiedAt = Math.max(modifiedAt, p.shippedAt);
  const allShipped = shipped.length > 0 && shipped.length === t.parcels.length;
  let deliveredAt: Instant | undefined;
  if (allShipped) {
    for (const p of shipped) {
      if (p.deliveredAt === undefined || p.deliveredAt > end) {
        deliveredAt = undefined;
        break;
      }
      deliveredAt = Math.max(deliveredAt ?? 0, p.deliveredAt);
    }
  }
  const finishedAt = t.finishedAt !== undefined && t.finishedAt <= end ? t.finishedAt : undefined;
  if (finishedAt !== undefined) modifiedAt = Math.max(modifiedAt, finishedAt);
  return {
    shipped,
    allShipped,
    modifiedAt,
    ...(deliveredAt !== undefined ? { deliveredAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
  };
}
