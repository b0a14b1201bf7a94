import type { StoredOrder } from '../../domain/order.js';
import type { SegmentAttributes } from '../thresholds/index.js';

/**
 * segmentOf places an order among "similar orders" for thresholds: its
 * first item's SKU and category, destination province, channel, and shipping
 * warehouse (also the origin region, which drives transit times), and
 * carrier. The same mapping serves calibration and judgement.
 */
export function segmentOf(order: Pick<StoredOrder, 'items' | 'receiver' | 'channel' | 'warehouse' | 'shipments'>): SegmentAttributes {
  const category = order.items[0]?.category;
  const sku = order.items[0]?.sku;
  const carrier = order.shipments[0]?.carrier;
  return {
    ...(sku ? { sku } : {}),
    ...(category ? { category } : {}),
    ...(order.receiver.province ? { customerState: order.receiver.province } : {}),
    channel: order.channel,
    ...(order.warehouse ? { warehouse: order.warehouse, sellerState: order.warehouse } : {}),
    ...(carrier ? { carrier } : {}),
  };
}
