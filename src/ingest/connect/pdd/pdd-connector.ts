import type { Clock } from '../../../domain/time.js';
import { nextBackwardPage, pageOf } from '../backward-pages.js';
import { ConnectorError, SessionExpiredError, type Connector, type PulledPage, type PullWindow, type RefreshedSession, type ShopConnection } from '../connector.js';
import { requestJson } from '../http-json.js';
import { signPdd } from './pdd-sign.js';

/** PDD_GATEWAY is 拼多多's open-platform router (公共参数, 请求地址). */
export const PDD_GATEWAY = 'https://gw-api.pinduoduo.com/api/router';
/** pdd.order.number.list.increment.get: at most 100 orders a page, `updated_at` windows of at most 30 minutes. */
export const PDD_MAX_PAGE_SIZE = 100;
const THIRTY_MINUTES_MS = 30 * 60_000;
const TYPE = 'pdd.order.number.list.increment.get';
const REFRESH_TYPE = 'pdd.pop.auth.token.refresh';

/**
 * pddConnector pulls a shop's orders with pdd.order.number.list.increment.get:
 * every order state (order_status 5, refund_status 5, is_lucky_flag 0) whose
 * `updated_at` is in a window of at most 30 minutes, the pages read from the
 * last back to the first as 拼多多 advises to miss none, and a window's end
 * at least three minutes behind now (the platform indexes changes late: the
 * live edge is pulled again by the next run).
 */
export function pddConnector(shop: ShopConnection, options: { readonly clock: Clock }): Connector {
  const pageSize = Math.min(shop.pageSize ?? PDD_MAX_PAGE_SIZE, PDD_MAX_PAGE_SIZE);
  const url = shop.baseUrl ?? PDD_GATEWAY;
  return {
    channel: 'pdd',
    maxWindowMs: THIRTY_MINUTES_MS,
    overlapMs: 3 * 60_000,
    async pull(window: PullWindow, signal?: AbortSignal): Promise<PulledPage> {
      const page = pageOf(window.page, 1);
      const params: Record<string, string> = {
        type: TYPE,
        client_id: shop.appKey ?? '',
        access_token: shop.accessToken ?? '',
        timestamp: String(Math.floor(options.clock.now() / 1000)),
        data_type: 'JSON',
        version: 'V1',
        is_lucky_flag: '0',
        order_status: '5',
        refund_status: '5',
        start_updated_at: String(Math.floor(window.from / 1000)),
        end_updated_at: String(Math.floor(window.to / 1000)),
        page: String(page),
        page_size: String(pageSize),
        use_has_next: 'false',
      };
      params['sign'] = signPdd(params, shop.appSecret ?? '');
      const reply = await requestJson(url, { platform: '拼多多', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(params).toString() }, signal);
      const body = reply.body as Record<string, unknown> | undefined;
      const error = body?.['error_response'];
      if (typeof error === 'object' && error !== null) throw pddError(error as Record<string, unknown>);
      const answer = body?.['order_sn_increment_get_response'] as Record<string, unknown> | undefined;
      if (answer === undefined || typeof answer !== 'object') throw new ConnectorError('answer', `拼多多 answered HTTP ${reply.status} without order_sn_increment_get_response`);
      const list = answer['order_sn_list'];
      const next = nextBackwardPage({ asked: window.page, total: Number(answer['total_count'] ?? 0), pageSize, first: 1 });
      return { document: body, orders: Array.isArray(list) ? list.length : 0, ...(next !== undefined ? { next } : {}) };
    },
    ...(shop.refreshToken !== undefined
      ? {
          /**
           * refreshSession calls pdd.pop.auth.token.refresh: signed like
           * every call, with the refresh_token and no access_token; the
           * answer (pop_auth_token_refresh_response) carries access_token,
           * expires_in and the refresh_token to keep.
           */
          async refreshSession(signal?: AbortSignal): Promise<RefreshedSession> {
            const params: Record<string, string> = { type: REFRESH_TYPE, client_id: shop.appKey ?? '', timestamp: String(Math.floor(options.clock.now() / 1000)), data_type: 'JSON', refresh_token: shop.refreshToken ?? '' };
            params['sign'] = signPdd(params, shop.appSecret ?? '');
            const reply = await requestJson(url, { platform: '拼多多', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(params).toString() }, signal);
            const body = (reply.body ?? {}) as Record<string, unknown>;
            const error = body['error_response'];
            if (typeof error === 'object' && error !== null) {
              const e = pddError(error as Record<string, unknown>);
              if (e.kind === 'transient' || e.kind === 'throttled') throw e;
              throw new ConnectorError('setup', `拼多多 refused to refresh the session (${e.message}); authorise the app again and update accessToken and refreshToken`, undefined, e.code);
            }
            const answer = (body['pop_auth_token_refresh_response'] ?? {}) as Record<string, unknown>;
            const accessToken = answer['access_token'];
            if (typeof accessToken !== 'string' || accessToken === '') throw new ConnectorError('setup', '拼多多 answered pdd.pop.auth.token.refresh without an access_token; authorise the app again');
            const expiresIn = Number(answer['expires_in']);
            return {
              accessToken,
              ...(typeof answer['refresh_token'] === 'string' && answer['refresh_token'] !== '' ? { refreshToken: answer['refresh_token'] } : {}),
              ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: options.clock.now() + expiresIn * 1000 } : {}),
            };
          },
        }
      : {}),
  };
}

/**
 * pddError reads 拼多多's error_response: throttling (70031 调用已被限流 and
 * any 限流 / 频繁 message) waits; an expired or missing access_token (10019)
 * and a bad signature or client_id are set-up problems; 5xxxx (service
 * errors) are transient. The code list is the platform's 错误码 page as
 * docs/connectors.md cites it; unknown codes fall back on the message.
 */
export function pddError(e: Record<string, unknown>): ConnectorError {
  const code = String(e['error_code'] ?? '');
  const words = [e['error_msg'], e['sub_msg']].filter((x) => typeof x === 'string' && x !== '').join(': ');
  const tag = [code, e['sub_code']].filter((x) => x !== undefined && x !== '').join(' ');
  if (code === '70031' || code === '70032' || /限流|频繁/.test(words)) return new ConnectorError('throttled', `拼多多 throttled this app (${tag}: ${words})`, 1000, tag);
  if (code === '10019' || /access_token/i.test(words)) return new SessionExpiredError(`the 拼多多 access_token has expired or is not valid (${tag}: ${words}); authorise the app again and update accessToken`, tag);
  if (/sign|签名|client_id/i.test(words)) return new ConnectorError('setup', `拼多多 refused the app's signature or client_id (${tag}: ${words}); check appKey and appSecret`, undefined, tag);
  if (code.startsWith('5')) return new ConnectorError('transient', `拼多多 failed on its side (${tag}: ${words})`, undefined, tag);
  return new ConnectorError('answer', `拼多多 refused the request (${tag}: ${words})`, undefined, tag);
}
