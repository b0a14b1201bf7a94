import type { Clock } from '../../../domain/time.js';
import { ConnectorError, SessionExpiredError, type Connector, type PulledPage, type PullWindow, type RefreshedSession, type ShopConnection } from '../connector.js';
import { nextBackwardPage, pageOf } from '../backward-pages.js';
import { requestJson } from '../http-json.js';
import { signTop, topTimestamp, type TopSignMethod } from './top-sign.js';

/** TAOBAO_TOKEN_URL is Taobao's OAuth 2.0 token endpoint (用户授权介绍, 获取访问令牌): sessions are refreshed there. */
export const TAOBAO_TOKEN_URL = 'https://oauth.taobao.com/token';
/** TOP_GATEWAY is TOP's production address (open.taobao.com, 调用入口). */
export const TOP_GATEWAY = 'https://gw.api.taobao.com/router/rest';
/** taobao.trades.sold.increment.get answers at most 100 trades a page, for at most one day of `modified`. */
export const TOP_MAX_PAGE_SIZE = 100;
const ONE_DAY_MS = 86_400_000;
const METHOD = 'taobao.trades.sold.increment.get';
/** The fields the Taobao ingest adapter reads (src/ingest/taobao/normalise.ts). */
const FIELDS = [
  'tid', 'type', 'status', 'step_trade_status', 'step_paid_fee', 'created', 'pay_time', 'consign_time', 'end_time', 'modified',
  'est_con_time', 'payment', 'total_fee', 'post_fee', 'buyer_nick', 'seller_nick', 'seller_flag', 'buyer_message', 'seller_memo',
  'receiver_name', 'receiver_mobile', 'receiver_phone', 'receiver_state', 'receiver_city', 'receiver_district', 'receiver_town',
  'receiver_address', 'receiver_zip', 'orders',
].join(',');

export interface TaobaoConnectorOptions {
  readonly clock: Clock;
  readonly signMethod?: TopSignMethod;
}

/**
 * taobaoConnector pulls a seller's trades with taobao.trades.sold.increment.get,
 * one `modified` window (≤ 1 day) at a time, its numbered pages read from
 * the last back to the first (nextBackwardPage): a trade changed meanwhile
 * is found in the next window, by its new `modified`, and none is skipped.
 */
export function taobaoConnector(shop: ShopConnection, options: TaobaoConnectorOptions): Connector {
  const pageSize = Math.min(shop.pageSize ?? TOP_MAX_PAGE_SIZE, TOP_MAX_PAGE_SIZE);
  const url = shop.baseUrl ?? TOP_GATEWAY;
  return {
    channel: 'taobao',
    maxWindowMs: ONE_DAY_MS,
    async pull(window: PullWindow, signal?: AbortSignal): Promise<PulledPage> {
      const pageNo = pageOf(window.page, 1);
      const params: Record<string, string> = {
        method: METHOD,
        app_key: shop.appKey ?? '',
        session: shop.accessToken ?? '',
        timestamp: topTimestamp(options.clock.now()),
        format: 'json',
        v: '2.0',
        sign_method: options.signMethod ?? 'md5',
        fields: FIELDS,
        start_modified: topTimestamp(window.from),
        end_modified: topTimestamp(window.to),
        page_no: String(pageNo),
        page_size: String(pageSize),
        use_has_next: 'false',
      };
      params['sign'] = signTop(params, shop.appSecret ?? '', options.signMethod ?? 'md5');
      const reply = await requestJson(url, {
        platform: 'Taobao TOP',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams(params).toString(),
      }, signal);
      const body = reply.body as Record<string, unknown> | undefined;
      if (body !== undefined && typeof body['error_response'] === 'object' && body['error_response'] !== null) throw topError(body['error_response'] as Record<string, unknown>);
      const answer = body?.['trades_sold_increment_get_response'] as Record<string, unknown> | undefined;
      if (answer === undefined || typeof answer !== 'object') {
        throw new ConnectorError('answer', `Taobao TOP answered HTTP ${reply.status} without trades_sold_increment_get_response`);
      }
      const total = Number(answer['total_results'] ?? 0);
      const trades = (answer['trades'] as { trade?: unknown[] } | undefined)?.trade ?? [];
      const next = nextBackwardPage({ asked: window.page, total, pageSize, first: 1 });
      return { document: body, orders: trades.length, ...(next !== undefined ? { next } : {}) };
    },
    ...(shop.refreshToken !== undefined ? { refreshSession: (signal?: AbortSignal) => refreshTaobaoSession(shop, options.clock, signal) } : {}),
  };
}

/**
 * refreshTaobaoSession trades the seller's refresh_token for a new session
 * at the OAuth token endpoint, as 用户授权介绍 describes it: a form POST of
 * grant_type=refresh_token, refresh_token, client_id (the app key) and
 * client_secret (the app secret). The answer carries access_token,
 * expires_in (seconds) and the refresh_token to keep; a refusal is an OAuth
 * error (`error`, `error_description`).
 */
export async function refreshTaobaoSession(shop: ShopConnection, clock: { now(): number }, signal?: AbortSignal): Promise<RefreshedSession> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: shop.refreshToken ?? '', client_id: shop.appKey ?? '', client_secret: shop.appSecret ?? '', view: 'web' });
  const reply = await requestJson(shop.tokenUrl ?? TAOBAO_TOKEN_URL, { platform: 'Taobao OAuth', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: form.toString() }, signal);
  const body = (reply.body ?? {}) as Record<string, unknown>;
  const accessToken = body['access_token'];
  if (reply.status !== 200 || typeof accessToken !== 'string' || accessToken === '') {
    const words = [body['error'], body['error_description']].filter((x) => typeof x === 'string' && x !== '').join(': ');
    throw new ConnectorError('setup', `Taobao refused to refresh the session (HTTP ${reply.status}${words !== '' ? `, ${words}` : ''}); authorise the app again and update accessToken and refreshToken`, undefined, typeof body['error'] === 'string' ? body['error'] : `HTTP ${reply.status}`);
  }
  const expiresIn = Number(body['expires_in']);
  return {
    accessToken,
    ...(typeof body['refresh_token'] === 'string' && body['refresh_token'] !== '' ? { refreshToken: body['refresh_token'] } : {}),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: clock.now() + expiresIn * 1000 } : {}),
  };
}

/**
 * topError reads TOP's error_response (open.taobao.com 错误码一览): code 7
 * (App Call Limited) and `accesscontrol.*` / `isv.*-limited` sub-codes are
 * throttling, with the ban's length from sub_msg; 25 (bad signature),
 * 26/27 (session missing or expired), 28/29 (app key) and 11 (permission)
 * are set-up problems for a person; `isp.*` is the platform's own failure.
 */
export function topError(e: Record<string, unknown>): ConnectorError {
  const code = String(e['code'] ?? '');
  const sub = String(e['sub_code'] ?? '');
  const words = [e['msg'], e['sub_msg']].filter((x) => typeof x === 'string' && x !== '').join(': ');
  const tag = sub === '' ? code : `${code} ${sub}`;
  if (code === '7' || sub.startsWith('accesscontrol.') || /call-limited|limited-by/.test(sub)) {
    const seconds = /(\d+)\s*more seconds/.exec(String(e['sub_msg'] ?? ''))?.[1];
    return new ConnectorError('throttled', `Taobao throttled this app (${tag}: ${words})`, seconds === undefined ? 1000 : Number(seconds) * 1000, tag);
  }
  if (code === '26' || code === '27' || code === '53') return new SessionExpiredError(`the seller's Taobao session has expired or was revoked (${tag}: ${words}); authorise the app again and update accessToken`, tag);
  if (code === '25') return new ConnectorError('setup', `Taobao rejected the signature (${tag}: ${words}); check appSecret`, undefined, tag);
  if (code === '28' || code === '29' || code === '11') return new ConnectorError('setup', `Taobao refused this app (${tag}: ${words}); check appKey and the app's permissions`, undefined, tag);
  if (sub.startsWith('isp.') || code === '520') return new ConnectorError('transient', `Taobao failed on its side (${tag}: ${words})`, undefined, tag);
  return new ConnectorError('answer', `Taobao refused the request (${tag}: ${words})`, undefined, tag);
}
