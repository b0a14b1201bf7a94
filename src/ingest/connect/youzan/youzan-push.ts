import { createHash, timingSafeEqual } from 'node:crypto';

const md5 = (parts: ReadonlyArray<string | Buffer>): string => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

function same(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * verifyYouzanPush checks a Youzan message push as Youzan signs it: the
 * `Event-Sign` header is MD5(client_id + body + client_secret) over the exact
 * bytes received; pushes without the header carry `sign` in the body,
 * MD5(client_id + msg + client_secret).
 */
export function verifyYouzanPush(raw: Buffer, eventSign: string | undefined, body: unknown, clientId: string, clientSecret: string): boolean {
  if (eventSign !== undefined && eventSign !== '') return same(eventSign, md5([clientId, raw, clientSecret]));
  if (typeof body !== 'object' || body === null) return false;
  const { sign, msg } = body as { sign?: unknown; msg?: unknown };
  return typeof sign === 'string' && typeof msg === 'string' && same(sign, md5([clientId, msg, clientSecret]));
}

/**
 * youzanPushOrder reads the order a trade push carries: `msg` is URL-encoded
 * JSON, holding `full_order_info` for the trade_* messages. Anything else
 * (a test push, another topic, ids only) has no order to store.
 */
export function youzanPushOrder(body: unknown): { readonly order: unknown } | { readonly none: string } {
  if (typeof body !== 'object' || body === null) return { none: 'not a Youzan push' };
  const { msg, type, test } = body as { msg?: unknown; type?: unknown; test?: unknown };
  if (test === true) return { none: 'a test push' };
  if (typeof msg !== 'string') return { none: 'no msg' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(decodeURIComponent(msg.replace(/\+/g, ' ')));
  } catch {
    return { none: 'msg is not URL-encoded JSON' };
  }
  if (typeof decoded === 'object' && decoded !== null && 'full_order_info' in decoded) return { order: decoded };
  return { none: `${typeof type === 'string' ? type : 'this message'} carries no full_order_info (pulling Youzan orders by id is not built)` };
}
