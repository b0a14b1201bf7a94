import { createHmac } from 'node:crypto';

/**
 * dingtalkSign is DingTalk's robot signature: Base64 of HMAC-SHA256 keyed by
 * the secret over `timestamp + "\n" + secret`, timestamp in milliseconds
 * (DingTalk refuses one more than an hour away from its clock).
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * signedDingtalkUrl adds `timestamp` and `sign` to the configured robot URL.
 * URLSearchParams percent-encodes the Base64 (+, /, =), which is the
 * "then URL-encode" step; parameters already there are replaced, not doubled.
 */
export function signedDingtalkUrl(url: string, secret: string, timestampMs: number): string {
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', dingtalkSign(secret, timestampMs));
  return signed.toString();
}
