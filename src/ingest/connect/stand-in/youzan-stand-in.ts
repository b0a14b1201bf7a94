import type { Clock } from '../../../domain/time.js';
import type { BookOrder, OrderBook } from './order-book.js';
import type { PlatformHandler, StandInAnswer, StandInRequest } from './stand-in-server.js';

const STATUS = ['WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_SUCCESS'] as const;
const yzTime = (at: number): string => new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
const readYzTime = (text: unknown): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(String(text));
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000 : Number.NaN;
};

/** youzanOrder renders a book order as a Youzan full_order_info the youzan adapter reads. */
export function youzanOrder(o: BookOrder): Record<string, unknown> {
  return {
    full_order_info: {
      order_info: {
        tid: `E2026${o.id}`,
        status: STATUS[o.state],
        type: 0,
        created: yzTime(o.createdAt),
        pay_time: yzTime(o.createdAt + 9000),
        ...(o.state >= 1 ? { consign_time: yzTime(o.modifiedAt) } : {}),
        ...(o.state === 2 ? { success_time: yzTime(o.modifiedAt) } : {}),
        update_time: yzTime(o.modifiedAt),
      },
      pay_info: { post_fee: '0.00', total_fee: '59.00', payment: o.flawed === true ? '0.00' : '59.00' },
      address_info: { receiver_name: '钱*', receiver_tel: '139****0000', delivery_province: '四川省', delivery_city: '成都市', delivery_district: '金牛区', delivery_address: '一环路北段1号' },
      orders: [{ oid: `${o.id}1`, item_id: 3573486471, outer_item_id: 'YZ-TEA', title: '蒙顶甘露 100g', num: 1, price: '59.00', total_fee: '59.00', payment: '59.00' }],
    },
  };
}

/** YouzanRefresh is what the stand-in's token endpoint checks a refresh against: the app's client id and secret, and the shop's refresh_token. */
export interface YouzanRefresh {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

/**
 * refreshAnswer plays 有赞云's token endpoint (POST /auth/token) for a
 * refresh as the stand-in reads the official SDKs: a JSON body with
 * client_id, client_secret, authorize_type=refresh_token and the current
 * refresh_token; `success: false` with a code and message otherwise. The
 * refresh token rotates with each use.
 */
function refreshAnswer(request: StandInRequest, accessToken: string, refresh: YouzanRefresh | undefined, state: { accessToken: string; refreshToken: string | undefined; renewals: number }, clock: Clock): StandInAnswer {
  const refuse = (code: number, message: string): StandInAnswer => ({ status: 200, body: { success: false, code, message } });
  if (request.method !== 'POST' || !String(request.headers['content-type'] ?? '').startsWith('application/json')) return refuse(400, '请以 JSON POST');
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(request.body || '{}') as Record<string, unknown>;
  } catch {
    return refuse(400, '请求体不是 JSON');
  }
  if (p['authorize_type'] !== 'refresh_token') return refuse(400, 'authorize_type 错误');
  if (refresh === undefined || p['client_id'] !== refresh.clientId || p['client_secret'] !== refresh.clientSecret) return refuse(40001, 'client_id 或 client_secret 错误');
  if (state.refreshToken === undefined || p['refresh_token'] !== state.refreshToken) return refuse(40002, 'refresh_token 无效或已过期');
  state.renewals += 1;
  state.accessToken = `${accessToken}.r${state.renewals}`;
  state.refreshToken = `${refresh.refreshToken}.r${state.renewals}`;
  return { status: 200, body: { success: true, code: 200, message: null, data: { access_token: state.accessToken, expires: clock.now() + 7 * 86_400_000, refresh_token: state.refreshToken, scope: 'trade', authority_id: '10000001' } } };
}

/**
 * youzanStandIn plays youzan.trades.sold.get: the access_token (an expired
 * one answers as Youzan's gateway does), pages of at most 100 by update
 * time; with `refresh`, the token endpoint's refresh too.
 */
export function youzanStandIn(accessToken: string, refresh?: YouzanRefresh): PlatformHandler {
  const state = { accessToken, refreshToken: refresh?.refreshToken, renewals: 0 };
  return {
    platform: 'youzan',
    answer(request: StandInRequest, book: OrderBook, clock: Clock): StandInAnswer {
      if (request.url.pathname === '/auth/token') return refreshAnswer(request, accessToken, refresh, state, clock);
      const token = request.url.searchParams.get('access_token');
      // The expiry fault ends the first access_token; one issued by a refresh is fresh.
      if (token !== state.accessToken || (request.sessionExpired && token === accessToken)) return { status: 200, body: { gw_err_resp: { err_code: 4203, err_msg: 'access_token 无效或已过期' } } };
      if (request.throttle) return { status: 200, body: { gw_err_resp: { err_code: 4302, err_msg: '调用频繁，已被限流' } } };
      if (!request.url.pathname.startsWith('/api/youzan.trades.sold.get/')) return { status: 200, body: { success: false, code: 404, message: '接口不存在' } };
      const p = JSON.parse(request.body || '{}') as Record<string, unknown>;
      const from = readYzTime(p['start_update']);
      const to = readYzTime(p['end_update']);
      const page = Number(p['page_no']);
      const size = Number(p['page_size']);
      if (!(to >= from) || !(size >= 1 && size <= 100) || !(page >= 1)) return { status: 200, body: { success: false, code: 4001, message: '参数错误' } };
      const all = book.between(from, to + 999);
      return { status: 200, body: { success: true, code: 200, data: { total_results: all.length, full_order_info_list: all.slice((page - 1) * size, page * size).map(youzanOrder) } } };
    },
  };
}
