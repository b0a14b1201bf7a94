import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrackingSubscriptionService } from '../app/shops/tracking-subscription-service.js';
import { SettingsSchema } from '../config/settings.js';
import type { Order } from '../domain/order.js';
import { Kuaidi100StandIn, type Kuaidi100Behaviour } from '../ingest/kuaidi100/kuaidi100-stand-in.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { at, sampleOrder, stageEvent } from '../store/testing/store-fixtures.js';
import { TrackingSubscriptionJob } from './tracking-subscription-job.js';

const T0 = at('2026-11-12 12:00:00');

describe('TrackingSubscriptionJob', () => {
  let store: Store;
  let standIn: Kuaidi100StandIn;
  const behaviours = new Map<string, Kuaidi100Behaviour>();
  let service: TrackingSubscriptionService;
  const ship = async (order: Order): Promise<void> => {
    await store.ingest({ orders: [order], events: [stageEvent(order.id, 'shipped', '2026-11-12 10:00:00')], attachments: new Map() }, T0);
  };

  beforeEach(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-kd100-job-')), 'test.db'));
    standIn = new Kuaidi100StandIn({ key: 'k', callbackUrl: 'https://ow.example.com/api/v1/ingest-logistics/kuaidi100', salt: 'salt', behaviour: (w) => behaviours.get(w.number) ?? 'normal' });
    const settings = SettingsSchema.parse({
      server: { publicUrl: 'https://ow.example.com' },
      ingest: { kuaidi100Salt: 'salt' },
      kuaidi100: { key: 'env:KD100_KEY', baseUrl: await standIn.listen() },
      shops: [{ name: '旗舰店', platform: 'taobao', appKey: '1', appSecret: 'env:S', accessToken: 'env:T', sync: { logistics: true } }],
    });
    service = new TrackingSubscriptionService({ store, settings: () => settings, clock: { now: () => T0 }, owner: 'w1', env: { KD100_KEY: 'k' } });
  });

  afterEach(async () => {
    await standIn.close();
    await store.close();
  });

  it('says what each pass did, and a set-up problem once while it lasts', async () => {
    const lines: string[] = [];
    const job = new TrackingSubscriptionJob({ service, say: (l) => lines.push(l) });
    await ship(sampleOrder({ channelOrderId: 'J1', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT1001' }] }));
    await job.tick();
    behaviours.set('YT1002', { returnCode: '600', message: '您不是合法的订阅者' });
    behaviours.set('YT1003', { returnCode: '600', message: '您不是合法的订阅者' });
    await ship(sampleOrder({ channelOrderId: 'J2', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT1002' }, { carrier: 'YTO', trackingNo: 'YT1003' }] }));
    await job.tick();
    await job.tick();
    await job.tick();
    expect(lines).toEqual([
      'kuaidi100: 1 sent: 1 subscribed, 0 refused, 0 to retry, 0 given up',
      'kuaidi100: 订阅暂停 / subscriptions paused: Kuaidi100 refused the account (600): 授权key无效：不是合法的订阅者，请检查 kuaidi100.key / the key is not valid (not a subscriber): check kuaidi100.key (您不是合法的订阅者)',
      'kuaidi100: 1 sent: 0 subscribed, 0 refused, 1 to retry, 0 given up',
      'kuaidi100: 1 sent: 0 subscribed, 0 refused, 1 to retry, 0 given up',
    ]);
    await job.stop();
  });

  it('lets a tick asked for while one runs join it rather than start a second', async () => {
    await ship(sampleOrder({ channelOrderId: 'J3', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT1004' }] }));
    const job = new TrackingSubscriptionJob({ service, say: () => undefined });
    const first = job.tick();
    expect(job.tick()).toBe(first);
    await first;
    expect(standIn.requests).toBe(1);
  });
});
