import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../domain/notification.js';
import type { SmsReceiver } from '../receiver.js';
import { startLocalServer, unusedLocalUrl, type LocalServer, type ReceivedRequest, type Reply } from '../testing/local-http-server.js';
import { createSmsSender, smsOutId } from './sms-sender.js';

const NOW = Date.UTC(2026, 10, 11, 2, 0, 0);
const AK = 'LTAI5tTestKey';
const SECRET = 'aliyun-secret-for-tests';

const message: NotificationMessage = {
  title: '【A级】订单 taobao:123 延迟 5 天，VIP 客户张三已第三次来电，请主管立即介入处理',
  body: '不会出现在短信里',
  severity: 'critical',
  link: 'https://console.example/incidents/1',
};

/** RFC 3986 encoding written out here, independently of the code under test. */
function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/**
 * Plays Aliyun's SendSms endpoint: rebuilds the canonical request from what
 * arrived (decoded query re-encoded and sorted, the signed headers, the body
 * hash), recomputes the signature with the secret, and checks the RPC
 * parameters, answering with Aliyun's error codes when something is off.
 */
function aliyunSms(received: { params?: URLSearchParams }) {
  return (request: ReceivedRequest): Reply => {
    const url = new URL(request.url, 'http://sms');
    const auth = String(request.headers.authorization ?? '');
    const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(auth);
    if (match === null) return { status: 400, json: { Code: 'MissingAuthorization', Message: 'no ACS3 authorization' } };
    const [, credential, signedHeaderNames, signature] = match;
    if (credential !== AK) return { status: 404, json: { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' } };
    const names = (signedHeaderNames ?? '').split(';');
    for (const required of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']) {
      if (!names.includes(required)) return { status: 400, json: { Code: 'SignatureDoesNotMatch', Message: `unsigned ${required}` } };
    }
    const bodyHash = createHash('sha256').update(request.body).digest('hex');
    if (request.headers['x-acs-content-sha256'] !== bodyHash) return { status: 400, json: { Code: 'ContentSha256NotMatch', Message: 'body hash' } };
    const query = [...url.searchParams.entries()]
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .sort()
      .join('&');
    const headers = names.map((n) => `${n}:${String(request.headers[n] ?? '').trim()}\n`).join('');
    const canonical = [request.method, url.pathname, query, headers, signedHeaderNames, bodyHash].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
    const expected = createHmac('sha256', SECRET).update(stringToSign).digest('hex');
    if (signature !== expected) {
      return { status: 400, json: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: 'R-1' } };
    }
    const date = String(request.headers['x-acs-date']);
    if (Math.abs(Date.parse(date) - NOW) > 15 * 60_000) return { status: 400, json: { Code: 'InvalidTimeStamp.Expired', Message: 'expired' } };
    if (request.headers['x-acs-action'] !== 'SendSms' || request.headers['x-acs-version'] !== '2017-05-25') {
      return { status: 400, json: { Code: 'InvalidAction.NotFound', Message: 'action' } };
    }
    received.params = url.searchParams;
    let param: unknown;
    try {
      param = JSON.parse(url.searchParams.get('TemplateParam') ?? '');
    } catch {
      return { json: { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值', RequestId: 'R-2' } };
    }
    if (typeof param !== 'object' || param === null || Object.values(param).some((v) => typeof v !== 'string')) {
      return { json: { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值', RequestId: 'R-2' } };
    }
    return { json: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' } };
  };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const receiverAt = (url: string, extra: Partial<SmsReceiver> = {}): SmsReceiver => ({
  name: 'oncall-sms',
  type: 'sms',
  provider: 'aliyun',
  url,
  accessKeyId: AK,
  accessKeySecret: SECRET,
  signName: '订单卫士',
  templateCode: 'SMS_123456789',
  phoneNumbers: ['13800000000', '13900000000'],
  ...extra,
});

describe('SMS through Aliyun SendSms', () => {
  it('signs with ACS3, sends the RPC parameters in the query and TemplateParam as a JSON string', async () => {
    const received: { params?: URLSearchParams } = {};
    server = await startLocalServer(aliyunSms(received));
    const result = await createSmsSender(receiverAt(`${server.url}/`)).send(message, { idempotencyKey: 'incident-1:oncall:0', now: NOW });
    expect(result).toEqual({ ok: true, providerMessageId: '900619746936498440^0' });
    expect(server.requests[0]?.method).toBe('POST');
    expect(Object.fromEntries(received.params ?? [])).toEqual({
      PhoneNumbers: '13800000000,13900000000',
      SignName: '订单卫士',
      TemplateCode: 'SMS_123456789',
      TemplateParam: JSON.stringify({ title: '【A级】订单 taobao:123 延迟 5 天，VIP 客户张三已…' }),
      OutId: 'incident-1:oncall:0',
    });
    expect([...JSON.parse(received.params?.get('TemplateParam') ?? '{}').title]).toHaveLength(35);
  });

  it("a message's own phones and template variables win (a customer's comfort SMS)", async () => {
    const received: { params?: URLSearchParams } = {};
    server = await startLocalServer(aliyunSms(received));
    const comfort = { ...message, sms: { phoneNumbers: ['13700000000'], templateParam: { name: '张三', date: '11月15日' } } };
    expect(await createSmsSender(receiverAt(server.url)).send(comfort, { idempotencyKey: 'k/with spaces', now: NOW })).toMatchObject({ ok: true });
    expect(received.params?.get('PhoneNumbers')).toBe('13700000000');
    expect(JSON.parse(received.params?.get('TemplateParam') ?? '')).toEqual({ name: '张三', date: '11月15日' });
    expect(received.params?.get('OutId')).toBe(smsOutId('k/with spaces'));
    expect(received.params?.get('OutId')).toMatch(/^ow-[0-9a-f]{40}$/);
  });

  it('a wrong secret is SignatureDoesNotMatch: not retryable, Aliyun message kept', async () => {
    server = await startLocalServer(aliyunSms({}));
    const result = await createSmsSender(receiverAt(server.url, { accessKeySecret: 'wrong' })).send(message, { idempotencyKey: 'k', now: NOW });
    expect(result).toEqual({
      ok: false,
      retryable: false,
      rateLimited: false,
      error: 'sms aliyun SignatureDoesNotMatch: Specified signature is not matched with our calculation. (RequestId R-1)',
    });
  });

  const codes: [string, Reply, object][] = [
    ['flow control is a rate limit', { json: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' } }, { retryable: true, rateLimited: true }],
    ['a system error retries', { json: { Code: 'isp.SYSTEM_ERROR', Message: 'isp.SYSTEM_ERROR' } }, { retryable: true, rateLimited: false }],
    ['a bad number does not retry', { json: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' } }, { retryable: false, error: 'sms aliyun isv.MOBILE_NUMBER_ILLEGAL: 非法手机号' }],
    ['an HTML 502 retries', { status: 502, text: '<html>' }, { retryable: true }],
  ];
  for (const [name, reply, expected] of codes) {
    it(name, async () => {
      server = await startLocalServer(() => reply);
      expect(await createSmsSender(receiverAt(server.url)).send(message, { idempotencyKey: 'k', now: NOW })).toMatchObject({ ok: false, ...expected });
    });
  }

  it('does not retry a timeout: the SMS may have gone out and SMS is not idempotent', async () => {
    server = await startLocalServer(() => 'hang');
    const result = await createSmsSender(receiverAt(server.url), { timeoutMs: 300 }).send(message, { idempotencyKey: 'k-1', now: NOW });
    expect(result).toMatchObject({ ok: false, retryable: false, rateLimited: false });
    expect(!result.ok && result.error).toMatch(/not retried \(SMS is not idempotent\).*OutId k-1/);
  });

  it('retries when the connection was refused: nothing was sent', async () => {
    const result = await createSmsSender(receiverAt(await unusedLocalUrl())).send(message, { idempotencyKey: 'k', now: NOW });
    expect(result).toMatchObject({ ok: false, retryable: true, rateLimited: false });
  });

  it('refuses to send without any phone number, without calling the provider', async () => {
    server = await startLocalServer(aliyunSms({}));
    const result = await createSmsSender(receiverAt(server.url, { phoneNumbers: undefined })).send(message, { idempotencyKey: 'k', now: NOW });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(server.requests).toHaveLength(0);
  });
});
