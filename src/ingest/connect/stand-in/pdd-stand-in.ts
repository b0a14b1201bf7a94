import { createHash } from 'node:crypto';
import type { Clock } from '../../../domain/time.js';
import type { BookOrder, OrderBook } from './order-book.js';
import { SIGNATURE_FAILURE, type PlatformHandler, type StandInAnswer, type StandInRequest } from './stand-in-server.js';

const pddTime = (at: number): string => new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** pddOrder renders a book order as a 拼多多 order the pdd adapter reads. */
export function pddOrder(o: BookOrder): Record<string, unknown> {
  return {
    order_sn: `261120-${o.id}`,
    order_status: o.state + 1,
    confirm_status: 1,
    refund_status: 1,
    created_time: pddTime(o.createdAt),
    pay_time: pddTime(o.createdAt + 20_000),
    confirm_time: pddTime(o.createdAt + 20_000),
    ...(o.state >= 1 ? { shipping_time: pddTime(o.modifiedAt) } : {}),
    ...(o.state === 2 ? { receive_time: pddTime(o.modifiedAt) } : {}),
    updated_at: pddTime(o.modifiedAt),
    pay_amount: o.flawed === true ? 0 : 19.9,
    goods_amount: 19.9,
    postage: 0,
    province: '江苏省',
    city: '南京市',
    town: '鼓楼区',
    receiver_name_mask: '刘*',
    receiver_phone_mask: '1387677****',
    receiver_address_mask: '中山北路**号',
    item_list: [{ goods_id: 123456789012, sku_id: 987654321098, outer_id: 'TEA-250G', goods_name: '明前龙井 250g', goods_price: 19.9, goods_count: 1 }],
  };
}

function error(error_code: number, error_msg: string, extra: Record<string | symbol, unknown> = {}): StandInAnswer {
  return { status: 200, body: { error_response: { error_code, error_msg, request_id: 'stand-in' }, ...extra } };
}

/**
 * pddStandIn plays pdd.order.number.list.increment.get: the MD5 signature
 * (checked with its own reading of the rule), client_id, access_token
 * (10019 once expired), a timestamp within 10 minutes, windows of at most
 * 30 minutes and pages of at most 100; throttled requests get 70031.
 */
export function pddStandIn(options: { readonly clientId: string; readonly clientSecret: string; readonly accessToken: string; readonly refreshToken?: string }): PlatformHandler {
  const state = { accessToken: options.accessToken, refreshToken: options.refreshToken, renewals: 0 };
  return {
    platform: 'pdd',
    answer(request: StandInRequest, book: OrderBook, clock: Clock): StandInAnswer {
      const form = new URLSearchParams(request.body !== '' ? request.body : request.url.search);
      const pairs = [...form.entries()].filter(([k]) => k !== 'sign').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const expected = createHash('md5').update(options.clientSecret + pairs.map(([k, v]) => k + v).join('') + options.clientSecret).digest('hex').toUpperCase();
      if (form.get('client_id') !== options.clientId) return error(10016, 'client_id不存在');
      if (form.get('sign') !== expected) return error(10017, 'sign签名错误', { [SIGNATURE_FAILURE]: true });
      if (Math.abs(Number(form.get('timestamp')) * 1000 - clock.now()) > 10 * 60_000) return error(10018, 'timestamp已过期');
      if (form.get('type') === 'pdd.pop.auth.token.refresh') {
        // Signed like every call, with no access_token; the refresh token rotates with each use.
        if (form.has('access_token')) return error(10000, '参数错误：刷新不带 access_token');
        if (state.refreshToken === undefined || form.get('refresh_token') !== state.refreshToken) return error(10019, 'refresh_token已过期');
        state.renewals += 1;
        state.accessToken = `${options.accessToken}.r${state.renewals}`;
        state.refreshToken = `${options.refreshToken}.r${state.renewals}`;
        return { status: 200, body: { pop_auth_token_refresh_response: { access_token: state.accessToken, expires_in: 86400, expires_at: Math.floor(clock.now() / 1000) + 86400, refresh_token: state.refreshToken, refresh_token_expires_in: 2592000, scope: ['pdd.order.number.list.increment.get'], owner_id: '100001', owner_name: 'stand-in shop', request_id: `stand-in-${request.number}` } } };
      }
      // The expiry fault ends the first token; one issued by a refresh is fresh.
      if (form.get('access_token') !== state.accessToken || (request.sessionExpired && form.get('access_token') === options.accessToken)) return error(10019, 'access_token已过期');
      if (request.throttle) return error(70031, '调用已被限流');
      if (form.get('type') !== 'pdd.order.number.list.increment.get') return error(10000, '接口不存在');
      const from = Number(form.get('start_updated_at')) * 1000;
      const to = Number(form.get('end_updated_at')) * 1000;
      if (!(to >= from) || to - from > 30 * 60_000) return error(10000, '参数错误：开始时间结束时间间距不超过30分钟');
      const page = Number(form.get('page') ?? 1);
      const size = Number(form.get('page_size') ?? 100);
      if (!Number.isInteger(size) || size < 1 || size > 100 || !Number.isInteger(page) || page < 1) return error(10000, '参数错误：page_size 最大 100');
      const all = book.between(from, to + 999);
      const list = all.slice((page - 1) * size, page * size).map(pddOrder);
      return { status: 200, body: { order_sn_increment_get_response: { total_count: all.length, has_next: page * size < all.length, order_sn_list: list, request_id: `stand-in-${request.number}` } } };
    },
  };
}
