import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../domain/notification.js';
import type { WebhookReceiver } from '../receiver.js';
import { jsonBody, startLocalServer, type LocalServer, type ReceivedRequest, type Reply } from '../testing/local-http-server.js';
import { verifyWebhookSignature } from './webhook-signature.js';
import { createWebhookSender } from './webhook-sender.js';

const NOW = Date.UTC(2026, 10, 11, 2, 0, 0);
const SECRET = 'whsec-test';
const screenshot = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const message: NotificationMessage = {
  title: '【A级】订单 taobao:123 延迟 5 天',
  body: '**VIP** 张三',
  severity: 'critical',
  link: 'https://console.example/incidents/1',
  mentionMobiles: ['13800000000'],
  sms: { phoneNumbers: ['13800000000'], templateParam: { name: '张三' } },
  attachments: [{ filename: '聊天截图.png', contentType: 'image/png', content: screenshot }],
};

/** A receiving system that checks our signature on the raw bytes before it trusts anything. */
function signedEndpoint(request: ReceivedRequest): Reply {
  const expected = `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`;
  if (request.headers['x-orderwatch-signature'] !== expected) return { status: 401, text: 'bad signature' };
  return { status: 202, headers: { 'x-request-id': 'req-77' }, text: '' };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const receiverAt = (base: string, extra: Partial<WebhookReceiver> = {}): WebhookReceiver => ({
  name: 'ticketing',
  type: 'webhook',
  url: `${base}/hooks/orderwatch`,
  secret: SECRET,
  ...extra,
});

describe('generic webhook', () => {
  it('posts signed JSON with timestamp and idempotency headers, attachments embedded', async () => {
    server = await startLocalServer(signedEndpoint);
    const result = await createWebhookSender(receiverAt(server.url)).send(message, { idempotencyKey: 'out-1', now: NOW });
    expect(result).toEqual({ ok: true, providerMessageId: 'req-77' });
    const request = server.requests[0]!;
    expect(request.headers['x-orderwatch-timestamp']).toBe(String(NOW / 1000));
    expect(request.headers['idempotency-key']).toBe('out-1');
    expect(verifyWebhookSignature(SECRET, request.body, request.headers['x-orderwatch-signature'] as string)).toBe(true);
    expect(verifyWebhookSignature('other', request.body, request.headers['x-orderwatch-signature'] as string)).toBe(false);
    expect(jsonBody(request)).toEqual({
      type: 'orderwatch.notification',
      version: 1,
      idempotencyKey: 'out-1',
      sentAt: '2026-11-11T02:00:00.000Z',
      receiver: 'ticketing',
      title: '【A级】订单 taobao:123 延迟 5 天',
      body: '**VIP** 张三',
      severity: 'critical',
      link: 'https://console.example/incidents/1',
      mentionMobiles: ['13800000000'],
      attachments: [{ filename: '聊天截图.png', contentType: 'image/png', size: screenshot.length, contentBase64: screenshot.toString('base64') }],
    });
  });

  it('sends the same idempotency key on a retry, and no signature without a secret', async () => {
    server = await startLocalServer(() => ({ status: 200 }));
    const sender = createWebhookSender(receiverAt(server.url, { secret: undefined }));
    await sender.send(message, { idempotencyKey: 'out-2', now: NOW });
    await sender.send(message, { idempotencyKey: 'out-2', now: NOW + 60_000 });
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['out-2', 'out-2']);
    expect(server.requests[0]?.headers['x-orderwatch-signature']).toBeUndefined();
  });

  const cases: [string, Reply, object][] = [
    ['429 is a rate limit honouring Retry-After', { status: 429, headers: { 'retry-after': '30' } }, { retryable: true, rateLimited: true, retryAfterMs: 30_000 }],
    ['503 retries', { status: 503, text: 'down' }, { retryable: true, rateLimited: false, error: 'webhook: HTTP 503: down' }],
    ['408 retries', { status: 408 }, { retryable: true, rateLimited: false }],
    ['400 does not retry', { status: 400, text: 'bad field' }, { retryable: false, rateLimited: false, error: 'webhook: HTTP 400: bad field' }],
    ['401 (wrong secret) does not retry', { status: 401, text: 'bad signature' }, { retryable: false, rateLimited: false }],
  ];
  for (const [name, reply, expected] of cases) {
    it(name, async () => {
      server = await startLocalServer(() => reply);
      const result = await createWebhookSender(receiverAt(server.url)).send(message, { idempotencyKey: 'k', now: NOW });
      expect(result).toMatchObject({ ok: false, ...expected });
    });
  }
});
