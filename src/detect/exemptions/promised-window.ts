/**
 * PromisedWindow is the lead time a note promises for shipping a
 * made-to-order or pre-sale item ("预计7-15天完工后发货", "ships in 10-14
 * business days"): the order is late only after its upper bound.
 */
export interface PromisedWindow {
  /** The lower bound when the note gives a range (7 of "7-15天"). */
  readonly minDays?: number;
  /** The upper bound: the order is due when it has passed. */
  readonly maxDays: number;
  /** Workdays when the note says 工作日 / business days, else calendar days. */
  readonly unit: 'day' | 'workday';
  /** The text that matched, as written. */
  readonly matched: string;
}

// Longer than half a year is not a lead time but a typo or an order number.
const MAX_DAYS = 180;
const NUM = String.raw`(\d{1,3})`;
const RANGE = String.raw`${NUM}\s*(?:[-~～至到—–]|\s*-\s*)\s*${NUM}`;

interface WindowRule {
  readonly pattern: RegExp;
  /** Which groups hold the bounds: [min, max] for a range, [max] for a single figure. */
  readonly range: boolean;
}

// A range or a single figure with a unit, then (within a few characters) a
// word saying it is about shipping or completing: a bare "7天无理由退货" is a
// return policy, not a lead time, and must stay silent.
const SHIP_WORD_ZH = String.raw`(?:[^，。；,;!！?？\n]{0,8}?(?:发货|发出|出货|寄出|完工|做好|生产|制作|交货|到货))`;
const ZH_UNIT = String.raw`\s*(?:个)?\s*(工作日|天|日)(?:内|左右|以内)?`;
const EN_UNIT = String.raw`\s*(business|working)?\s*days?`;

const ZH_RULES: readonly WindowRule[] = [
  // 预计7-15天完工后发货, 7~15个工作日发货, 付款后10-20天内发出
  { pattern: new RegExp(`${RANGE}${ZH_UNIT}${SHIP_WORD_ZH}`, 'u'), range: true },
  // 预计15天发货, 15天内发货, 下单后20个工作日出货
  { pattern: new RegExp(`(?<![\\d\\-~～])${NUM}${ZH_UNIT}${SHIP_WORD_ZH}`, 'u'), range: false },
  // 发货时间：7-15天, 生产周期15-20个工作日
  { pattern: new RegExp(`(?:发货|生产周期|制作周期|工期|货期)[^，。；,;\\d]{0,6}${RANGE}${ZH_UNIT}`, 'u'), range: true },
  { pattern: new RegExp(`(?:发货|生产周期|制作周期|工期|货期)[^，。；,;\\d]{0,6}${NUM}${ZH_UNIT}`, 'u'), range: false },
];

const EN_SHIP = String.raw`(?:ship|ships|shipped|shipping|dispatch|dispatched|dispatches|ready|produced|production|lead time)`;
const EN_RULES: readonly WindowRule[] = [
  // ships in 7-15 days, dispatched within 10-14 business days, lead time: 7 to 15 days
  { pattern: new RegExp(String.raw`${EN_SHIP}\D{0,20}?${NUM}\s*(?:-|~|to)\s*${NUM}${EN_UNIT}`, 'iu'), range: true },
  { pattern: new RegExp(String.raw`${EN_SHIP}\D{0,20}?${NUM}${EN_UNIT}`, 'iu'), range: false },
  // 7-15 days to make, 10 business days production
  { pattern: new RegExp(String.raw`${NUM}\s*(?:-|~|to)\s*${NUM}${EN_UNIT}\s*(?:to\s+)?(?:make|produce|production|lead time|before shipping)`, 'iu'), range: true },
];

function toWindow(m: RegExpExecArray, rule: WindowRule, unitGroup: string | undefined, en: boolean): PromisedWindow | undefined {
  const first = Number(m[1]);
  const second = rule.range ? Number(m[2]) : undefined;
  const minDays = second === undefined ? undefined : Math.min(first, second);
  const maxDays = second === undefined ? first : Math.max(first, second);
  if (!(maxDays > 0) || maxDays > MAX_DAYS) return undefined;
  const workday = en ? unitGroup !== undefined && unitGroup !== '' : unitGroup === '工作日';
  return { ...(minDays !== undefined ? { minDays } : {}), maxDays, unit: workday ? 'workday' : 'day', matched: m[0].trim() };
}

/**
 * findPromisedWindow reads the lead time a note promises before shipping, in
 * Chinese or English, or undefined when it names none. Only figures tied to
 * shipping or production count: "7天无理由退货" and "order 20 days ago" do not.
 */
export function findPromisedWindow(text: string): PromisedWindow | undefined {
  if (text.trim() === '') return undefined;
  for (const rule of ZH_RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    const unit = rule.range ? m[3] : m[2];
    const window = toWindow(m, rule, unit, false);
    if (window) return window;
  }
  for (const rule of EN_RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    const unit = rule.range ? m[3] : m[2];
    const window = toWindow(m, rule, unit, true);
    if (window) return window;
  }
  return undefined;
}
