import { describe, expect, it } from 'vitest';
import { SettingsSchema } from './settings.js';

const issues = (shops: unknown): string[] => {
  const r = SettingsSchema.safeParse({ shops });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('shops: section', () => {
  it('fills the defaults: every minute, three days back, orders synced', () => {
    const s = SettingsSchema.parse({ shops: [{ name: 'tb', platform: 'taobao', appKey: '1', appSecret: 'env:S', accessToken: 'file:/run/secrets/tb' }] });
    expect(s.shops[0]).toMatchObject({ interval: 60_000, backfill: 3 * 86_400_000, enabled: true, sync: { orders: true, logistics: false } });
    expect(SettingsSchema.parse({}).shops).toEqual([]);
  });

  it('refuses a secret written in the file, naming where it should come from', () => {
    expect(issues([{ name: 'tb', platform: 'taobao', appKey: '1', appSecret: 'abcdef0123456789', accessToken: 'env:T' }])).toEqual([
      'shops.0.appSecret: expected "env:VARIABLE" or "file:/path/to/secret" (secrets are never written in the settings file)',
    ]);
  });

  it("says which credentials a platform needs, unknown keys and a name used twice", () => {
    expect(issues([{ name: 'sh', platform: 'shopify' }])).toEqual(['shops.0.accessToken: is required for a shopify shop', 'shops.0.shopDomain: is required for a shopify shop']);
    expect(issues([{ name: 'sh', platform: 'shopify', accessToken: 'env:T', shopDomain: 'a.myshopify.com', password: 'x' }])[0]).toMatch(/^shops\.0: Unrecognized key/);
    const two = { name: 'p', platform: 'pdd', appKey: 'c', appSecret: 'env:S', accessToken: 'env:T' };
    expect(issues([two, two])).toEqual(['shops.1.name: "p" is already the name of another shop']);
    expect(issues([{ ...two, platform: 'ebay' }])[0]).toMatch(/^shops\.0\.platform: /);
  });
});
