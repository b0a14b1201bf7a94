import type { StoredOrder } from '../domain/order.js';
import { summaryOf } from '../store/order-reader.js';
import type { OrderSummary } from '../store/store.js';

/**
 * reportSummaryOf is an order's search-row summary without the receiver's
 * name and phone: reports travel to other departments and outside chats,
 * so they carry no personal data beyond what the evidence itself needs.
 */
export function reportSummaryOf(order: StoredOrder): OrderSummary {
  const { receiverName: _name, phone: _phone, ...rest } = summaryOf(order);
  return rest;
}
