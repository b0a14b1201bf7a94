import type { Clock } from '../../../domain/time.js';
import { nextBackwardPage, pageOf } from '../backward-pages.js';
import { ConnectorError, SessionExpiredError, type Connector, type PulledPage, type PullWindow, type ShopConnection } from '../connector.js';
import { requestJson } from '../http-json.js';
import { refreshYouzanSession } from './youzan-refresh.js';

/** YOUZAN_GATEWAY is 有赞云's API address. */
export const YOUZAN_GATEWAY = 'https://open.youzanyun.com';
/** YOUZAN_TOKEN_PATH is where 有赞云 issues and refreshes tokens, on the API host. */
export const YOUZAN_TOKEN_PATH = '/auth/token';
/** youzan.trades.sold.get answers at most 100 orders a page. */
export const YOUZAN_MAX_PAGE_SIZE = 100;
const PATH = '/api/youzan.trades.sold.get/4.0.4';

const youzanTime = (at: number): string => new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * youzanConnector pulls a Youzan shop's orders with youzan.trades.sold.get by
 * update time, one day at a time, pages read from the last back to the first.
 * Youzan calls are not signed: the OAuth access_token goes in the query.
 * With a refresh token it can renew an expired session (refreshYouzanSession).
 */
export function youzanConnector(shop: ShopConnection, options: { readonly clock: Clock }): Connector {
  const pageSize = Math.min(shop.pageSize ?? YOUZAN_MAX_PAGE_SIZE, YOUZAN_MAX_PAGE_SIZE);
  const base = (shop.baseUrl ?? YOUZAN_GATEWAY).replace(/\/$/, '');
  return {
    channel: 'youzan',
    maxWindowMs: 86_400_000,
    async pull(window: PullWindow, signal?: AbortSignal): Promise<PulledPage> {
      const page = pageOf(window.page, 1);
      const reply = await requestJson(`${base}${PATH}?${new URLSearchParams({ access_token: shop.accessToken ?? '' }).toString()}`, {
        platform: 'Youzan',
        method: 'POST',
        headers: { 'content-type': 'application/json;charset=utf-8' },
        body: JSON.stringify({ start_update: youzanTime(window.from), end_update: youzanTime(window.to), page_no: page, page_size: pageSize }),
      }, signal);
      const body = reply.body as Record<string, unknown> | undefined;
      const gateway = body?.['gw_err_resp'] as Record<string, unknown> | undefined;
      if (gateway !== undefined) throw youzanError(String(gateway['err_code'] ?? ''), String(gateway['err_msg'] ?? ''));
      if (body === undefined || body['success'] !== true) throw youzanError(String(body?.['code'] ?? reply.status), String(body?.['message'] ?? 'no answer'));
      const data = body['data'] as Record<string, unknown> | undefined;
      const list = data?.['full_order_info_list'];
      const next = nextBackwardPage({ asked: window.page, total: Number(data?.['total_results'] ?? 0), pageSize, first: 1 });
      return { document: body, orders: Array.isArray(list) ? list.length : 0, ...(next !== undefined ? { next } : {}) };
    },
    ...(shop.refreshToken !== undefined ? { refreshSession: (signal?: AbortSignal) => refreshYouzanSession(shop, shop.tokenUrl ?? `${base}${YOUZAN_TOKEN_PATH}`, options.clock, signal) } : {}),
  };
}

/**
 * youzanError reads a Youzan failure by its words (token, 限流 / 频繁, 系统):
 * the code list could not be checked here. An access_token that is expired
 * or not valid is the session problem a refresh may cure.
 */
export function youzanError(code: string, message: string): ConnectorError {
  if (/限流|频繁|too many|limit/i.test(message)) return new ConnectorError('throttled', `Youzan throttled this app (${code}: ${message})`, 1000, code);
  if (/token|授权/i.test(message)) return new SessionExpiredError(`the Youzan access_token has expired or is not valid (${code}: ${message}); authorise the app again and update accessToken`, code);
  if (/系统|服务|system|service/i.test(message)) return new ConnectorError('transient', `Youzan failed on its side (${code}: ${message})`, undefined, code);
  return new ConnectorError('answer', `Youzan refused the request (${code}: ${message})`, undefined, code);
}
