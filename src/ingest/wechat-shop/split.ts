import type { Split } from '../adapter.js';
import { isPlainObject, keysOf } from '../order-parts.js';

/**
 * splitWechatShopDocument lists the orders in a 微信小店 answer: `order`
 * (/channels/ec/order/get), `orders[]`, a bare order (with `order_id` and
 * `order_detail`) or an array of orders. A non-zero `errcode` says so with
 * WeChat's message. /channels/ec/order/list/get answers only ids
 * (`order_id_list`): it is named, since it carries no order to read.
 */
export function splitWechatShopDocument(document: unknown): Split {
  if (Array.isArray(document)) return { ok: true, records: document };
  if (!isPlainObject(document)) return unrecognised(document);
  if ('order_id' in document && 'order_detail' in document) return { ok: true, records: [document] };
  const errcode = document['errcode'];
  if (errcode !== undefined && errcode !== 0 && errcode !== '0') {
    return { ok: false, error: { field: 'errcode', message: `微信小店 answered with an error, not orders: ${String(errcode)} ${typeof document['errmsg'] === 'string' ? document['errmsg'] : ''}`.trim() } };
  }
  const order = document['order'];
  if (isPlainObject(order)) return { ok: true, records: [order] };
  const orders = document['orders'];
  if (Array.isArray(orders)) return { ok: true, records: orders };
  if (Array.isArray(document['order_id_list'])) {
    return {
      ok: false,
      error: {
        field: 'order_id_list',
        message: 'is the answer of /channels/ec/order/list/get, which lists order ids only; fetch each order with /channels/ec/order/get and import those answers',
      },
    };
  }
  return unrecognised(document);
}

function unrecognised(document: unknown): Split {
  return {
    ok: false,
    error: {
      field: '(document)',
      message:
        'is not a 微信小店 order document: expected order (/channels/ec/order/get), orders[], an order object with order_id and order_detail, ' +
        `or an array of orders; got ${keysOf(document)}`,
    },
  };
}
