import type { ResponseClock } from '../config/policy/policy-vocabulary.js';
import type { BusinessCalendar } from '../detect/calendar/index.js';
import type { Instant } from '../domain/time.js';

/**
 * delayBusinessDays counts the whole workdays an order is past its deadline:
 * the largest n such that the n-th workday after the deadline's date, at the
 * deadline's time of day, has been reached. A deadline on Friday 15:00 is one
 * business day late on Monday 15:00, not three; 0 before the deadline.
 */
export function delayBusinessDays(calendar: BusinessCalendar, deadline: Instant, now: Instant): number {
  let days = 0;
  // Each step moves at least one calendar day, so the loop ends.
  for (let next = calendar.addWorkdays(deadline, 1); next <= now; next = calendar.addWorkdays(next, 1)) days++;
  return days;
}

/**
 * responseDeadline is when a response is due: `minutes` of warehouse working
 * time after `openedAt` on the business clock (an incident opened at 17:30
 * with 2 h is due 10:30 the next workday with 09:00-18:00 hours), or plain
 * minutes on the wall clock.
 */
export function responseDeadline(calendar: BusinessCalendar, openedAt: Instant, minutes: number, clock: ResponseClock): Instant {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`responseDeadline: minutes must be a non-negative number, got ${minutes}`);
  return clock === 'wall' ? openedAt + minutes * 60_000 : calendar.addBusinessHours(openedAt, minutes / 60);
}

/** resolutionTarget is when an incident should be resolved: `hours` of warehouse working time after `openedAt`. */
export function resolutionTarget(calendar: BusinessCalendar, openedAt: Instant, hours: number): Instant {
  return calendar.addBusinessHours(openedAt, hours);
}
