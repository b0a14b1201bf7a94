import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../domain/notification.js';
import type { DeliverableReceiver } from './receiver.js';
import { createSender } from './sender.js';
import { startLocalServer, unusedLocalUrl, type LocalServer } from './testing/local-http-server.js';

/**
 * The contract every sender keeps, run against each receiver type: it never
 * throws, whatever the far side does, and classifies the common failures the
 * same way (SMS alone refuses to retry what may already have been sent).
 */

const NOW = Date.UTC(2026, 10, 11, 2, 0, 0);
const options = { idempotencyKey: 'contract-1', now: NOW };
const message: NotificationMessage = { title: '【C级】订单 jd:1 延迟 1 天', body: '安抚短信已发送', severity: 'info', link: 'https://console.example/i/3' };

const receivers: Record<DeliverableReceiver['type'], (base: string) => DeliverableReceiver> = {
  wecom: (base) => ({ name: 'w', type: 'wecom', url: `${base}/cgi-bin/webhook/send?key=k` }),
  dingtalk: (base) => ({ name: 'd', type: 'dingtalk', url: `${base}/robot/send?access_token=t`, secret: 'SECx' }),
  feishu: (base) => ({ name: 'f', type: 'feishu', url: `${base}/open-apis/bot/v2/hook/t`, secret: 's' }),
  email: (base) => {
    const url = new URL(base);
    return { name: 'e', type: 'email', smtp: { host: url.hostname, port: Number(url.port), secure: false }, from: 'a@shop.example', to: ['b@shop.example'] };
  },
  sms: (base) => ({ name: 's', type: 'sms', provider: 'aliyun', url: `${base}/`, accessKeyId: 'ak', accessKeySecret: 'sk', signName: '签名', templateCode: 'SMS_1', phoneNumbers: ['13800000000'] }),
  webhook: (base) => ({ name: 'h', type: 'webhook', url: `${base}/hook`, secret: 'x' }),
};
const types = Object.keys(receivers) as DeliverableReceiver['type'][];
const httpTypes = types.filter((t) => t !== 'email');

let http: LocalServer | undefined;
let tcp: { server: Server; sockets: Socket[] } | undefined;
afterEach(async () => {
  await http?.close();
  http = undefined;
  if (tcp !== undefined) {
    for (const socket of tcp.sockets) socket.destroy();
    const { server } = tcp;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    tcp = undefined;
  }
});

/** A TCP server that accepts and never says a word: a hung SMTP server or a hung web server alike. */
async function silentServer(): Promise<string> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tcp = { server, sockets };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('sender contract', () => {
  for (const type of types) {
    describe(type, () => {
      it('reports a refused connection as retryable, without throwing', async () => {
        const result = await createSender(receivers[type](await unusedLocalUrl()), { timeoutMs: 2_000 }).send(message, options);
        expect(result).toMatchObject({ ok: false, retryable: true, rateLimited: false });
      });

      it('gives up on a silent server within its timeout', async () => {
        const started = Date.now();
        const result = await createSender(receivers[type](await silentServer()), { timeoutMs: 300 }).send(message, options);
        expect(Date.now() - started).toBeLessThan(5_000);
        // SMS may have been sent already, so it does not retry; every other channel does.
        expect(result).toMatchObject({ ok: false, retryable: type !== 'sms', rateLimited: false });
      });
    });
  }

  for (const type of httpTypes) {
    it(`${type}: HTTP 500 retries, HTTP 429 is a rate limit`, async () => {
      let status = 500;
      http = await startLocalServer(() => ({ status, text: 'trouble' }));
      const sender = createSender(receivers[type](http.url));
      expect(await sender.send(message, options)).toMatchObject({ ok: false, retryable: true, rateLimited: false });
      status = 429;
      expect(await sender.send(message, options)).toMatchObject({ ok: false, retryable: true, rateLimited: true });
    });

    it(`${type}: a malformed URL is a configuration error, not retried`, async () => {
      const receiver = { ...receivers[type]('http://127.0.0.1:1'), url: 'not a url' } as DeliverableReceiver;
      expect(await createSender(receiver).send(message, options)).toMatchObject({ ok: false, retryable: false });
    });
  }

  it('refuses a receiver type it does not know at construction', () => {
    const bogus = { name: 'x', type: 'pager' } as unknown as DeliverableReceiver;
    expect(() => createSender(bogus)).toThrow('receiver "x": no sender for type "pager"');
  });
});
