import { createHash, createHmac } from 'node:crypto';
import type { Clock } from '../../../domain/time.js';
import type { BookOrder, OrderBook } from './order-book.js';
import { SIGNATURE_FAILURE, type PlatformHandler, type StandInAnswer, type StandInRequest } from './stand-in-server.js';

const STATES = ['WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED'] as const;

/** topTime writes an instant the way TOP does: Beijing time, "yyyy-MM-dd HH:mm:ss". */
function topTime(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function parseTopTime(text: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text ?? '');
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000 : undefined;
}

/** taobaoTrade renders a book order as a TOP trade the Taobao adapter reads. */
export function taobaoTrade(o: BookOrder): Record<string, unknown> {
  return {
    tid: o.id,
    type: 'fixed',
    status: STATES[o.state],
    created: topTime(o.createdAt),
    pay_time: topTime(o.createdAt + 30_000),
    ...(o.state >= 1 ? { consign_time: topTime(o.modifiedAt) } : {}),
    ...(o.state === 2 ? { end_time: topTime(o.modifiedAt) } : {}),
    modified: topTime(o.modifiedAt),
    payment: o.flawed === true ? '0.00' : '99.70',
    total_fee: '99.70',
    post_fee: '0.00',
    buyer_nick: 'stand-in buyer',
    receiver_name: '王*',
    receiver_mobile: '138****5678',
    receiver_state: '浙江省',
    receiver_city: '杭州市',
    receiver_district: '西湖区',
    receiver_address: '文三路100号',
    orders: { order: [{ oid: o.id, num_iid: '680012340001', outer_iid: 'TEA-01', title: '明前龙井 100g', num: 1, price: '99.70', payment: '99.70' }] },
  };
}

/** TaobaoStandInOptions: the app's key and secret, the seller's session, and the refresh token that renews it. */
export interface TaobaoStandInOptions {
  readonly appKey: string;
  readonly appSecret: string;
  readonly session: string;
  /** With it, POST /token (grant_type=refresh_token) issues a new session and refresh token; the `expireSessionFrom` fault expires only the first session. */
  readonly refreshToken?: string;
}

/**
 * refreshAnswer plays the OAuth token endpoint's refresh as the stand-in
 * reads 用户授权介绍: a form POST with grant_type=refresh_token, client_id
 * (app key), client_secret (app secret) and the current refresh_token;
 * OAuth errors (`error`, `error_description`) otherwise.
 */
function refreshAnswer(form: URLSearchParams, options: TaobaoStandInOptions, state: { session: string; refreshToken: string | undefined; renewals: number }): StandInAnswer {
  const oauthError = (status: number, error: string, description: string): StandInAnswer => ({ status, body: { error, error_description: description } });
  if (form.get('grant_type') !== 'refresh_token') return oauthError(400, 'unsupported_grant_type', 'grant_type must be refresh_token');
  if (form.get('client_id') !== options.appKey || form.get('client_secret') !== options.appSecret) return oauthError(401, 'invalid_client', 'client_id or client_secret is wrong');
  if (state.refreshToken === undefined || form.get('refresh_token') !== state.refreshToken) return oauthError(400, 'invalid_grant', 'refresh token is invalid or expired');
  state.renewals += 1;
  state.session = `${options.session}.r${state.renewals}`;
  state.refreshToken = `${options.refreshToken}.r${state.renewals}`;
  return { status: 200, body: { access_token: state.session, token_type: 'Bearer', expires_in: 86400, refresh_token: state.refreshToken, re_expires_in: 2592000, taobao_user_nick: encodeURIComponent('stand-in seller'), taobao_user_id: '706388888' } };
}

function error(code: number, msg: string, sub_code?: string, sub_msg?: string): StandInAnswer {
  return { status: 200, body: { error_response: { code, msg, ...(sub_code ? { sub_code } : {}), ...(sub_msg ? { sub_msg } : {}), request_id: 'stand-in' } } };
}

/**
 * expectedTopSign is the stand-in's own reading of TOP's signature rule
 * (written apart from the client's on purpose, so one mistake cannot
 * cancel out): names sorted by ASCII, name+value concatenated without
 * `sign` and empty values; md5 wraps in the secret, hmac / hmac-sha256 key by it.
 */
function expectedTopSign(form: URLSearchParams, secret: string): string | undefined {
  const pairs = [...form.entries()].filter(([k, v]) => k !== 'sign' && v !== '');
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = pairs.map(([k, v]) => k + v).join('');
  switch (form.get('sign_method')) {
    case 'md5':
      return createHash('md5').update(secret + text + secret).digest('hex').toUpperCase();
    case 'hmac':
      return createHmac('md5', secret).update(text).digest('hex').toUpperCase();
    case 'hmac-sha256':
      return createHmac('sha256', secret).update(text).digest('hex').toUpperCase();
    default:
      return undefined;
  }
}

/**
 * taobaoStandIn plays taobao.trades.sold.increment.get: a signed form POST
 * (or query), the TOP error codes for a bad signature (25), a missing or
 * expired session (26/27), throttling (7, accesscontrol.limited-by-app-access-count)
 * and bad parameters (isv.invalid-parameter: window over a day, page_size over 100).
 */
export function taobaoStandIn(options: TaobaoStandInOptions): PlatformHandler {
  const state = { session: options.session, refreshToken: options.refreshToken, renewals: 0 };
  return {
    platform: 'taobao',
    answer(request: StandInRequest, book: OrderBook, clock: Clock): StandInAnswer {
      const form = new URLSearchParams(request.body !== '' ? request.body : request.url.search);
      if (request.url.pathname === '/token' && request.method === 'POST') return refreshAnswer(form, options, state);
      if (form.get('app_key') !== options.appKey) return error(29, 'Invalid app Key', 'isv.appkey-not-exists');
      const timestamp = parseTopTime(form.get('timestamp') ?? undefined);
      if (timestamp === undefined || Math.abs(timestamp - clock.now()) > 10 * 60_000) return error(31, 'Invalid timestamp', undefined, 'timestamp must be GMT+8 and within 10 minutes');
      const expected = expectedTopSign(form, options.appSecret);
      if (expected === undefined || form.get('sign') !== expected) {
        const refused = error(25, 'Invalid signature');
        return { ...refused, body: Object.assign(refused.body as object, { [SIGNATURE_FAILURE]: true }) };
      }
      if (!form.get('session')) return error(26, 'Missing session');
      // The expiry fault ends the first session; one issued by a refresh is fresh.
      if (form.get('session') !== state.session || (request.sessionExpired && form.get('session') === options.session)) return error(27, 'Invalid session', 'invalid-sessionkey', 'SessionKey非法');
      if (request.throttle) return error(7, 'App Call Limited', 'accesscontrol.limited-by-app-access-count', 'This ban will last for 1 more seconds');
      if (form.get('method') !== 'taobao.trades.sold.increment.get') return error(22, 'Invalid method');
      const from = parseTopTime(form.get('start_modified') ?? undefined);
      const to = parseTopTime(form.get('end_modified') ?? undefined);
      if (from === undefined || to === undefined || to < from || to - from > 86_400_000) {
        return error(15, 'Remote service error', 'isv.invalid-parameter', 'start_modified and end_modified must be within one day');
      }
      const pageSize = Number(form.get('page_size') ?? 40);
      const pageNo = Number(form.get('page_no') ?? 1);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100 || !Number.isInteger(pageNo) || pageNo < 1) {
        return error(15, 'Remote service error', 'isv.invalid-parameter', 'page_size must be 1..100');
      }
      const all = book.between(from, to + 999);
      const page = all.slice((pageNo - 1) * pageSize, pageNo * pageSize);
      const trades = page.map(taobaoTrade);
      return {
        status: 200,
        body: {
          trades_sold_increment_get_response: {
            total_results: all.length,
            has_next: pageNo * pageSize < all.length,
            ...(trades.length > 0 ? { trades: { trade: trades } } : {}),
            request_id: `stand-in-${request.number}`,
          },
        },
      };
    },
  };
}
