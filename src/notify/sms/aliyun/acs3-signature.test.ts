import { describe, expect, it } from 'vitest';
import { acs3Date, acs3PercentEncode, signAcs3 } from './acs3-signature.js';

describe('ACS3-HMAC-SHA256', () => {
  it("reproduces Aliyun's published V3 signature example byte for byte", () => {
    const signed = signAcs3({
      method: 'POST',
      host: 'ecs.cn-shanghai.aliyuncs.com',
      path: '/',
      query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
      action: 'RunInstances',
      version: '2014-05-26',
      date: '2023-10-26T10:22:32Z',
      nonce: '3156853299f313e23d1673dc12e1703d',
      body: '',
      accessKeyId: 'YourAccessKeyId',
      accessKeySecret: 'YourAccessKeySecret',
    });
    expect(signed.headers.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;' +
        'x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
    expect(signed.headers['x-acs-content-sha256']).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(signed.queryString).toBe('ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai');
  });

  it('percent-encodes as RFC 3986 with UTF-8, including the characters encodeURIComponent keeps', () => {
    expect(acs3PercentEncode("订单 a+b*c~d!'()")).toBe('%E8%AE%A2%E5%8D%95%20a%2Bb%2Ac~d%21%27%28%29');
    expect(acs3PercentEncode('{"name":"张三"}')).toBe('%7B%22name%22%3A%22%E5%BC%A0%E4%B8%89%22%7D');
  });

  it('formats x-acs-date in UTC without milliseconds', () => {
    expect(acs3Date(Date.UTC(2026, 10, 11, 2, 3, 4, 567))).toBe('2026-11-11T02:03:04Z');
  });
});
