import type { FieldError } from './ingest-result.js';
import type { Order } from './order.js';
import { DAY_MS, type Instant } from './time.js';

const EARLIEST = Date.UTC(2000, 0, 1);
const MAX_FEN = 10_000_000_000; // ¥100 million: beyond this an amount is broken input, not an order.

/**
 * validateOrder applies the rules every order must meet whatever channel it
 * came from, after the adapter has read it: sane times, whole non-negative
 * amounts, at least one item. Adapters report source-specific problems; this
 * is the last gate before the store, so nothing half-formed is written.
 */
export function validateOrder(order: Order, receivedAt: Instant): FieldError[] {
  const errors: FieldError[] = [];
  const latest = receivedAt + 2 * DAY_MS;
  const time = (field: string, at: Instant | undefined, limit = latest): void => {
    if (at === undefined) return;
    if (!Number.isFinite(at) || at < EARLIEST) errors.push({ field, message: 'is before the year 2000' });
    else if (at > limit) errors.push({ field, message: 'is in the future' });
  };
  time('placedAt', order.placedAt);
  time('paidAt', order.paidAt);
  time('modifiedAt', order.modifiedAt);
  time('promisedShipBy', order.promisedShipBy, Number.MAX_SAFE_INTEGER);
  time('promisedDeliveryBy', order.promisedDeliveryBy, Number.MAX_SAFE_INTEGER);
  if (order.paidAt !== undefined && order.paidAt < order.placedAt - DAY_MS) errors.push({ field: 'paidAt', message: 'is more than a day before the order was placed' });
  const amount = (field: string, fen: number): void => {
    if (!Number.isSafeInteger(fen)) errors.push({ field, message: 'is not a whole number of fen' });
    else if (fen < 0) errors.push({ field, message: 'must not be negative' });
    else if (fen > MAX_FEN) errors.push({ field, message: 'is implausibly large (over ¥100,000,000)' });
  };
  amount('paidFen', order.paidFen);
  amount('shippingFen', order.shippingFen);
  // A source that sent no lines (an Olist order whose item rows the data set lacks) says so: the order lands without them.
  if (order.items.length === 0 && !order.incomplete?.includes('items')) errors.push({ field: 'items', message: 'must have at least one item' });
  order.items.forEach((item, i) => {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) errors.push({ field: `items[${i}].quantity`, message: 'must be a whole number of at least 1' });
    amount(`items[${i}].unitPriceFen`, item.unitPriceFen);
    if (item.sku.trim() === '') errors.push({ field: `items[${i}].sku`, message: 'is empty' });
  });
  if (order.channelOrderId.trim() === '' || order.channelOrderId.length > 64) errors.push({ field: 'channelOrderId', message: 'must be 1-64 characters' });
  return errors;
}
