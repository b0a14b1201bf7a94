import { createHash } from 'node:crypto';
import type { Clock } from '../../../domain/time.js';
import { nextBackwardPage, pageOf } from '../backward-pages.js';
import { ConnectorError, SessionExpiredError, type Connector, type PulledPage, type PullWindow, type ShopConnection } from '../connector.js';
import { requestJson } from '../http-json.js';
import { refreshJdSession } from './jd-refresh.js';

/** JD_GATEWAY is the JOS router (京东开放平台, 调用入口). */
export const JD_GATEWAY = 'https://api.jd.com/routerjson';
/** jingdong.pop.order.enSearch answers at most 100 orders a page. */
export const JD_MAX_PAGE_SIZE = 100;
const METHOD = 'jingdong.pop.order.enSearch';
const STATES = 'WAIT_SELLER_STOCK_OUT,WAIT_GOODS_RECEIVE_CONFIRM,FINISHED_L,TRADE_CANCELED,LOCKED,POP_ORDER_PAUSE';
const FIELDS = 'orderId,orderState,orderStartTime,paymentConfirmTime,orderEndTime,modified,orderPayment,orderSellerPrice,orderTotalPrice,freightPrice,sellerDiscount,orderRemark,venderRemark,waybill,logisticsId,consigneeInfo,itemInfoList';

const jdTime = (at: number): string => new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * signJd signs a JOS request: every parameter but `sign` sorted by name,
 * name + value concatenated, MD5(app_secret + that + app_secret), upper-case
 * hex — the TOP-style rule JOS documents (see docs/connectors.md for how
 * sure we are).
 */
export function signJd(params: Readonly<Record<string, string>>, appSecret: string): string {
  const joined = Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  return createHash('md5').update(`${appSecret}${joined}${appSecret}`, 'utf8').digest('hex').toUpperCase();
}

/**
 * jdConnector pulls a JD POP shop's orders with jingdong.pop.order.enSearch
 * by modification time (dateType 0), every order state, one day at a time,
 * pages read from the last back to the first (nextBackwardPage). With a
 * refresh token it can renew an expired session (refreshJdSession).
 */
export function jdConnector(shop: ShopConnection, options: { readonly clock: Clock }): Connector {
  const pageSize = Math.min(shop.pageSize ?? JD_MAX_PAGE_SIZE, JD_MAX_PAGE_SIZE);
  const url = shop.baseUrl ?? JD_GATEWAY;
  return {
    channel: 'jd',
    maxWindowMs: 86_400_000,
    async pull(window: PullWindow, signal?: AbortSignal): Promise<PulledPage> {
      const page = pageOf(window.page, 1);
      const business = { start_date: jdTime(window.from), end_date: jdTime(window.to), order_state: STATES, optional_fields: FIELDS, page: String(page), page_size: String(pageSize), dateType: 0, sortType: 0 };
      const params: Record<string, string> = {
        method: METHOD,
        app_key: shop.appKey ?? '',
        access_token: shop.accessToken ?? '',
        timestamp: jdTime(options.clock.now()),
        v: '2.0',
        '360buy_param_json': JSON.stringify(business),
      };
      params['sign'] = signJd(params, shop.appSecret ?? '');
      const reply = await requestJson(url, { platform: 'JD', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(params).toString() }, signal);
      const body = reply.body as Record<string, unknown> | undefined;
      const error = body?.['error_response'];
      if (typeof error === 'object' && error !== null) throw jdError(error as Record<string, unknown>);
      const answer = body?.['jingdong_pop_order_enSearch_responce'] as Record<string, unknown> | undefined;
      const result = answer?.['searchorderinfo_result'] as Record<string, unknown> | undefined;
      if (result === undefined) throw new ConnectorError('answer', `JD answered HTTP ${reply.status} without jingdong_pop_order_enSearch_responce.searchorderinfo_result`);
      const api = result['apiResult'] as Record<string, unknown> | undefined;
      if (api !== undefined && api['success'] === false) throw jdError({ code: api['resultCode'], zh_desc: api['chineseErr'], en_desc: api['englishErr'] });
      const list = result['orderInfoList'];
      const next = nextBackwardPage({ asked: window.page, total: Number(result['orderTotal'] ?? 0), pageSize, first: 1 });
      return { document: body, orders: Array.isArray(list) ? list.length : 0, ...(next !== undefined ? { next } : {}) };
    },
    ...(shop.refreshToken !== undefined ? { refreshSession: (signal?: AbortSignal) => refreshJdSession(shop, options.clock, signal) } : {}),
  };
}

/**
 * jdError reads JD's error_response by its words (token, 签名, 频繁 / 限流):
 * JD's code list could not be checked here. An expired or missing
 * access_token (code 19, or "token" / 授权 in the words) is the session
 * problem a refresh may cure.
 */
export function jdError(e: Record<string, unknown>): ConnectorError {
  const code = String(e['code'] ?? '');
  const words = [e['zh_desc'], e['en_desc']].filter((x) => typeof x === 'string' && x !== '').join(' / ');
  if (/频繁|限流|超限|too many|limit/i.test(words)) return new ConnectorError('throttled', `JD throttled this app (${code}: ${words})`, 1000, code);
  if (code === '19' || /token|授权/i.test(words)) return new SessionExpiredError(`the JD access_token has expired or is not valid (${code}: ${words}); authorise the app again and update accessToken`, code);
  if (/sign|签名|app_?key/i.test(words)) return new ConnectorError('setup', `JD refused the app's signature or app_key (${code}: ${words}); check appKey and appSecret`, undefined, code);
  if (/系统|服务|system|service/i.test(words)) return new ConnectorError('transient', `JD failed on its side (${code}: ${words})`, undefined, code);
  return new ConnectorError('answer', `JD refused the request (${code}: ${words})`, undefined, code);
}
