import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** newSecretToken makes an unguessable token (session cookie or API token). */
export function newSecretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** tokenHash is what the store keeps instead of a token, so a leaked database opens no sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * verifyHmacSignature checks `X-Orderwatch-Signature: sha256=<hex>` (or bare
 * hex, or base64) against HMAC-SHA256(secret, raw body) in constant time.
 */
export function verifyHmacSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const value = header.trim().replace(/^sha256=/i, '');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** signBody computes the signature header value a client sends: `sha256=<hex>`. */
export function signBody(rawBody: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
