/**
 * src/notify: delivering notifications to the platforms people read.
 *
 * The outbox worker (src/app) owns when and how often; this folder owns how:
 * a platform-neutral NotificationMessage, one Sender per receiver type that
 * renders, fits, signs, sends and classifies the answer, and the pure pieces
 * the worker needs around them — rate limits, digests, JSON round trips.
 */
export type { NotificationAttachment, NotificationMessage, NotificationSeverity, NotificationSms } from '../domain/notification.js';
export { maxSeverity, SEVERITY_LABEL } from '../domain/notification.js';
export { messageFromJson, messageToJson, type MessageParse } from '../domain/notification-json.js';
export {
  ALIYUN_SMS_DEFAULT_URL,
  isDeliverable,
  RECEIVER_TYPES,
  type DeliverableReceiver,
  type DingtalkReceiver,
  type EmailReceiver,
  type EmailSmtp,
  type FeishuReceiver,
  type ReceiverBase,
  type ReceiverConfig,
  type ReceiverType,
  type SmsReceiver,
  type TicketReceiver,
  type WebhookReceiver,
  type WecomReceiver,
} from './receiver.js';
export { createSender, type Sender, type SenderDeps, type SendOptions } from './sender.js';
export { rateLimited, rejected, retryLater, sent, type SendFailure, type SendResult } from './send-result.js';
export { DEFAULT_TIMEOUT_MS, type FetchLike } from './http/fetch-like.js';
export { fitSerialized, fitText, prefixWithin, TRUNCATION_NOTICE, truncationNotice, utf8Bytes, type FitOptions } from './fit.js';
export {
  DEFAULT_RATE_LIMITS,
  PLATFORM_CLOCK_MARGIN_MS,
  rateLimitFor,
  slidingWindowLimiter,
  type RateLimiter,
  type RateWindow,
} from './rate-limit.js';
export { DIGEST_MAX_BODY_BYTES, isDigestible, mergeIntoDigest, type DigestOptions } from './digest.js';
export { toPlainText } from './format/plain-text.js';
export { escapeHtml, toHtml } from './format/html.js';

export * from './wecom/index.js';
export * from './dingtalk/index.js';
export * from './feishu/index.js';
export * from './email/index.js';
export * from './sms/index.js';
export * from './webhook/index.js';
