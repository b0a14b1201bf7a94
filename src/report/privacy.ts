import { maskPhonesIn as maskPhonesInDomain } from '../domain/masking.js';

/**
 * Reports travel to other departments and outside chats, so the
 * customer's personal data is masked the same way everywhere: the phone
 * as 138****5678 (domain/phone), the name as its first character and a
 * star per other character (王**), the address down to the district (the
 * street and house left out), and any mainland mobile number inside free
 * text (a note, a chat) masked too.
 */

/** maskName keeps a name's first character: 王小明 → 王**, Li Lei → L****. A name already masked stays as it is. */
export function maskName(name: string | undefined): string {
  if (name === undefined || name.trim() === '') return '—';
  const chars = [...name.trim()];
  if (chars.slice(1).every((c) => c === '*' || c === '＊')) return chars.join('');
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 4) || 1)}`;
}

/**
 * addressOf shows where a parcel goes as a shared document may: province,
 * city, district and town; the street and house stay out (the rule of
 * domain/masking's SHARED_DOCUMENT on main: address down to the district).
 */
export function addressOf(receiver: { readonly province?: string; readonly city?: string; readonly district?: string; readonly town?: string; readonly detail?: string }): string {
  const area = [receiver.province, receiver.city, receiver.district, receiver.town].filter(Boolean).join(' ');
  if (!area) return receiver.detail ? '（详细地址已隐去）' : '—';
  return receiver.detail ? `${area}（详细地址已隐去）` : area;
}

/** maskPhonesIn masks every phone written inside a text: domain/masking's one rule (mobiles and landlines, however separated). */
export const maskPhonesIn = maskPhonesInDomain;
