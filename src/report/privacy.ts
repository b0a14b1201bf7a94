import { maskPhonesInText } from '../domain/phone.js';

/**
 * Reports travel to other departments and outside chats, so the
 * customer's personal data is masked the same way everywhere: the phone
 * as 138****5678 (domain/phone), the name as its first character and a
 * star per other character (王**), the street address down to its road
 * (和平路****) while province, city and district stay readable, and any
 * mainland mobile number inside free text (a note, a chat) masked too.
 */

/** maskName keeps a name's first character: 王小明 → 王**, Li Lei → L****. A name already masked stays as it is. */
export function maskName(name: string | undefined): string {
  if (name === undefined || name.trim() === '') return '—';
  const chars = [...name.trim()];
  if (chars.slice(1).every((c) => c === '*' || c === '＊')) return chars.join('');
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 4) || 1)}`;
}

/** maskStreet keeps an address detail up to its first digit (the road, at most 8 characters) and hides the rest. */
export function maskStreet(detail: string | undefined): string {
  if (detail === undefined || detail.trim() === '') return '';
  const chars = [...detail.trim()];
  const firstDigit = chars.findIndex((c) => /[0-9０-９]/.test(c));
  const keep = Math.min(firstDigit >= 0 ? firstDigit : chars.length, 8, Math.max(0, chars.length - 2));
  return `${chars.slice(0, keep).join('')}****`;
}

/** maskPhonesIn masks every mainland mobile number written inside a text (domain/phone's rule). */
export const maskPhonesIn = maskPhonesInText;
