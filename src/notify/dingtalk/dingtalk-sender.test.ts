import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../domain/notification.js';
import type { DingtalkReceiver } from '../receiver.js';
import { jsonBody, startLocalServer, type LocalServer, type ReceivedRequest, type Reply } from '../testing/local-http-server.js';
import { createDingtalkSender } from './dingtalk-sender.js';

const NOW = Date.UTC(2026, 10, 11, 2, 0, 0);
const TOKEN = 'tok123';
const SECRET = 'SEC0123456789abcdef+/=secret';
const options = { idempotencyKey: 'incident-1:cs:0', now: NOW };

const message: NotificationMessage = {
  title: '【A级】订单 taobao:123 延迟 5 天',
  body: '客户: **VIP 张三**\n- 仓库: 杭州一仓\n- 承运商: 顺丰',
  severity: 'critical',
  link: 'https://console.example/incidents/1',
};

/**
 * Plays a DingTalk custom robot with signing and, optionally, a keyword: it
 * recomputes the signature from the secret, checks the timestamp against
 * its own clock (NOW), and answers 310000 like DingTalk when anything is off.
 */
function dingtalkRobot(security: { secret?: string; keyword?: string }) {
  return (request: ReceivedRequest): Reply => {
    const url = new URL(request.url, 'http://robot');
    if (url.pathname !== '/robot/send') return { status: 404, text: 'not found' };
    if (url.searchParams.get('access_token') !== TOKEN) return { json: { errcode: 300001, errmsg: 'token is not exist' } };
    if (security.secret !== undefined) {
      const timestamp = Number(url.searchParams.get('timestamp'));
      if (!(Math.abs(timestamp - NOW) < 3_600_000)) return { json: { errcode: 310000, errmsg: 'invalid timestamp' } };
      const expected = createHmac('sha256', security.secret).update(`${timestamp}\n${security.secret}`).digest('base64');
      const rawSign = /[?&]sign=([^&]*)/.exec(request.url)?.[1] ?? '';
      if (!/^[A-Za-z0-9%]+$/.test(rawSign)) return { json: { errcode: 310000, errmsg: 'sign not url-encoded' } };
      if (decodeURIComponent(rawSign) !== expected) return { json: { errcode: 310000, errmsg: 'sign not match' } };
    }
    if (request.body.length > 20_000) return { json: { errcode: 460101, errmsg: 'message too long' } };
    const body = jsonBody(request);
    if (security.keyword !== undefined && !JSON.stringify(body).includes(security.keyword)) {
      return { json: { errcode: 310000, errmsg: 'keywords not in content' } };
    }
    return { json: { errcode: 0, errmsg: 'ok' } };
  };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const receiverAt = (base: string, extra: Partial<DingtalkReceiver> = {}): DingtalkReceiver => ({
  name: 'cs-supervisors',
  type: 'dingtalk',
  url: `${base}/robot/send?access_token=${TOKEN}`,
  secret: SECRET,
  ...extra,
});

describe('DingTalk custom robot', () => {
  it('signs the URL (ms timestamp, URL-encoded sign) and sends markdown that @-mentions', async () => {
    server = await startLocalServer(dingtalkRobot({ secret: SECRET }));
    const receiver = receiverAt(server.url, { atMobiles: ['13800000000'] });
    const result = await createDingtalkSender(receiver).send({ ...message, mentionMobiles: ['13900000000'] }, options);
    expect(result).toEqual({ ok: true });
    const request = server.requests[0]!;
    expect(new URL(request.url, 'http://robot').searchParams.get('timestamp')).toBe(String(NOW));
    expect(jsonBody(request)).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '【A级】订单 taobao:123 延迟 5 天',
        text: [
          '#### 【A级】订单 taobao:123 延迟 5 天',
          '',
          '> 级别: **紧急**',
          '',
          '客户: **VIP 张三**  ',
          '',
          '- 仓库: 杭州一仓',
          '- 承运商: 顺丰',
          '',
          '[在控制台打开](https://console.example/incidents/1)',
          '',
          '@13800000000 @13900000000',
        ].join('\n'),
      },
      at: { atMobiles: ['13800000000', '13900000000'], isAtAll: false },
    });
  });

  it('sends an actionCard whose button opens the console', async () => {
    server = await startLocalServer(dingtalkRobot({ secret: SECRET }));
    expect(await createDingtalkSender(receiverAt(server.url, { style: 'actionCard' })).send(message, options)).toEqual({ ok: true });
    const body = jsonBody(server.requests[0]!);
    expect(body.msgtype).toBe('actionCard');
    expect(body.actionCard).toMatchObject({
      title: '【A级】订单 taobao:123 延迟 5 天',
      singleTitle: '在控制台打开',
      singleURL: 'https://console.example/incidents/1',
    });
  });

  it('falls back to markdown when an actionCard would lose a mention', async () => {
    server = await startLocalServer(dingtalkRobot({ secret: SECRET }));
    const receiver = receiverAt(server.url, { style: 'actionCard', atMobiles: ['@all'] });
    expect(await createDingtalkSender(receiver).send(message, options)).toEqual({ ok: true });
    const body = jsonBody(server.requests[0]!);
    expect(body.msgtype).toBe('markdown');
    expect(body.at).toEqual({ atMobiles: [], isAtAll: true });
  });

  it('inserts the keyword a keyword-mode robot requires', async () => {
    server = await startLocalServer(dingtalkRobot({ keyword: '订单告警' }));
    const receiver = receiverAt(server.url, { secret: undefined, keyword: '订单告警' });
    expect(await createDingtalkSender(receiver).send(message, options)).toEqual({ ok: true });
    expect((jsonBody(server.requests[0]!).markdown as { title: string }).title).toBe('【订单告警】【A级】订单 taobao:123 延迟 5 天');
    expect(server.requests[0]!.url).not.toContain('sign=');
  });

  it('keeps a huge message under the body limit without losing the mentions', async () => {
    server = await startLocalServer(dingtalkRobot({ secret: SECRET }));
    const huge = { ...message, body: '- 订单 "taobao" 延迟 🚚\n'.repeat(3000), mentionMobiles: ['13900000000'] };
    expect(await createDingtalkSender(receiverAt(server.url)).send(huge, options)).toEqual({ ok: true });
    const request = server.requests[0]!;
    expect(request.body.length).toBeLessThanOrEqual(20_000);
    const text = (jsonBody(request).markdown as { text: string }).text;
    expect(text).toContain('…… 内容过长，完整内容请在控制台查看: https://console.example/incidents/1');
    expect(text.endsWith('@13900000000')).toBe(true);
  });

  it('reports a wrong secret as a non-retryable sign mismatch, with DingTalk errmsg', async () => {
    server = await startLocalServer(dingtalkRobot({ secret: SECRET }));
    const result = await createDingtalkSender(receiverAt(server.url, { secret: 'SECwrong' })).send(message, options);
    expect(result).toEqual({
      ok: false,
      retryable: false,
      rateLimited: false,
      error: 'dingtalk 310000: sign not match (security check failed: sign, keyword, timestamp or IP)',
    });
  });

  it('reports a missing keyword the same way', async () => {
    server = await startLocalServer(dingtalkRobot({ keyword: '订单告警' }));
    const result = await createDingtalkSender(receiverAt(server.url, { secret: undefined })).send(message, options);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('keywords not in content') });
  });

  it('130101 is a rate limit with DingTalk 10-minute throttle', async () => {
    server = await startLocalServer(() => ({ json: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }));
    const result = await createDingtalkSender(receiverAt(server.url)).send(message, options);
    expect(result).toMatchObject({ ok: false, retryable: true, rateLimited: true, retryAfterMs: 600_000 });
  });

  it('300001 unknown token does not retry', async () => {
    server = await startLocalServer(dingtalkRobot({}));
    const receiver = { ...receiverAt(server.url), url: `${server.url}/robot/send?access_token=nope` };
    expect(await createDingtalkSender(receiver).send(message, options)).toMatchObject({ ok: false, retryable: false, rateLimited: false });
  });
});
