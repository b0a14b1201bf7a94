import type { Channel } from '../domain/channel.js';
import type { StageEvent } from '../domain/event.js';
import type { FieldError } from '../domain/ingest-result.js';
import type { Fen } from '../domain/money.js';
import { isCiphertext } from '../domain/ciphertext.js';
import type { EncryptedField, OrderId } from '../domain/order.js';
import { classifyPhone, sealCiphertext, type ClassifyOptions, type Phone, type PhoneKind } from '../domain/phone.js';
import { stageRank, type Stage } from '../domain/stage.js';
import type { Instant } from '../domain/time.js';
import { describe } from './record-reader.js';
import { channelStageEvents } from './channel-stages.js';

/*
 * Pieces every order source (the native adapters and the export profiles)
 * assembles an Order from, shared by every channel adapter.
 */

/**
 * PHONE_PREFERENCE ranks phone kinds: a number someone can dial beats a
 * masked one, which beats a token. A plain but wrong number (10 digits, say)
 * also beats the masked copy of itself: masking hides exactly the digits that
 * show it is wrong, and detection must see them.
 */
const PHONE_PREFERENCE: Readonly<Record<PhoneKind, number>> = {
  mobile: 0,
  virtual: 0,
  landline: 0,
  foreign: 0,
  masked: 2,
  encrypted: 3,
  invalid: 4,
};

/** A number that is wrong but plainly a number (not a placeholder or garbage) ranks just after dialable ones. */
const PLAIN_BUT_WRONG = 1;

function preference(phone: Phone): number {
  // "13812a45678" is a mistyped number, not garbage: enough digits in a short field.
  if (phone.kind === 'invalid' && (/^[+\d\s()-]{5,}$/.test(phone.raw) || (phone.raw.length <= 20 && (phone.raw.match(/\d/g)?.length ?? 0) >= 7))) return PLAIN_BUT_WRONG;
  return PHONE_PREFERENCE[phone.kind];
}

/**
 * pickPhone classifies each candidate and keeps the most useful one: dialable,
 * then a plain but wrong number, then masked, then encrypted, then anything
 * else; at equal rank the earlier candidate
 * wins, so callers list fields in the channel's order of preference.
 */
export function pickPhone(candidates: ReadonlyArray<string | undefined>, options: ClassifyOptions = {}): Phone | undefined {
  let best: Phone | undefined;
  for (const candidate of candidates) {
    if (candidate === undefined || candidate.trim() === '') continue;
    const phone = classifyPhone(candidate, options);
    if (best === undefined || preference(phone) < preference(best)) best = phone;
  }
  return best === undefined ? undefined : sealCiphertext(best);
}

/** latestInstant is the latest of the given times, or undefined when none is known. */
export function latestInstant(times: ReadonlyArray<Instant | undefined>): Instant | undefined {
  let latest: Instant | undefined;
  for (const at of times) if (at !== undefined && (latest === undefined || at > latest)) latest = at;
  return latest;
}

/** discountOf is what the buyer did not pay of goods plus shipping; never negative. */
export function discountOf(itemsTotalFen: Fen, shippingFen: Fen, paidFen: Fen): Fen {
  return Math.max(0, itemsTotalFen + shippingFen - paidFen);
}

/** StageMark is a stage the order's own data dates (paid at pay_time, shipped at consign_time ...). */
export interface StageMark {
  readonly stage: Stage;
  readonly at: Instant | undefined;
}

/** OrderTimeline is what the order's own record says about its life. */
export interface OrderTimeline {
  readonly orderId: OrderId;
  readonly channel: Channel;
  /** The stage the channel's status maps to: the order's stage now. */
  readonly current: Stage;
  readonly placedAt: Instant;
  readonly paidAt: Instant | undefined;
  readonly modifiedAt: Instant;
  /** Later stages with their own timestamps (shipped, delivered, cancelled). */
  readonly marks: readonly StageMark[];
}

/**
 * timelineEvents turns an order's own timestamps into stage events.
 *
 * The status is the authority on where the order is now: a timestamp for a
 * stage beyond the current one is dropped (a partly shipped trade may carry a
 * consign time but is not out of the warehouse), and when the current stage has
 * no timestamp of its own it is dated at the order's version time, so the
 * derived stage always agrees with the channel's status. An unpaid order is
 * pending payment from the moment it was placed.
 */
export function timelineEvents(timeline: OrderTimeline): StageEvent[] {
  const limit = stageRank(timeline.current);
  const dated: StageMark[] = [
    { stage: 'pending_payment', at: timeline.paidAt === undefined ? timeline.placedAt : undefined },
    { stage: 'paid', at: timeline.paidAt },
    ...timeline.marks,
  ];
  const marks = dated.filter((mark) => mark.at !== undefined && stageRank(mark.stage) <= limit);
  if (!marks.some((mark) => mark.stage === timeline.current)) {
    marks.push({ stage: timeline.current, at: timeline.modifiedAt });
  }
  return channelStageEvents(timeline.orderId, timeline.channel, marks);
}

/** notAnObject is the error for a record that is not a JSON object at all. */
export function notAnObject(record: unknown, what: string): FieldError {
  return { field: '(record)', message: `${what} must be a JSON object, got ${describe(record)}` };
}

/** isPlainObject tells whether a parsed JSON value is an object (not an array, not null). */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** keysOf lists an object's first keys for an error message, never dumping a huge input. */
export function keysOf(value: unknown): string {
  if (!isPlainObject(value)) return describe(value);
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 8).join(', ');
  return `an object with keys ${shown}${keys.length > 8 ? ', …' : ''}`;
}

/** ProtectedText is a receiver text field as read: readable text, or only a ciphertext. */
export interface ProtectedText {
  readonly value: string | undefined;
  /** True when the platform sent the field, but only encrypted. */
  readonly encrypted: boolean;
}

/**
 * protectedText picks the first readable candidate (plain before masked, in
 * the caller's order) and never a ciphertext: a token is no name or address,
 * and shown or indexed as one it would leak the platform's secret and find
 * nothing. When every candidate given is a ciphertext the field is encrypted.
 */
export function protectedText(candidates: ReadonlyArray<string | undefined>): ProtectedText {
  let sawCipher = false;
  for (const candidate of candidates) {
    if (candidate === undefined || candidate.trim() === '') continue;
    if (isCiphertext(candidate)) {
      sawCipher = true;
      continue;
    }
    return { value: candidate, encrypted: false };
  }
  return { value: undefined, encrypted: sawCipher };
}

/** encryptedFieldsOf lists the receiver fields that arrived only encrypted, for Receiver.encrypted. */
export function encryptedFieldsOf(fields: Readonly<Partial<Record<EncryptedField, ProtectedText | Phone | undefined>>>): EncryptedField[] {
  const out: EncryptedField[] = [];
  for (const [field, value] of Object.entries(fields) as Array<[EncryptedField, ProtectedText | Phone | undefined]>) {
    if (value === undefined) continue;
    if ('encrypted' in value ? value.encrypted : value.kind === 'encrypted') out.push(field);
  }
  return out;
}
