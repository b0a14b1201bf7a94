import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kuaidi100Company } from './kuaidi100-companies.js';
import { Kuaidi100StandIn, type Kuaidi100Behaviour } from './kuaidi100-stand-in.js';
import { subscribeKuaidi100, subscriptionForm, type Kuaidi100Account } from './kuaidi100-subscribe.js';

const ACCOUNT = { key: 'kd100-test-key', callbackUrl: 'https://ow.example.com/api/v1/ingest-logistics/kuaidi100', salt: 'salt-of-the-callback-0123456789ab' };

describe('subscriptionForm', () => {
  it('is schema=json and param: company, number, key and parameters {callbackurl, salt, resultv2, phone}', () => {
    const form = subscriptionForm({ company: 'shunfeng', number: 'SF1234567890', phone: '5678' }, ACCOUNT);
    expect([...form.keys()]).toEqual(['schema', 'param']);
    expect(form.get('schema')).toBe('json');
    expect(JSON.parse(form.get('param')!)).toEqual({
      company: 'shunfeng',
      number: 'SF1234567890',
      key: 'kd100-test-key',
      parameters: { callbackurl: ACCOUNT.callbackUrl, salt: ACCOUNT.salt, resultv2: '4', phone: '5678' },
    });
    expect(JSON.parse(subscriptionForm({ company: 'yuantong', number: 'YT1' }, ACCOUNT).get('param')!).parameters).not.toHaveProperty('phone');
  });
});

describe('kuaidi100Company', () => {
  it.each([
    ['中通快递', 'zhongtong'],
    ['1499', 'zhongtong'],
    ['SF', 'shunfeng'],
    ['顺丰速运', 'shunfeng'],
    ['shunfengkuaiyun', 'shunfengkuaiyun'],
    ['圆通', 'yuantong'],
    ['J&T', 'jtexpress'],
    ['德邦', 'debangkuaidi'],
    ['百世快递', 'huitongkuaidi'],
    ['邮政包裹', 'youzhengguonei'],
  ])('%s → %s', (carrier, code) => {
    expect(kuaidi100Company(carrier)).toBe(code);
  });
  it.each([['某某物流'], [''], [undefined]])('unknown %s → undefined', (carrier) => {
    expect(kuaidi100Company(carrier)).toBeUndefined();
  });
});

describe('subscribeKuaidi100 against the stand-in', () => {
  const behaviours = new Map<string, Kuaidi100Behaviour>();
  const standIn = new Kuaidi100StandIn({ ...ACCOUNT, behaviour: (w) => behaviours.get(w.number) ?? 'normal' });
  let account: Kuaidi100Account;
  beforeAll(async () => {
    account = { ...ACCOUNT, url: await standIn.listen() };
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('subscribes, and a second subscription of the same number is "already": both mean pushes will come', async () => {
    expect(await subscribeKuaidi100({ company: 'zhongtong', number: 'ZT100', phone: '13812345678' }, account)).toEqual({ kind: 'subscribed', code: '200', message: '提交成功 / subscribed (提交成功)' });
    expect(await subscribeKuaidi100({ company: 'zhongtong', number: 'ZT100', phone: '13812345678' }, account)).toMatchObject({ kind: 'already', code: '501' });
    expect(standIn.subscribed).toEqual([{ company: 'zhongtong', number: 'ZT100', key: ACCOUNT.key, parameters: { callbackurl: ACCOUNT.callbackUrl, salt: ACCOUNT.salt, resultv2: '4', phone: '13812345678' } }]);
    expect(standIn.refused).toEqual([]);
  });

  it('hears from the stand-in when a documented rule is broken: the wrong salt, SF without a phone', async () => {
    expect(await subscribeKuaidi100({ company: 'yuantong', number: 'YT1' }, { ...account, salt: 'another-salt' })).toMatchObject({ kind: 'refused', code: '700' });
    expect(await subscribeKuaidi100({ company: 'shunfeng', number: 'SF1' }, account)).toMatchObject({ kind: 'refused', code: '700' });
    expect(standIn.refused).toEqual(['parameters.salt: not the salt the callback verifies', 'parameters.phone: shunfeng needs the phone (or its last four digits)']);
    standIn.refused.length = 0;
  });

  it.each<{ name: string; behaviour: Kuaidi100Behaviour; kind: string; code: string; words: RegExp }>([
    { name: 'key not valid (600)', behaviour: { returnCode: '600', message: '您不是合法的订阅者' }, kind: 'setup', code: '600', words: /授权key无效.*check kuaidi100\.key \(您不是合法的订阅者\)$/ },
    { name: 'key expired (601)', behaviour: { returnCode: '601', message: 'POLL:KEY已过期' }, kind: 'setup', code: '601', words: /^授权key已过期/ },
    { name: 'carrier refused (701)', behaviour: { returnCode: '701' }, kind: 'refused', code: '701', words: /refuses subscriptions for this carrier/ },
    { name: 'carrier unknown (702)', behaviour: { returnCode: '702' }, kind: 'refused', code: '702', words: /cannot tell which carrier/ },
    { name: 'server error (500)', behaviour: { returnCode: '500' }, kind: 'transient', code: '500', words: /failed on its side/ },
    { name: 'undocumented code', behaviour: { returnCode: '999', message: '奇怪' }, kind: 'transient', code: '999', words: /returnCode "999" \(奇怪\)/ },
    { name: 'HTTP 500 with an HTML page', behaviour: 'http-500', kind: 'transient', code: 'HTTP 500', words: /answered HTTP 500/ },
  ])('$name → $kind', async ({ name, behaviour, kind, code, words }) => {
    const number = `YT-${code}-${name.length}`;
    behaviours.set(number, behaviour);
    const outcome = await subscribeKuaidi100({ company: 'yuantong', number }, account);
    expect(outcome).toMatchObject({ kind, code });
    expect(outcome.message).toMatch(words);
  });

  it('gives up on a Kuaidi100 that never answers: a transient timeout, not a stuck caller', async () => {
    behaviours.set('YT-HANG', 'hang');
    expect(await subscribeKuaidi100({ company: 'yuantong', number: 'YT-HANG' }, account, { timeoutMs: 200 })).toEqual({ kind: 'transient', code: 'timeout', message: 'Kuaidi100 did not answer within 0.2 s' });
  });

  it('reports a Kuaidi100 that cannot be reached', async () => {
    expect(await subscribeKuaidi100({ company: 'yuantong', number: 'YT9' }, { ...account, url: 'http://127.0.0.1:1/poll' })).toMatchObject({ kind: 'transient', code: 'network' });
  });
});
