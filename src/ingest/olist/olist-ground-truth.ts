import type { Instant } from '../../domain/time.js';
import { RecordReader } from '../record-reader.js';
import { readOlistDataset } from './olist-dataset.js';
import type { OlistRecord } from './olist-record.js';
import { olistLocalDate, readOlistTime } from './olist-time.js';

/**
 * OlistGroundTruth is what really happened to one Olist order, as backtests
 * judge alerts against it: the raw times (UTC-3 read as instants, not
 * reordered) and whether it was late.
 */
export interface OlistGroundTruth {
  readonly orderId: string;
  readonly status: string;
  readonly purchasedAt: Instant;
  readonly approvedAt?: Instant;
  readonly shippedAt?: Instant;
  readonly deliveredAt?: Instant;
  /** The promised date as given: 00:00 local on the estimated delivery date. */
  readonly estimatedDeliveryAt?: Instant;
  /** The earliest shipping_limit_date of the order's items. */
  readonly shippingLimitAt?: Instant;
  /** Delivered on a calendar date (UTC-3) after the estimated date; undefined unless both are known. */
  readonly late: boolean | undefined;
}

/**
 * olistGroundTruth reads the ground truth of one joined record, or undefined
 * when its order id or purchase time is unreadable (normaliseOlist reports why).
 * Bad optional times read as unknown.
 */
export function olistGroundTruth(record: OlistRecord): OlistGroundTruth | undefined {
  const o = new RecordReader(record.order, 'order');
  const orderId = o.id('order_id');
  const status = o.text('order_status', { max: 32 });
  const purchasedAt = readOlistTime(o, 'order_purchase_timestamp', true);
  if (orderId === undefined || purchasedAt === undefined) return undefined;
  const approvedAt = readOlistTime(o, 'order_approved_at');
  const shippedAt = readOlistTime(o, 'order_delivered_carrier_date');
  const deliveredAt = readOlistTime(o, 'order_delivered_customer_date');
  const estimatedDeliveryAt = readOlistTime(o, 'order_estimated_delivery_date');
  let shippingLimitAt: Instant | undefined;
  for (const item of record.items) {
    const limit = readOlistTime(new RecordReader(item), 'shipping_limit_date');
    if (limit !== undefined && (shippingLimitAt === undefined || limit < shippingLimitAt)) shippingLimitAt = limit;
  }
  const late = deliveredAt !== undefined && estimatedDeliveryAt !== undefined ? olistLocalDate(deliveredAt) > olistLocalDate(estimatedDeliveryAt) : undefined;
  return {
    orderId,
    status: status ?? '',
    purchasedAt,
    ...(approvedAt !== undefined ? { approvedAt } : {}),
    ...(shippedAt !== undefined ? { shippedAt } : {}),
    ...(deliveredAt !== undefined ? { deliveredAt } : {}),
    ...(estimatedDeliveryAt !== undefined ? { estimatedDeliveryAt } : {}),
    ...(shippingLimitAt !== undefined ? { shippingLimitAt } : {}),
    late,
  };
}

/** readOlistGroundTruth yields the ground truth of every readable order of the data set in `dir`. */
export async function* readOlistGroundTruth(dir: string): AsyncGenerator<OlistGroundTruth> {
  for await (const record of readOlistDataset(dir)) {
    const truth = olistGroundTruth(record);
    if (truth) yield truth;
  }
}
