import { createHmac, timingSafeEqual } from 'node:crypto';

/** WEBHOOK_SIGNATURE_HEADER carries `sha256=<hex HMAC-SHA256 of the raw body>`, keyed by the receiver's secret. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Orderwatch-Signature';
/** WEBHOOK_TIMESTAMP_HEADER carries the send time in Unix seconds (the same instant as the body's `sentAt`). */
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Orderwatch-Timestamp';
/** IDEMPOTENCY_KEY_HEADER is the same on every retry of one notification, so the receiver can drop repeats. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * webhookSignature signs the exact bytes sent. The timestamp header is not
 * signed itself; the body carries the same instant as `sentAt`, and that is
 * signed, so a receiver that checks freshness should read it from the body.
 */
export function webhookSignature(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** verifyWebhookSignature is what a receiver of our webhook does: recompute and compare in constant time. */
export function verifyWebhookSignature(secret: string, rawBody: string | Buffer, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(webhookSignature(secret, rawBody));
  const actual = Buffer.from(header.trim());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
