import type { Split } from '../adapter.js';
import { describe } from '../record-reader.js';

/**
 * splitShopify lists the orders in an order webhook body (one bare order), an
 * Admin REST reply (`{order}` or `{orders:[...]}`) or an array of orders.
 */
export function splitShopify(document: unknown): Split {
  if (Array.isArray(document)) return { ok: true, records: document };
  if (typeof document !== 'object' || document === null) {
    return { ok: false, error: { field: '', message: `must be a Shopify order, {order}, {orders:[...]} or an array, got ${describe(document)}` } };
  }
  const o = document as Record<string, unknown>;
  if (o['errors'] !== undefined && o['id'] === undefined) {
    const text = typeof o['errors'] === 'string' ? o['errors'].slice(0, 200) : 'see the reply';
    return { ok: false, error: { field: 'errors', message: `is a Shopify error reply (${text}), not orders` } };
  }
  if (o['orders'] !== undefined) {
    if (!Array.isArray(o['orders'])) return { ok: false, error: { field: 'orders', message: 'must be an array' } };
    return { ok: true, records: o['orders'] };
  }
  if (typeof o['order'] === 'object' && o['order'] !== null) return { ok: true, records: [o['order']] };
  if ('id' in o || 'admin_graphql_api_id' in o) return { ok: true, records: [document] };
  return { ok: false, error: { field: '', message: 'must be a Shopify order (with id), {order} or {orders:[...]}; found none of them' } };
}
