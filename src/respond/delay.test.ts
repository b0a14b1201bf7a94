import { describe, expect, it } from 'vitest';
import { chineseBusinessCalendar } from '../detect/calendar/index.js';
import { delayBusinessDays, resolutionTarget, responseDeadline } from './index.js';
import { sh } from './test-time.js';

const calendar = chineseBusinessCalendar();

describe('delayBusinessDays', () => {
  it.each([
    { name: 'not late yet', deadline: '2025-11-14 15:00', now: '2025-11-14 14:00', days: 0 },
    { name: 'late, but less than a workday', deadline: '2025-11-14 15:00', now: '2025-11-17 14:59', days: 0 },
    { name: 'Friday 15:00 → Monday 15:00 is one business day, not three', deadline: '2025-11-14 15:00', now: '2025-11-17 15:00', days: 1 },
    { name: 'a full working week', deadline: '2025-11-10 10:00', now: '2025-11-17 10:00', days: 5 },
    { name: 'the National Day week does not count', deadline: '2025-09-30 10:00', now: '2025-10-09 10:00', days: 1 },
    { name: 'a 调休 Sunday counts', deadline: '2025-09-26 15:00', now: '2025-09-29 15:00', days: 2 },
    { name: 'a deadline on a Saturday counts from the next workday', deadline: '2025-11-15 11:00', now: '2025-11-17 11:00', days: 1 },
  ])('$name', ({ deadline, now, days }) => {
    expect(delayBusinessDays(calendar, sh(deadline), sh(now))).toBe(days);
  });
});

describe('responseDeadline', () => {
  it.each([
    { name: 'business: 2 h from Friday 17:30 is Monday 10:30', opened: '2025-11-14 17:30', minutes: 120, clock: 'business', due: '2025-11-17 10:30' },
    { name: 'business: 30 min from 02:00 is 09:30', opened: '2025-11-17 02:00', minutes: 30, clock: 'business', due: '2025-11-17 09:30' },
    { name: 'business: a working day from 10:00 is 10:00 the next workday', opened: '2025-11-17 10:00', minutes: 540, clock: 'business', due: '2025-11-18 10:00' },
    { name: 'wall: 30 min from Saturday 23:50', opened: '2025-11-15 23:50', minutes: 30, clock: 'wall', due: '2025-11-16 00:20' },
  ] as const)('$name', ({ opened, minutes, clock, due }) => {
    expect(responseDeadline(calendar, sh(opened), minutes, clock)).toBe(sh(due));
  });

  it('refuses a negative time', () => {
    expect(() => responseDeadline(calendar, sh('2025-11-17 10:00'), -5, 'wall')).toThrow(RangeError);
  });

  it('counts the resolution target in business hours', () => {
    expect(resolutionTarget(calendar, sh('2025-11-14 17:00'), 9)).toBe(sh('2025-11-17 17:00'));
  });
});
