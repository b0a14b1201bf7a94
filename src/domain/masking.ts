import { isCiphertext } from './ciphertext.js';
import { classifyPhone, ENCRYPTED_PHONE_TEXT } from './phone.js';
import type { Role } from './role.js';

/**
 * Disclosure is how much of a customer's identity an audience may see: the
 * phone in full or masked (`138****5678`, also inside free text), the name
 * in full or as its first character (`王**`), the street address in full or
 * only down to the district.
 */
export interface Disclosure {
  readonly phone: 'full' | 'masked';
  readonly name: 'full' | 'initial';
  readonly address: 'full' | 'district';
}

const EVERYTHING: Disclosure = { phone: 'full', name: 'full', address: 'full' };
const LEAST: Disclosure = { phone: 'masked', name: 'initial', address: 'district' };

/**
 * DISCLOSURE is the one rule of who sees what of a customer (SPEC: a role
 * that may not see a full phone sees it nowhere). The people who call
 * customers see everything; the warehouse sees the street address (it ships
 * and re-ships parcels) but no phone and no full name; everyone else, API
 * tokens included, sees the district at most.
 */
export const DISCLOSURE: Readonly<Record<Role, Disclosure>> = {
  agent: EVERYTHING,
  supervisor: EVERYTHING,
  admin: EVERYTHING,
  warehouse: { phone: 'masked', name: 'initial', address: 'full' },
  ops_manager: LEAST,
  executive: LEAST,
  integration: LEAST,
};

/**
 * SHARED_DOCUMENT is the audience of what leaves orderwatch for readers
 * nobody checked: list exports, PDFs sent to receivers or stored for
 * everyone (reviews), the log. It sees the least.
 */
export const SHARED_DOCUMENT: Disclosure = LEAST;

const D = '[0-9０-９]';
/**
 * What people put between a phone's digits: blanks (line breaks, no-break and
 * ideographic spaces, zero-width ones), every dash (hyphen, en and em dash,
 * fullwidth and minus signs), commas, dots, middle dots, slashes, underscores and
 * brackets ("(136)5555-4444").
 */
const SEP = '[,，、\\s\\u00a0\\u3000\\u200b-\\u200d\\u2060\\ufeff\\-\\u2010-\\u2015\\u2212－.·・/_()（）]';
/** Up to three of them at a time ("136 - 5555 - 4444", "136  5555  4444"): runs of them separate numbers, not digits. */
const GAP = `${SEP}{0,3}`;
/**
 * A mainland mobile inside text: 11 digits (half- or fullwidth) with an
 * optional +86 / 0086 / 86 and separators between any of them
 * ("136 5555 4444", "136 - 5555 - 4444"); the replacer checks the `1[3-9]`
 * start. Exactly 11 digits with no digit on either side, so a longer number
 * (an order number) or two numbers side by side are never taken for one.
 */
const MOBILE_IN_TEXT = new RegExp(`(?<!${D})(?:(?:[+＋]|00)?[8８][6６]${GAP})?[1１](?:${GAP}${D}){10}(?!${D})`, 'g');
/** A landline inside text: area code (0 + 2-3 digits, optionally in brackets) then a 7-8 digit number. */
const LANDLINE_IN_TEXT = new RegExp(`(?<!${D})[(（]?[0０]${D}{2,3}[)）]?${GAP}[2-9２-９]${D}{2,3}${GAP}${D}{4}(?!${D})`, 'g');

function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
}

/**
 * maskPhonesIn hides the middle of every phone number inside a free text
 * (buyer notes, contact texts, logistics lines, log lines): mobiles keep
 * their first three and last four digits, landlines their area code and
 * last four. Separators, fullwidth digits and a +86 prefix do not hide a
 * number from it.
 */
export function maskPhonesIn(text: string): string {
  if (!/[0-9０-９]/.test(text)) return text;
  const mobiles = text.replace(MOBILE_IN_TEXT, (match) => {
    const digits = asciiDigits(match).slice(-11);
    return /^1[3-9]\d{9}$/.test(digits) ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : match;
  });
  return mobiles.replace(LANDLINE_IN_TEXT, (match) => {
    const digits = asciiDigits(match);
    const area = digits.startsWith('01') || digits.startsWith('02') ? digits.slice(0, 3) : digits.slice(0, 4);
    return `${area}-****${digits.slice(-4)}`;
  });
}

/** maskedPhoneText is a phone field's text as a masked audience sees it. */
function maskedPhoneText(raw: string): string {
  const phone = classifyPhone(raw);
  if (phone.kind === 'masked') return phone.raw;
  if (phone.kind === 'encrypted') return raw === ENCRYPTED_PHONE_TEXT ? raw : '****';
  if (phone.prefix3 && phone.last4) return `${phone.prefix3}****${phone.last4}${phone.extension ? `-${phone.extension}` : ''}`;
  if (phone.last4) return `****${phone.last4}`;
  return raw.length > 0 ? maskPhonesIn(raw) : raw;
}

/** initialOf keeps a name's first character: "王小明" → "王**". A ciphertext shows nothing. */
function initialOf(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return name;
  if (isCiphertext(name.trim())) return '***';
  return `${chars[0]}${'*'.repeat(Math.min(3, Math.max(1, chars.length - 1)))}`;
}

/** Keys whose values are platform identifiers, never free text: an order number is not a phone even when it has 11 digits. */
const IDENTIFIER_KEYS = new Set(['orderId', 'orderIds', 'channelOrderId', 'trackingNo', 'trackingNos', 'lineId', 'sku', 'productId', 'incidentId', 'requestId']);
/** An order id (`channel:number`) is an identifier too; a fix-list case id (`buyer|…|13812345678`) is not. */
const ORDER_ID = /^[a-z][a-z0-9_]*:[^|\s]+$/;
/** Objects that hold a person's name and address. */
const PERSON_PARENTS = new Set(['receiver', 'customer', 'buyer', 'consignee', 'shippingAddress']);
const NAME_KEYS = new Set(['receiverName', 'buyerName', 'buyerNick', 'customerName']);
const PERSON_NAME_KEYS = new Set(['name', 'nick', 'fullname', 'fullName']);
const ADDRESS_KEYS = new Set(['receiverAddress', 'fullAddress', 'addressDetail']);
const PERSON_ADDRESS_KEYS = new Set(['detail', 'address', 'street', 'address1', 'address2']);
const PHONE_KEYS = new Set(['phone', 'mobile', 'telephone', 'receiverPhone', 'receiverMobile', 'buyerPhone']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Masker applies one audience's disclosure to texts and to whole values. */
export interface Masker {
  readonly disclosure: Disclosure;
  /** True when the audience sees everything: every method returns its input. */
  readonly seesEverything: boolean;
  /** text masks the phones inside a free text (a note, a contact text, a logistics line, a PDF cell). */
  text(text: string): string;
  /** phone shows a phone field (`13812345678` → `138****5678`). */
  phone(raw: string): string;
  /** name shows a person's name (`王小明` → `王**`). */
  name(name: string): string;
  /** addressDetail shows the street part of an address (hidden below the district). */
  addressDetail(detail: string): string;
  /**
   * value returns a copy of a JSON-like value as the audience may see it:
   * receiver / customer names, street addresses and phone fields by their
   * keys, and the phones inside every other text — except platform
   * identifiers (order and tracking numbers). A contact's `attachments`
   * (screenshots) are withheld from an audience that sees phones masked
   * (`withheldAttachments` counts them). Non-plain objects (bytes, dates,
   * maps) are returned as they are.
   */
  value<T>(value: T): T;
}

/** maskerFor returns the masker of a role (or of an explicit disclosure such as SHARED_DOCUMENT). */
export function maskerFor(audience: Role | Disclosure): Masker {
  const disclosure = typeof audience === 'string' ? DISCLOSURE[audience] : audience;
  const seesEverything = disclosure.phone === 'full' && disclosure.name === 'full' && disclosure.address === 'full';
  const text = (s: string): string => (disclosure.phone === 'full' ? s : maskPhonesIn(s));
  const phone = (s: string): string => (disclosure.phone === 'full' ? s : maskedPhoneText(s));
  const name = (s: string): string => (disclosure.name === 'full' ? s : initialOf(s));
  const addressDetail = (s: string): string => (disclosure.address === 'full' ? text(s) : s.trim() === '' ? s : '***');

  const phoneObject = (value: Record<string, unknown>): Record<string, unknown> => {
    const raw = typeof value.raw === 'string' ? value.raw : '';
    const out: Record<string, unknown> = { raw: phone(raw) };
    // The fields that tell a masked number apart and no more: never the number, its head or a ciphertext.
    for (const key of ['kind', 'last4', 'prefix3', 'extension', 'country']) if (value[key] !== undefined) out[key] = value[key];
    return out;
  };

  const walk = (value: unknown, key: string | undefined, parent: string | undefined): unknown => {
    if (typeof value === 'string') {
      if (key !== undefined) {
        if (IDENTIFIER_KEYS.has(key) || (key === 'id' && ORDER_ID.test(value))) return value;
        if (PHONE_KEYS.has(key)) return phone(value);
        if (NAME_KEYS.has(key) || (parent !== undefined && PERSON_PARENTS.has(parent) && PERSON_NAME_KEYS.has(key))) return text(name(value));
        if (ADDRESS_KEYS.has(key) || (parent !== undefined && PERSON_PARENTS.has(parent) && PERSON_ADDRESS_KEYS.has(key))) return addressDetail(value);
      }
      return text(value);
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, key, parent));
    if (!isPlainObject(value)) return value;
    if (key !== undefined && PHONE_KEYS.has(key) && typeof value.raw === 'string') return phoneObject(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k, key);
    // A screenshot of a chat can show a phone no text masking reaches: it goes only to those who see phones.
    if (disclosure.phone === 'masked' && Array.isArray(value.attachments) && value.attachments.length > 0) {
      out.attachments = [];
      out.withheldAttachments = value.attachments.length;
    }
    return out;
  };

  return {
    disclosure,
    seesEverything,
    text,
    phone,
    name,
    addressDetail,
    value: <T>(value: T): T => (seesEverything ? value : (walk(value, undefined, undefined) as T)),
  };
}
