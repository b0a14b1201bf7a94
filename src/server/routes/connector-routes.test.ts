import type { FastifyInstance } from 'fastify';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../config/settings.js';
import { systemClock, type Clock } from '../../domain/time.js';
import { douyinStandIn } from '../../ingest/connect/stand-in/douyin-stand-in.js';
import { OrderBook } from '../../ingest/connect/stand-in/order-book.js';
import { StandIn } from '../../ingest/connect/stand-in/stand-in-server.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { hashPassword } from '../auth/password.js';
import { buildServer } from '../server.js';

const NOW = Date.parse('2026-11-20T04:00:00Z');
const clock: Clock = { now: () => NOW };
const MIN = 60_000;

describe('GET /api/v1/shops', () => {
  let store: Store;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    delete process.env.KD100_KEY;
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-shops-api-')), 'api.db'));
    for (const [name, role] of [['boss', 'admin'], ['kefu', 'agent']] as const) await store.addUser({ name, role, createdAt: NOW, disabled: false }, await hashPassword('password-123'));
    const settings = SettingsSchema.parse({
      server: { publicUrl: 'https://ow.example.com' },
      ingest: { kuaidi100Salt: 'kd100-salt' },
      kuaidi100: { key: 'env:KD100_KEY' },
      shops: [
        { name: '山野果园', platform: 'taobao', appKey: '12345678', appSecret: 'env:TB_SECRET', accessToken: 'file:/etc/orderwatch/tb-session', refreshToken: 'env:TB_REFRESH', sync: { logistics: true } },
        { name: 'intl', platform: 'shopify', shopDomain: 'intl.myshopify.com', accessToken: 'env:SHOPIFY_TOKEN', interval: '5m' },
      ],
    });
    await store.shops.saveCursor({ shop: '山野果园', platform: 'taobao', from: NOW - 2 * MIN, updatedAt: NOW - MIN });
    await store.shops.startRun({ id: 'a', shop: '山野果园', startedAt: NOW - 10 * MIN });
    await store.shops.finishRun({ id: 'a', shop: '山野果园', startedAt: NOW - 10 * MIN, finishedAt: NOW - 9 * MIN, outcome: 'ok', pages: 3, accepted: 240, duplicates: 0, rejected: 0 });
    await store.shops.startRun({ id: 'b', shop: '山野果园', startedAt: NOW - 2 * MIN });
    await store.shops.finishRun({ id: 'b', shop: '山野果园', startedAt: NOW - 2 * MIN, finishedAt: NOW - MIN, outcome: 'setup', pages: 0, accepted: 0, duplicates: 0, rejected: 0, error: "the seller's Taobao session has expired or was revoked (27 invalid-sessionkey: Invalid session)" });
    await store.tracking.enqueue(
      [],
      [
        { trackingNo: 'YT1', orderId: 'taobao:1', shop: '山野果园', carrier: 'YTO', company: 'yuantong', status: 'pending' },
        { trackingNo: 'YT2', orderId: 'taobao:2', shop: '山野果园', carrier: 'YTO', company: 'yuantong', status: 'pending' },
      ],
      NOW - 5 * MIN,
    );
    await store.tracking.record('YT1', { status: 'subscribed', code: '200' }, NOW - 4 * MIN);
    await store.tracking.record('YT2', { status: 'pending', nextAttemptAt: NOW + MIN, code: 'timeout', error: 'Kuaidi100 did not answer within 10 s' }, NOW - 3 * MIN);
    app = await buildServer({ store, settings, clock });
    for (const name of ['boss', 'kefu']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password: 'password-123' } });
      cookies[name] = `ow_session=${res.cookies.find((c) => c.name === 'ow_session')!.value}`;
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("gives the admin each shop's status, the current error in words, and no hint of where a secret is", async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/shops', headers: { cookie: cookies['boss']! } });
    expect(res.statusCode).toBe(200);
    const [tb, intl] = res.json().shops;
    expect(tb).toMatchObject({
      name: '山野果园',
      platform: 'taobao',
      appKey: '12345678',
      appSecret: 'env:***',
      accessToken: 'file:***',
      refreshToken: 'env:***',
      interval: 60_000,
      lastSuccessAt: '2026-11-20T03:51:00.000Z',
      cursor: { windowStartAt: '2026-11-20T03:58:00.000Z', updatedAt: '2026-11-20T03:59:00.000Z' },
      ordersLastHour: 240,
      lastError: { outcome: 'setup', current: true, words: { zh: expect.stringContaining('授权过期') } },
    });
    expect(tb.lastError.message).toContain('session has expired');
    // KD100_KEY is not set here: subscriptions are paused, and the page says so and which setting, not where its secret lives.
    expect(tb.logistics).toEqual({ paused: { zh: '快递100订阅已暂停：设置不完整', en: 'Kuaidi100 subscriptions paused: the set-up is incomplete', setting: 'kuaidi100.key' }, pending: 1, subscribed: 1, refused: 0, failed: 0, lastSubscribedAt: '2026-11-20T03:56:00.000Z', lastError: { failedAt: '2026-11-20T03:57:00.000Z', trackingNo: 'YT2', code: 'timeout', message: 'Kuaidi100 did not answer within 10 s' } });
    expect(intl.logistics).toBeUndefined();
    expect(intl).toMatchObject({ name: 'intl', accessToken: 'env:***', interval: 300_000, ordersLastHour: 0 });
    expect(intl.lastSuccessAt).toBeUndefined();
    expect(res.body).not.toContain('TB_SECRET');
    expect(res.body).not.toContain('KD100_KEY');
    expect(res.body).not.toContain('TB_REFRESH');
    expect(res.body).not.toContain('/etc/orderwatch');
  });

  it('is refused to an agent', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/shops', headers: { cookie: cookies['kefu']! } });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /api/v1/connect/:shop/douyin-push', () => {
  let store: Store;
  let app: FastifyInstance;
  let standIn: StandIn;
  const APP_KEY = '3409409348479354011';
  const SECRET = 'douyin-app-secret-0123456789';
  const push = (body: string, sign: string, method?: string) =>
    app.inject({ method: 'POST', url: '/api/v1/connect/dy/douyin-push', headers: { 'content-type': 'application/json', 'event-sign': sign, 'app-id': APP_KEY, ...(method ? { 'sign-method': method } : {}) }, payload: body });

  beforeAll(async () => {
    process.env['OW_TEST_DY_SECRET'] = SECRET;
    process.env['OW_TEST_DY_TOKEN'] = 'dy-token';
    const realNow = Date.now();
    standIn = new StandIn(douyinStandIn({ appKey: APP_KEY, appSecret: SECRET, accessToken: 'dy-token' }), OrderBook.filled(20, realNow - 86_400_000, realNow - 60_000), systemClock);
    const baseUrl = await standIn.listen();
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-dy-push-')), 'push.db'));
    const settings = SettingsSchema.parse({ shops: [{ name: 'dy', platform: 'douyin', appKey: APP_KEY, appSecret: 'env:OW_TEST_DY_SECRET', accessToken: 'env:OW_TEST_DY_TOKEN', baseUrl }] });
    app = await buildServer({ store, settings, clock: systemClock });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await standIn.close();
    delete process.env['OW_TEST_DY_SECRET'];
    delete process.env['OW_TEST_DY_TOKEN'];
  });

  const body = JSON.stringify([
    { tag: '101', msg_id: 'm1', data: JSON.stringify({ p_id: 691000003, s_ids: [6910000031], shop_id: 4463798, order_status: 2 }) },
    { tag: '102', msg_id: 'm2', data: JSON.stringify({ p_id: '691000004', shop_id: 4463798 }) },
  ]);

  it('refuses a push whose event-sign is not MD5(app_key + body + app_secret), storing nothing', async () => {
    const res = await push(body, createHash('md5').update(`${APP_KEY}${body}wrong-secret`).digest('hex'));
    expect(res.statusCode).toBe(401);
    expect(await store.countOrders()).toBe(0);
  });

  it('pulls each order a signed push names in full and stores it under the shop', async () => {
    const res = await push(body, createHash('md5').update(`${APP_KEY}${body}${SECRET}`).digest('hex'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: 0, msg: 'success', orders: 2, stored: 2, failed: 0 });
    expect((await store.getOrder('douyin:691000003'))?.shop).toBe('dy');
    expect(await store.countOrders()).toBe(2);
  });

  it('takes the HMAC-SHA256 form when sign-method says so', async () => {
    const one = JSON.stringify([{ tag: '101', msg_id: 'm3', data: JSON.stringify({ p_id: 691000005 }) }]);
    const res = await push(one, createHmac('sha256', SECRET).update(`${APP_KEY}${one}${SECRET}`).digest('hex'), 'hmac-sha256');
    expect(res.json()).toMatchObject({ code: 0, stored: 1 });
  });
});

describe('POST /api/v1/connect/:shop/youzan-push', () => {
  let store: Store;
  let app: FastifyInstance;
  const CLIENT_ID = 'youzan-client-id';
  const SECRET = 'youzan-client-secret-0123456789';
  const trade = JSON.parse(readFileSync(join(import.meta.dirname, '../../ingest/samples/youzan-trade-get.json'), 'utf8')) as unknown;
  const pushBody = (message: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ client_id: CLIENT_ID, id: 'E20241104143713093806201', kdt_id: 160, type: 'trade_TradePaid', status: 'WAIT_SELLER_SEND_GOODS', msg: encodeURIComponent(JSON.stringify(message)), version: 1, test: false, ...extra });
  const send = (body: string, sign: string | undefined) =>
    app.inject({ method: 'POST', url: '/api/v1/connect/yz/youzan-push', headers: { 'content-type': 'application/json', ...(sign !== undefined ? { 'event-sign': sign } : {}) }, payload: body });

  beforeAll(async () => {
    process.env['OW_TEST_YZ_SECRET'] = SECRET;
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-yz-push-')), 'push.db'));
    const settings = SettingsSchema.parse({ shops: [{ name: 'yz', platform: 'youzan', appKey: CLIENT_ID, appSecret: 'env:OW_TEST_YZ_SECRET', accessToken: 'env:OW_TEST_YZ_TOKEN' }] });
    app = await buildServer({ store, settings, clock: systemClock });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    delete process.env['OW_TEST_YZ_SECRET'];
  });

  it('refuses a push whose Event-Sign is not MD5(client_id + body + client_secret), storing nothing', async () => {
    const body = pushBody(trade);
    const res = await send(body, createHash('md5').update(`${CLIENT_ID}${body}not-the-secret`).digest('hex'));
    expect(res.statusCode).toBe(401);
    expect(await store.countOrders()).toBe(0);
  });

  it('stores the order a signed trade push carries, under the shop', async () => {
    const body = pushBody(trade);
    const res = await send(body, createHash('md5').update(`${CLIENT_ID}${body}${SECRET}`).digest('hex'));
    expect(res.json()).toEqual({ code: 0, msg: 'success', stored: 1 });
    expect((await store.getOrder('youzan:E20241104143713093806201'))?.shop).toBe('yz');
  });

  it('takes the older form signed in the body, and acknowledges a message without an order', async () => {
    const message = { tid: 'E1', update_time: '2024-11-04 15:00:00' };
    const msg = encodeURIComponent(JSON.stringify(message));
    const body = pushBody(message, { type: 'trade_TradeMemoModified', sign: createHash('md5').update(`${CLIENT_ID}${msg}${SECRET}`).digest('hex') });
    const res = await send(body, undefined);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 0, stored: 0, note: expect.stringContaining('trade_TradeMemoModified carries no full_order_info') });
  });
});
