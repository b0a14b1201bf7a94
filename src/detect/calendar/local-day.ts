import { BUSINESS_UTC_OFFSET_MS, DAY_MS, type Instant } from '../../domain/time.js';

/**
 * LocalDay is an Asia/Shanghai calendar day counted as days since 1970-01-01.
 * Shanghai has no daylight saving, so every local day is exactly 24 h long and
 * day arithmetic is integer arithmetic: no Date objects, no machine timezone.
 */
export type LocalDay = number;

/** localDayOf is the Shanghai calendar day an instant falls on. */
export function localDayOf(at: Instant): LocalDay {
  return Math.floor((at + BUSINESS_UTC_OFFSET_MS) / DAY_MS);
}

/** localDayStart is the instant of local midnight that starts the day. */
export function localDayStart(day: LocalDay): Instant {
  return day * DAY_MS - BUSINESS_UTC_OFFSET_MS;
}

/** localDateKey renders the day as "yyyy-MM-dd". */
export function localDateKey(day: LocalDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** LocalDateParts is a day's year, month (1-12) and day of month. */
export interface LocalDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** localDateParts splits the day into year, month (1-12) and day of month. */
export function localDateParts(day: LocalDay): LocalDateParts {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** localDayFromParts is the day of a year, month (1-12) and day of month, or undefined for an impossible date (2 月 30 日). */
export function localDayFromParts(year: number, month: number, dayOfMonth: number): LocalDay | undefined {
  const ms = Date.UTC(year, month - 1, dayOfMonth);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== dayOfMonth) return undefined;
  return ms / DAY_MS;
}

/** daysInMonth is how many days a month (1-12) of a year has. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** weekdayOf is the day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: LocalDay): number {
  return (((day + 4) % 7) + 7) % 7;
}
