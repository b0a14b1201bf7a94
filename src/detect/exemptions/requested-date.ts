import type { Instant } from '../../domain/time.js';
import {
  daysInMonth,
  localDateParts,
  localDayFromParts,
  localDayOf,
  localDayStart,
  weekdayOf,
  type BusinessCalendar,
  type LocalDay,
} from '../calendar/index.js';
import type { RequestedDate } from './phrases.js';
import type { PromisedWindow } from './promised-window.js';

/**
 * requestedShipDeadline turns the date a customer named into a deadline: the
 * close of warehouse hours on that day, or on the first workday after it when
 * the warehouse is shut that day ("25号再发" and the 25th is a Sunday). Relative
 * dates are read from `writtenAt`: "25号" is the next 25th on or after it,
 * "12月1日" the next 1 December, "月底" the last day of its month, and "下周"
 * the first workday of the following week plus one workday of slack. Returns
 * undefined for an impossible date (2月30日), which the caller treats as a
 * request without a date.
 */
export function requestedShipDeadline(requested: RequestedDate, writtenAt: Instant, calendar: BusinessCalendar): Instant | undefined {
  const anchor = localDayOf(writtenAt);
  const closeOn = (day: LocalDay): Instant => calendar.closingTime(calendar.nextBusinessInstant(localDayStart(day)));
  const today = localDateParts(anchor);
  switch (requested.kind) {
    case 'month_day': {
      const thisYear = localDayFromParts(today.year, requested.month, requested.day);
      if (thisYear === undefined) return undefined;
      const day = thisYear >= anchor ? thisYear : localDayFromParts(today.year + 1, requested.month, requested.day);
      return day === undefined ? undefined : closeOn(day);
    }
    case 'day_of_month': {
      if (requested.day < 1 || requested.day > 31) return undefined;
      // "31号" in a 30-day month means its last day.
      const inMonth = (year: number, month: number): LocalDay | undefined =>
        localDayFromParts(year, month, Math.min(requested.day, daysInMonth(year, month)));
      const next = today.month === 12 ? { year: today.year + 1, month: 1 } : { year: today.year, month: today.month + 1 };
      const day = requested.day >= today.day ? inMonth(today.year, today.month) : inMonth(next.year, next.month);
      return day === undefined ? undefined : closeOn(day);
    }
    case 'next_week': {
      // Chinese weeks start on Monday: from a Sunday, "下周" begins tomorrow.
      const nextMonday = anchor + 7 - ((weekdayOf(anchor) + 6) % 7);
      if (requested.weekday !== undefined) return closeOn(nextMonday + requested.weekday - 1);
      const firstShipDay = calendar.nextBusinessInstant(localDayStart(nextMonday));
      return calendar.closingTime(calendar.addWorkdays(firstShipDay, 1));
    }
    case 'month_end':
      return closeOn(localDayFromParts(today.year, today.month, daysInMonth(today.year, today.month)) ?? anchor);
  }
}

/**
 * windowDeadline is when a promised lead time runs out: the close of warehouse
 * hours on the last day of the window counted from `writtenAt` (the first
 * workday after it when the warehouse is shut), or on the `maxDays`-th workday
 * when the window is counted in workdays. "预计7-15天" counts to the 15th day:
 * the shop promised at most that.
 */
export function windowDeadline(window: PromisedWindow, writtenAt: Instant, calendar: BusinessCalendar): Instant {
  if (window.unit === 'workday') return calendar.closingTime(calendar.addWorkdays(writtenAt, window.maxDays));
  const lastDay = localDayOf(writtenAt) + window.maxDays;
  return calendar.closingTime(calendar.nextBusinessInstant(localDayStart(lastDay)));
}
