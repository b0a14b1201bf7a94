import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderIdOf } from '../../domain/order.js';
import type { Clock } from '../../domain/time.js';
import type { Connector, ShopConnection } from './connector.js';
import { douyinConnector } from './douyin/douyin-connector.js';
import { jdConnector } from './jd/jd-connector.js';
import { pddConnector } from './pdd/pdd-connector.js';
import { shopifyConnector } from './shopify/shopify-connector.js';
import { OrderBook } from './stand-in/order-book.js';
import { douyinStandIn } from './stand-in/douyin-stand-in.js';
import { jdStandIn } from './stand-in/jd-stand-in.js';
import { pddStandIn } from './stand-in/pdd-stand-in.js';
import { shopifyStandIn } from './stand-in/shopify-stand-in.js';
import { StandIn, type PlatformHandler } from './stand-in/stand-in-server.js';
import { taobaoStandIn } from './stand-in/taobao-stand-in.js';
import { youzanStandIn } from './stand-in/youzan-stand-in.js';
import { syncShop, type SyncShopOptions } from './sync-shop.js';
import { taobaoConnector } from './taobao/taobao-connector.js';
import { youzanConnector } from './youzan/youzan-connector.js';
import { MemoryLedger, MemorySink } from './testing/memory-sync.js';

/** ConnectorCase is one platform as the contract sees it: its stand-in, its connector and the stage a shipped order reaches. */
interface ConnectorCase {
  readonly platform: string;
  readonly credentials: ShopConnection;
  handler(): PlatformHandler;
  connector(shop: ShopConnection, clock: Clock): Connector;
  readonly pageSize: number;
  /** The platform's order number of a stand-in book order. */
  orderNo(id: string): string;
}

const CASES: readonly ConnectorCase[] = [
  {
    platform: 'taobao',
    credentials: { name: 'tb', appKey: '12345678', appSecret: 'stand-in-secret-0123456789', accessToken: '6100e23abcd' },
    handler: () => taobaoStandIn({ appKey: '12345678', appSecret: 'stand-in-secret-0123456789', session: '6100e23abcd' }),
    connector: (shop, clock) => taobaoConnector(shop, { clock, signMethod: 'hmac-sha256' }),
    pageSize: 40,
    orderNo: (id) => id,
  },
  {
    platform: 'shopify',
    credentials: { name: 'sh', accessToken: 'shpat_stand_in_0123456789', shopDomain: 'stand-in.myshopify.com' },
    handler: () => shopifyStandIn('shpat_stand_in_0123456789'),
    connector: (shop) => shopifyConnector(shop),
    pageSize: 50,
    orderNo: (id) => id,
  },
  {
    platform: 'pdd',
    credentials: { name: 'pdd', appKey: 'pdd-client-id', appSecret: 'pdd-client-secret-0123456789', accessToken: 'pdd-access-token' },
    handler: () => pddStandIn({ clientId: 'pdd-client-id', clientSecret: 'pdd-client-secret-0123456789', accessToken: 'pdd-access-token' }),
    connector: (shop, clock) => pddConnector(shop, { clock }),
    pageSize: 3,
    orderNo: (id) => `261120-${id}`,
  },
  {
    platform: 'douyin',
    credentials: { name: 'dy', appKey: '3409409348479354011', appSecret: 'douyin-app-secret-0123456789', accessToken: 'c6f957da-1239-4343-84a1-c84e68915ff7' },
    handler: () => douyinStandIn({ appKey: '3409409348479354011', appSecret: 'douyin-app-secret-0123456789', accessToken: 'c6f957da-1239-4343-84a1-c84e68915ff7' }),
    connector: (shop, clock) => douyinConnector(shop, { clock }),
    pageSize: 30,
    orderNo: (id) => `69${id}`,
  },
  {
    platform: 'jd',
    credentials: { name: 'jd', appKey: 'jd-app-key', appSecret: 'jd-app-secret-0123456789', accessToken: 'jd-access-token' },
    handler: () => jdStandIn({ appKey: 'jd-app-key', appSecret: 'jd-app-secret-0123456789', accessToken: 'jd-access-token' }),
    connector: (shop, clock) => jdConnector(shop, { clock }),
    pageSize: 40,
    orderNo: (id) => `28${id}`,
  },
  {
    platform: 'youzan',
    credentials: { name: 'yz', accessToken: 'youzan-access-token' },
    handler: () => youzanStandIn('youzan-access-token'),
    connector: (shop, clock) => youzanConnector(shop, { clock }),
    pageSize: 40,
    orderNo: (id) => `E2026${id}`,
  },
];

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-20T00:00:00Z');

describe.each(CASES)('Connector contract: $platform', (c) => {
  let now = T0;
  const clock: Clock = { now: () => now };
  let standIn: StandIn;
  let sink: MemorySink;
  let ledger: MemoryLedger;
  let connector: Connector;
  let slept: number[];

  const sync = (extra: Partial<SyncShopOptions> = {}) =>
    syncShop({
      shop: c.credentials.name,
      platform: c.platform,
      connector,
      ledger,
      sink,
      clock,
      backfillMs: 3 * DAY,
      sleep: async (ms) => {
        slept.push(ms);
      },
      ...extra,
    });

  /** stored counts the book's orders that reached the sink, each at its latest change. */
  const stored = (book: OrderBook): number =>
    [...Array(book.size).keys()].filter((i) => {
      const id = String(1_000_000 + i);
      return sink.orders.get(orderIdOf(c.platform as 'taobao', c.orderNo(id)))?.modifiedAt === book.get(id)?.modifiedAt;
    }).length;

  beforeEach(async () => {
    now = T0;
    slept = [];
    // 537 orders over the last 3 days: several pages per day, two orders to a second now and then.
    const book = OrderBook.filled(537, T0 - 3 * DAY + 1000, T0 - 60_000);
    standIn = new StandIn(c.handler(), book, clock);
    const baseUrl = await standIn.listen();
    connector = c.connector({ ...c.credentials, baseUrl, pageSize: c.pageSize }, clock);
    sink = new MemorySink();
    ledger = new MemoryLedger();
  });

  afterEach(async () => {
    await standIn.close();
  });

  it('backfills every order, each request signed as the platform checks it, and saves its cursor at now', async () => {
    const run = await sync();
    expect(run).toMatchObject({ outcome: 'ok', accepted: 537, rejected: 0 });
    expect(run.pages).toBeGreaterThan(537 / c.pageSize);
    expect(standIn.stats.badSignatures).toBe(0);
    expect(stored(standIn.book)).toBe(537);
    const cursor = await ledger.cursor(c.credentials.name);
    expect(cursor).toMatchObject({ shop: c.credentials.name, platform: c.platform });
    expect(cursor?.page).toBeUndefined();
    expect(cursor?.from).toBeLessThanOrEqual(T0);
    expect(cursor?.from).toBeGreaterThanOrEqual(T0 - (connector.overlapMs ?? 60_000));
  });

  it('finds a change after the last sync on the next run, and repeats nothing as new', async () => {
    await sync();
    now = T0 + 60_000;
    standIn.book.change('1000007', now - 5000);
    const run = await sync();
    expect(run).toMatchObject({ outcome: 'ok', accepted: 1 });
    expect(sink.orders.get(orderIdOf(c.platform as 'taobao', c.orderNo('1000007')))?.channelStatus).not.toBe(sink.orders.get(orderIdOf(c.platform as 'taobao', c.orderNo('1000008')))?.channelStatus);
    expect(stored(standIn.book)).toBe(537);
  });

  it('misses nothing when orders change while it pages through a window', async () => {
    let moved = 0;
    const run = await sync({
      onPage: () => {
        // The platform changes an order of an early page while we page: it leaves the window.
        if (moved < 3) standIn.book.change(String(1_000_000 + moved++ * 11), now);
        return true;
      },
    });
    expect(run.outcome).toBe('ok');
    now += 60_000;
    await sync();
    expect(stored(standIn.book)).toBe(537);
  });

  it('waits out throttling for as long as the platform asks, then goes on', async () => {
    standIn.faults = { throttle: new Set([2, 3]) };
    const run = await sync();
    expect(run).toMatchObject({ outcome: 'ok', accepted: 537 });
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeGreaterThanOrEqual(1000);
  });

  it('reports an expired session as a set-up problem in words, keeping the cursor of the last page stored', async () => {
    standIn.faults = { expireSessionFrom: 4 };
    const run = await sync();
    expect(run.outcome).toBe('setup');
    expect(run.error).toMatch(/session|access.token/i);
    expect(run.pages).toBe(3);
    const cursor = await ledger.cursor(c.credentials.name);
    // The cursor moved past the start: a page within the first window, or a later window.
    expect(cursor?.page !== undefined || (cursor?.from ?? 0) > T0 - 3 * DAY).toBe(true);
    // Once the seller authorises again, the next run goes on from there and nothing is missing.
    standIn.faults = {};
    const resumed = await sync();
    expect(resumed.outcome).toBe('ok');
    expect(stored(standIn.book)).toBe(537);
    expect(resumed.pages).toBeLessThan(run.pages + resumed.pages + 1);
  });

  it('takes a page broken off mid-answer or a 500 as a failure to retry, never as a page', async () => {
    standIn.faults = { breakMidPage: new Set([3]), fail: new Set([5]) };
    const run = await sync();
    expect(run).toMatchObject({ outcome: 'ok', accepted: 537, rejected: 0 });
    expect(slept).toEqual([1000, 1000]);
  });

  it('gives up after its retries, and the next run resumes where the last stored page left off', async () => {
    standIn.faults = { fail: new Set([4, 5, 6]) };
    const first = await sync();
    expect(first.outcome).toBe('error');
    expect(first.error).toMatch(/HTTP 500/);
    standIn.faults = {};
    const requestsBefore = standIn.stats.requests;
    const second = await sync();
    expect(second.outcome).toBe('ok');
    expect(stored(standIn.book)).toBe(537);
    expect(first.accepted + second.accepted).toBe(537);
    expect(standIn.stats.requests - requestsBefore).toBe(second.pages);
  });

  it('stops when its lease is lost, and another run finishes the shop', async () => {
    const first = await sync({ onPage: (r) => r.pages < 2 });
    expect(first.outcome).toBe('error');
    expect(first.error).toMatch(/lease/);
    const second = await sync();
    expect(second.outcome).toBe('ok');
    expect(first.accepted + second.accepted).toBe(537);
  });
});
