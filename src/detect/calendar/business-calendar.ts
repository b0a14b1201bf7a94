import type { Bilingual } from '../../domain/finding.js';
import { HOUR_MS, type Instant } from '../../domain/time.js';
import { calendarDayOf, type CalendarCoverage, type CalendarDay } from './calendar-day.js';
import { localDayOf, localDayStart, type LocalDay } from './local-day.js';
import { DEFAULT_WAREHOUSE_HOURS, warehouseWindow, type WarehouseHours } from './warehouse-hours.js';

/**
 * BusinessCalendar answers questions in business time: Chinese public
 * holidays and 调休 make-up workdays (Asia/Shanghai dates) and the warehouse's
 * working hours on workdays. Instants are UTC milliseconds throughout.
 */
export interface BusinessCalendar {
  readonly warehouseHours: WarehouseHours;
  /** day describes the Shanghai calendar day an instant falls on. */
  day(at: Instant): CalendarDay;
  /** isWorkday tells whether the warehouse works on the Shanghai date of `at` (调休 Saturdays included). */
  isWorkday(at: Instant): boolean;
  /** holidayName is the public holiday `at` falls in (rest days only), or undefined. */
  holidayName(at: Instant): Bilingual | undefined;
  /** coverage says whether the year of `at` is from the published arrangement or estimated. */
  coverage(at: Instant): CalendarCoverage;
  /** addBusinessHours is the instant reached after `hours` of warehouse working time from `from` (0 returns `from`). */
  addBusinessHours(from: Instant, hours: number): Instant;
  /** businessHoursBetween counts the warehouse working hours in [a, b] (negative when b < a). */
  businessHoursBetween(a: Instant, b: Instant): number;
  /** addWorkdays moves to the `days`-th workday after the date of `from`, keeping the local time of day (0 returns `from`). */
  addWorkdays(from: Instant, days: number): Instant;
  /** nextBusinessInstant is `at` when the warehouse is working then, else the next opening time of a workday. */
  nextBusinessInstant(at: Instant): Instant;
  /** openingTime is when the warehouse opens on the Shanghai date of `at` (whether or not it is a workday). */
  openingTime(at: Instant): Instant;
  /** closingTime is when the warehouse closes on the Shanghai date of `at` (whether or not it is a workday). */
  closingTime(at: Instant): Instant;
}

/** BusinessCalendarOptions configure the calendar; everything is optional. */
export interface BusinessCalendarOptions {
  /** Default 09:00-18:00. */
  readonly warehouseHours?: WarehouseHours;
}

// No real calendar has a year without workdays; this only stops a runaway loop.
const MAX_SCAN_DAYS = 366 * 50;

/** chineseBusinessCalendar builds the calendar of mainland China's public holidays with the given warehouse hours. */
export function chineseBusinessCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  const warehouseHours = options.warehouseHours ?? DEFAULT_WAREHOUSE_HOURS;
  const { openMs, closeMs } = warehouseWindow(warehouseHours);
  const isWorkdayDay = (day: LocalDay): boolean => calendarDayOf(day).workday;

  function addBusinessHours(from: Instant, hours: number): Instant {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`addBusinessHours: hours must be a non-negative number, got ${hours}`);
    let remaining = hours * HOUR_MS;
    if (remaining === 0) return from;
    let day = localDayOf(from);
    for (let i = 0; i < MAX_SCAN_DAYS; i++, day++) {
      if (!isWorkdayDay(day)) continue;
      const start = localDayStart(day);
      const begin = Math.max(from, start + openMs);
      const available = start + closeMs - begin;
      if (available <= 0) continue;
      if (remaining <= available) return begin + remaining;
      remaining -= available;
    }
    throw new RangeError('addBusinessHours: no workday found');
  }

  function businessHoursBetween(a: Instant, b: Instant): number {
    if (b < a) return -businessHoursBetween(b, a);
    let total = 0;
    for (let day = localDayOf(a); day <= localDayOf(b); day++) {
      if (!isWorkdayDay(day)) continue;
      const start = localDayStart(day);
      total += Math.max(0, Math.min(b, start + closeMs) - Math.max(a, start + openMs));
    }
    return total / HOUR_MS;
  }

  function addWorkdays(from: Instant, days: number): Instant {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`addWorkdays: days must be a non-negative integer, got ${days}`);
    const timeOfDay = from - localDayStart(localDayOf(from));
    let day = localDayOf(from);
    for (let left = days, i = 0; left > 0; i++) {
      if (i > MAX_SCAN_DAYS) throw new RangeError('addWorkdays: no workday found');
      day++;
      if (isWorkdayDay(day)) left--;
    }
    return localDayStart(day) + timeOfDay;
  }

  function nextBusinessInstant(at: Instant): Instant {
    let day = localDayOf(at);
    for (let i = 0; i < MAX_SCAN_DAYS; i++, day++) {
      if (!isWorkdayDay(day)) continue;
      const start = localDayStart(day);
      if (at < start + closeMs) return Math.max(at, start + openMs);
    }
    throw new RangeError('nextBusinessInstant: no workday found');
  }

  return {
    warehouseHours,
    day: (at) => calendarDayOf(localDayOf(at)),
    isWorkday: (at) => isWorkdayDay(localDayOf(at)),
    holidayName: (at) => calendarDayOf(localDayOf(at)).holiday,
    coverage: (at) => calendarDayOf(localDayOf(at)).coverage,
    addBusinessHours,
    businessHoursBetween,
    addWorkdays,
    nextBusinessInstant,
    openingTime: (at) => localDayStart(localDayOf(at)) + openMs,
    closingTime: (at) => localDayStart(localDayOf(at)) + closeMs,
  };
}
