import type { Instant } from '../domain/time.js';
import { createDingtalkSender } from './dingtalk/dingtalk-sender.js';
import { createEmailSender } from './email/email-sender.js';
import { createFeishuSender } from './feishu/feishu-sender.js';
import type { FetchLike } from './http/fetch-like.js';
import type { NotificationMessage } from '../domain/notification.js';
import type { DeliverableReceiver } from './receiver.js';
import type { SendResult } from './send-result.js';
import { createSmsSender } from './sms/sms-sender.js';
import type { SmsProvider } from './sms/sms-provider.js';
import { createWebhookSender } from './webhook/webhook-sender.js';
import { createWecomSender } from './wecom/wecom-sender.js';

export type { SendResult } from './send-result.js';

/**
 * SendOptions: `idempotencyKey` is the outbox entry's key, the same on every
 * retry of one decision (the webhook and e-mail pass it on so the far side
 * can drop repeats; SMS uses it as OutId). `now` is the injected clock, used
 * for signatures and timestamps so a replay signs as of its own time.
 */
export interface SendOptions {
  readonly idempotencyKey: string;
  readonly now: Instant;
}

/**
 * Sender delivers a message to one receiver. `send` never throws on network
 * or platform trouble: it returns a classified SendResult (see
 * send-result.ts), and each call makes exactly one platform request, so
 * the rate limiter can count calls.
 */
export interface Sender {
  send(message: NotificationMessage, options: SendOptions): Promise<SendResult>;
}

/**
 * SenderDeps are the seams of a sender: the fetch used for HTTP platforms,
 * the per-request timeout (ms, also the SMTP timeouts), and for SMS a
 * provider to use instead of the one the receiver names.
 */
export interface SenderDeps {
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
  readonly smsProvider?: SmsProvider;
}

/**
 * createSender builds the sender for a receiver of the policy file. The
 * in-app ticket pool has no sender (the app writes tickets to the store), so
 * the type excludes it; a receiver of an unknown type is a configuration
 * error and throws at start-up, not at delivery.
 */
export function createSender(receiver: DeliverableReceiver, deps: SenderDeps = {}): Sender {
  switch (receiver.type) {
    case 'wecom':
      return createWecomSender(receiver, deps);
    case 'dingtalk':
      return createDingtalkSender(receiver, deps);
    case 'feishu':
      return createFeishuSender(receiver, deps);
    case 'email':
      return createEmailSender(receiver, deps);
    case 'sms':
      return createSmsSender(receiver, deps);
    case 'webhook':
      return createWebhookSender(receiver, deps);
    default: {
      const unknown: never = receiver;
      throw new Error(`receiver ${JSON.stringify((unknown as { name?: unknown }).name)}: no sender for type ${JSON.stringify((unknown as { type?: unknown }).type)}`);
    }
  }
}
