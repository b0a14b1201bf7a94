import type { FieldError } from '../domain/ingest-result.js';
import { isPlainObject } from './order-parts.js';

/** ShapeGuess is the channel a document looks like and the `--channel` value that reads it. */
export interface ShapeGuess {
  readonly channel: string;
  readonly name: string;
}

/**
 * SIGNATURES are keys only one platform's answers carry, checked on the
 * document and one level down (an API wrapper, `data`, `order`). The first
 * match wins, so the more specific wrappers come first.
 */
const SIGNATURES: ReadonlyArray<{ readonly channel: string; readonly name: string; readonly keys: readonly string[] }> = [
  { channel: 'taobao', name: 'Taobao/Tmall TOP trade', keys: ['trades_sold_get_response', 'trade_fullinfo_get_response', 'receiver_state', 'tid'] },
  { channel: 'jd', name: 'JD POP order', keys: ['jingdong_pop_order_search_responce', 'jingdong_pop_order_get_responce', 'orderInfoList', 'orderState', 'consigneeInfo'] },
  { channel: 'douyin', name: '抖店 order', keys: ['shop_order_detail', 'shop_order_list', 'sku_order_list', 'post_addr'] },
  { channel: 'pdd', name: '拼多多 order', keys: ['order_info_get_response', 'order_list_get_response', 'order_sn_increment_get_response', 'order_sn'] },
  { channel: 'kuaishou', name: '快手小店 order', keys: ['orderBaseInfo', 'orderList', 'orderItemInfo'] },
  { channel: 'wechat_shop', name: '微信小店 (视频号) order', keys: ['order_detail', 'product_infos'] },
  { channel: 'youzan', name: 'Youzan full_order_info', keys: ['full_order_info'] },
  { channel: 'shopify', name: 'Shopify order', keys: ['line_items', 'admin_graphql_api_id', 'financial_status'] },
];

/** guessShape names the platform whose answer a document looks like, or undefined when none fits. */
export function guessShape(document: unknown): ShapeGuess | undefined {
  const levels: Array<Readonly<Record<string, unknown>>> = [];
  const first = Array.isArray(document) ? document[0] : document;
  if (!isPlainObject(first)) return undefined;
  levels.push(first);
  for (const value of Object.values(first).slice(0, 50)) {
    if (isPlainObject(value)) levels.push(value);
    else if (Array.isArray(value) && isPlainObject(value[0])) levels.push(value[0]);
  }
  for (const signature of SIGNATURES) {
    if (levels.some((level) => signature.keys.some((key) => key in level))) return { channel: signature.channel, name: signature.name };
  }
  return undefined;
}

/**
 * withShapeGuess adds to a rejected document's error which platform's answer
 * it looks like, when that is not the channel it was imported as: the usual
 * cause of "nothing read" is the wrong --channel.
 */
export function withShapeGuess(error: FieldError, document: unknown, importedAs: string | undefined): FieldError {
  const guess = guessShape(document);
  if (guess === undefined || guess.channel === importedAs) return error;
  return { ...error, message: `${error.message}; it looks like a ${guess.name} answer: import it with --channel ${guess.channel}` };
}
