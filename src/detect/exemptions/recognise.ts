import { EXEMPTION_CODES, type Bilingual, type Exemption } from '../../domain/finding.js';
import type { Order, Presale } from '../../domain/order.js';
import { DAY_MS, HOUR_MS, type Instant } from '../../domain/time.js';
import { localDayOf, localDayStart, type BusinessCalendar } from '../calendar/index.js';
import { DEFAULT_EXEMPTION_ALLOWANCES, type ExemptionAllowances } from './allowances.js';
import { SCENARIO_CODES, findMarker, findPhrases, type PhraseMatch, type Scenario } from './phrases.js';
import { exemptionReason } from './reason.js';
import { requestedShipDeadline, windowDeadline } from './requested-date.js';

/** ExemptionSource is where an exemption was recognised (the `source` of an Exemption). */
export type ExemptionSource = 'tag' | 'buyer_note' | 'seller_note' | 'order_note' | 'presale' | 'sku_attribute' | 'calendar';

/** OrderNote is a note on the order's timeline (the ERP's "定制家具已下单生产，预计7-15天完工后发货", a service agent's): when and what. */
export interface OrderNote {
  readonly at: Instant;
  readonly text: string;
  readonly author?: string;
}

/** ExemptionRecogniser finds the legitimate delays of an order whose deadline would otherwise be `baseDeadline`. */
export type ExemptionRecogniser = (order: Order, calendar: BusinessCalendar, baseDeadline: Instant, now: Instant, notes?: readonly OrderNote[]) => Exemption[];

interface Candidate {
  readonly scenario: Scenario;
  readonly source: ExemptionSource;
  readonly matched: string;
  readonly what: Bilingual;
  readonly newDeadline: Instant;
  /** Whether the order itself named the date (a pre-sale ship date, "25号再发"): it beats an allowance. */
  readonly explicit: boolean;
}

interface Context {
  readonly order: Order;
  readonly calendar: BusinessCalendar;
  readonly base: Instant;
  readonly allowances: ExemptionAllowances;
  readonly notes: readonly OrderNote[];
}

const SOURCE_PRIORITY: readonly ExemptionSource[] = ['presale', 'tag', 'sku_attribute', 'seller_note', 'order_note', 'buyer_note', 'calendar'];
const PRESALE_KIND_ZH: Readonly<Record<Presale['kind'], string>> = { deposit: '定金预售', full_payment: '全款预售', staged: '阶段付款预售' };

/**
 * holidayShift moves a deadline that falls in a public holiday (or, with
 * `lookaheadDays`, before one starting soon) to the first workday after it
 * plus the working hours the deadline's own day would have had left: a
 * deadline of 10-03 15:00 becomes 10-09 15:00, six warehouse hours after opening.
 */
function holidayShift(calendar: BusinessCalendar, base: Instant, lookaheadDays: number): { deadline: Instant; holiday: Bilingual } | undefined {
  const baseDay = localDayOf(base);
  for (let day = baseDay; day <= baseDay + lookaheadDays; day++) {
    const holiday = calendar.holidayName(localDayStart(day));
    if (!holiday) continue;
    const open = calendar.openingTime(base);
    const remainingMs = Math.min(Math.max(base - open, 0), calendar.closingTime(base) - open);
    const reopen = calendar.nextBusinessInstant(localDayStart(day));
    return { deadline: calendar.addBusinessHours(reopen, remainingMs / HOUR_MS), holiday };
  }
  return undefined;
}

/** allowanceDeadline is where a scenario moves the deadline when the order names no date; undefined when it does not apply. */
function allowanceDeadline(scenario: Scenario, ctx: Context): Instant | undefined {
  const { calendar, base, allowances: a } = ctx;
  switch (scenario) {
    case 'presale':
      return base + a.presaleDays * DAY_MS;
    case 'customer_request':
      return base + a.customerRequestDays * DAY_MS;
    case 'customs':
      return calendar.addWorkdays(base, a.customsWorkdays);
    case 'split_shipment':
      return calendar.addWorkdays(base, a.splitShipmentWorkdays);
    case 'dropship':
      return calendar.addWorkdays(base, a.dropshipWorkdays);
    case 'custom_made':
      return calendar.addWorkdays(base, a.customMadeWorkdays);
    case 'holiday_prestock':
      // A stocking marker only means something with a holiday close by.
      return holidayShift(calendar, base, a.prestockLookaheadDays)?.deadline;
  }
}

function fromPhrase(match: PhraseMatch, source: ExemptionSource, what: Bilingual, ctx: Context, writtenAt: Instant = ctx.order.placedAt): Candidate | undefined {
  // Relative dates are read from when the note was written (a buyer note at
  // checkout, a timeline note at its own time), never from `now`: re-judging
  // next week must not slide "下周再发" another week.
  const requested =
    (match.requested && requestedShipDeadline(match.requested, writtenAt, ctx.calendar)) ??
    (match.window && windowDeadline(match.window, writtenAt, ctx.calendar));
  const newDeadline = requested ?? allowanceDeadline(match.scenario, ctx);
  if (newDeadline === undefined) return undefined;
  return { scenario: match.scenario, source, matched: match.matched, what, newDeadline, explicit: requested !== undefined };
}

function candidates(ctx: Context): Candidate[] {
  const { order, calendar, base } = ctx;
  const found: (Candidate | undefined)[] = [];
  if (order.presale) {
    const kind = PRESALE_KIND_ZH[order.presale.kind];
    const shipBy = order.presale.shipBy;
    const what = { zh: `平台预售标记（${kind}${shipBy ? '，约定发货时间' : ''}）`, en: `platform pre-sale marker (${order.presale.kind}${shipBy ? ', agreed ship date' : ''})` };
    const newDeadline = shipBy ?? allowanceDeadline('presale', ctx) ?? base;
    found.push({ scenario: 'presale', source: 'presale', matched: `presale:${order.presale.kind}`, what, newDeadline, explicit: shipBy !== undefined });
  }
  for (const tag of order.tags) {
    for (const m of findMarker(tag)) found.push(fromPhrase(m, 'tag', { zh: `订单标签“${m.matched}”`, en: `order tag "${m.matched}"` }, ctx));
  }
  for (const item of order.items) {
    for (const attribute of item.attributes ?? []) {
      for (const m of findMarker(attribute)) {
        found.push(fromPhrase(m, 'sku_attribute', { zh: `商品 ${item.sku} 属性“${m.matched}”`, en: `SKU ${item.sku} attribute "${m.matched}"` }, ctx));
      }
    }
  }
  const notes: [ExemptionSource, string | undefined, Bilingual][] = [
    ['buyer_note', order.buyerNote, { zh: '买家留言', en: 'buyer note' }],
    ['seller_note', order.sellerNote, { zh: '卖家备注', en: 'seller note' }],
  ];
  for (const [source, text, label] of notes) {
    for (const m of findPhrases(text ?? '')) found.push(fromPhrase(m, source, { zh: `${label.zh}“${m.matched}”`, en: `${label.en} "${m.matched}"` }, ctx));
  }
  for (const note of ctx.notes) {
    const by = note.author ? { zh: `（${note.author}）`, en: ` (${note.author})` } : { zh: '', en: '' };
    for (const m of findPhrases(note.text)) {
      found.push(fromPhrase(m, 'order_note', { zh: `订单备注${by.zh}“${m.matched}”`, en: `order note${by.en} "${m.matched}"` }, ctx, note.at));
    }
  }
  const shift = holidayShift(calendar, base, 0);
  if (shift) {
    const what = { zh: `原发货期限落在${shift.holiday.zh}假期`, en: `the original deadline falls in the ${shift.holiday.en} holiday` };
    found.push({ scenario: 'holiday_prestock', source: 'calendar', matched: shift.holiday.zh, what, newDeadline: shift.deadline, explicit: false });
  }
  return found.filter((c): c is Candidate => c !== undefined && c.newDeadline > base);
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.explicit !== b.explicit) return a.explicit;
  if (a.newDeadline !== b.newDeadline) return a.newDeadline > b.newDeadline;
  return SOURCE_PRIORITY.indexOf(a.source) < SOURCE_PRIORITY.indexOf(b.source);
}

/**
 * exemptionRecogniser builds the C5 recogniser with the given allowances
 * (defaults in DEFAULT_EXEMPTION_ALLOWANCES). It reads the platform pre-sale
 * marker, tags, SKU attributes, the buyer's and seller's notes and the
 * timeline's notes known by `now` (a lead time a note promises, "预计7-15天完工
 * 后发货", counts as a date the order names), ignoring negated phrases ("不要晚点发"), and keeps one exemption per code: a date the
 * order names beats an allowance, then the later deadline wins. An exemption
 * that would not move the deadline past `baseDeadline` is not one and is dropped.
 */
export function exemptionRecogniser(allowances: Partial<ExemptionAllowances> = {}): ExemptionRecogniser {
  const merged: ExemptionAllowances = { ...DEFAULT_EXEMPTION_ALLOWANCES, ...allowances };
  return (order, calendar, baseDeadline, now, notes = []) => {
    const best = new Map<string, Candidate>();
    // A note written after `now` is not known yet (replays judge the past).
    const known = notes.filter((n) => n.at <= now);
    for (const c of candidates({ order, calendar, base: baseDeadline, allowances: merged, notes: known })) {
      const code = SCENARIO_CODES[c.scenario];
      const held = best.get(code);
      if (!held || better(c, held)) best.set(code, c);
    }
    return EXEMPTION_CODES.flatMap((code) => {
      const c = best.get(code);
      if (!c) return [];
      const reason = exemptionReason(c.what, c.scenario, c.newDeadline, baseDeadline);
      return [{ orderId: order.id, code, reason, source: c.source, matched: c.matched, newDeadline: c.newDeadline }];
    });
  };
}

/** recogniseExemptions finds an order's legitimate delays with the default allowances (see exemptionRecogniser). */
export const recogniseExemptions: ExemptionRecogniser = exemptionRecogniser();
