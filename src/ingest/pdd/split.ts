import type { Split } from '../adapter.js';
import { isPlainObject, keysOf } from '../order-parts.js';

/**
 * splitPddDocument lists the orders in a 拼多多 answer: `order_info_get_response.order_info`
 * (pdd.order.information.get), `order_list_get_response.order_list[]` (pdd.order.list.get),
 * `order_sn_increment_get_response.order_sn_list[]` (pdd.order.number.list.increment.get),
 * a bare order (with `order_sn`) or an array of orders. An `error_response` says so with
 * the platform's code and message.
 */
export function splitPddDocument(document: unknown): Split {
  if (Array.isArray(document)) return { ok: true, records: document };
  if (!isPlainObject(document)) return unrecognised(document);
  if ('order_sn' in document) return { ok: true, records: [document] };
  const error = document['error_response'];
  if (isPlainObject(error)) {
    const why = ['error_code', 'error_msg', 'sub_code', 'sub_msg'].map((k) => error[k]).filter((v) => typeof v === 'string' || typeof v === 'number');
    return { ok: false, error: { field: 'error_response', message: `拼多多 answered with an error, not orders: ${why.join(' ')}` } };
  }
  const detail = document['order_info_get_response'];
  if (isPlainObject(detail)) {
    const info = detail['order_info'];
    if (isPlainObject(info)) return { ok: true, records: [info] };
    return { ok: false, error: { field: 'order_info_get_response.order_info', message: `must be an order object, got ${keysOf(info)}` } };
  }
  for (const [wrapper, list] of [
    ['order_list_get_response', 'order_list'],
    ['order_sn_increment_get_response', 'order_sn_list'],
    ['order_basic_list_get_response', 'order_list'],
  ] as const) {
    const page = document[wrapper];
    if (!isPlainObject(page)) continue;
    const orders = page[list];
    if (Array.isArray(orders)) return { ok: true, records: orders };
    if (orders === undefined && (page['total_count'] === 0 || page['total_count'] === '0')) return { ok: true, records: [] };
    return { ok: false, error: { field: `${wrapper}.${list}`, message: `must be an array of orders, got ${keysOf(orders)}` } };
  }
  return unrecognised(document);
}

function unrecognised(document: unknown): Split {
  return {
    ok: false,
    error: {
      field: '(document)',
      message:
        'is not a 拼多多 order document: expected order_info_get_response.order_info, order_list_get_response.order_list[], ' +
        `order_sn_increment_get_response.order_sn_list[], an order object with order_sn, or an array of orders; got ${keysOf(document)}`,
    },
  };
}
