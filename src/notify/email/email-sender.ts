import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { DEFAULT_TIMEOUT_MS } from '../http/fetch-like.js';
import type { EmailReceiver } from '../receiver.js';
import { rateLimited, rejected, retryLater, sent, type SendResult } from '../send-result.js';
import type { Sender, SenderDeps } from '../sender.js';
import { emailContent } from './email-content.js';

/** IDEMPOTENCY_MAIL_HEADER repeats the outbox key in the mail, for tracing a mail back to its notification. */
export const IDEMPOTENCY_MAIL_HEADER = 'X-Orderwatch-Idempotency-Key';

/**
 * createEmailSender mails a message through the receiver's SMTP server, as
 * HTML with a plain-text alternative, attachments included. Every retry of
 * one notification carries the same Message-ID (derived from the idempotency
 * key), so a mail server or client that has it already can drop the copy.
 * No connection pool: notifications are rare enough that a connection per
 * mail is simpler than keeping one alive through a server's idle timeout.
 */
export function createEmailSender(receiver: EmailReceiver, deps: SenderDeps = {}): Sender {
  const timeout = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { smtp } = receiver;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    // Port 465 speaks TLS from the first byte; the others upgrade with STARTTLS when offered.
    secure: smtp.secure ?? smtp.port === 465,
    ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: smtp.password ?? '' } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(message, options) {
      const content = emailContent(message);
      try {
        const info = await transport.sendMail({
          from: receiver.from,
          to: [...receiver.to],
          subject: content.subject,
          text: content.text,
          html: content.html,
          date: new Date(options.now),
          messageId: mailMessageId(options.idempotencyKey, receiver.from),
          headers: { [IDEMPOTENCY_MAIL_HEADER]: options.idempotencyKey },
          priority: message.severity === 'critical' ? 'high' : 'normal',
          attachments: (message.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        });
        return sent(typeof info.messageId === 'string' ? info.messageId : undefined);
      } catch (error) {
        return classifySmtpError(error);
      }
    },
  };
}

/** mailMessageId is a stable Message-ID for an idempotency key, in the sender address's domain. */
export function mailMessageId(idempotencyKey: string, from: string): string {
  const local = /^[\w.-]{1,64}$/.test(idempotencyKey)
    ? idempotencyKey
    : createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'orderwatch.local';
  return `<${local}@${domain}>`;
}

// nodemailer's error codes for trouble on the way, which a later attempt may not meet.
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

/**
 * classifySmtpError follows SMTP's own rule: a 4xx reply is a temporary
 * failure (greylisting, throttling, a full queue) and retries; a 5xx reply
 * (bad credentials 535, unknown mailbox 550, too large 552) does not.
 * Without a reply code, connection trouble retries and authentication,
 * TLS and envelope errors, which are configuration, do not.
 */
export function classifySmtpError(error: unknown): SendResult {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const detail = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(error);
  const reason = `email${code === undefined ? '' : ` ${code}`}${responseCode === undefined ? '' : ` ${responseCode}`}: ${detail.slice(0, 300)}`;
  if (responseCode !== undefined) {
    if (responseCode >= 400 && responseCode < 500) {
      return /rate|limit|too many|throttl|频/i.test(detail) ? rateLimited(reason) : retryLater(reason);
    }
    return rejected(reason);
  }
  return code !== undefined && TRANSIENT_CODES.has(code) ? retryLater(reason) : rejected(reason);
}
