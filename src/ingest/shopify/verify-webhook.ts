import { createHmac, timingSafeEqual } from 'node:crypto';

const BASE64 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * verifyShopifyHmac tells whether `X-Shopify-Hmac-SHA256` is
 * Base64(HMAC-SHA256(secret, raw body)) for this body. It must get the raw
 * bytes as received (a re-serialised JSON differs); a missing or malformed
 * header is false, and the comparison takes the same time wherever the
 * digests differ.
 *
 * Shopify delivers a webhook at least once: a retried delivery carries the
 * same `X-Shopify-Webhook-Id` and the same order version (`updated_at`), so
 * it is absorbed by the store's idempotent upsert (same id, same version =
 * duplicate) rather than by a seen-ids list here.
 */
export function verifyShopifyHmac(rawBody: Buffer | string, headerValue: string | undefined, secret: string): boolean {
  if (typeof headerValue !== 'string' || secret === '') return false;
  const given = headerValue.trim();
  if (!BASE64.test(given)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const received = Buffer.from(given, 'base64');
  return received.length === expected.length && timingSafeEqual(received, expected);
}
