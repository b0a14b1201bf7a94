import type { Bilingual } from '../../domain/finding.js';
import { fallbackHoliday } from './fallback-holidays.js';
import { hasOfficialArrangement, officialHoliday, officialMakeUpWorkday } from './holiday-data.js';
import { localDateKey, localDateParts, weekdayOf, type LocalDay } from './local-day.js';

/** CalendarCoverage says whether a year's rest days come from the published arrangement or are estimated. */
export type CalendarCoverage = 'official' | 'fallback';

/** CalendarDay is what the business calendar knows about one Shanghai calendar day. */
export interface CalendarDay {
  readonly day: LocalDay;
  /** "yyyy-MM-dd" in Asia/Shanghai. */
  readonly date: string;
  /** Whether the warehouse works: a weekday that is no holiday, or a 调休 make-up day. */
  readonly workday: boolean;
  /** The public holiday this day is a rest day of. */
  readonly holiday?: Bilingual;
  /** The holiday a 调休 make-up workday pays for (a Saturday or Sunday that is worked). */
  readonly makeUpFor?: Bilingual;
  readonly coverage: CalendarCoverage;
}

/** calendarCoverage tells whether a year's holidays are the State Council's ('official') or weekends plus fixed statutory days ('fallback'). */
export function calendarCoverage(year: number): CalendarCoverage {
  return hasOfficialArrangement(year) ? 'official' : 'fallback';
}

/**
 * calendarCoverageNotice is the warning line to show when a year's holidays are
 * estimated (undefined when the published arrangement is known).
 */
export function calendarCoverageNotice(year: number): Bilingual | undefined {
  if (calendarCoverage(year) === 'official') return undefined;
  return {
    zh: `${year} 年节假日安排尚未发布，按周末+法定节日估算`,
    en: `The ${year} public-holiday arrangement is not published yet; estimated from weekends and fixed statutory holidays`,
  };
}

// Days are immutable facts of the data, so one cache serves every calendar.
const cache = new Map<LocalDay, CalendarDay>();

/** calendarDayOf describes one Shanghai calendar day (cached). */
export function calendarDayOf(day: LocalDay): CalendarDay {
  const hit = cache.get(day);
  if (hit) return hit;
  const value = describe(day);
  cache.set(day, value);
  return value;
}

function describe(day: LocalDay): CalendarDay {
  const date = localDateKey(day);
  const parts = localDateParts(day);
  const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
  if (calendarCoverage(parts.year) === 'fallback') {
    const holiday = fallbackHoliday(parts.month, parts.day);
    return { day, date, workday: !weekend && !holiday, coverage: 'fallback', ...(holiday ? { holiday } : {}) };
  }
  const makeUpFor = officialMakeUpWorkday(date);
  if (makeUpFor) return { day, date, workday: true, makeUpFor, coverage: 'official' };
  const holiday = officialHoliday(date);
  return { day, date, workday: !weekend && !holiday, coverage: 'official', ...(holiday ? { holiday } : {}) };
}
