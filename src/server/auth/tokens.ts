import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** newSecretToken makes an unguessable token (session cookie or API token). */
export function newSecretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** tokenHash is what the store keeps instead of a token, so a leaked database opens no sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function signed(rawBody: Buffer | string, secret: string, timestamp: string | undefined): Buffer {
  const mac = createHmac('sha256', secret);
  if (timestamp !== undefined) mac.update(`${timestamp}.`);
  return mac.update(rawBody).digest();
}

/**
 * verifyHmacSignature checks `X-Orderwatch-Signature: sha256=<hex>` (or bare
 * hex, or base64) against HMAC-SHA256(secret, raw body) in constant time;
 * with a timestamp, against HMAC-SHA256(secret, "<timestamp>." + raw body).
 */
export function verifyHmacSignature(rawBody: Buffer, header: string | undefined, secret: string, timestamp?: string): boolean {
  if (!header) return false;
  const value = header.trim().replace(/^sha256=/i, '');
  const expected = signed(rawBody, secret, timestamp);
  const given = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** signBody computes the signature header value a client sends: `sha256=<hex>` (of "<timestamp>.<body>" when timestamped). */
export function signBody(rawBody: Buffer | string, secret: string, timestamp?: string): string {
  return `sha256=${signed(rawBody, secret, timestamp).toString('hex')}`;
}
