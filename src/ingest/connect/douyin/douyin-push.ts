import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * verifyDouyinPush checks a 抖店 message push (消息推送) as the platform signs
 * it: the `event-sign` header is MD5(app_key + body + app_secret) in hex, or
 * HMAC-SHA256 keyed by app_secret over the same text when the `sign-method`
 * header says hmac-sha256. The body is taken as the exact bytes received.
 */
export function verifyDouyinPush(raw: Buffer, eventSign: string | undefined, signMethod: string | undefined, appKey: string, appSecret: string): boolean {
  if (eventSign === undefined || eventSign === '') return false;
  const text = Buffer.concat([Buffer.from(appKey, 'utf8'), raw, Buffer.from(appSecret, 'utf8')]);
  const expected = (signMethod ?? '').toLowerCase() === 'hmac-sha256' ? createHmac('sha256', appSecret).update(text).digest('hex') : createHash('md5').update(text).digest('hex');
  const given = Buffer.from(eventSign.toLowerCase(), 'utf8');
  const want = Buffer.from(expected, 'utf8');
  return given.length === want.length && timingSafeEqual(given, want);
}

/** DOUYIN_PUSH_MAX_ORDERS bounds the orders one push makes us fetch (the rest are found by the next pull). */
export const DOUYIN_PUSH_MAX_ORDERS = 50;

/**
 * douyinPushOrderIds lists the orders a push names: a JSON array of
 * messages `{tag, msg_id, data}` whose `data` (a JSON string) carries the
 * parent order id `p_id`. Messages without one (other topics) are skipped.
 */
export function douyinPushOrderIds(body: unknown): { readonly ids: string[] } | { readonly error: string } {
  if (!Array.isArray(body)) return { error: 'a 抖店 push is a JSON array of messages' };
  const ids = new Set<string>();
  for (const message of body) {
    if (typeof message !== 'object' || message === null) continue;
    const raw = (message as Record<string, unknown>)['data'];
    let data: unknown = raw;
    if (typeof raw === 'string') {
      try {
        data = JSON.parse(raw);
      } catch {
        continue;
      }
    }
    const id = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['p_id'] : undefined;
    if ((typeof id === 'string' || typeof id === 'number') && /^\d{1,24}$/.test(String(id))) ids.add(String(id));
  }
  return { ids: [...ids].slice(0, DOUYIN_PUSH_MAX_ORDERS) };
}
