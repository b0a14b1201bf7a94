import type { BacktestOrder } from '../detect/backtest/backtest-order.js';
import { olistEndOfDay, olistGroundTruth, readOlistDataset, type OlistRecord } from '../ingest/olist/index.js';

/** OLIST_FULL_COUNTS are the full Olist data set's delivered and other orders (the shared sample's README). */
export const OLIST_FULL_COUNTS = { delivered: 96478, other: 2963 } as const;

/**
 * OLIST_DELIVERED_WEIGHT is how many real delivered orders each delivered
 * order of the shared sample stands for (96,478 / 5,172, see the data set's
 * README); every other order stands for itself.
 */
export const OLIST_DELIVERED_WEIGHT = OLIST_FULL_COUNTS.delivered / 5172;

/**
 * olistSampleWeights is how many orders of the full data set each order of
 * a data set stands for, by status: the full set's delivered and other
 * orders over those read. For the shared sample (all 2,963 others, 5,172 of
 * the delivered) that is 18.654 and 1; for the full set, 1 and 1. Only the
 * mix matters (calibration weighs durations with it) and the estimates of
 * alerts for the whole business.
 */
export function olistSampleWeights(statuses: readonly string[]): (status: string) => number {
  const delivered = statuses.filter((s) => s === 'delivered').length;
  const other = statuses.length - delivered;
  const deliveredWeight = delivered > 0 ? OLIST_FULL_COUNTS.delivered / delivered : 1;
  const otherWeight = other > 0 ? OLIST_FULL_COUNTS.other / other : 1;
  return (status) => (status === 'delivered' ? deliveredWeight : otherWeight);
}

/**
 * olistBacktestOrder maps one joined Olist record to a BacktestOrder, or
 * undefined when its id or purchase time is unreadable. The segment is the
 * first item's English category (Portuguese name, then `unknown`, where no
 * translation exists), its seller's state and the customer's state; the
 * promise is the end of the estimated delivery day in UTC-3, so "late"
 * matches the README's calendar-date rule exactly.
 */
export function olistBacktestOrder(record: OlistRecord): BacktestOrder | undefined {
  const truth = olistGroundTruth(record);
  if (!truth) return undefined;
  const item = record.items[0];
  const category = item?.['product_category_name_english'] || item?.['product_category_name'] || 'unknown';
  const sellerState = item?.['seller_state'];
  const customerState = record.customer?.['customer_state'];
  return {
    id: truth.orderId,
    status: truth.status,
    purchasedAt: truth.purchasedAt,
    ...(truth.approvedAt !== undefined ? { approvedAt: truth.approvedAt } : {}),
    ...(truth.shippedAt !== undefined ? { shippedAt: truth.shippedAt } : {}),
    ...(truth.deliveredAt !== undefined ? { deliveredAt: truth.deliveredAt } : {}),
    ...(truth.estimatedDeliveryAt !== undefined ? { promisedBy: olistEndOfDay(truth.estimatedDeliveryAt) } : {}),
    ...(truth.shippingLimitAt !== undefined ? { shippingLimitAt: truth.shippingLimitAt } : {}),
    segment: {
      category,
      ...(sellerState ? { sellerState } : {}),
      ...(customerState ? { customerState } : {}),
      channel: 'olist',
    },
    weight: truth.status === 'delivered' ? OLIST_DELIVERED_WEIGHT : 1,
  };
}

/** loadOlistBacktestOrders reads the Olist data set in `dir` as BacktestOrders, in file order, weighted by olistSampleWeights. */
export async function loadOlistBacktestOrders(dir: string): Promise<BacktestOrder[]> {
  const orders: BacktestOrder[] = [];
  for await (const record of readOlistDataset(dir)) {
    const order = olistBacktestOrder(record);
    if (order) orders.push(order);
  }
  const weights = olistSampleWeights(orders.map((o) => o.status));
  return orders.map((o) => ({ ...o, weight: weights(o.status) }));
}
