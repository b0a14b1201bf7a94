import type { Instant } from '../domain/time.js';
import type { ResponsePolicy } from './policy.js';

/**
 * nextReminderAt is when the next reminder of an unanswered notification
 * goes out: the gaps grow (30 min, 1 h, 2 h, 4 h by default) and then settle
 * on `thenEvery` (a day), so a forgotten incident nags without spamming.
 * `remindersSent` counts the reminders already sent after the first
 * notification. Wall-clock time: quiet hours defer reminders separately.
 */
export function nextReminderAt(policy: Pick<ResponsePolicy, 'reminders'>, firstNotifiedAt: Instant, remindersSent: number): Instant {
  if (!Number.isInteger(remindersSent) || remindersSent < 0) throw new RangeError(`nextReminderAt: remindersSent must be a non-negative integer, got ${remindersSent}`);
  const { intervals, thenEvery } = policy.reminders;
  const gaps = Math.min(remindersSent + 1, intervals.length);
  let at = firstNotifiedAt;
  for (let i = 0; i < gaps; i++) at += intervals[i] ?? 0;
  return at + Math.max(0, remindersSent + 1 - intervals.length) * thenEvery;
}
