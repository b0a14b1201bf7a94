import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../config/settings.js';
import type { Clock } from '../domain/time.js';
import { OrderBook } from '../ingest/connect/stand-in/order-book.js';
import { StandIn } from '../ingest/connect/stand-in/stand-in-server.js';
import { taobaoStandIn } from '../ingest/connect/stand-in/taobao-stand-in.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { ShopSyncJob } from './shop-sync-job.js';
import { ShopSyncService } from '../app/shops/shop-sync-service.js';

const T0 = Date.parse('2026-11-20T04:00:00Z');
const SECRET = 'stand-in-secret-0123456789';

describe('ShopSyncService on a stand-in Taobao shop and a SQLite store', () => {
  let now = T0;
  const clock: Clock = { now: () => now };
  let standIn: StandIn;
  let store: Store;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let settings: ReturnType<typeof SettingsSchema.parse>;

  const service = (owner = 'w1') => new ShopSyncService({ store, settings: () => settings, clock, owner, env, sleep: async () => undefined });

  beforeEach(async () => {
    now = T0;
    dir = mkdtempSync(join(tmpdir(), 'ow-shops-'));
    writeFileSync(join(dir, 'session.txt'), '6100e23abcd\n');
    env = { TB_SECRET: SECRET };
    standIn = new StandIn(taobaoStandIn({ appKey: '12345678', appSecret: SECRET, session: '6100e23abcd' }), OrderBook.filled(250, T0 - 2 * 86_400_000, T0 - 60_000), clock);
    const baseUrl = await standIn.listen();
    settings = SettingsSchema.parse({
      shops: [{ name: '山野果园', platform: 'taobao', appKey: '12345678', appSecret: 'env:TB_SECRET', accessToken: `file:${join(dir, 'session.txt')}`, baseUrl, backfill: '3d' }],
    });
    store = await openStore(join(dir, 'test.db'));
  });

  afterEach(async () => {
    await standIn.close();
    await store.close();
  });

  it('stores every order through the import pipeline, under the shop name, and sums the shop up for the status page', async () => {
    const attempt = await service().sync('山野果园');
    expect(attempt).toMatchObject({ run: { outcome: 'ok', accepted: 250 } });
    expect(await store.countOrders()).toBe(250);
    expect((await store.getOrder('taobao:1000000'))?.shop).toBe('山野果园');
    const [status] = await service().status();
    expect(status).toMatchObject({ shop: '山野果园', platform: 'taobao', lastSuccessAt: T0, ordersLastHour: 250, cursor: { platform: 'taobao' } });
    expect(status?.lastError).toBeUndefined();
  });

  it('lets one instance pull a shop: another is skipped while it pulls, takes over a dead one, and may go once it is done', async () => {
    const other = service('w2');
    const during: unknown[] = [];
    const first = await service('w1').sync('山野果园', { onPage: () => void during.push(other.sync('山野果园')) });
    expect(first).toMatchObject({ run: { outcome: 'ok' } });
    expect(await Promise.all(during)).toContainEqual({ skipped: 'another instance is syncing 山野果园' });
    expect(await other.sync('山野果园')).toMatchObject({ run: { outcome: 'ok' } });
    // A holder that died keeps its lease a minute, unless a person takes the shop over.
    await store.response.tryLease('shop-sync:山野果园', 'dead', now, 60_000);
    expect(await other.sync('山野果园')).toEqual({ skipped: 'another instance is syncing 山野果园' });
    expect(await other.sync('山野果园', { takeOver: true })).toMatchObject({ run: { outcome: 'ok' } });
  });

  it('records a secret that is not set as a set-up problem in words, without the secret', async () => {
    env = {};
    const attempt = await service().sync('山野果园');
    expect(attempt).toMatchObject({ run: { outcome: 'setup', error: 'shops.山野果园.appSecret: the environment variable TB_SECRET is not set' } });
    const [status] = await service().status();
    expect(status?.lastError).toEqual({ at: T0, outcome: 'setup', message: 'shops.山野果园.appSecret: the environment variable TB_SECRET is not set' });
  });

  it('tests a shop with one page of the last hour and stores nothing', async () => {
    standIn.book.change('1000003', T0 - 1000);
    const inLastHour = standIn.book.between(T0 - 3600_000, T0).length;
    expect(inLastHour).toBeGreaterThan(1);
    const test = await service().test('山野果园');
    expect(test).toMatchObject({ shop: '山野果园', platform: 'taobao', from: T0 - 3600_000, to: T0, orders: inLastHour, morePages: false });
    expect(await store.countOrders()).toBe(0);
  });

  it('names the shops there are when asked for one that is not', async () => {
    await expect(service().sync('nope')).rejects.toThrow('no shop "nope" in the settings file (shops: 山野果园)');
  });

  it('runs each shop once per interval on the worker, waking the pipeline when orders were stored', async () => {
    let kicks = 0;
    const job = new ShopSyncJob({ service: service(), clock, say: () => undefined, stored: () => kicks++ });
    await job.tick();
    expect(await store.countOrders()).toBe(250);
    expect(kicks).toBeGreaterThan(0);
    const runs = async () => (await store.shops.recentRuns('山野果园', 10)).length;
    now += 30_000;
    await job.tick();
    expect(await runs()).toBe(1);
    now += 30_000;
    standIn.book.change('1000100', now - 2000);
    kicks = 0;
    await job.tick();
    expect(await runs()).toBe(2);
    expect(kicks).toBeGreaterThan(0);
    expect((await store.getOrder('taobao:1000100'))?.channelStatus).toBe('WAIT_BUYER_CONFIRM_GOODS');
  });
});
