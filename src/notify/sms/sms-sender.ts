import { createHash } from 'node:crypto';
import type { NotificationMessage } from '../../domain/notification.js';
import { ALIYUN_SMS_DEFAULT_URL, type SmsReceiver } from '../receiver.js';
import { rejected } from '../send-result.js';
import type { Sender, SenderDeps } from '../sender.js';
import { createAliyunSmsProvider } from './aliyun/aliyun-sms-provider.js';
import type { SmsProvider } from './sms-provider.js';

/**
 * SMS_TITLE_MAX_CHARS: Aliyun caps a template variable's value (35
 * characters for notification templates); a longer title is cut, since an
 * SMS only needs to make the reader open the console.
 */
export const SMS_TITLE_MAX_CHARS = 35;

/**
 * createSmsSender texts through the receiver's provider.
 *
 * Who and what: a message's own `sms` (phones and template variables — a
 * customer's comfort SMS) wins; otherwise the receiver's `phoneNumbers` get
 * the receiver's template with one variable, `title`, the message title. So
 * a staff-alert template reads like "orderwatch: ${title}，请尽快处理".
 *
 * SMS is not idempotent: the outbox's idempotency key is the guard against
 * sending twice (one decision, one entry, retried only on failures that
 * certainly did not send; see SmsProvider). The key is also passed as OutId.
 */
export function createSmsSender(receiver: SmsReceiver, deps: SenderDeps = {}): Sender {
  const provider: SmsProvider =
    deps.smsProvider ??
    createAliyunSmsProvider(
      {
        url: receiver.url ?? ALIYUN_SMS_DEFAULT_URL,
        accessKeyId: receiver.accessKeyId,
        accessKeySecret: receiver.accessKeySecret,
        signName: receiver.signName,
        templateCode: receiver.templateCode,
      },
      { fetch: deps.fetch, timeoutMs: deps.timeoutMs },
    );
  return {
    async send(message, options) {
      const phoneNumbers = message.sms?.phoneNumbers ?? receiver.phoneNumbers ?? [];
      if (phoneNumbers.length === 0) {
        return rejected(`sms ${receiver.name}: no phone numbers (the message names none and the receiver has no phoneNumbers)`);
      }
      return provider.send({
        phoneNumbers,
        templateParam: message.sms?.templateParam ?? defaultTemplateParam(message),
        outId: smsOutId(options.idempotencyKey),
        now: options.now,
      });
    },
  };
}

/** defaultTemplateParam is the one-variable parameter of staff-alert templates: the title, shortened to fit. */
export function defaultTemplateParam(message: NotificationMessage): Record<string, string> {
  const title = message.title.replace(/\s+/g, ' ').trim();
  const chars = [...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(title)].map((s) => s.segment);
  const short = chars.length <= SMS_TITLE_MAX_CHARS ? title : `${chars.slice(0, SMS_TITLE_MAX_CHARS - 1).join('')}…`;
  return { title: short };
}

/**
 * smsOutId is the idempotency key as Aliyun's OutId: kept when short and
 * plain, otherwise a stable hash of it, so receipts still match the entry.
 */
export function smsOutId(idempotencyKey: string): string {
  if (/^[\w.:-]{1,64}$/.test(idempotencyKey)) return idempotencyKey;
  return `ow-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}
