import type { Clock } from '../../../domain/time.js';
import type { BookOrder, OrderBook } from './order-book.js';
import type { PlatformHandler, StandInAnswer, StandInRequest } from './stand-in-server.js';

const FULFILMENT = [null, 'fulfilled', 'fulfilled'] as const;

/** shopifyOrder renders a book order as an Admin REST order the Shopify adapter reads. */
export function shopifyOrder(o: BookOrder): Record<string, unknown> {
  return {
    id: Number(o.id),
    name: `#${o.id}`,
    created_at: new Date(o.createdAt).toISOString(),
    processed_at: new Date(o.createdAt).toISOString(),
    updated_at: new Date(o.modifiedAt).toISOString(),
    cancelled_at: null,
    currency: 'USD',
    financial_status: 'paid',
    fulfillment_status: FULFILMENT[o.state],
    total_price: '39.50',
    total_discounts: '0.00',
    customer: { id: 207119551, first_name: 'Ada', last_name: 'Lovelace' },
    shipping_address: { first_name: 'Ada', last_name: 'Lovelace', province: 'Ontario', city: 'Ottawa', address1: '123 Elgin St', zip: 'K2P 1L4' },
    line_items: [{ id: Number(o.id) * 10, sku: 'IPOD-342-N', title: 'IPod Nano', quantity: 1, price: '39.50', requires_shipping: true }],
    fulfillments:
      o.state >= 1
        ? [{ id: Number(o.id) * 10 + 1, status: 'success', created_at: new Date(o.modifiedAt).toISOString(), updated_at: new Date(o.modifiedAt).toISOString(), tracking_company: 'UPS', tracking_number: `1Z${o.id}` }]
        : [],
  };
}

interface PageInfo {
  readonly min: number;
  readonly max: number;
  /** The last order of the page before: (updated_at, change sequence). */
  readonly afterAt: number;
  readonly afterSeq: number;
}

const encode = (p: PageInfo): string => Buffer.from(JSON.stringify(p)).toString('base64url');
function decode(text: string): PageInfo | undefined {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as PageInfo;
  } catch {
    return undefined;
  }
}

/**
 * shopifyStandIn plays GET /admin/api/{version}/orders.json: the access
 * token header (401 without it), updated_at_min/max, limit ≤ 250, and
 * cursor pages in the Link header whose page_info is a key (last
 * updated_at, then order of change) — an order changed while paging moves past the end
 * instead of shifting others, as Shopify's cursors behave. Throttled
 * requests get 429 with Retry-After.
 */
export function shopifyStandIn(accessToken: string): PlatformHandler {
  return {
    platform: 'shopify',
    answer(request: StandInRequest, book: OrderBook, _clock: Clock): StandInAnswer {
      const q = request.url.searchParams;
      if (request.headers['x-shopify-access-token'] !== accessToken || request.sessionExpired) {
        return { status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } };
      }
      if (request.throttle) return { status: 429, body: { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, headers: { 'retry-after': '2.0' } };
      const one = /^\/admin\/api\/[\d-]+\/orders\/(\d+)\.json$/.exec(request.url.pathname);
      if (one) {
        const o = book.get(one[1] as string);
        return o ? { status: 200, body: { order: shopifyOrder(o) } } : { status: 404, body: { errors: 'Not Found' } };
      }
      if (!/^\/admin\/api\/[\d-]+\/orders\.json$/.test(request.url.pathname)) return { status: 404, body: { errors: 'Not Found' } };
      const limit = Number(q.get('limit') ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 250) return { status: 400, body: { errors: { limit: ['must be at most 250'] } } };
      let info: PageInfo;
      if (q.has('page_info')) {
        const decoded = decode(q.get('page_info') ?? '');
        if (decoded === undefined) return { status: 400, body: { errors: { page_info: ['Invalid value.'] } } };
        const extra = [...q.keys()].filter((k) => k !== 'page_info' && k !== 'limit' && k !== 'fields');
        if (extra.length > 0) return { status: 400, body: { errors: { page_info: [`cannot be passed with ${extra.join(', ')}`] } } };
        info = decoded;
      } else {
        const min = Date.parse(q.get('updated_at_min') ?? '');
        const max = Date.parse(q.get('updated_at_max') ?? '');
        if (Number.isNaN(min) || Number.isNaN(max)) return { status: 400, body: { errors: { updated_at_min: ['is not a date'] } } };
        info = { min, max, afterAt: -1, afterSeq: 0 };
      }
      const all = book.between(info.min, info.max).filter((o) => o.modifiedAt > info.afterAt || (o.modifiedAt === info.afterAt && o.seq > info.afterSeq));
      const page = all.slice(0, limit);
      const last = page.at(-1);
      const headers: Record<string, string> = {};
      if (all.length > limit && last !== undefined) {
        const next = encode({ min: info.min, max: info.max, afterAt: last.modifiedAt, afterSeq: last.seq });
        headers['link'] = `<https://stand-in.myshopify.com${request.url.pathname}?limit=${limit}&page_info=${next}>; rel="next"`;
      }
      return { status: 200, body: { orders: page.map(shopifyOrder) }, headers };
    },
  };
}
