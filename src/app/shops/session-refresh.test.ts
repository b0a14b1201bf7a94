import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema, type Settings } from '../../config/settings.js';
import type { Clock } from '../../domain/time.js';
import { youzanStandIn } from '../../ingest/connect/stand-in/youzan-stand-in.js';
import { jdStandIn } from '../../ingest/connect/stand-in/jd-stand-in.js';
import { douyinStandIn } from '../../ingest/connect/stand-in/douyin-stand-in.js';
import { pddStandIn } from '../../ingest/connect/stand-in/pdd-stand-in.js';
import { OrderBook } from '../../ingest/connect/stand-in/order-book.js';
import { StandIn } from '../../ingest/connect/stand-in/stand-in-server.js';
import { taobaoStandIn } from '../../ingest/connect/stand-in/taobao-stand-in.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { ShopSyncService } from './shop-sync-service.js';

const T0 = Date.parse('2026-11-20T04:00:00Z');
const SECRET = 'stand-in-secret-0123456789';

/**
 * One run per platform: the stand-in expires the seller's first session
 * from the first request; with a refresh token the run refreshes once (as
 * the platform documents it, checked by the stand-in), keeps the new
 * session in the store and pulls the page again.
 */
describe.each([
  {
    platform: 'taobao' as const,
    standIn: (refreshToken: string) => taobaoStandIn({ appKey: '12345678', appSecret: SECRET, session: 'tb-session-1', refreshToken }),
    shop: (baseUrl: string) => ({ platform: 'taobao', appKey: '12345678', baseUrl, tokenUrl: `${new URL(baseUrl).origin}/token` }),
    session: 'tb-session-1',
  },
  {
    platform: 'douyin' as const,
    standIn: (refreshToken: string) => douyinStandIn({ appKey: '7012345678901234567', appSecret: SECRET, accessToken: 'dy-token-1', refreshToken }),
    shop: (baseUrl: string) => ({ platform: 'douyin', appKey: '7012345678901234567', baseUrl }),
    session: 'dy-token-1',
  },
  {
    platform: 'pdd' as const,
    standIn: (refreshToken: string) => pddStandIn({ clientId: 'pdd-client-1', clientSecret: SECRET, accessToken: 'pdd-token-1', refreshToken }),
    shop: (baseUrl: string) => ({ platform: 'pdd', appKey: 'pdd-client-1', baseUrl }),
    session: 'pdd-token-1',
  },
  {
    platform: 'jd' as const,
    standIn: (refreshToken: string) => jdStandIn({ appKey: 'jd-app-key', appSecret: SECRET, accessToken: 'jd-token-1', refreshToken }),
    shop: (baseUrl: string) => ({ platform: 'jd', appKey: 'jd-app-key', baseUrl, tokenUrl: `${new URL(baseUrl).origin}/oauth2/refresh_token` }),
    session: 'jd-token-1',
  },
  {
    platform: 'youzan' as const,
    standIn: (refreshToken: string) => youzanStandIn('yz-token-1', { clientId: 'yz-client-1', clientSecret: SECRET, refreshToken }),
    shop: (baseUrl: string) => ({ platform: 'youzan', appKey: 'yz-client-1', baseUrl }),
    session: 'yz-token-1',
  },
])('session refresh: $platform', ({ standIn: handler, shop, session }) => {
  const now = T0;
  const clock: Clock = { now: () => now };
  let standIn: StandIn;
  let store: Store;
  let dir: string;
  let settings: Settings;
  const env = { OW_SECRET: SECRET };
  const service = () => new ShopSyncService({ store, settings: () => settings, clock, owner: 'w1', env, sleep: async () => undefined });
  const settingsFor = (baseUrl: string, refresh: boolean): Settings =>
    SettingsSchema.parse({ shops: [{ name: '店', ...shop(baseUrl), appSecret: 'env:OW_SECRET', accessToken: `file:${join(dir, 'access')}`, ...(refresh ? { refreshToken: `file:${join(dir, 'refresh')}` } : {}) }] });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-refresh-'));
    writeFileSync(join(dir, 'access'), `${session}\n`);
    writeFileSync(join(dir, 'refresh'), 'refresh-1\n');
    standIn = new StandIn(handler('refresh-1'), OrderBook.filled(150, T0 - 86_400_000, T0 - 60_000), clock);
    standIn.faults = { expireSessionFrom: 1 };
    settings = settingsFor(await standIn.listen(), true);
    store = await openStore(join(dir, 'test.db'));
  });

  afterEach(async () => {
    await standIn.close();
    await store.close();
  });

  it('refreshes an expired session once, keeps the new one in the store, and pulls the page again', async () => {
    const attempt = await service().sync('店');
    expect(attempt).toMatchObject({ run: { outcome: 'ok', accepted: 150 } });
    expect(await store.countOrders()).toBe(150);
    expect(standIn.stats.badSignatures).toBe(0);
    const stored = await store.shopTokens.token('店');
    expect(stored).toMatchObject({ shop: '店', accessToken: `${session}.r1`, refreshToken: 'refresh-1.r1', refreshedAt: T0 });
    expect(stored?.expiresAt).toBeGreaterThan(T0);
    expect(JSON.stringify(await store.shops.recentRuns('店', 5))).not.toContain(session);

    // The next run goes on with the stored session: no second refresh.
    const before = standIn.stats.requests;
    expect(await service().sync('店')).toMatchObject({ run: { outcome: 'ok' } });
    expect((await store.shopTokens.token('店'))?.accessToken).toBe(`${session}.r1`);
    expect(standIn.stats.requests - before).toBe(1);
  });

  it('lets the settings win once a person changed the tokens there (authorised again)', async () => {
    await service().sync('店');
    expect((await service().connection(settings.shops[0]!)).connection.accessToken).toBe(`${session}.r1`);
    writeFileSync(join(dir, 'access'), 'authorised-again\n');
    expect((await service().connection(settings.shops[0]!)).connection).toMatchObject({ accessToken: 'authorised-again', refreshToken: 'refresh-1' });
  });

  it('stays the set-up problem it is when the refresh is refused, in words, storing nothing', async () => {
    writeFileSync(join(dir, 'refresh'), 'not-the-refresh-token\n');
    const attempt = await service().sync('店');
    expect(attempt).toMatchObject({ run: { outcome: 'setup', accepted: 0 } });
    const error = 'run' in attempt ? (attempt.run.error ?? '') : '';
    expect(error).toMatch(/expired.*; refreshing the session failed: .*refused to refresh the session/);
    expect(error).not.toContain('not-the-refresh-token');
    expect(await store.shopTokens.token('店')).toBeUndefined();
    expect((await store.shops.cursor('店'))).toBeUndefined();
  });

  it('without a refresh token, an expired session is a set-up problem as before and nothing is refreshed', async () => {
    settings = settingsFor(settings.shops[0]!.baseUrl!, false);
    expect(await service().sync('店')).toMatchObject({ run: { outcome: 'setup' } });
    expect(standIn.stats.requests).toBe(1);
  });
});

describe('refreshToken in the settings', () => {
  it('is refused for a platform whose refresh is not built', () => {
    const r = SettingsSchema.safeParse({ shops: [{ name: 's', platform: 'shopify', shopDomain: 's.myshopify.com', accessToken: 'env:T', refreshToken: 'env:R' }] });
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'shops.0.refreshToken: refreshing a shopify session is not built (only taobao, douyin, pdd, jd, youzan): leave it out and renew accessToken by hand',
    ]);
  });

  it('needs the app’s client_id and client_secret to refresh a Youzan session (a pull needs only the access_token)', () => {
    const r = SettingsSchema.safeParse({ shops: [{ name: 'y', platform: 'youzan', accessToken: 'env:T', refreshToken: 'env:R' }] });
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'shops.0.appKey: is required to refresh a youzan session (the app’s client_id and client_secret)',
      'shops.0.appSecret: is required to refresh a youzan session (the app’s client_id and client_secret)',
    ]);
    expect(SettingsSchema.safeParse({ shops: [{ name: 'y', platform: 'youzan', accessToken: 'env:T' }] }).success).toBe(true);
  });
});
