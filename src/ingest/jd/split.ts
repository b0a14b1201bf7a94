import type { Split } from '../adapter.js';
import { isPlainObject, keysOf } from '../order-parts.js';
import { parseJsonLossless } from '../files/lossless-json.js';

/** SEARCH_DEPTH bounds how deep inside a response the order list is looked for. */
const SEARCH_DEPTH = 4;

type Found = { readonly orders: readonly unknown[] } | { readonly apiError: string } | undefined;

/**
 * splitJdDocument lists the orders in a JD POP response. JD nests the list
 * differently per API and version (`searchorderinfo_result.orderInfoList[]`,
 * `orderDetailInfo.orderInfo`, sometimes a result serialised as a JSON
 * string), so inside a `..._responce` / `..._response` wrapper it looks for
 * the first `orderInfoList` array or `orderInfo` object a few levels down. A
 * bare order (with `orderId`) or an array of orders is also accepted.
 */
export function splitJdDocument(document: unknown): Split {
  if (Array.isArray(document)) return { ok: true, records: document };
  if (!isPlainObject(document)) return unrecognised(document);
  const error = document['error_response'];
  if (isPlainObject(error)) {
    const parts = ['code', 'zh_desc', 'en_desc'].map((k) => error[k]).filter((v) => typeof v === 'string' || typeof v === 'number');
    return { ok: false, error: { field: 'error_response', message: `JD answered with an error, not orders: ${parts.join(' ')}` } };
  }
  if ('orderId' in document) return { ok: true, records: [document] };
  const found = findOrders(document, SEARCH_DEPTH);
  if (found === undefined) return unrecognised(document);
  if ('apiError' in found) return { ok: false, error: { field: '(document)', message: `JD answered with an error, not orders: ${found.apiError}` } };
  return { ok: true, records: found.orders };
}

function findOrders(value: unknown, depth: number): Found {
  const node = parseEmbedded(value);
  if (!isPlainObject(node) || depth < 0) return undefined;
  if (Array.isArray(node['orderInfoList'])) return { orders: node['orderInfoList'] };
  if (isPlainObject(node['orderInfo'])) return { orders: [node['orderInfo']] };
  const api = node['apiResult'];
  if (isPlainObject(api) && api['success'] === false) {
    const why = [api['resultCode'], api['chineseErr'], api['englishErr']].filter((v) => typeof v === 'string' || typeof v === 'number');
    return { apiError: why.join(' ') || 'apiResult.success is false' };
  }
  // A search page with no results carries a zero total and may leave the list out.
  if (node['orderTotal'] === 0 || node['orderTotal'] === '0') return { orders: [] };
  for (const child of Object.values(node)) {
    const found = findOrders(child, depth - 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** parseEmbedded reads a result JD sent as a JSON string; anything else is returned as is. */
function parseEmbedded(value: unknown): unknown {
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return value;
  try {
    return parseJsonLossless(value);
  } catch {
    return value;
  }
}

function unrecognised(document: unknown): Split {
  return {
    ok: false,
    error: {
      field: '(document)',
      message:
        'is not a JD POP order document: expected jingdong_pop_order_search_responce with an orderInfoList[], ' +
        `jingdong_pop_order_get_responce with an orderInfo, an order object with orderId, or an array of orders; got ${keysOf(document)}`,
    },
  };
}
