import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../domain/notification.js';
import type { FeishuReceiver } from '../receiver.js';
import { jsonBody, startLocalServer, type LocalServer, type ReceivedRequest, type Reply } from '../testing/local-http-server.js';
import { createFeishuSender } from './feishu-sender.js';

const NOW = Date.UTC(2026, 10, 11, 2, 0, 0) + 789; // a fraction of a second, to see it floored
const SECRET = 'feishu-secret-xyz';
const options = { idempotencyKey: 'incident-9:fs:0', now: NOW };

const message: NotificationMessage = {
  title: '【二级】批次 B-1107 有 12 单超时未出库',
  body: '**仓库**: 杭州一仓\n- 订单 taobao:1\n- 订单 jd:2',
  severity: 'warning',
  link: 'https://console.example/incidents/9',
};

/**
 * Plays a Feishu custom bot: recomputes the signature from the secret and the
 * body's timestamp (seconds; HMAC keyed by "timestamp\nsecret" over nothing),
 * checks the keyword and the 20 KB body limit, answers like Feishu.
 */
function feishuBot(security: { secret?: string; keyword?: string }) {
  return (request: ReceivedRequest): Reply => {
    if (request.body.length > 20_000) return { json: { code: 9499, msg: 'Bad Request', data: {} } };
    const body = jsonBody(request);
    if (security.secret !== undefined) {
      const { timestamp, sign } = body;
      if (typeof timestamp !== 'string' || Math.abs(Number(timestamp) - NOW / 1000) > 3600) {
        return { json: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } };
      }
      const expected = createHmac('sha256', `${timestamp}\n${security.secret}`).update('').digest('base64');
      if (sign !== expected) return { json: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } };
    }
    if (security.keyword !== undefined && !JSON.stringify(body).includes(security.keyword)) {
      return { json: { code: 19024, msg: 'Key Words Not Found' } };
    }
    if (body.msg_type !== 'interactive' || typeof body.card !== 'object') return { json: { code: 9499, msg: 'Bad Request' } };
    return { json: { code: 0, msg: 'success', data: {} } };
  };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const receiverAt = (base: string, extra: Partial<FeishuReceiver> = {}): FeishuReceiver => ({
  name: 'ops-feishu',
  type: 'feishu',
  url: `${base}/open-apis/bot/v2/hook/tok-1`,
  secret: SECRET,
  ...extra,
});

describe('Feishu custom bot', () => {
  it('signs in the body (seconds) and sends a coloured card with a console button', async () => {
    server = await startLocalServer(feishuBot({ secret: SECRET }));
    expect(await createFeishuSender(receiverAt(server.url)).send(message, options)).toEqual({ ok: true });
    const request = server.requests[0]!;
    expect(request.url).toBe('/open-apis/bot/v2/hook/tok-1');
    const body = jsonBody(request);
    expect(body.timestamp).toBe(String(Math.floor(NOW / 1000)));
    expect(body.card).toEqual({
      config: { wide_screen_mode: true },
      header: { template: 'orange', title: { tag: 'plain_text', content: '【二级】批次 B-1107 有 12 单超时未出库' } },
      elements: [
        { tag: 'markdown', content: '**级别: 警告**\n**仓库**: 杭州一仓\n- 订单 taobao:1\n- 订单 jd:2' },
        {
          tag: 'action',
          actions: [{ tag: 'button', text: { tag: 'plain_text', content: '在控制台打开' }, type: 'primary', url: 'https://console.example/incidents/9' }],
        },
      ],
    });
  });

  it('colours by severity and leaves the button out without a link', async () => {
    server = await startLocalServer(feishuBot({}));
    const sender = createFeishuSender(receiverAt(server.url, { secret: undefined }));
    await sender.send({ title: 't', body: 'b', severity: 'critical' }, options);
    await sender.send({ title: 't', body: 'b', severity: 'info' }, options);
    const [critical, info] = server.requests.map((r) => jsonBody(r));
    expect((critical?.card as { header: { template: string } }).header.template).toBe('red');
    expect((info?.card as { header: { template: string } }).header.template).toBe('blue');
    expect((info?.card as { elements: unknown[] }).elements).toHaveLength(1);
    expect(info?.sign).toBeUndefined();
  });

  it('fits a huge body within 20 KB, JSON escaping and emoji included', async () => {
    server = await startLocalServer(feishuBot({ secret: SECRET }));
    const huge = { ...message, body: '- 订单 "taobao:1" 延迟 \\ 🚚👨‍👩‍👧\n'.repeat(2000) };
    expect(await createFeishuSender(receiverAt(server.url)).send(huge, options)).toEqual({ ok: true });
    const request = server.requests[0]!;
    expect(request.body.length).toBeLessThanOrEqual(20_000);
    expect(request.body.length).toBeGreaterThan(18_000);
    const content = ((jsonBody(request).card as { elements: { content?: string }[] }).elements[0]?.content ?? '');
    expect(content.endsWith('…… 内容过长，完整内容请在控制台查看: https://console.example/incidents/9')).toBe(true);
  });

  it('puts a missing keyword into the header', async () => {
    server = await startLocalServer(feishuBot({ secret: SECRET, keyword: 'orderwatch' }));
    expect(await createFeishuSender(receiverAt(server.url, { keyword: 'orderwatch' })).send(message, options)).toEqual({ ok: true });
    const header = (jsonBody(server.requests[0]!).card as { header: { title: { content: string } } }).header;
    expect(header.title.content).toBe('【orderwatch】【二级】批次 B-1107 有 12 单超时未出库');
  });

  const failures: [string, () => (r: ReceivedRequest) => Reply, Partial<FeishuReceiver>, object][] = [
    ['a wrong secret is 19021, not retryable', () => feishuBot({ secret: SECRET }), { secret: 'wrong' }, { retryable: false, rateLimited: false, error: expect.stringMatching(/^feishu 19021: sign match fail/) }],
    ['a missing keyword is 19024, not retryable', () => feishuBot({ keyword: 'x-only' }), { secret: undefined }, { retryable: false, rateLimited: false, error: 'feishu 19024: Key Words Not Found (keyword missing)' }],
    ['11232 is a rate limit', () => () => ({ json: { code: 11232, msg: 'frequency limited psm' } }), {}, { retryable: true, rateLimited: true }],
    ['the older StatusCode reply is understood', () => () => ({ json: { StatusCode: 9499, StatusMessage: 'Bad Request' } }), {}, { retryable: false, error: 'feishu 9499: Bad Request (bad request or body over 20 KB)' }],
    ['HTTP 503 retries', () => () => ({ status: 503, text: 'unavailable' }), {}, { retryable: true, rateLimited: false }],
  ];
  for (const [name, bot, extra, expected] of failures) {
    it(name, async () => {
      server = await startLocalServer(bot());
      expect(await createFeishuSender(receiverAt(server.url, extra)).send(message, options)).toMatchObject({ ok: false, ...expected });
    });
  }
});
