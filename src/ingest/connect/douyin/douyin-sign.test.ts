import { describe, expect, it } from 'vitest';
import { signPdd } from '../pdd/pdd-sign.js';
import { douyinError } from './douyin-connector.js';
import { signDouyin, sortedJson } from './douyin-sign.js';

// Expected digests computed apart from this code, with Python's hmac / hashlib over the documented string.
describe('signDouyin (抖店 签名算法)', () => {
  const paramJson = sortedJson({ page: 0, size: 100, update_time_start: 1795060800, update_time_end: 1795147200, order_by: 'update_time', order_asc: true });
  const parts = { appKey: '3409409348479354011', method: 'order.searchList', paramJson, timestamp: '1795147200', v: '2' };

  it('writes param_json with sorted keys and no spaces', () => {
    expect(paramJson).toBe('{"order_asc":true,"order_by":"update_time","page":0,"size":100,"update_time_end":1795147200,"update_time_start":1795060800}');
    expect(sortedJson({ b: [{ d: 1, c: '中' }], a: null })).toBe('{"a":null,"b":[{"c":"中","d":1}]}');
  });
  it.each([
    ['hmac-sha256', '10d12a49cf954b56572d6e6a31ddf1777f80b7f38dbc94fab771ec3c41a59ad8'],
    ['md5', 'ed9161fb6f5fdc9e50efc17472ab465e'],
  ] as const)('%s', (method, expected) => {
    expect(signDouyin(parts, 'douyin-app-secret-0123456789', method)).toBe(expected);
  });
  it('reads throttling, an expired token and platform failures from the answer', () => {
    expect(douyinError({ code: 50008, msg: '调用太频繁，触发限流', sub_code: 'isp.too-many-requests' }).kind).toBe('throttled');
    expect(douyinError({ code: 30004, msg: 'access_token已过期', sub_code: 'isv.access-token-expired' }).kind).toBe('setup');
    expect(douyinError({ code: 50001, msg: '服务异常', sub_code: 'isp.service-error' }).kind).toBe('transient');
  });
});

describe('signPdd (拼多多 签名算法)', () => {
  it('MD5 of the client_secret around the sorted names and values, upper case', () => {
    const params = { type: 'pdd.order.number.list.increment.get', client_id: 'abc', access_token: 'tok', timestamp: '1795147200', data_type: 'JSON' };
    expect(signPdd(params, 'pdd-client-secret')).toBe('DB0D9B1D4747F04AF7C54FA712C0B8F9');
    expect(signPdd({ ...params, sign: 'OLD' }, 'pdd-client-secret')).toBe('DB0D9B1D4747F04AF7C54FA712C0B8F9');
  });
});
