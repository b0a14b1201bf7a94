import { describe, expect, it } from 'vitest';
import { kuaidi100CallbackUrl } from './kuaidi100-schema.js';
import { SettingsSchema } from './settings.js';

const issues = (file: unknown): string[] => {
  const r = SettingsSchema.safeParse(file);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const shop = { name: 'tb', platform: 'taobao', appKey: '1', appSecret: 'env:S', accessToken: 'env:T' };

describe('kuaidi100: section', () => {
  it('fills the defaults and builds the callback address from server.publicUrl', () => {
    const s = SettingsSchema.parse({ server: { publicUrl: 'https://ow.example.com/' }, ingest: { kuaidi100Salt: 'salt' }, kuaidi100: { key: 'env:KD100_KEY' } });
    expect(s.kuaidi100).toEqual({ key: 'env:KD100_KEY', subscribeAll: false, batch: 50 });
    expect(kuaidi100CallbackUrl(s.kuaidi100!, s.server.publicUrl)).toBe('https://ow.example.com/api/v1/ingest-logistics/kuaidi100');
    expect(kuaidi100CallbackUrl({ ...s.kuaidi100!, callbackUrl: 'https://push.example.com/kd' }, s.server.publicUrl)).toBe('https://push.example.com/kd');
    expect(SettingsSchema.parse({}).kuaidi100).toBeUndefined();
  });

  it.each([
    { name: 'a key written in the file', file: { ingest: { kuaidi100Salt: 's' }, kuaidi100: { key: 'abc', callbackUrl: 'https://x.example/kd' } }, expected: ['kuaidi100.key: expected "env:VARIABLE" or "file:/path/to/secret" (secrets are never written in the settings file)'] },
    { name: 'no salt for the callback', file: { kuaidi100: { key: 'env:K', callbackUrl: 'https://x.example/kd' } }, expected: ['ingest.kuaidi100Salt: is required with the kuaidi100: section: subscriptions send it as their salt and the callback verifies pushes with it'] },
    { name: 'nowhere to push', file: { ingest: { kuaidi100Salt: 's' }, kuaidi100: { key: 'env:K' } }, expected: ['kuaidi100.callbackUrl: is required without server.publicUrl: Kuaidi100 must know where to push (…/api/v1/ingest-logistics/kuaidi100)'] },
    { name: 'a shop asking for logistics without the section', file: { shops: [{ ...shop, sync: { logistics: true } }] }, expected: ['shops.0.sync.logistics: needs the kuaidi100: section (its key and callback address) to subscribe shipped orders'] },
  ])('refuses $name', ({ file, expected }) => {
    expect(issues(file)).toEqual(expected);
  });
});
