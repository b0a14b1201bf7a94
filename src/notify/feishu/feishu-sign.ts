import { createHmac } from 'node:crypto';

/**
 * feishuSign is Feishu's bot signature. It differs from DingTalk's in every
 * detail that matters: the timestamp is in seconds, the HMAC-SHA256 key is
 * `timestamp + "\n" + secret` and the signed message is empty, and the
 * Base64 result goes into the JSON body as is, without URL-encoding.
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}
