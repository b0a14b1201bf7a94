import type { Split } from '../adapter.js';
import { isPlainObject, keysOf } from '../order-parts.js';

/** TRADE_KEYS are fields only a trade has: an object with one of them is a bare trade. */
const TRADE_KEYS = ['tid', 'orders', 'status', 'created'];

/**
 * splitTaobaoDocument lists the trades in a TOP response: any
 * `<method>_response` wrapper holding `trades.trade[]` (trades.sold.get,
 * trades.sold.increment.get) or `trade` (trade.fullinfo.get, trade.get), a
 * bare trade object, or an array of trades. A TOP `error_response` or any
 * other shape is a document error that says what was found.
 */
export function splitTaobaoDocument(document: unknown): Split {
  if (Array.isArray(document)) return { ok: true, records: document };
  if (!isPlainObject(document)) return unrecognised(document);
  const error = document['error_response'];
  if (isPlainObject(error)) {
    const parts = ['code', 'msg', 'sub_code', 'sub_msg'].map((k) => error[k]).filter((v) => typeof v === 'string' || typeof v === 'number');
    return { ok: false, error: { field: 'error_response', message: `TOP answered with an error, not trades: ${parts.join(' ')}` } };
  }
  const wrapper = Object.keys(document).find((key) => key.endsWith('_response'));
  if (wrapper !== undefined) return splitResponse(wrapper, document[wrapper]);
  if (TRADE_KEYS.some((key) => key in document)) return { ok: true, records: [document] };
  return unrecognised(document);
}

function splitResponse(wrapper: string, body: unknown): Split {
  if (!isPlainObject(body)) {
    return { ok: false, error: { field: wrapper, message: `must be an object holding trades, got ${keysOf(body)}` } };
  }
  if (body['trade'] !== undefined) {
    if (!isPlainObject(body['trade'])) return { ok: false, error: { field: `${wrapper}.trade`, message: `must be a trade object, got ${keysOf(body['trade'])}` } };
    return { ok: true, records: [body['trade']] };
  }
  const trades = body['trades'];
  // trades.sold.get leaves `trades` out entirely when a page has no results.
  if (trades === undefined && (body['total_results'] === 0 || body['total_results'] === '0')) return { ok: true, records: [] };
  if (isPlainObject(trades)) {
    const list = trades['trade'];
    if (Array.isArray(list)) return { ok: true, records: list };
    if (list === undefined) return { ok: true, records: [] };
    return { ok: false, error: { field: `${wrapper}.trades.trade`, message: `must be an array of trades, got ${keysOf(list)}` } };
  }
  return {
    ok: false,
    error: { field: wrapper, message: `holds no trades: expected ${wrapper}.trades.trade[] or ${wrapper}.trade, got ${keysOf(body)}` },
  };
}

function unrecognised(document: unknown): Split {
  return {
    ok: false,
    error: {
      field: '(document)',
      message:
        'is not a Taobao trade document: expected trades_sold_get_response.trades.trade[], ' +
        `trade_fullinfo_get_response.trade, a trade object with tid, or an array of trades; got ${keysOf(document)}`,
    },
  };
}
