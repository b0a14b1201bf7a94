import { isCiphertext } from './ciphertext.js';

/**
 * PhoneKind says what a receiver phone string is. Masked and virtual numbers
 * are what the platforms hand out to protect buyers: they are valid contact
 * routes (call the virtual number, dial the extension), not errors.
 */
export type PhoneKind = 'mobile' | 'landline' | 'masked' | 'virtual' | 'encrypted' | 'foreign' | 'invalid';

/** Phone is a receiver phone as given plus what could be read from it. */
export interface Phone {
  readonly raw: string;
  readonly kind: PhoneKind;
  /** The dialable number without separators: mobile 11 digits, landline with area code, the virtual base number. */
  readonly number?: string;
  /** The extension of a virtual number or a landline. */
  readonly extension?: string;
  /** The last four digits of the subscriber number when known (also for masked numbers). */
  readonly last4?: string;
  /** The first three digits when known (for the masked form "138****1234"). */
  readonly prefix3?: string;
  /**
   * The leading digits a masked number still shows ("1389289" of Taobao's and
   * 拼多多's "1389289****", "0298597" of "029-8597****"): enough, with seven,
   * to find the order by the masked form a customer reads out.
   */
  readonly head?: string;
  /** The ISO country the number belongs to, when it is not mainland China (a foreign number without its +code). */
  readonly country?: string;
  /**
   * The platform's ciphertext of an encrypted number, kept for the platform's
   * own decryption service; `raw` then holds ENCRYPTED_PHONE_TEXT, so nothing
   * that shows `raw` ever shows the token.
   */
  readonly ciphertext?: string;
}

/** ENCRYPTED_PHONE_TEXT stands in `raw` for a number the platform sent only encrypted. */
export const ENCRYPTED_PHONE_TEXT = '（已加密）';

/** sealCiphertext moves an encrypted phone's token out of `raw` into `ciphertext`; other phones are returned as they are. */
export function sealCiphertext(phone: Phone): Phone {
  if (phone.kind !== 'encrypted' || phone.raw === ENCRYPTED_PHONE_TEXT) return phone;
  return { raw: ENCRYPTED_PHONE_TEXT, kind: 'encrypted', ciphertext: phone.raw };
}

/** ClassifyOptions is what the source knows about a phone beyond its text. */
export interface ClassifyOptions {
  /**
   * The receiver's country (ISO 3166 alpha-2) when the channel says: a
   * number of a non-CN address without a +code is that country's national
   * number (Shopify sends "555-625-1199" for a Canadian address), not an
   * invalid Chinese one.
   */
  readonly country?: string;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3})-?(\d{7,8})(?:[-#转](\d{1,6}))?$/;
const MASKED = /^(\d{1,8})?\*{2,}(\d{1,4})?$/;
const VIRTUAL = /^\$?(1\d{10})\$?(?:-|#|转|,)(\d{1,6})#?$/;

/**
 * classifyPhone reads a phone as the Chinese platforms send it: plain mobile
 * (optionally +86/86), landline with area code, masked ("138****1234"),
 * virtual with extension ("13800000000-1234", "$13800000000$#1234#"),
 * masked with its shown head ("1389289****", "029-8597****"), and the
 * platforms' ciphertexts (see isCiphertext). With a non-CN `country`, a
 * number without a +code is that country's national number.
 * Deep validation (number plans) belongs to detection; this only classifies.
 */
export function classifyPhone(input: string, options: ClassifyOptions = {}): Phone {
  const raw = input.trim();
  if (raw === ENCRYPTED_PHONE_TEXT) return { raw, kind: 'encrypted' };
  const compact = raw.replace(/[\s()（）]/g, '').replace(/^\+?86(?=1\d{10}(\D|$))/, '').replace(/^'/, '');
  if (compact === '') return { raw, kind: 'invalid' };
  if (isCiphertext(compact)) return { raw, kind: 'encrypted' };
  const country = options.country?.trim().toUpperCase();
  if (country !== undefined && country !== '' && country !== 'CN' && !compact.startsWith('+')) {
    const digits = compact.replace(/[-.]/g, '');
    if (/^\d{6,15}$/.test(digits)) return { raw, kind: 'foreign', number: digits, last4: digits.slice(-4), country };
  }
  if (MOBILE.test(compact)) {
    return { raw, kind: 'mobile', number: compact, last4: compact.slice(-4), prefix3: compact.slice(0, 3) };
  }
  const virtual = VIRTUAL.exec(compact);
  if (virtual) {
    const base = virtual[1]!;
    return { raw, kind: 'virtual', number: base, extension: virtual[2]!, last4: base.slice(-4), prefix3: base.slice(0, 3) };
  }
  // A masked landline keeps its dash ("029-8597****"); the dash is no digit.
  const masked = MASKED.exec(compact.includes('*') ? compact.replace(/-/g, '') : compact);
  if (masked) {
    const head = masked[1] ?? '';
    const tail = masked[2] ?? '';
    return {
      raw,
      kind: 'masked',
      ...(tail.length === 4 ? { last4: tail } : {}),
      ...(head.length >= 3 ? { prefix3: head.slice(0, 3) } : {}),
      ...(head.length >= 7 ? { head } : {}),
    };
  }
  const landline = LANDLINE.exec(compact);
  if (landline) {
    const number = landline[1]! + landline[2]!;
    return { raw, kind: 'landline', number, last4: number.slice(-4), ...(landline[3] ? { extension: landline[3] } : {}) };
  }
  if (/^\+\d{7,15}$/.test(compact)) return { raw, kind: 'foreign', number: compact, last4: compact.slice(-4) };
  // Opaque tokens that isCiphertext does not call ciphertext but no person typed either.
  if (compact.length >= 16 && /^[#$~*A-Za-z0-9+/=_-]+$/.test(compact) && /[A-Za-z]/.test(compact)) {
    return { raw, kind: 'encrypted' };
  }
  return { raw, kind: 'invalid', ...(/^\d{4,}$/.test(compact) ? { last4: compact.slice(-4) } : {}) };
}

/**
 * maskPhone hides the middle of a phone for people and logs that need no full
 * number: "13812345678" → "138****5678". Unknown shapes keep only their last 4.
 */
export function maskPhone(raw: string): string {
  const p = classifyPhone(raw);
  if (p.kind === 'masked') return p.raw;
  // A ciphertext is never shown, not even in part.
  if (p.kind === 'encrypted') return '****';
  if (p.prefix3 && p.last4) return `${p.prefix3}****${p.last4}${p.extension ? `-${p.extension}` : ''}`;
  if (p.last4) return `****${p.last4}`;
  return raw.length > 0 ? '****' : '';
}
