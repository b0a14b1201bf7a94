import type { Bilingual } from '../../domain/finding.js';

/**
 * The State Council publishes each year's arrangement (放假调休安排) around
 * November of the year before; until then (and whenever the installed
 * chinese-days has no data for a year) we can only know what the law fixes.
 * 《全国年节及纪念日放假办法》 (revised 2024, in force 2025) fixes these
 * solar-calendar days: 元旦 1 月 1 日, 劳动节 5 月 1-2 日, 国庆节 10 月 1-3 日.
 * The lunar holidays (春节, 端午, 中秋) and 清明 are statutory too but move
 * every year; we deliberately leave them out rather than ship our own lunar
 * arithmetic, and there are no 调休 make-up workdays: those exist only by
 * notice. The product says so via `calendarCoverage(year) === 'fallback'`
 * ("2027 年节假日安排尚未发布，按周末+法定节日估算").
 */
const FIXED_STATUTORY: ReadonlyArray<{ readonly month: number; readonly days: readonly number[]; readonly name: Bilingual }> = [
  { month: 1, days: [1], name: { zh: '元旦', en: "New Year's Day" } },
  { month: 5, days: [1, 2], name: { zh: '劳动节', en: 'Labour Day' } },
  { month: 10, days: [1, 2, 3], name: { zh: '国庆节', en: 'National Day' } },
];

/** fallbackHoliday is the fixed-date statutory holiday of a month and day, for years without a published arrangement. */
export function fallbackHoliday(month: number, dayOfMonth: number): Bilingual | undefined {
  for (const h of FIXED_STATUTORY) if (h.month === month && h.days.includes(dayOfMonth)) return h.name;
  return undefined;
}
