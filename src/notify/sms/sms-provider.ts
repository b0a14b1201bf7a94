import type { Instant } from '../../domain/time.js';
import type { SendResult } from '../send-result.js';

/**
 * SmsRequest is one template SMS to one or more phones. `outId` is the
 * outbox's idempotency key (shortened if needed), handed to the provider so
 * its delivery receipts can be matched to the notification.
 */
export interface SmsRequest {
  readonly phoneNumbers: readonly string[];
  readonly templateParam: Readonly<Record<string, string>>;
  readonly outId: string;
  readonly now: Instant;
}

/**
 * SmsProvider is one SMS vendor's API (Aliyun first; Tencent Cloud would be a
 * second implementation). Like a Sender it never throws and classifies its
 * failures, with one rule of its own: SMS is not idempotent (no provider
 * drops a repeated request), so a request that may have reached the
 * provider — a timeout or a connection cut after sending — is reported as
 * not retryable rather than risk texting a customer twice. Duplicates are
 * prevented before sending, by the outbox's idempotency key: one decision,
 * one outbox entry, one successful send.
 */
export interface SmsProvider {
  readonly name: string;
  send(request: SmsRequest): Promise<SendResult>;
}
