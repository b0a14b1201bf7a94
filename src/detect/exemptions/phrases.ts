import type { ExemptionCode } from '../../domain/finding.js';
import { isNegated } from './negation.js';
import { findPromisedWindow, type PromisedWindow } from './promised-window.js';

/**
 * Scenario is a legitimate-delay scenario as recognised; it is finer than the
 * exemption code because made-to-order items are recorded as `exempt.dropship`
 * (waiting for someone else's production schedule) with their own allowance.
 */
export type Scenario = 'presale' | 'customer_request' | 'customs' | 'split_shipment' | 'dropship' | 'custom_made' | 'holiday_prestock';

/** SCENARIO_CODES maps each scenario to the stable exemption code it is recorded under. */
export const SCENARIO_CODES: Readonly<Record<Scenario, ExemptionCode>> = {
  presale: 'exempt.presale',
  customer_request: 'exempt.customer_request',
  customs: 'exempt.customs',
  split_shipment: 'exempt.split_shipment',
  dropship: 'exempt.dropship',
  custom_made: 'exempt.dropship',
  holiday_prestock: 'exempt.holiday_prestock',
};

/** RequestedDate is the ship date a customer's note names, still relative to when it was written. */
export type RequestedDate =
  | { readonly kind: 'month_day'; readonly month: number; readonly day: number }
  | { readonly kind: 'day_of_month'; readonly day: number }
  /** weekday 1 = Monday … 7 = Sunday, when the note names one (下周三). */
  | { readonly kind: 'next_week'; readonly weekday?: number }
  | { readonly kind: 'month_end' };

/** PhraseMatch is one recognised phrase of a note or tag. */
export interface PhraseMatch {
  readonly scenario: Scenario;
  /** The text that matched, as written. */
  readonly matched: string;
  readonly requested?: RequestedDate;
  /** The lead time the same text promises ("预计7-15天完工后发货"): it governs instead of the scenario's allowance. */
  readonly window?: PromisedWindow;
}

interface PhraseRule {
  readonly scenario: Scenario;
  readonly pattern: RegExp;
  readonly requested?: (m: RegExpExecArray) => RequestedDate | undefined;
}

const WEEKDAYS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
// "再"/"才" and a trailing 货 are optional everywhere: 下周发, 下周再发, 下周再发货.
const THEN_SHIP = String.raw`\s*(?:再|才)?\s*发`;

// Every pattern is global (matchAll); they never match a bare "发货", so "快点发货！" stays silent.
const RULES: readonly PhraseRule[] = [
  {
    scenario: 'customer_request',
    pattern: new RegExp(String.raw`(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:之后|以后|后)?${THEN_SHIP}`, 'g'),
    requested: (m) => ({ kind: 'month_day', month: Number(m[1]), day: Number(m[2]) }),
  },
  {
    scenario: 'customer_request',
    // Not preceded by 月 or a digit, so "12月1日后发" is read once, as a month and a day.
    pattern: new RegExp(String.raw`(?<![月\d])(\d{1,2})\s*[号日]\s*(?:之后|以后|后)?${THEN_SHIP}`, 'g'),
    requested: (m) => ({ kind: 'day_of_month', day: Number(m[1]) }),
  },
  {
    scenario: 'customer_request',
    pattern: new RegExp(String.raw`下个?(?:周|星期|礼拜)([一二三四五六日天])?${THEN_SHIP}`, 'g'),
    requested: (m) => {
      const weekday = m[1] === undefined ? undefined : WEEKDAYS[m[1]];
      return weekday === undefined ? { kind: 'next_week' } : { kind: 'next_week', weekday };
    },
  },
  { scenario: 'customer_request', pattern: new RegExp(String.raw`月底${THEN_SHIP}`, 'g'), requested: () => ({ kind: 'month_end' }) },
  {
    scenario: 'customer_request',
    pattern: new RegExp(
      String.raw`(?:晚点|晚些|晚几天|过几天|过两天|过段时间|改天|迟点|迟些)${THEN_SHIP}|(?:延迟|延后|推迟|暂缓)\s*发|等(?:我|我们)?的?通知${THEN_SHIP}|先(?:别|不要|不|暂时不要|暂时别)\s*发|暂时(?:不要|别|不)\s*发`,
      'g',
    ),
  },
  { scenario: 'presale', pattern: /预售|\bpre-?orders?\b|\bpre-?sale\b/giu },
  { scenario: 'customs', pattern: /清关|跨境|保税|海外直邮/g },
  { scenario: 'split_shipment', pattern: /分批发|分开发|拆单发|分开寄|分多个包裹/g },
  { scenario: 'dropship', pattern: /厂家直发|工厂直发|厂家发货|一件代发|代发/g },
  { scenario: 'custom_made', pattern: /定制|订制|\bmade[ -]to[ -]order\b|\bcustom[ -]made\b|\bbespoke\b/giu },
  { scenario: 'holiday_prestock', pattern: /节前备货|春节备货|年货|节后(?:再|才)?发/g },
];

/** Scenarios whose wait a promised lead time in the same note describes. */
const WINDOWED: ReadonlySet<Scenario> = new Set(['custom_made', 'presale', 'dropship']);
// A lead time on its own is a promise only in a shop's words of estimate or
// production: "预计15天发货" is one, a buyer's "3日内发货" is a demand to hurry.
const ESTIMATE = /预计|大约|大概|约需|完工|生产|制作|做好|工期|货期|周期|\bestimated\b|\bexpected\b|\bproduction\b|\blead time\b|\bmade\b/iu;

/**
 * findPhrases lists the delay phrases in a note or tag, the first un-negated
 * match of each rule. A promised lead time in the same text ("预计7-15天完工后
 * 发货") is attached to the made-to-order, pre-sale or drop-ship phrase it
 * explains; a lead time alone in words of estimate ("预计15天发货") is read as
 * made-to-order: the shop told the buyer the item is made after the order.
 */
export function findPhrases(text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      if (isNegated(text, m.index)) continue;
      const requested = rule.requested?.(m);
      found.push({ scenario: rule.scenario, matched: m[0].trim(), ...(requested ? { requested } : {}) });
      break;
    }
  }
  const window = findPromisedWindow(text);
  if (!window) return found;
  const explained = found.filter((f) => WINDOWED.has(f.scenario));
  if (explained.length === 0) return ESTIMATE.test(text) ? [...found, { scenario: 'custom_made', matched: window.matched, window }] : found;
  return found.map((f) => (WINDOWED.has(f.scenario) ? { ...f, matched: `${f.matched}…${window.matched}`, window } : f));
}

// Machine markers that ERPs and platforms put in tags and SKU attributes; matched whole, case-insensitively.
const MARKERS: Readonly<Record<string, Scenario>> = {
  presale: 'presale',
  pre_sale: 'presale',
  'pre-sale': 'presale',
  delay_requested: 'customer_request',
  customer_delay: 'customer_request',
  hold_shipment: 'customer_request',
  cross_border: 'customs',
  crossborder: 'customs',
  bonded: 'customs',
  overseas_direct: 'customs',
  customs: 'customs',
  split_shipment: 'split_shipment',
  bulky: 'split_shipment',
  multi_parcel: 'split_shipment',
  dropship: 'dropship',
  drop_ship: 'dropship',
  supplier_direct: 'dropship',
  custom_made: 'custom_made',
  made_to_order: 'custom_made',
  holiday_prestock: 'holiday_prestock',
  prestock: 'holiday_prestock',
};

/** findMarker reads a tag or SKU attribute: a known machine marker, else the Chinese phrases in it. */
export function findMarker(value: string): PhraseMatch[] {
  const scenario = MARKERS[value.trim().toLowerCase()];
  if (scenario) return [{ scenario, matched: value.trim() }];
  return findPhrases(value);
}
