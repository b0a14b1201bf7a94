import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROFILE_CHANNELS, builtInProfile, loadProfileFile, parseExportProfile } from './index.js';

describe('builtInProfile', () => {
  it.each(BUILT_IN_PROFILE_CHANNELS)('%s is valid and for its channel', (channel) => {
    const profile = builtInProfile(channel);
    expect(profile.channel).toBe(channel);
    expect(Object.keys(profile.statuses).length).toBeGreaterThan(4);
  });
});

describe('parseExportProfile', () => {
  const base = builtInProfile('taobao');
  const { placedAt: _placedAt, ...withoutPlacedAt } = base.columns;
  const cases: { name: string; profile: unknown; errors: { field: string; message: string | RegExp }[] }[] = [
    { name: 'unknown top-level key', profile: { ...base, encoding: 'gbk' }, errors: [{ field: 'encoding', message: 'unknown key' }] },
    {
      name: 'unknown canonical field',
      profile: { ...base, columns: { ...base.columns, orderNumber: { headers: ['订单编号'] } } },
      errors: [{ field: 'columns.orderNumber', message: /^unknown key; known fields: orderNo, lineNo, status, / }],
    },
    {
      name: 'kind that does not fit the field',
      profile: { ...base, columns: { ...base.columns, paidFen: { headers: ['买家实际支付金额'], kind: 'shanghai_time' } } },
      errors: [{ field: 'columns.paidFen.kind', message: 'must be "yuan" or "fen" for paidFen, got "shanghai_time"' }],
    },
    {
      name: 'missing required field and empty alias',
      profile: { ...base, columns: { ...withoutPlacedAt, title: { headers: [' '] } } },
      errors: [
        { field: 'columns.title.headers[0]', message: 'a header alias must not be empty' },
        { field: 'columns.placedAt', message: 'is required: map it to its header(s)' },
      ],
    },
    { name: 'unknown stage', profile: { ...base, statuses: { 交易成功: 'done' } }, errors: [{ field: 'statuses.交易成功', message: /^Invalid option: expected one of "pending_payment"/ }] },
    { name: 'unknown channel', profile: { ...base, channel: 'amazon' }, errors: [{ field: 'channel', message: /^Invalid option/ }] },
    { name: 'not an object', profile: [], errors: [{ field: '(profile)', message: /expected object/ }] },
  ];
  it.each(cases)('rejects $name', ({ profile, errors }) => {
    const parsed = parseExportProfile(profile);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.map((e) => e.field)).toEqual(errors.map((e) => e.field));
      errors.forEach((e, i) => (typeof e.message === 'string' ? expect(parsed.errors[i]!.message).toBe(e.message) : expect(parsed.errors[i]!.message).toMatch(e.message)));
    }
  });

  it('requires the order number, status, times and amount columns', () => {
    const { orderNo: _o, paidFen: _p, ...columns } = base.columns;
    const parsed = parseExportProfile({ ...base, columns });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toEqual([
        { field: 'columns.orderNo', message: 'is required: map it to its header(s)' },
        { field: 'columns.paidFen', message: 'is required: map it to its header(s)' },
      ]);
    }
  });
});

describe('loadProfileFile', () => {
  it('loads an adjusted copy of a built-in profile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orderwatch-profile-'));
    const path = join(dir, 'my-shop.json');
    const profile = builtInProfile('taobao');
    const adjusted = { ...profile, name: 'my-shop', columns: { ...profile.columns, orderNo: { headers: ['订单号码'] } } };
    await writeFile(path, `\ufeff${JSON.stringify(adjusted, null, 2)}`);
    const loaded = await loadProfileFile(path);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.profile.columns.orderNo).toEqual({ headers: ['订单号码'] });
  });

  it('reports bad JSON and a missing file without throwing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orderwatch-profile-'));
    const path = join(dir, 'broken.json');
    await writeFile(path, '{"channel": "taobao",');
    const broken = await loadProfileFile(path);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0]!.message).toMatch(/^profile .*broken\.json is not valid JSON: /);
    const missing = await loadProfileFile(join(dir, 'nope.json'));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors).toEqual([{ field: '(file)', message: `cannot read profile ${join(dir, 'nope.json')}: ENOENT` }]);
  });
});
