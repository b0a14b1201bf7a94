import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema, type Settings } from '../../config/settings.js';
import type { Order } from '../../domain/order.js';
import { classifyPhone } from '../../domain/phone.js';
import type { Clock } from '../../domain/time.js';
import { verifyKuaidi100Sign } from '../../ingest/kuaidi100/index.js';
import { Kuaidi100StandIn, type Kuaidi100Behaviour } from '../../ingest/kuaidi100/kuaidi100-stand-in.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { at, sampleOrder, stageEvent } from '../../store/testing/store-fixtures.js';
import { MAX_SUBSCRIBE_ATTEMPTS, TrackingSubscriptionService } from './tracking-subscription-service.js';

const T0 = at('2026-11-12 12:00:00');
const MIN = 60_000;
const KEY = 'kd100-key-of-the-test';
const SALT = 'the-callback-salt-0123456789abcdef';
const CALLBACK = 'https://ow.example.com/api/v1/ingest-logistics/kuaidi100';

describe('TrackingSubscriptionService against the Kuaidi100 stand-in and a SQLite store', () => {
  let now = T0;
  const clock: Clock = { now: () => now };
  let dir: string;
  let store: Store;
  let standIn: Kuaidi100StandIn;
  const behaviours = new Map<string, Kuaidi100Behaviour>();
  let settings: Settings;
  const env = { KD100_KEY: KEY };

  const settingsWith = (over: { logistics?: boolean; subscribeAll?: boolean; url: string }): Settings =>
    SettingsSchema.parse({
      server: { publicUrl: 'https://ow.example.com/' },
      ingest: { kuaidi100Salt: SALT },
      kuaidi100: { key: 'env:KD100_KEY', baseUrl: over.url, batch: 10, subscribeAll: over.subscribeAll ?? false },
      shops: [
        { name: '旗舰店', platform: 'taobao', appKey: '1', appSecret: 'env:S', accessToken: 'env:T', sync: { logistics: over.logistics ?? true } },
        { name: '别的店', platform: 'taobao', appKey: '2', appSecret: 'env:S', accessToken: 'env:T' },
      ],
    });
  // The default time limit (10 s) everywhere but where Kuaidi100 is made to hang: a slow answer on a busy machine is not a failure here.
  const service = (owner = 'w1', timeoutMs?: number) => new TrackingSubscriptionService({ store, settings: () => settings, clock, owner, env, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  const ship = async (order: Order, when = '2026-11-12 10:00:00'): Promise<void> => {
    await store.ingest({ orders: [order], events: [stageEvent(order.id, 'shipped', when)], attachments: new Map() }, at(when));
  };

  beforeEach(async () => {
    now = T0;
    behaviours.clear();
    dir = mkdtempSync(join(tmpdir(), 'ow-kd100-'));
    store = await openStore(join(dir, 'test.db'));
    standIn = new Kuaidi100StandIn({ key: KEY, callbackUrl: CALLBACK, salt: SALT, behaviour: (w) => behaviours.get(w.number) ?? 'normal' });
    settings = settingsWith({ url: await standIn.listen() });
  });

  afterEach(async () => {
    await standIn.close();
    await store.close();
  });

  it('subscribes each shipped parcel of the shops with sync.logistics once, as documented, and never again', async () => {
    await ship(sampleOrder({ channelOrderId: 'A1', shop: '旗舰店', shipments: [{ carrier: '中通快递', trackingNo: 'zt 7001' }, { carrier: '顺丰速运', trackingNo: 'SF7002' }] }));
    await ship(sampleOrder({ channelOrderId: 'A2', shop: '旗舰店', receiver: { phone: classifyPhone('138****5678') }, shipments: [{ carrier: 'SF', trackingNo: 'SF7003' }] }));
    await ship(sampleOrder({ channelOrderId: 'A3', shop: '旗舰店', shipments: [{ carrier: '某某物流', trackingNo: 'MM7004' }] }));
    await ship(sampleOrder({ channelOrderId: 'B1', shop: '别的店', shipments: [{ carrier: 'YTO', trackingNo: 'YT7005' }] }));
    await store.ingest({ orders: [sampleOrder({ channelOrderId: 'A4', shop: '旗舰店', shipments: [] })], events: [], attachments: new Map() }, T0);

    const pass = await service().pass();
    expect(pass).toEqual({ looked: 3, found: 4, sent: 3, subscribed: 3, refused: 0, retrying: 0, failed: 0 });
    expect(standIn.refused).toEqual([]);
    expect(standIn.subscribed.map((s) => [s.company, s.number, s.parameters['phone']])).toEqual([
      ['shunfeng', 'SF7002', '13812345678'],
      ['shunfeng', 'SF7003', '5678'],
      ['zhongtong', 'ZT7001', '13812345678'],
    ]);
    expect(standIn.subscribed.every((s) => s.key === KEY && s.parameters['callbackurl'] === CALLBACK && s.parameters['salt'] === SALT)).toBe(true);
    expect(await store.tracking.get('MM7004')).toMatchObject({ status: 'refused', attempts: 0, lastError: expect.stringContaining('不认识的快递公司「某某物流」') as string });

    now += 5 * MIN;
    expect(await service().pass()).toEqual({ looked: 0, found: 0, sent: 0, subscribed: 0, refused: 0, retrying: 0, failed: 0 });
    // A restart (new store handle, new service) sends nothing again.
    await store.close();
    store = await openStore(join(dir, 'test.db'));
    expect((await service('w2').pass()).sent).toBe(0);
    expect(standIn.requests).toBe(3);
    expect(await service().summary()).toEqual([
      { shop: '旗舰店', pending: 0, subscribed: 3, refused: 1, failed: 0, lastSubscribedAt: T0, lastError: { at: T0, trackingNo: 'MM7004', message: expect.stringContaining('not subscribed') as string } },
    ]);
  });

  it('signs with one salt: the pushes Kuaidi100 sends with the subscribed salt pass the callback check of ingest.kuaidi100Salt', async () => {
    await ship(sampleOrder({ channelOrderId: 'S1', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT8001' }] }));
    await service().pass();
    const salt = String(standIn.subscribed[0]?.parameters['salt']);
    const param = JSON.stringify({ status: 'polling', lastResult: { nu: 'YT8001', com: 'yuantong', state: '0', data: [] } });
    const sign = createHash('md5').update(param + salt).digest('hex').toUpperCase();
    expect(verifyKuaidi100Sign(param, sign, settings.ingest.kuaidi100Salt!)).toBe(true);
  });

  it('counts a number already tracked (501) as subscribed; takes every shipped order with subscribeAll', async () => {
    settings = settingsWith({ url: settings.kuaidi100!.baseUrl!, logistics: false, subscribeAll: true });
    await ship(sampleOrder({ channelOrderId: 'D1', shop: '别的店', shipments: [{ carrier: 'YTO', trackingNo: 'YT9001' }] }));
    await ship(sampleOrder({ channelOrderId: 'D2', channel: 'jd', shop: undefined, shipments: [{ carrier: '韵达', trackingNo: 'YD9002' }] }));
    behaviours.set('YD9002', { returnCode: '501', message: 'POLL:重复订阅' });
    expect(await service().pass()).toMatchObject({ looked: 2, sent: 2, subscribed: 2 });
    expect(await store.tracking.get('YD9002')).toMatchObject({ status: 'subscribed', lastCode: '501' });
  });

  it('retries a Kuaidi100 that hangs with back-off, ending the pass there, and subscribes once it answers', async () => {
    await ship(sampleOrder({ channelOrderId: 'H1', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT6001' }] }), '2026-11-12 09:00:00');
    await ship(sampleOrder({ channelOrderId: 'H2', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT6002' }] }), '2026-11-12 10:00:00');
    behaviours.set('YT6001', 'hang');
    expect(await service('w1', 300).pass()).toMatchObject({ sent: 1, retrying: 1, subscribed: 0 });
    expect(await store.tracking.get('YT6001')).toMatchObject({ status: 'pending', attempts: 1, lastCode: 'timeout', nextAttemptAt: T0 + MIN });
    expect(await store.tracking.get('YT6002')).toMatchObject({ status: 'pending', attempts: 0 });

    // The next pass takes the one not failing first; the hanging one waits for its time.
    expect(await service().pass()).toMatchObject({ sent: 1, subscribed: 1 });
    now += MIN;
    behaviours.set('YT6001', 'http-500');
    expect(await service().pass()).toMatchObject({ sent: 1, retrying: 1 });
    expect(await store.tracking.get('YT6001')).toMatchObject({ attempts: 2, lastCode: 'HTTP 500', nextAttemptAt: now + 2 * MIN });
    now += 2 * MIN;
    behaviours.delete('YT6001');
    expect(await service().pass()).toMatchObject({ sent: 1, subscribed: 1 });
    expect(standIn.subscribed.map((s) => s.number)).toEqual(['YT6002', 'YT6001']);
  });

  it('stops at a key Kuaidi100 refuses, in words, and tries again half an hour later', async () => {
    await ship(sampleOrder({ channelOrderId: 'K1', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT5001' }] }), '2026-11-12 09:00:00');
    await ship(sampleOrder({ channelOrderId: 'K2', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT5002' }] }), '2026-11-12 10:00:00');
    behaviours.set('YT5001', { returnCode: '601', message: 'POLL:KEY已过期' });
    const pass = await service().pass();
    expect(pass).toMatchObject({ sent: 1, retrying: 1, setupProblem: expect.stringMatching(/^Kuaidi100 refused the account \(601\): 授权key已过期/) as string });
    expect(await store.tracking.get('YT5001')).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 30 * MIN, lastCode: '601' });
    expect(await store.tracking.get('YT5002')).toMatchObject({ attempts: 0 });
  });

  it('says a key not set without sending anything', async () => {
    await ship(sampleOrder({ channelOrderId: 'E1', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT4001' }] }));
    const pass = await new TrackingSubscriptionService({ store, settings: () => settings, clock, owner: 'w1', env: {} }).pass();
    expect(pass).toMatchObject({ found: 1, sent: 0, setupProblem: 'kuaidi100.key: the environment variable KD100_KEY is not set' });
    expect(standIn.requests).toBe(0);
  });

  it('gives a number up after the last attempt and marks a refusal without retrying it', async () => {
    await ship(sampleOrder({ channelOrderId: 'G1', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT3001' }] }));
    await ship(sampleOrder({ channelOrderId: 'G2', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT3002' }] }), '2026-11-12 11:00:00');
    behaviours.set('YT3001', { returnCode: '500' });
    behaviours.set('YT3002', { returnCode: '702' });
    for (let i = 0; i < MAX_SUBSCRIBE_ATTEMPTS; i += 1) {
      await service().pass();
      now += 2 * 3600_000;
    }
    expect(await store.tracking.get('YT3001')).toMatchObject({ status: 'failed', attempts: MAX_SUBSCRIBE_ATTEMPTS, lastError: expect.stringMatching(/^gave up after 48 requests: /) as string });
    expect(await store.tracking.get('YT3002')).toMatchObject({ status: 'refused', attempts: 1, lastCode: '702' });
    expect(standIn.requests).toBe(MAX_SUBSCRIBE_ATTEMPTS + 1);
  });

  it('does nothing without the kuaidi100: section, and lets one instance subscribe at a time', async () => {
    await ship(sampleOrder({ channelOrderId: 'L1', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT2001' }] }));
    const bare = SettingsSchema.parse({});
    expect(await new TrackingSubscriptionService({ store, settings: () => bare, clock, owner: 'w1', env }).pass()).toMatchObject({ sent: 0, skipped: expect.stringMatching(/not set up/) as string });
    await store.response.tryLease('kuaidi100-subscribe', 'w2', now, 60_000);
    expect(await service('w1').pass()).toMatchObject({ sent: 0, skipped: 'another instance is subscribing' });
    expect(standIn.requests).toBe(0);
  });
});
