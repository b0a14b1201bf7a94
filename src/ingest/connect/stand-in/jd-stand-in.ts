import { createHash } from 'node:crypto';
import type { Clock } from '../../../domain/time.js';
import type { BookOrder, OrderBook } from './order-book.js';
import { SIGNATURE_FAILURE, type PlatformHandler, type StandInAnswer, type StandInRequest } from './stand-in-server.js';

const STATES = ['WAIT_SELLER_STOCK_OUT', 'WAIT_GOODS_RECEIVE_CONFIRM', 'FINISHED_L'] as const;
const jdTime = (at: number): string => new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
const readJdTime = (text: unknown): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(String(text));
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000 : Number.NaN;
};

/** jdOrder renders a book order as a JD POP order the jd adapter reads. */
export function jdOrder(o: BookOrder): Record<string, unknown> {
  return {
    orderId: `28${o.id}`,
    orderState: STATES[o.state],
    orderStartTime: jdTime(o.createdAt),
    paymentConfirmTime: jdTime(o.createdAt + 15_000),
    orderEndTime: o.state === 2 ? jdTime(o.modifiedAt) : '0001-01-01 00:00:00',
    modified: jdTime(o.modifiedAt),
    orderTotalPrice: '149.50',
    orderSellerPrice: '149.50',
    orderPayment: o.flawed === true ? '0.00' : '149.50',
    freightPrice: '0.00',
    waybill: o.state >= 1 ? `JDVA${o.id}` : '',
    logisticsId: o.state >= 1 ? '1327' : '',
    consigneeInfo: { fullname: '赵*', desen_mobile: '159****4321', province: '广东省', city: '深圳市', county: '南山区', fullAddress: '广东省深圳市南山区深南大道10000号' },
    itemInfoList: [{ skuId: '100012345678', outerSkuId: 'KETTLE-1.7L', skuName: '电热水壶 1.7L 白色', jdPrice: '149.50', itemTotal: '1', wareId: '100000123456' }],
  };
}

const fail = (code: string, zh: string, extra: Record<string | symbol, unknown> = {}): StandInAnswer => ({ status: 200, body: { error_response: { code, zh_desc: zh, en_desc: zh }, ...extra } });

/** JdStandInOptions: the app's key and secret, the shop's access_token, and the refresh_token that renews it. */
export interface JdStandInOptions {
  readonly appKey: string;
  readonly appSecret: string;
  readonly accessToken: string;
  /** With it, GET /oauth2/refresh_token issues a new access_token and refresh_token; the `expireSessionFrom` fault expires only the first access_token. */
  readonly refreshToken?: string;
}

/**
 * refreshAnswer plays JOS's OAuth refresh (open-oauth.jd.com/oauth2/refresh_token)
 * as the stand-in reads it: app_key, app_secret, grant_type=refresh_token and
 * the current refresh_token in the query; a refusal is a non-zero `code` and
 * `msg`. The refresh token rotates with each use.
 */
function refreshAnswer(query: URLSearchParams, options: JdStandInOptions, state: { accessToken: string; refreshToken: string | undefined; renewals: number }, clock: Clock): StandInAnswer {
  const refuse = (code: number, msg: string): StandInAnswer => ({ status: 200, body: { code, msg, requestId: 'stand-in' } });
  if (query.get('grant_type') !== 'refresh_token') return refuse(400, 'grant_type 必须为 refresh_token');
  if (query.get('app_key') !== options.appKey || query.get('app_secret') !== options.appSecret) return refuse(401, 'app_key 或 app_secret 错误');
  if (state.refreshToken === undefined || query.get('refresh_token') !== state.refreshToken) return refuse(402, 'refresh_token 无效或已过期');
  state.renewals += 1;
  state.accessToken = `${options.accessToken}.r${state.renewals}`;
  state.refreshToken = `${options.refreshToken}.r${state.renewals}`;
  return { status: 200, body: { code: 0, access_token: state.accessToken, expires_in: 31535999, refresh_token: state.refreshToken, scope: 'snsapi_base', open_id: 'stand-in-open-id', uid: '1000000001', time: clock.now(), token_type: 'bearer' } };
}

/** jdStandIn plays jingdong.pop.order.enSearch: the MD5 signature (its own reading), access_token, pages of at most 100 by modification time; and the OAuth refresh. */
export function jdStandIn(options: JdStandInOptions): PlatformHandler {
  const state = { accessToken: options.accessToken, refreshToken: options.refreshToken, renewals: 0 };
  return {
    platform: 'jd',
    answer(request: StandInRequest, book: OrderBook, clock: Clock): StandInAnswer {
      if (request.url.pathname === '/oauth2/refresh_token') return request.method === 'GET' ? refreshAnswer(request.url.searchParams, options, state, clock) : { status: 405, body: { code: 405, msg: 'GET only' } };
      const form = new URLSearchParams(request.body);
      const pairs = [...form.entries()].filter(([k]) => k !== 'sign').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const expected = createHash('md5').update(options.appSecret + pairs.map(([k, v]) => k + v).join('') + options.appSecret).digest('hex').toUpperCase();
      if (form.get('app_key') !== options.appKey) return fail('17', 'app_key不存在');
      if (form.get('sign') !== expected) return fail('14', '签名无效', { [SIGNATURE_FAILURE]: true });
      if (Math.abs(readJdTime(form.get('timestamp')) - clock.now()) > 10 * 60_000) return fail('15', '时间戳超出范围');
      // The expiry fault ends the first access_token; one issued by a refresh is fresh.
      if (form.get('access_token') !== state.accessToken || (request.sessionExpired && form.get('access_token') === options.accessToken)) return fail('19', 'token已过期或者不存在，请重新授权');
      if (request.throttle) return fail('67', '调用过于频繁，已被限流');
      if (form.get('method') !== 'jingdong.pop.order.enSearch') return fail('22', '方法不存在');
      const p = JSON.parse(form.get('360buy_param_json') ?? '{}') as Record<string, unknown>;
      const from = readJdTime(p['start_date']);
      const to = readJdTime(p['end_date']);
      const page = Number(p['page']);
      const size = Number(p['page_size']);
      if (!(to >= from) || !(size >= 1 && size <= 100) || !(page >= 1)) return { status: 200, body: { jingdong_pop_order_enSearch_responce: { code: '0', searchorderinfo_result: { apiResult: { success: false, resultCode: '100', chineseErr: '参数错误', englishErr: 'bad parameters' } } } } };
      const all = book.between(from, to + 999);
      return {
        status: 200,
        body: { jingdong_pop_order_enSearch_responce: { code: '0', searchorderinfo_result: { apiResult: { success: true, resultCode: '0' }, orderTotal: all.length, orderInfoList: all.slice((page - 1) * size, page * size).map(jdOrder) } } },
      };
    },
  };
}
