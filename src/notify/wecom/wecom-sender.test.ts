import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../domain/notification.js';
import type { WecomReceiver } from '../receiver.js';
import { jsonBody, startLocalServer, type LocalServer, type ReceivedRequest, type Reply } from '../testing/local-http-server.js';
import { createWecomSender } from './wecom-sender.js';

const NOW = Date.UTC(2026, 10, 11, 2, 0, 0);
const KEY = 'a1b2c3-key';
const options = { idempotencyKey: 'incident-1:ops:0', now: NOW };

const message: NotificationMessage = {
  title: '【A级】订单 taobao:123 延迟 5 天',
  body: '**VIP 客户** 张三\n- 仓库: 杭州一仓\n- [物流轨迹](https://console.example/orders/123#track)',
  severity: 'critical',
  link: 'https://console.example/incidents/1',
};

/** Plays a WeCom group robot: checks the key and the documented sizes, answers with errcode. */
function wecomRobot(request: ReceivedRequest): Reply {
  const url = new URL(request.url, 'http://robot');
  if (request.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') return { status: 404, text: 'not found' };
  if (url.searchParams.get('key') !== KEY) return { json: { errcode: 93000, errmsg: 'invalid webhook url' } };
  const body = jsonBody(request);
  if (body.msgtype === 'markdown') {
    const content = (body.markdown as { content?: unknown }).content;
    if (typeof content !== 'string') return { json: { errcode: 40008, errmsg: 'invalid message type' } };
    if (Buffer.byteLength(content) > 4096) return { json: { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' } };
  } else if (body.msgtype === 'text') {
    const text = body.text as { content?: unknown };
    if (typeof text.content !== 'string' || Buffer.byteLength(text.content) > 2048) {
      return { json: { errcode: 40058, errmsg: 'text.content exceed max length 2048' } };
    }
  } else {
    return { json: { errcode: 40008, errmsg: 'invalid message type' } };
  }
  return { json: { errcode: 0, errmsg: 'ok' } };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const receiverAt = (base: string, extra: Partial<WecomReceiver> = {}): WecomReceiver => ({
  name: 'ops-group',
  type: 'wecom',
  url: `${base}/cgi-bin/webhook/send?key=${KEY}`,
  ...extra,
});

describe('WeCom group robot', () => {
  it('sends markdown with title, severity colour, body and console link', async () => {
    server = await startLocalServer(wecomRobot);
    const result = await createWecomSender(receiverAt(server.url)).send(message, options);
    expect(result).toEqual({ ok: true });
    const [request] = server.requests;
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = jsonBody(request!);
    expect(body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: [
          '### 【A级】订单 taobao:123 延迟 5 天',
          '> 级别: <font color="warning">紧急</font>',
          '**VIP 客户** 张三',
          '- 仓库: 杭州一仓',
          '- [物流轨迹](https://console.example/orders/123#track)',
          '[在控制台打开](https://console.example/incidents/1)',
        ].join('\n'),
      },
    });
  });

  it('fits a long markdown message within 4096 bytes and points to the console', async () => {
    server = await startLocalServer(wecomRobot);
    const long = { ...message, body: Array.from({ length: 400 }, (_, i) => `- 订单 taobao:${i} 延迟 🚚 仓库杭州一仓`).join('\n') };
    expect(await createWecomSender(receiverAt(server.url)).send(long, options)).toEqual({ ok: true });
    const content = (jsonBody(server.requests[0]!).markdown as { content: string }).content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(content)).toBeGreaterThan(3500);
    expect(content.endsWith('…… 内容过长，完整内容请在控制台查看: https://console.example/incidents/1')).toBe(true);
  });

  it('mentions people through one text message with mentioned_mobile_list, within 2048 bytes', async () => {
    server = await startLocalServer(wecomRobot);
    const receiver = receiverAt(server.url, { mentionMobiles: ['13800000000'] });
    const long = { ...message, body: '客户多次来电催促。'.repeat(300), mentionMobiles: ['13900000000', '13800000000'] };
    expect(await createWecomSender(receiver).send(long, options)).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
    const body = jsonBody(server.requests[0]!);
    expect(body.msgtype).toBe('text');
    const text = body.text as { content: string; mentioned_mobile_list: string[] };
    expect(text.mentioned_mobile_list).toEqual(['13800000000', '13900000000']);
    expect(text.content.startsWith('[紧急] 【A级】订单 taobao:123 延迟 5 天\n客户多次来电催促。')).toBe(true);
    expect(Buffer.byteLength(text.content)).toBeLessThanOrEqual(2048);
  });

  const failures: [string, Reply, { retryable: boolean; rateLimited: boolean; error: RegExp }][] = [
    ['45009 is a rate limit', { json: { errcode: 45009, errmsg: 'api freq out of limit' } }, { retryable: true, rateLimited: true, error: /45009: api freq out of limit/ }],
    ['-1 system busy retries', { json: { errcode: -1, errmsg: 'system busy' } }, { retryable: true, rateLimited: false, error: /-1: system busy/ }],
    ['40058 too long does not retry', { json: { errcode: 40058, errmsg: 'exceed max length' } }, { retryable: false, rateLimited: false, error: /40058: exceed max length \(content too long\)/ }],
    ['93000 bad key does not retry', { json: { errcode: 93000, errmsg: 'invalid webhook url' } }, { retryable: false, rateLimited: false, error: /93000: invalid webhook url/ }],
    ['HTTP 502 from a proxy retries', { status: 502, text: '<html>bad gateway</html>' }, { retryable: true, rateLimited: false, error: /HTTP 502/ }],
    ['200 that is not WeCom does not retry', { text: '<html>captive portal</html>' }, { retryable: false, rateLimited: false, error: /unexpected reply/ }],
  ];
  for (const [name, reply, expected] of failures) {
    it(name, async () => {
      server = await startLocalServer(() => reply);
      const result = await createWecomSender(receiverAt(server.url)).send(message, options);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect({ retryable: result.retryable, rateLimited: result.rateLimited }).toEqual({
        retryable: expected.retryable,
        rateLimited: expected.rateLimited,
      });
      expect(result.error).toMatch(expected.error);
      expect(result.error).not.toContain(KEY);
    });
  }
});
