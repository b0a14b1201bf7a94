import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { classifyPhone, type Phone } from '../../domain/phone.js';
import type { Bilingual } from '../../domain/finding.js';
import { clip, makeFinding, type ArrivalCheck } from './check.js';

/**
 * Ranges PROTOCOLS.md lists as mobile that libphonenumber's metadata may lag
 * behind on (it rejects 149 data cards today): accepted by rule, because a
 * false "invalid phone" sends an agent chasing a customer who is reachable.
 */
const MOBILE_RANGES_BY_RULE = new Set(['162', '165', '167', '170', '171', '145', '147', '149']);

/** PhoneVerdict is what phoneVerdict concluded about one receiver phone. */
export interface PhoneVerdict {
  readonly valid: boolean;
  /** Why it is invalid: `missing`, `too_short`, `too_long`, `bad_prefix`, `unassigned_range`, `bad_landline`, `bad_foreign`, `not_a_number`. */
  readonly reason?: string;
  readonly digits: number;
  readonly kind: Phone['kind'];
}

/**
 * phoneVerdict judges a receiver phone: masked, virtual-with-extension and
 * encrypted numbers are valid platform contact routes; mobiles must be in an
 * assigned range (libphonenumber `max` metadata, plus the ranges accepted by
 * rule); landlines must fit `0\d{2,3}-?\d{7,8}`. It never guesses a carrier:
 * with number portability the prefix no longer tells it.
 */
export function phoneVerdict(phone: Phone | undefined): PhoneVerdict {
  if (!phone || phone.raw.trim() === '') return { valid: false, reason: 'missing', digits: 0, kind: 'invalid' };
  let p = phone;
  // "138-1234-5678", full-width digits and dots are how people type numbers; classifyPhone reads only spaces.
  if (p.kind === 'invalid' && p.raw.length <= 64) {
    const relaxed = classifyPhone(p.raw.normalize('NFKC').replace(/[-.\s·]/g, ''), p.country !== undefined ? { country: p.country } : {});
    if (relaxed.kind !== 'invalid') p = relaxed;
  }
  const digits = countDigits(p.raw);
  switch (p.kind) {
    case 'masked':
    case 'virtual':
    case 'encrypted':
      return { valid: true, digits, kind: p.kind };
    case 'landline':
      // An area code starting with 00 is an international dialling prefix, not a city.
      return p.number?.startsWith('00') ? { valid: false, reason: 'bad_landline', digits, kind: p.kind } : { valid: true, digits, kind: p.kind };
    case 'mobile': {
      const number = p.number ?? '';
      if (MOBILE_RANGES_BY_RULE.has(number.slice(0, 3))) return { valid: true, digits, kind: p.kind };
      return isAssignedMobile(number) ? { valid: true, digits, kind: p.kind } : { valid: false, reason: 'unassigned_range', digits, kind: p.kind };
    }
    case 'foreign': {
      // A national number of a known foreign address (Shopify's customers) is judged by its
      // country's plan lengths: the metadata of every country's ranges lags behind, and a
      // wrong "invalid" sends an agent chasing a reachable customer.
      if (p.country !== undefined) {
        const national = parsePhoneNumberFromString(p.number ?? p.raw, p.country as CountryCode);
        return national?.isPossible() ? { valid: true, digits, kind: p.kind } : { valid: false, reason: 'bad_foreign', digits, kind: p.kind };
      }
      const parsed = parsePhoneNumberFromString(p.number ?? p.raw);
      return parsed?.isValid() ? { valid: true, digits, kind: p.kind } : { valid: false, reason: 'bad_foreign', digits, kind: p.kind };
    }
    case 'invalid':
      return { valid: false, reason: invalidReason(p.raw, digits), digits, kind: p.kind };
  }
}

/**
 * libphonenumber's CN mobile pattern decides within the first five digits
 * (`1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|…)\d{8}`), and parsing costs ~9 µs, so
 * the verdict is memoised per five-digit prefix: at most 70,000 entries, and
 * the check stays far below a microsecond per order.
 */
const mobileVerdictByPrefix = new Map<string, boolean>();

function isAssignedMobile(number: string): boolean {
  const prefix = number.slice(0, 5);
  let ok = mobileVerdictByPrefix.get(prefix);
  if (ok === undefined) {
    const parsed = parsePhoneNumberFromString(number, 'CN');
    ok = parsed !== undefined && parsed.isValid() && parsed.getType() !== 'FIXED_LINE';
    mobileVerdictByPrefix.set(prefix, ok);
  }
  return ok;
}

function countDigits(text: string): number {
  let n = 0;
  const end = Math.min(text.length, 256);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function invalidReason(raw: string, digits: number): string {
  const compact = raw.replace(/[\s()（）+-]/g, '').replace(/^86(?=1)/, '');
  if (!/^\d+$/.test(compact)) return 'not_a_number';
  if (compact.startsWith('1')) {
    if (compact.length < 11) return 'too_short';
    if (compact.length > 11) return 'too_long';
    return 'bad_prefix';
  }
  return digits < 10 ? 'too_short' : 'not_a_number';
}

const REASON_TEXT: Readonly<Record<string, (shown: string, digits: number) => Bilingual>> = {
  too_short: (s, d) => ({ zh: `收货手机号 ${s} 只有${d}位，无法联系到客户`, en: `Receiver phone ${s} has ${d} digits; the customer cannot be reached` }),
  too_long: (s, d) => ({ zh: `收货手机号 ${s} 有${d}位，多于11位，无法联系到客户`, en: `Receiver phone ${s} has ${d} digits, more than 11; the customer cannot be reached` }),
  bad_prefix: (s) => ({ zh: `收货手机号 ${s} 的号段不是手机号段（应为13-19开头），无法联系到客户`, en: `Receiver phone ${s} does not start with a mobile prefix (13-19); the customer cannot be reached` }),
  unassigned_range: (s) => ({ zh: `收货手机号 ${s} 所在号段尚未分配，号码无效`, en: `Receiver phone ${s} is in an unassigned number range; it is not a real number` }),
  bad_landline: (s) => ({ zh: `收货固定电话 ${s} 的区号无效`, en: `Receiver landline ${s} has no valid area code` }),
  bad_foreign: (s) => ({ zh: `收货电话 ${s} 不是有效的境外号码`, en: `Receiver phone ${s} is not a valid international number` }),
  not_a_number: (s) => ({ zh: `收货电话 "${s}" 不是电话号码，无法联系到客户`, en: `Receiver phone "${s}" is not a phone number; the customer cannot be reached` }),
};

/** phoneCheck raises `phone.invalid` when the receiver cannot be called: no number, or a number no phone plan has. */
export const phoneCheck: ArrivalCheck = {
  name: 'phone',
  codes: ['phone.invalid'],
  run(facts, context) {
    const order = facts.order;
    const phone = order.receiver?.phone;
    // No parcel for virtual goods; no receiver in a partial answer; an encrypted phone is the platform's way, not a missing one.
    if (order.virtualGoods === true || order.incomplete?.includes('receiver')) return [];
    if (phone === undefined && order.receiver?.encrypted?.includes('phone')) return [];
    const verdict = phoneVerdict(phone);
    if (verdict.valid) return [];
    if (verdict.reason === 'missing') {
      return [
        makeFinding(facts, context, {
          code: 'phone.invalid',
          severity: 'warning',
          explanation: { zh: '订单没有收货人联系电话，出问题时无法联系到客户', en: 'The order has no receiver phone; the customer cannot be reached if something goes wrong' },
          evidence: { reason: 'missing', phone: null },
        }),
      ];
    }
    const shown = clip(phone?.raw.trim() ?? '', 32);
    const text = REASON_TEXT[verdict.reason ?? 'not_a_number'] ?? REASON_TEXT['not_a_number']!;
    return [
      makeFinding(facts, context, {
        code: 'phone.invalid',
        severity: 'critical',
        explanation: text(shown, verdict.digits),
        evidence: { reason: verdict.reason, phone: shown, digits: verdict.digits, kind: verdict.kind },
      }),
    ];
  },
};
