import type { Order } from './order.js';
import { isCiphertext } from './ciphertext.js';
import { classifyPhone, type Phone } from './phone.js';

/**
 * Lookup keys are how one search box finds an order by anything a customer
 * says on the phone. Each key is a short prefix naming what it is plus a
 * normalised value, indexed in one table:
 *   o: any channel's order number (also sub-order / line ids)
 *   p: a full phone number (mobile, landline, virtual base number)
 *   4: the last four digits of the phone
 *   m: the masked form prefix3*last4 ("138*5678")
 *   h: the first seven digits, the head Taobao's and 拼多多's masked form shows ("1389289****")
 *   n: the receiver's name
 *   t: a tracking number
 */
export type LookupKey = string;

/** normaliseTracking upper-cases and strips spaces so "sf 1234" finds "SF1234". */
export function normaliseTracking(trackingNo: string): string {
  return trackingNo.replace(/\s+/g, '').toUpperCase();
}

/** HEAD_DIGITS is how many leading digits the "1389289****" masked form shows. */
const HEAD_DIGITS = 7;

function phoneKeys(phone: Phone | undefined, keys: Set<LookupKey>): void {
  if (!phone || phone.kind === 'encrypted') return;
  if (phone.number && phone.kind !== 'invalid') keys.add(`p:${phone.number}`);
  if (phone.last4) keys.add(`4:${phone.last4}`);
  if (phone.prefix3 && phone.last4) keys.add(`m:${phone.prefix3}*${phone.last4}`);
  const head = phone.kind === 'masked' ? phone.head : phone.kind !== 'invalid' ? phone.number : undefined;
  if (head !== undefined && head.length >= HEAD_DIGITS) keys.add(`h:${head.slice(0, HEAD_DIGITS)}`);
}

/** lookupKeysOf lists every key an order can be found by. */
export function lookupKeysOf(order: Order): LookupKey[] {
  const keys = new Set<LookupKey>();
  keys.add(`o:${order.channelOrderId}`);
  for (const item of order.items) if (item.lineId && item.lineId !== order.channelOrderId) keys.add(`o:${item.lineId}`);
  phoneKeys(order.receiver.phone, keys);
  // A ciphertext is no name: indexing it would only find the order by its own token.
  const name = order.receiver.name?.replace(/\s+/g, '');
  if (name && !isCiphertext(name)) keys.add(`n:${name}`);
  for (const s of order.shipments) keys.add(`t:${normaliseTracking(s.trackingNo)}`);
  return [...keys];
}

/**
 * lookupKeysForQuery turns what a person typed into the keys that could
 * match it. Four digits are a phone's last four; a masked phone matches its
 * masked form; anything else may be an order number, a tracking number, a
 * name or a full phone, so all of those are tried at once.
 */
export function lookupKeysForQuery(query: string): LookupKey[] {
  const q = query.trim().replace(/^[="']+|["']+$/g, '');
  if (q === '') return [];
  if (/^\d{4}$/.test(q)) return [`4:${q}`, `o:${q}`];
  const compact = q.replace(/\s+/g, '');
  const keys = new Set<LookupKey>([`o:${compact}`, `t:${normaliseTracking(compact)}`, `n:${compact}`]);
  const phone = classifyPhone(compact);
  if (phone.kind === 'masked') {
    if (phone.prefix3 && phone.last4) keys.add(`m:${phone.prefix3}*${phone.last4}`);
    else if (phone.last4) keys.add(`4:${phone.last4}`);
    if (phone.head !== undefined && phone.head.length >= HEAD_DIGITS) keys.add(`h:${phone.head.slice(0, HEAD_DIGITS)}`);
  } else if (phone.number) {
    keys.add(`p:${phone.number}`);
  }
  return [...keys];
}
