import { createHmac } from 'node:crypto';
import type { Clock } from '../../../domain/time.js';
import type { BookOrder, OrderBook } from './order-book.js';
import { SIGNATURE_FAILURE, type PlatformHandler, type StandInAnswer, type StandInRequest } from './stand-in-server.js';

const STATUS = [2, 3, 5] as const;
const sec = (at: number): number => Math.floor(at / 1000);

/** douyinOrder renders a book order as a 抖店 order the douyin adapter reads. */
export function douyinOrder(o: BookOrder): Record<string, unknown> {
  return {
    order_id: `69${o.id}`,
    order_status: STATUS[o.state],
    create_time: sec(o.createdAt),
    pay_time: sec(o.createdAt) + 30,
    update_time: sec(o.modifiedAt),
    ship_time: o.state >= 1 ? sec(o.modifiedAt) : 0,
    finish_time: o.state === 2 ? sec(o.modifiedAt) : 0,
    pay_amount: o.flawed === true ? 0 : 11900,
    post_amount: 0,
    post_addr: { province: { name: '四川省', id: '51' }, city: { name: '成都市', id: '510100' }, town: { name: '武侯区', id: '510107' }, detail: '玉林北路2号' },
    mask_post_tel: '1********35',
    mask_post_receiver: '周*',
    sku_order_list: [{ order_id: `69${o.id}1`, parent_order_id: `69${o.id}`, sku_id: 1745000000001, product_id: '3600000000001', product_name: '爱媛38号果冻橙 5斤', out_sku_id: 'ORANGE-5J', item_num: 1, origin_amount: 11900, pay_amount: 11900 }],
  };
}

/** canonical re-writes a JSON text with sorted keys and no spaces (the stand-in's own reading of the rule). */
function canonical(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const write = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(write).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.entries(v as Record<string, unknown>)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`)
            .join(',')}}`
        : JSON.stringify(v);
  return write(value);
}

function fail(code: number, msg: string, sub_code: string, extra: Record<string | symbol, unknown> = {}): StandInAnswer {
  return { status: 200, body: { code, msg, sub_code, sub_msg: msg, data: {}, log_id: 'stand-in', ...extra } };
}

/**
 * douyinStandIn plays POST /order/searchList: the HMAC-SHA256 signature over
 * app_key, method, the sorted param_json, timestamp and v, the access_token,
 * pages from 0 of at most 100 by update_time; throttled requests and an
 * expired token answer with their error codes.
 */
export function douyinStandIn(options: { readonly appKey: string; readonly appSecret: string; readonly accessToken: string; readonly refreshToken?: string }): PlatformHandler {
  const state = { accessToken: options.accessToken, refreshToken: options.refreshToken, renewals: 0 };
  return {
    platform: 'douyin',
    answer(request: StandInRequest, book: OrderBook, clock: Clock): StandInAnswer {
      const q = request.url.searchParams;
      const paramJson = canonical(request.body);
      if (paramJson === undefined || paramJson !== request.body) return fail(40001, 'param_json 不是按键排序的 JSON', 'isv.parameter-invalid');
      if (q.get('app_key') !== options.appKey) return fail(30001, 'app_key 不存在', 'isv.app-key-invalid');
      const s = options.appSecret;
      const text = `${s}app_key${q.get('app_key')}method${q.get('method')}param_json${paramJson}timestamp${q.get('timestamp')}v${q.get('v')}${s}`;
      if (q.get('sign_method') !== 'hmac-sha256' || q.get('sign') !== createHmac('sha256', s).update(text).digest('hex')) return fail(30002, '签名错误', 'isv.signature-invalid', { [SIGNATURE_FAILURE]: true });
      if (Math.abs(Number(q.get('timestamp')) * 1000 - clock.now()) > 10 * 60_000) return fail(30003, 'timestamp 已过期', 'isv.timestamp-invalid');
      if (request.url.pathname === '/token/refresh' && q.get('method') === 'token.refresh') {
        // token.refresh: signed like every call, no access_token; the refresh token rotates with each use.
        if (q.has('access_token')) return fail(40001, 'token.refresh 不带 access_token', 'isv.parameter-invalid');
        const p = JSON.parse(paramJson) as { grant_type?: unknown; refresh_token?: unknown };
        if (p.grant_type !== 'refresh_token') return fail(40001, 'grant_type 应为 refresh_token', 'isv.parameter-invalid');
        if (state.refreshToken === undefined || p.refresh_token !== state.refreshToken) return fail(30005, 'refresh_token 无效或已过期', 'isv.refresh-token-invalid');
        state.renewals += 1;
        state.accessToken = `${options.accessToken}.r${state.renewals}`;
        state.refreshToken = `${options.refreshToken}.r${state.renewals}`;
        return { status: 200, body: { code: 10000, msg: 'success', data: { access_token: state.accessToken, expires_in: 604800, refresh_token: state.refreshToken, scope: 'SCOPE', shop_id: 4463798, shop_name: 'stand-in shop' }, log_id: `stand-in-${request.number}` } };
      }
      // The expiry fault ends the first token; one issued by a refresh is fresh.
      if (q.get('access_token') !== state.accessToken || (request.sessionExpired && q.get('access_token') === options.accessToken)) return fail(30004, 'access_token已过期', 'isv.access-token-expired');
      if (request.throttle) return fail(50008, '调用太频繁，触发限流', 'isp.too-many-requests');
      if (request.url.pathname === '/order/orderDetail' && q.get('method') === 'order.orderDetail') {
        const id = String((JSON.parse(paramJson) as { shop_order_id?: unknown }).shop_order_id ?? '');
        const o = id.startsWith('69') ? book.get(id.slice(2)) : undefined;
        return o ? { status: 200, body: { code: 10000, msg: 'success', data: { shop_order_detail: douyinOrder(o) }, log_id: `stand-in-${request.number}` } } : fail(40004, '订单不存在', 'isv.order-not-exist');
      }
      if (request.url.pathname !== '/order/searchList' || q.get('method') !== 'order.searchList') return fail(40002, '方法不存在', 'isv.method-invalid');
      const p = JSON.parse(paramJson) as { page: number; size: number; update_time_start: number; update_time_end: number };
      if (!(p.size >= 1 && p.size <= 100 && p.page >= 0)) return fail(40001, 'size 最大 100', 'isv.parameter-invalid');
      const all = book.between(p.update_time_start * 1000, p.update_time_end * 1000 + 999);
      const list = all.slice(p.page * p.size, (p.page + 1) * p.size).map(douyinOrder);
      return { status: 200, body: { code: 10000, msg: 'success', sub_code: '', sub_msg: '', data: { shop_order_list: list, page: p.page, size: p.size, total: all.length }, log_id: `stand-in-${request.number}` } };
    },
  };
}
