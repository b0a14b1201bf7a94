import type { Clock } from '../../../domain/time.js';
import { nextBackwardPage, pageOf } from '../backward-pages.js';
import { ConnectorError, SessionExpiredError, type Connector, type PulledPage, type PullWindow, type RefreshedSession, type ShopConnection } from '../connector.js';
import { requestJson } from '../http-json.js';
import { signDouyin, sortedJson } from './douyin-sign.js';

/** DOUYIN_GATEWAY is the 抖店 open platform's address (API调用指南, 调用地址). */
export const DOUYIN_GATEWAY = 'https://openapi-fxg.jinritemai.com';
/** order.searchList answers at most 100 orders a page; pages count from 0. */
export const DOUYIN_MAX_PAGE_SIZE = 100;
const METHOD = 'order.searchList';
const DOUYIN_OK = 10000;
const REFRESH_METHOD = 'token.refresh';

/**
 * douyinConnector pulls a shop's orders with order.searchList by
 * `update_time` (Unix seconds), one day at a time, its numbered pages read
 * from the last back to the first (nextBackwardPage); each call signed with
 * HMAC-SHA256 over the sorted param_json.
 */
export function douyinConnector(shop: ShopConnection, options: { readonly clock: Clock }): Connector {
  const size = Math.min(shop.pageSize ?? DOUYIN_MAX_PAGE_SIZE, DOUYIN_MAX_PAGE_SIZE);
  const base = (shop.baseUrl ?? DOUYIN_GATEWAY).replace(/\/$/, '');
  const call = async (method: string, param: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> => {
    const paramJson = sortedJson(param);
    const timestamp = String(Math.floor(options.clock.now() / 1000));
    const sign = signDouyin({ appKey: shop.appKey ?? '', method, paramJson, timestamp, v: '2' }, shop.appSecret ?? '', 'hmac-sha256');
    // token.refresh is signed like every call but goes without a session: it is what makes one.
    const session: Record<string, string> = method === REFRESH_METHOD ? {} : { access_token: shop.accessToken ?? '' };
    const query = new URLSearchParams({ app_key: shop.appKey ?? '', method, ...session, timestamp, v: '2', sign_method: 'hmac-sha256', sign });
    const reply = await requestJson(`${base}/${method.replace('.', '/')}?${query.toString()}`, { platform: '抖店', method: 'POST', headers: { 'content-type': 'application/json;charset=utf-8' }, body: paramJson }, signal);
    const body = reply.body as Record<string, unknown> | undefined;
    if (body === undefined) throw new ConnectorError('answer', `抖店 answered HTTP ${reply.status} with no body`);
    if (Number(body['code']) !== DOUYIN_OK) throw douyinError(body);
    return body;
  };
  return {
    channel: 'douyin',
    maxWindowMs: 86_400_000,
    async pull(window: PullWindow, signal?: AbortSignal): Promise<PulledPage> {
      const page = pageOf(window.page, 0);
      const body = await call(METHOD, { page, size, update_time_start: Math.floor(window.from / 1000), update_time_end: Math.floor(window.to / 1000), order_by: 'update_time', order_asc: true }, signal);
      const data = body['data'] as Record<string, unknown> | undefined;
      const list = data?.['shop_order_list'];
      const next = nextBackwardPage({ asked: window.page, total: Number(data?.['total'] ?? 0), pageSize: size, first: 0 });
      return { document: body, orders: Array.isArray(list) ? list.length : 0, ...(next !== undefined ? { next } : {}) };
    },
    /** fetchOrder reads one order in full with order.orderDetail (a message push carries only its id). */
    async fetchOrder(orderId: string, signal?: AbortSignal): Promise<unknown> {
      if (!/^\d{1,24}$/.test(orderId)) throw new ConnectorError('answer', `"${orderId}" is not a 抖店 order id (digits)`);
      return call('order.orderDetail', { shop_order_id: orderId }, signal);
    },
    ...(shop.refreshToken !== undefined
      ? {
          /**
           * refreshSession calls token.refresh (param_json grant_type
           * "refresh_token" and the refresh_token, signed, no access_token);
           * data carries access_token, expires_in (seconds) and the
           * refresh_token to keep. Any refusal is a set-up problem.
           */
          async refreshSession(signal?: AbortSignal): Promise<RefreshedSession> {
            let body: Record<string, unknown>;
            try {
              body = await call(REFRESH_METHOD, { grant_type: 'refresh_token', refresh_token: shop.refreshToken ?? '' }, signal);
            } catch (error) {
              if (error instanceof ConnectorError && error.kind !== 'transient' && error.kind !== 'throttled') throw new ConnectorError('setup', `抖店 refused to refresh the session (${error.message}); authorise the app again and update accessToken and refreshToken`, undefined, error.code);
              throw error;
            }
            const data = (body['data'] ?? {}) as Record<string, unknown>;
            const accessToken = data['access_token'];
            if (typeof accessToken !== 'string' || accessToken === '') throw new ConnectorError('setup', '抖店 answered token.refresh without an access_token; authorise the app again');
            const expiresIn = Number(data['expires_in']);
            return {
              accessToken,
              ...(typeof data['refresh_token'] === 'string' && data['refresh_token'] !== '' ? { refreshToken: data['refresh_token'] } : {}),
              ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: options.clock.now() + expiresIn * 1000 } : {}),
            };
          },
        }
      : {}),
  };
}

/**
 * douyinError reads a 抖店 answer whose `code` is not 10000, by its sub_code
 * and message: throttling (限流, 频繁, too many) waits; access_token and
 * signature problems are set-up problems; `isp.*` and the 5xxxx codes are
 * the platform's own failures. docs/connectors.md says how sure this is.
 */
export function douyinError(body: Record<string, unknown>): ConnectorError {
  const code = String(body['code'] ?? '');
  const sub = String(body['sub_code'] ?? '');
  const words = [body['msg'], body['sub_msg']].filter((x) => typeof x === 'string' && x !== '').join(': ');
  const tag = sub === '' ? code : `${code} ${sub}`;
  const text = `${sub} ${words}`;
  if (/限流|频繁|too.?many|limit/i.test(text)) return new ConnectorError('throttled', `抖店 throttled this app (${tag}: ${words})`, 1000, tag);
  if (/access.?token|授权/i.test(text)) return new SessionExpiredError(`the 抖店 access_token has expired or is not valid (${tag}: ${words}); authorise the app again and update accessToken`, tag);
  if (/sign|签名|app_key/i.test(text)) return new ConnectorError('setup', `抖店 refused the app's signature or app_key (${tag}: ${words}); check appKey and appSecret`, undefined, tag);
  if (sub.startsWith('isp.') || code.startsWith('5')) return new ConnectorError('transient', `抖店 failed on its side (${tag}: ${words})`, undefined, tag);
  return new ConnectorError('answer', `抖店 refused the request (${tag}: ${words})`, undefined, tag);
}
