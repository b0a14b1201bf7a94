import type { Split } from '../adapter.js';
import { isPlainObject, keysOf } from '../order-parts.js';

/** DOUYIN_OK is the `code` of a successful 抖店 open-platform answer. */
const DOUYIN_OK = 10000;

/**
 * splitDouyinDocument lists the orders in a 抖店 answer: `data.shop_order_detail`
 * (/order/orderDetail), `data.shop_order_list[]` (/order/searchList), a bare
 * order (with `order_id`) or an array of orders. An answer with an error code
 * and no data says so with the platform's message.
 */
export function splitDouyinDocument(document: unknown): Split {
  if (Array.isArray(document)) return { ok: true, records: document };
  if (!isPlainObject(document)) return unrecognised(document);
  if ('order_id' in document) return { ok: true, records: [document] };
  const data = document['data'];
  if (isPlainObject(data)) return splitData(data, 'data.');
  const found = splitData(document, '');
  if (found.ok) return found;
  const code = document['code'];
  if (code !== undefined && code !== DOUYIN_OK && code !== String(DOUYIN_OK)) {
    const why = ['code', 'msg', 'sub_code', 'sub_msg'].map((k) => document[k]).filter((v) => typeof v === 'string' || typeof v === 'number');
    return { ok: false, error: { field: 'code', message: `抖店 answered with an error, not orders: ${why.join(' ')}` } };
  }
  return found;
}

function splitData(data: Readonly<Record<string, unknown>>, at: string): Split {
  const detail = data['shop_order_detail'];
  if (detail !== undefined) {
    if (isPlainObject(detail)) return { ok: true, records: [detail] };
    return { ok: false, error: { field: `${at}shop_order_detail`, message: `must be an order object, got ${keysOf(detail)}` } };
  }
  const list = data['shop_order_list'];
  if (list !== undefined) {
    if (Array.isArray(list)) return { ok: true, records: list };
    return { ok: false, error: { field: `${at}shop_order_list`, message: `must be an array of orders, got ${keysOf(list)}` } };
  }
  if ('order_id' in data) return { ok: true, records: [data] };
  // The old order/list (v1) answer: data.list[]; each order then names itself as the old shape.
  const legacy = data['list'];
  if (Array.isArray(legacy)) return { ok: true, records: legacy };
  // An empty search page may leave the list out and only say its total.
  if (data['total'] === 0 && at !== '') return { ok: true, records: [] };
  return unrecognised(data, at);
}

function unrecognised(document: unknown, at = ''): Split {
  return {
    ok: false,
    error: {
      field: at === '' ? '(document)' : at.slice(0, -1),
      message:
        'is not a 抖店 order document: expected data.shop_order_detail, data.shop_order_list[], ' +
        `an order object with order_id, or an array of orders; got ${keysOf(document)}`,
    },
  };
}
