import type { StoredOrder } from '../../domain/order.js';
import type { SegmentAttributes } from '../thresholds/index.js';

/** ORIGIN_ATTRIBUTE prefixes the item attribute a marketplace adapter names the seller's region with (Olist: `seller_state:SP`). */
export const ORIGIN_ATTRIBUTE = 'seller_state:';

/**
 * segmentOf places an order among "similar orders" for thresholds: its
 * first item's SKU and category, destination province, channel, and shipping
 * warehouse, and carrier. The origin region, which drives transit times, is
 * the warehouse for a shop's own stock, or the seller's region where a
 * marketplace names it on the item (ORIGIN_ATTRIBUTE): there each seller is
 * its own warehouse, and a route by seller would rarely have the orders to
 * learn from. The same mapping serves calibration and judgement.
 */
export function segmentOf(order: Pick<StoredOrder, 'items' | 'receiver' | 'channel' | 'warehouse' | 'shipments'>): SegmentAttributes {
  const category = order.items[0]?.category;
  const sku = order.items[0]?.sku;
  const carrier = order.shipments[0]?.carrier;
  const origin = order.items[0]?.attributes?.find((a) => a.startsWith(ORIGIN_ATTRIBUTE))?.slice(ORIGIN_ATTRIBUTE.length) || order.warehouse;
  return {
    ...(sku ? { sku } : {}),
    ...(category ? { category } : {}),
    ...(order.receiver.province ? { customerState: order.receiver.province } : {}),
    channel: order.channel,
    ...(order.warehouse ? { warehouse: order.warehouse } : {}),
    ...(origin ? { sellerState: origin } : {}),
    ...(carrier ? { carrier } : {}),
  };
}
