import type { Finding } from '../../domain/finding.js';
import type { OrderItem, Receiver } from '../../domain/order.js';
import { HOUR_MS } from '../../domain/time.js';
import type { NeighbourOrder } from '../facts.js';
import { clip, foldWidth, makeFinding, type ArrivalCheck } from './check.js';

/** basketOf lists an order's items as sorted "sku×quantity" entries (quantities of repeated SKUs summed), the NeighbourOrder basket form. */
export function basketOf(items: readonly OrderItem[]): string[] {
  const bySku = new Map<string, number>();
  for (const item of items) bySku.set(item.sku, (bySku.get(item.sku) ?? 0) + item.quantity);
  return [...bySku].map(([sku, qty]) => `${sku}×${qty}`).sort();
}

/** A neighbour basket may list a repeated SKU once per line ("A×1", "A×2"): summed here to the basketOf form. */
function aggregateBasket(entries: readonly string[]): string[] {
  const bySku = new Map<string, number>();
  for (const entry of entries) {
    const at = entry.lastIndexOf('×');
    const sku = at < 0 ? entry : entry.slice(0, at);
    const qty = at < 0 ? 1 : Number(entry.slice(at + 1));
    bySku.set(sku, (bySku.get(sku) ?? 0) + qty);
  }
  return [...bySku].map(([sku, qty]) => `${sku}×${qty}`).sort();
}

function sameBasket(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Spaces, punctuation and full-width forms differ between channels; the letters do not. */
function squash(text: string | undefined): string {
  if (!text) return '';
  return foldWidth(text.slice(0, 300)).replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();
}

/** A receiver's address as one comparable string, and its detail alone (channels disagree on the division prefix). */
function addressKeys(r: Receiver): { full: string; detail: string } {
  return { full: squash(`${r.province ?? ''}${r.city ?? ''}${r.district ?? ''}${r.detail ?? ''}`), detail: squash(r.detail) };
}

/** The digits of a full number as classifyPhone keeps them ("+86 138-1234-5678" → 13812345678); masked numbers never equal one. */
function dialDigits(raw: string): string {
  if (raw.includes('*')) return '';
  const digits = raw.length <= 40 ? raw.replace(/\D+/g, '') : '';
  return digits.length === 13 && digits.startsWith('861') ? digits.slice(2) : digits;
}

/** Masked names and addresses (张**, 文三路**) are shared by strangers: they never prove a match. */
function masked(text: string | undefined): boolean {
  return !text || text.includes('*');
}

/**
 * duplicateCheck raises `order.duplicate` (key = the other order's id) when
 * another live order, on any channel, went to the same receiver (name + full
 * phone, or name + address) with the same basket within
 * `duplicateWindowHours`. Both orders of a pair get the finding, each
 * naming the other and whether it is the earlier (`isCopy`: this one came
 * later), so whoever handles either order sees the pair and can cancel or
 * merge the copy.
 */
export const duplicateCheck: ArrivalCheck = {
  name: 'duplicate',
  codes: ['order.duplicate'],
  run(facts, context) {
    const o = facts.order;
    if (context.neighbours.length === 0 || o.stage === 'cancelled') return [];
    const r = o.receiver ?? {};
    if (masked(r.name)) return [];
    const rawName = r.name ?? '';
    let name: string | undefined;
    const phone = r.phone && (r.phone.kind === 'mobile' || r.phone.kind === 'landline') ? r.phone.number : undefined;
    // The address keys cost a normalisation: built only when a neighbour gets that far.
    let address: { full: string; detail: string } | undefined | null = masked(r.detail) ? undefined : null;
    const basket = basketOf(o.items ?? []);
    const windowMs = context.settings.duplicateWindowHours * HOUR_MS;
    const findings: Finding[] = [];
    for (const n of context.neighbours) {
      if (n.cancelled || n.id === o.id) continue;
      const apart = o.placedAt - n.placedAt;
      if (Math.abs(apart) > windowMs) continue;
      if (masked(n.receiverName)) continue;
      if (!sameBasket(basket, n.basket) && !(n.basket.length > basket.length && sameBasket(basket, aggregateBasket(n.basket)))) continue;
      if (n.receiverName !== rawName && squash(n.receiverName) !== (name ??= squash(rawName))) continue;
      if (address === null) address = addressKeys(r);
      const matchedBy = matchReceiver(n, phone, address);
      if (!matchedBy) continue;
      const minutes = Math.round(Math.abs(apart) / 60_000);
      const isCopy = apart > 0 || (apart === 0 && n.id < o.id);
      findings.push(
        makeFinding(facts, context, {
          code: 'order.duplicate',
          key: n.id,
          severity: 'warning',
          explanation: isCopy
            ? {
                zh: `与 ${clip(n.id, 40)}（${n.channel}）疑似重复：同一收货人、同样商品，${minutes} 分钟前已下单`,
                en: `Looks like a duplicate of ${clip(n.id, 40)} (${n.channel}): same receiver and basket, placed ${minutes} min earlier`,
              }
            : {
                zh: `${clip(n.id, 40)}（${n.channel}）疑似本单的重复单：同一收货人、同样商品，${minutes} 分钟后又下单`,
                en: `${clip(n.id, 40)} (${n.channel}) looks like a duplicate of this order: same receiver and basket, placed ${minutes} min later`,
              },
          evidence: { otherOrderId: n.id, channel: n.channel, minutesApart: minutes, matchedBy, basket, isCopy },
        }),
      );
    }
    if (findings.length <= MAX_DUPLICATES_PER_ORDER) return findings;
    // A buyer with hundreds of identical orders (a reseller, a script: 刷单) is one case, not a
    // finding per pair: one finding on this order names how many there are and the nearest few.
    const apartOf = (f: Finding): number => Number(f.evidence['minutesApart']);
    const nearest = findings.sort((a, b) => apartOf(a) - apartOf(b)).slice(0, NEAREST_NAMED);
    const copies = findings.filter((f) => f.evidence['isCopy'] === true).length;
    // Only the orders nearest in time are compared: with more, the counts are lower bounds.
    const atLeast = context.neighboursTruncated === true;
    return [
      makeFinding(facts, context, {
        code: 'order.duplicate',
        key: 'many',
        severity: 'warning',
        explanation: {
          zh: `同一收货人、同样商品在 ${context.settings.duplicateWindowHours} 小时内另有${atLeast ? '至少 ' : ' '}${findings.length} 单（其中${atLeast ? '至少 ' : ' '}${copies} 单在本单之前），疑似批量下单或重复提交`,
          en: `${atLeast ? 'At least ' : ''}${findings.length} other orders of the same receiver and basket within ${context.settings.duplicateWindowHours} h (${copies} before this one): a bulk buyer or repeated submissions`,
        },
        evidence: { duplicatesInWindow: findings.length, atLeast, earlier: copies, nearest: nearest.map((f) => ({ otherOrderId: f.evidence['otherOrderId'], minutesApart: f.evidence['minutesApart'], matchedBy: f.evidence['matchedBy'] })), basket },
      }),
    ];
  },
};

/** NEAREST_NAMED: how many of a bulk buyer's other orders the one finding names. */
const NEAREST_NAMED = 20;

/** MAX_DUPLICATES_PER_ORDER: up to this many duplicates each is its own finding (a pair to merge or cancel); beyond it they are one (hostile input must not flood memory or the queue). */
export const MAX_DUPLICATES_PER_ORDER = 3;

function matchReceiver(n: NeighbourOrder, phone: string | undefined, address: { full: string; detail: string } | undefined): 'phone' | 'address' | undefined {
  if (phone !== undefined && n.phone !== undefined) {
    if (dialDigits(n.phone) === phone) return 'phone';
  }
  if (address && n.address !== undefined && !masked(n.address)) {
    const other = squash(n.address);
    // NeighbourOrder.address may carry the divisions or not: equal in full, or ending with our (long enough) detail.
    if (other === address.full || (address.detail.length >= 6 && (other === address.detail || other.endsWith(address.detail)))) return 'address';
  }
  return undefined;
}
