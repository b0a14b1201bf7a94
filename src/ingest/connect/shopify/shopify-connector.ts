import { ConnectorError, type Connector, type PulledPage, type PullWindow, type ShopConnection } from '../connector.js';
import { requestJson, type JsonReply } from '../http-json.js';

/** SHOPIFY_API_VERSION is the Admin REST version asked for. */
export const SHOPIFY_API_VERSION = '2024-10';
/** The Admin REST API's largest `limit` (shopify.dev, REST Admin API pagination). */
export const SHOPIFY_MAX_PAGE_SIZE = 250;

/**
 * shopifyConnector pulls a shop's orders through the Admin REST API: orders
 * with `updated_at` in the window (status=any, so closed and cancelled ones
 * come too), oldest change first, 250 a page, following the `Link` header's
 * rel="next" cursor (`page_info`, which carries the filters itself and is
 * used exactly as given). A 429 is throttling with Shopify's Retry-After.
 */
export function shopifyConnector(shop: ShopConnection): Connector {
  const base = (shop.baseUrl ?? `https://${shop.shopDomain ?? ''}`).replace(/\/$/, '');
  const limit = Math.min(shop.pageSize ?? SHOPIFY_MAX_PAGE_SIZE, SHOPIFY_MAX_PAGE_SIZE);
  const get = async (path: string, query: URLSearchParams, signal?: AbortSignal): Promise<JsonReply> => {
    const reply = await requestJson(`${base}/admin/api/${SHOPIFY_API_VERSION}/${path}?${query.toString()}`, {
      platform: 'Shopify',
      method: 'GET',
      headers: { 'x-shopify-access-token': shop.accessToken ?? '', accept: 'application/json' },
    }, signal);
    if (reply.status >= 400) throw shopifyError(reply);
    return reply;
  };
  return {
    channel: 'shopify',
    // Cursor paging has no window limit; a week keeps one window's cursor short-lived.
    maxWindowMs: 7 * 86_400_000,
    async pull(window: PullWindow, signal?: AbortSignal): Promise<PulledPage> {
      const query =
        window.page !== undefined
          ? new URLSearchParams({ limit: String(limit), page_info: window.page })
          : new URLSearchParams({
              status: 'any',
              limit: String(limit),
              updated_at_min: new Date(window.from).toISOString(),
              updated_at_max: new Date(window.to).toISOString(),
              order: 'updated_at asc',
            });
      const reply = await get('orders.json', query, signal);
      const orders = (reply.body as { orders?: unknown } | undefined)?.orders;
      if (!Array.isArray(orders)) throw new ConnectorError('answer', `Shopify answered HTTP ${reply.status} without an orders list`);
      const next = nextPageInfo(reply.headers.get('link'));
      return { document: reply.body, orders: orders.length, ...(next !== undefined ? { next } : {}) };
    },
    async fetchOrder(orderId: string, signal?: AbortSignal): Promise<unknown> {
      if (!/^\d{1,20}$/.test(orderId)) throw new ConnectorError('answer', `"${orderId}" is not a Shopify order id (digits)`);
      return (await get(`orders/${orderId}.json`, new URLSearchParams(), signal)).body;
    },
  };
}

/** nextPageInfo reads the page_info of the rel="next" link of a Link header. */
export function nextPageInfo(link: string | null): string | undefined {
  if (link === null) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (m?.[1] !== undefined) return new URL(m[1]).searchParams.get('page_info') ?? undefined;
  }
  return undefined;
}

function shopifyError(reply: JsonReply): ConnectorError {
  const errors = (reply.body as { errors?: unknown } | undefined)?.errors;
  const words = typeof errors === 'string' ? errors : JSON.stringify(errors ?? '').slice(0, 200);
  const code = `HTTP ${reply.status}`;
  if (reply.status === 401) return new ConnectorError('setup', `Shopify refused the access token (${code}: ${words}); create a new Admin API token and update accessToken`, undefined, code);
  if (reply.status === 402) return new ConnectorError('setup', `the Shopify shop is frozen for an unpaid bill (${code})`, undefined, code);
  if (reply.status === 403) return new ConnectorError('setup', `the Shopify app may not read orders (${code}: ${words}); grant read_orders (and read_all_orders for orders older than 60 days)`, undefined, code);
  if (reply.status === 404) return new ConnectorError('setup', `Shopify has no such shop or order (${code}); check shopDomain`, undefined, code);
  return new ConnectorError('answer', `Shopify refused the request (${code}: ${words})`, undefined, code);
}
