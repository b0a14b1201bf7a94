import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../domain/notification.js';
import type { EmailReceiver } from '../receiver.js';
import { unusedLocalUrl } from '../testing/local-http-server.js';
import { createEmailSender } from './email-sender.js';

const NOW = Date.UTC(2026, 10, 11, 2, 0, 0);
const screenshot = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

const message: NotificationMessage = {
  title: '【A级】订单 taobao:123 延迟 5 天',
  body: '**VIP 客户** 张三\n- 仓库: 杭州一仓\n- [物流轨迹](https://console.example/orders/123#track)',
  severity: 'critical',
  link: 'https://console.example/incidents/1',
  attachments: [{ filename: '客户聊天截图.png', contentType: 'image/png', content: screenshot }],
};

interface Received {
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  readonly rcptTo: string[];
  readonly user: string | undefined;
}

type SmtpError = Error & { responseCode: number };
const smtpError = (responseCode: number, text: string): SmtpError => Object.assign(new Error(text), { responseCode });

/**
 * A real SMTP server on 127.0.0.1 that requires login, refuses some
 * recipients the way mail servers do, and parses every mail it accepts.
 */
async function startSmtp(rules: { refuse?: Record<string, SmtpError> } = {}) {
  const mails: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'alerts@shop.example' && auth.password === 'app-password') callback(null, { user: auth.username });
      else callback(smtpError(535, 'Authentication failed'));
    },
    onRcptTo(address, _session, callback) {
      const refusal = rules.refuse?.[address.address];
      callback(refusal ?? null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            mails.push({ raw, parsed, rcptTo: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined });
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const receiverOn = (port: number, extra: Partial<EmailReceiver> = {}): EmailReceiver => ({
  name: 'cs-mail',
  type: 'email',
  smtp: { host: '127.0.0.1', port, secure: false, user: 'alerts@shop.example', password: 'app-password' },
  from: 'orderwatch <alerts@shop.example>',
  to: ['supervisor@shop.example', 'ops@shop.example'],
  ...extra,
});

describe('e-mail over SMTP', () => {
  it('sends HTML with a text alternative, an encoded Chinese subject and the attachment', async () => {
    smtp = await startSmtp();
    const result = await createEmailSender(receiverOn(smtp.port), { timeoutMs: 5_000 }).send(message, { idempotencyKey: 'incident-1:cs-mail:0', now: NOW });
    // ":" is not allowed in a Message-ID's local part, so this key is hashed.
    expect(result).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^<[0-9a-f]{40}@shop\.example>$/) });
    const [mail] = smtp.mails;
    expect(mail).toBeDefined();
    if (mail === undefined) return;

    expect(mail.user).toBe('alerts@shop.example');
    expect(mail.rcptTo).toEqual(['supervisor@shop.example', 'ops@shop.example']);
    // The header itself is 7-bit: an RFC 2047 encoded word, not raw UTF-8.
    const subjectLine = /^Subject: (.*)$/m.exec(mail.raw.toString('latin1'))?.[1] ?? '';
    expect(subjectLine).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(mail.parsed.subject).toBe('【A级】订单 taobao:123 延迟 5 天');
    expect(mail.parsed.messageId).toBe(result.ok ? result.providerMessageId : undefined);
    expect(mail.parsed.headers.get('x-orderwatch-idempotency-key')).toBe('incident-1:cs-mail:0');
    expect(mail.raw.toString('latin1')).toMatch(/^X-Priority: 1/m);
    expect(mail.parsed.date?.getTime()).toBe(NOW);

    expect(mail.parsed.text).toBe(
      [
        '[紧急] 【A级】订单 taobao:123 延迟 5 天',
        'VIP 客户 张三\n- 仓库: 杭州一仓\n- 物流轨迹 (https://console.example/orders/123#track)',
        '在控制台打开: https://console.example/incidents/1',
        '-- \n此邮件由 orderwatch 自动发送。',
      ].join('\n\n'),
    );
    const html = mail.parsed.html === false ? '' : mail.parsed.html;
    expect(html).toContain('<strong>VIP 客户</strong> 张三');
    expect(html).toContain('<li><a href="https://console.example/orders/123#track">物流轨迹</a></li>');
    expect(html).toContain('href="https://console.example/incidents/1"');

    expect(mail.parsed.attachments).toHaveLength(1);
    const [attachment] = mail.parsed.attachments;
    expect(attachment?.filename).toBe('客户聊天截图.png');
    expect(attachment?.contentType).toBe('image/png');
    expect(attachment?.content.equals(screenshot)).toBe(true);
  });

  it('uses the same Message-ID on every retry of one notification', async () => {
    smtp = await startSmtp();
    const sender = createEmailSender(receiverOn(smtp.port));
    await sender.send(message, { idempotencyKey: 'key with spaces/and slashes', now: NOW });
    await sender.send(message, { idempotencyKey: 'key with spaces/and slashes', now: NOW + 60_000 });
    const ids = smtp.mails.map((m) => m.parsed.messageId);
    expect(ids[0]).toMatch(/^<[0-9a-f]{40}@shop\.example>$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it('wrong credentials (535) do not retry', async () => {
    smtp = await startSmtp();
    const receiver = receiverOn(smtp.port, { smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'alerts@shop.example', password: 'nope' } });
    const result = await createEmailSender(receiver).send(message, { idempotencyKey: 'k', now: NOW });
    expect(result).toMatchObject({ ok: false, retryable: false, rateLimited: false, error: expect.stringMatching(/EAUTH 535/) });
  });

  const refusals: [string, SmtpError, object][] = [
    ['a temporarily full mailbox (452) retries', smtpError(452, 'Mailbox full, try later'), { retryable: true, rateLimited: false }],
    ['throttling (421) is a rate limit', smtpError(421, 'Too many messages, slow down'), { retryable: true, rateLimited: true }],
    ['an unknown mailbox (550) does not retry', smtpError(550, 'No such user'), { retryable: false, rateLimited: false }],
  ];
  for (const [name, refusal, expected] of refusals) {
    it(name, async () => {
      smtp = await startSmtp({ refuse: { 'supervisor@shop.example': refusal, 'ops@shop.example': refusal } });
      const result = await createEmailSender(receiverOn(smtp.port)).send(message, { idempotencyKey: 'k', now: NOW });
      expect(result).toMatchObject({ ok: false, ...expected });
      expect(smtp.mails).toHaveLength(0);
    });
  }

  it('a server that is down retries', async () => {
    const port = Number(new URL(await unusedLocalUrl()).port);
    const result = await createEmailSender(receiverOn(port), { timeoutMs: 2_000 }).send(message, { idempotencyKey: 'k', now: NOW });
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/ECONNREFUSED/) });
  });
});

describe('Message-ID', () => {
  it('keeps a plain key readable', async () => {
    const { mailMessageId } = await import('./email-sender.js');
    expect(mailMessageId('outbox-42.1', 'orderwatch <alerts@shop.example>')).toBe('<outbox-42.1@shop.example>');
  });
});
