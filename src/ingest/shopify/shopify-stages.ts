import type { Stage } from '../../domain/stage.js';
import type { Instant } from '../../domain/time.js';

/**
 * SHOPIFY_FINANCIAL_STATUSES tells for each `financial_status` whether the
 * buyer's money is committed. An authorized payment counts: merchants ship
 * authorized orders and capture on fulfilment. Refunded states were paid
 * first; voided and expired never were.
 */
export const SHOPIFY_FINANCIAL_STATUSES: Readonly<Record<string, boolean>> = {
  pending: false,
  authorized: true,
  partially_paid: true,
  paid: true,
  partially_refunded: true,
  refunded: true,
  voided: false,
  expired: false,
};

/** SHOPIFY_FULFILLMENT_STATUSES lists the order-level `fulfillment_status` values (null means unfulfilled). */
export const SHOPIFY_FULFILLMENT_STATUSES = ['fulfilled', 'partial', 'restocked', 'unfulfilled'] as const;

/** ShopifyFulfillmentStatus is one of SHOPIFY_FULFILLMENT_STATUSES. */
export type ShopifyFulfillmentStatus = (typeof SHOPIFY_FULFILLMENT_STATUSES)[number];

/** ShopifyTimeline is what an order's own fields say about its stages. */
export interface ShopifyTimeline {
  readonly createdAt: Instant;
  /** When the payment was committed (processed_at, else created_at), if it was. */
  readonly paidAt: Instant | undefined;
  readonly fulfillment: ShopifyFulfillmentStatus | undefined;
  /** Earliest creation of an active fulfillment. */
  readonly firstShippedAt: Instant | undefined;
  /** Latest update of the fulfillments when every active one says shipment_status "delivered". */
  readonly allDeliveredAt: Instant | undefined;
  readonly cancelledAt: Instant | undefined;
  /** updated_at, else when received: where a stage without its own time is placed. */
  readonly fallback: Instant;
}

/**
 * shopifyStages places an order's stages on its timeline. Shopify keeps no
 * separate "paid at": processed_at (when checkout completed) stands in. A
 * fulfilled or partly fulfilled order is shipped when its first fulfillment
 * was created; it is delivered only when the carrier status of every active
 * fulfillment is "delivered". A restock without a cancellation is a return.
 */
export function shopifyStages(t: ShopifyTimeline): Array<{ stage: Stage; at: Instant | undefined }> {
  const shipped = t.fulfillment === 'fulfilled' || t.fulfillment === 'partial' || t.firstShippedAt !== undefined;
  return [
    { stage: 'pending_payment', at: t.paidAt === undefined ? t.createdAt : undefined },
    { stage: 'paid', at: t.paidAt },
    { stage: 'shipped', at: shipped ? (t.firstShippedAt ?? t.fallback) : undefined },
    { stage: 'delivered', at: t.fulfillment === 'fulfilled' ? t.allDeliveredAt : undefined },
    { stage: 'cancelled', at: t.cancelledAt },
    { stage: 'returned', at: t.fulfillment === 'restocked' && t.cancelledAt === undefined ? t.fallback : undefined },
  ];
}
