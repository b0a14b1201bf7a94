import type { Split } from '../adapter.js';
import { describe } from '../record-reader.js';

const SHAPES = 'a Youzan full_order_info object, a full_order_info_list, an array of them, or a response/data wrapper around one';

/**
 * splitYouzan lists the order records in whatever Youzan sends: the v4 API's
 * `{data:{full_order_info, delivery_order ...}}`, the older
 * `{response:{full_order_info}}`, a `{full_order_info_list:[...]}` page, an
 * array, or a bare `{full_order_info}` / `{order_info ...}`. A wrapper around
 * `full_order_info` stays the record, so siblings such as `delivery_order` are
 * still readable by `normalise`.
 */
export function splitYouzan(document: unknown): Split {
  return splitAt(document, '', 0);
}

function splitAt(doc: unknown, path: string, depth: number): Split {
  const at = (field: string): string => (path ? `${path}.${field}` : field);
  if (Array.isArray(doc)) return { ok: true, records: doc };
  if (typeof doc !== 'object' || doc === null) {
    return { ok: false, error: { field: path, message: `must be ${SHAPES}, got ${describe(doc)}` } };
  }
  const o = doc as Record<string, unknown>;
  const apiError = youzanApiError(o);
  if (apiError) return { ok: false, error: { field: path, message: apiError } };
  const list = o['full_order_info_list'];
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) return { ok: false, error: { field: at('full_order_info_list'), message: 'must be an array' } };
    return { ok: true, records: list };
  }
  if ('full_order_info' in o || 'order_info' in o) return { ok: true, records: [doc] };
  if (depth < 2) {
    for (const wrapper of ['response', 'data'] as const) {
      if (o[wrapper] !== undefined && o[wrapper] !== null) return splitAt(o[wrapper], at(wrapper), depth + 1);
    }
  }
  return { ok: false, error: { field: path, message: `must be ${SHAPES}; found none of full_order_info, full_order_info_list, order_info` } };
}

/** youzanApiError reads an error reply (`{success:false, code, message}` or `{error_response:{...}}`) as a message. */
function youzanApiError(o: Record<string, unknown>): string | undefined {
  const err = o['error_response'];
  const source = typeof err === 'object' && err !== null ? (err as Record<string, unknown>) : o['success'] === false ? o : undefined;
  if (!source) return undefined;
  const code = source['code'] ?? source['err_code'];
  const message = source['message'] ?? source['msg'] ?? source['err_msg'];
  const text = typeof message === 'string' ? message.slice(0, 200) : 'no message';
  return `is a Youzan error reply (code ${typeof code === 'number' || typeof code === 'string' ? String(code) : '?'}: ${text}), not orders`;
}
