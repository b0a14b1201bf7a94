import type { Split } from '../adapter.js';
import { isPlainObject, keysOf } from '../order-parts.js';

/** KUAISHOU_OK is the `result` of a successful 快手 open-platform answer. */
const KUAISHOU_OK = 1;

/**
 * splitKuaishouDocument lists the orders in a 快手小店 answer: `data` with an
 * `orderBaseInfo` (open.order.detail), `data.orderList[]` (open.order.cursor.list),
 * a bare order (with `orderBaseInfo`) or an array of orders. An answer whose
 * `result` is not 1 says so with the platform's message.
 */
export function splitKuaishouDocument(document: unknown): Split {
  if (Array.isArray(document)) return { ok: true, records: document };
  if (!isPlainObject(document)) return unrecognised(document);
  if ('orderBaseInfo' in document) return { ok: true, records: [document] };
  const result = document['result'];
  const data = document['data'];
  if (result !== undefined && result !== KUAISHOU_OK && result !== String(KUAISHOU_OK) && !isPlainObject(data)) {
    const why = ['result', 'error_msg', 'msg', 'sub_code', 'sub_msg'].map((k) => document[k]).filter((v) => typeof v === 'string' || typeof v === 'number');
    return { ok: false, error: { field: 'result', message: `快手 answered with an error, not orders: ${why.join(' ')}` } };
  }
  if (isPlainObject(data)) {
    if ('orderBaseInfo' in data) return { ok: true, records: [data] };
    const list = data['orderList'];
    if (Array.isArray(list)) return { ok: true, records: list };
    if (list === undefined && (data['cursor'] === 'nomore' || data['total'] === 0)) return { ok: true, records: [] };
    return unrecognised(data, 'data');
  }
  return unrecognised(document);
}

function unrecognised(document: unknown, at = '(document)'): Split {
  return {
    ok: false,
    error: {
      field: at,
      message:
        'is not a 快手小店 order document: expected data with orderBaseInfo (open.order.detail), data.orderList[] ' +
        `(open.order.cursor.list), an order object with orderBaseInfo, or an array of orders; got ${keysOf(document)}`,
    },
  };
}
