import { describe, expect, it } from 'vitest';
import { topError } from './taobao-connector.js';
import { signTop, topTimestamp } from './top-sign.js';

// Expected values computed apart from this code (Python hashlib / hmac over the documented string
// "app_key12345678formatjsonmethod…v2.0", secret "helloworld").
const PARAMS = { method: 'taobao.trades.sold.increment.get', app_key: '12345678', session: '6100e23abcd', timestamp: '2026-12-06 10:00:00', format: 'json', v: '2.0' };

describe('signTop (open.taobao.com 签名算法)', () => {
  it.each([
    ['md5', '7C0A5018DF114F4748771D299B3813F2'],
    ['hmac', 'A652FFFFA650A6968B6BC50AFB9CF617'],
    ['hmac-sha256', 'F79E9C37EC2D7271EB33777D023AED1E66B1FB2A337DB8D29B38594FE0C5DE2A'],
  ] as const)('%s', (method, expected) => {
    expect(signTop({ ...PARAMS, sign_method: method }, 'helloworld', method)).toBe(expected);
  });

  it('leaves out sign itself and empty values, whatever the order the parameters come in', () => {
    const reordered = { sign: 'OLD', fields: '', ...PARAMS, sign_method: 'md5' };
    expect(signTop(reordered, 'helloworld', 'md5')).toBe('7C0A5018DF114F4748771D299B3813F2');
  });

  it('writes the timestamp in GMT+8', () => {
    expect(topTimestamp(Date.parse('2026-12-06T02:00:00Z'))).toBe('2026-12-06 10:00:00');
  });
});

describe('topError', () => {
  it.each([
    [{ code: 7, msg: 'App Call Limited', sub_code: 'accesscontrol.limited-by-app-access-count', sub_msg: 'This ban will last for 12 more seconds' }, 'throttled', 12_000],
    [{ code: 27, msg: 'Invalid session', sub_code: 'invalid-sessionkey' }, 'setup', undefined],
    [{ code: 25, msg: 'Invalid signature' }, 'setup', undefined],
    [{ code: 15, msg: 'Remote service error', sub_code: 'isp.top-remote-connection-timeout' }, 'transient', undefined],
    [{ code: 15, msg: 'Remote service error', sub_code: 'isv.invalid-parameter' }, 'answer', undefined],
  ])('%j is %s', (e, kind, wait) => {
    const error = topError(e);
    expect(error.kind).toBe(kind);
    expect(error.retryAfterMs).toBe(wait);
    expect(error.message).toContain(String(e.msg));
  });
});
