import { describe, expect, it } from 'vitest';
import { parseShanghaiTime, type Instant } from '../../domain/time.js';
import { calendarCoverage, calendarCoverageNotice, chineseBusinessCalendar, officialYears } from './index.js';

function sh(text: string): Instant {
  const at = parseShanghaiTime(text);
  if (at === undefined) throw new Error(`bad test time ${text}`);
  return at;
}

const calendar = chineseBusinessCalendar();

describe('workdays and holidays', () => {
  it.each([
    { name: '2025-09-28 Sunday is a 调休 make-up workday for National Day', date: '2025-09-28 10:00', workday: true, holiday: undefined },
    { name: '2025-09-30 Tuesday is an ordinary workday', date: '2025-09-30 10:00', workday: true, holiday: undefined },
    { name: '2025-10-01 is National Day', date: '2025-10-01 10:00', workday: false, holiday: '国庆节' },
    { name: '2025-10-06 is Mid-autumn inside the National Day break', date: '2025-10-06 10:00', workday: false, holiday: '中秋' },
    { name: '2025-10-08 Wednesday is still off', date: '2025-10-08 10:00', workday: false, holiday: '国庆节' },
    { name: '2025-10-09 Thursday is back to work', date: '2025-10-09 10:00', workday: true, holiday: undefined },
    { name: '2025-10-11 Saturday is a 调休 make-up workday', date: '2025-10-11 10:00', workday: true, holiday: undefined },
    { name: '2025-10-12 Sunday is an ordinary weekend', date: '2025-10-12 10:00', workday: false, holiday: undefined },
    { name: '2026-02-14 Saturday is a make-up workday before Spring Festival', date: '2026-02-14 10:00', workday: true, holiday: undefined },
    { name: '2026-02-16 is Spring Festival (除夕)', date: '2026-02-16 10:00', workday: false, holiday: '春节' },
    { name: '2026-02-23 Monday is the last day of Spring Festival', date: '2026-02-23 10:00', workday: false, holiday: '春节' },
    { name: '2026-02-24 Tuesday is back to work', date: '2026-02-24 10:00', workday: true, holiday: undefined },
    { name: '2026-02-28 Saturday is a make-up workday after Spring Festival', date: '2026-02-28 10:00', workday: true, holiday: undefined },
    { name: 'fallback 2027-10-01 Friday is National Day', date: '2027-10-01 10:00', workday: false, holiday: '国庆节' },
    { name: 'fallback 2027-10-04 Monday counts as a workday (no notice yet)', date: '2027-10-04 10:00', workday: true, holiday: undefined },
    { name: 'fallback 2027-05-03 Monday counts as a workday', date: '2027-05-03 10:00', workday: true, holiday: undefined },
    { name: 'fallback 2027-01-01 Friday is New Year', date: '2027-01-01 10:00', workday: false, holiday: '元旦' },
    { name: 'fallback 2027-02-06 Saturday is a weekend', date: '2027-02-06 10:00', workday: false, holiday: undefined },
  ])('$name', ({ date, workday, holiday }) => {
    expect(calendar.isWorkday(sh(date))).toBe(workday);
    expect(calendar.holidayName(sh(date))?.zh).toBe(holiday);
  });

  it('uses the Shanghai date, not the UTC date', () => {
    // 2025-09-30 17:00Z is 2025-10-01 01:00 in Shanghai.
    expect(calendar.isWorkday(Date.UTC(2025, 8, 30, 17, 0))).toBe(false);
    expect(calendar.isWorkday(Date.UTC(2025, 8, 30, 15, 59))).toBe(true);
  });

  it('names the holiday a make-up workday pays for', () => {
    expect(calendar.day(sh('2025-09-28 12:00'))).toMatchObject({ date: '2025-09-28', workday: true, makeUpFor: { zh: '国庆节', en: 'National Day' }, coverage: 'official' });
  });
});

describe('coverage', () => {
  it('knows the published years and estimates the rest', () => {
    expect(officialYears()[0]).toBe(2004);
    expect(officialYears().at(-1)).toBe(2026);
    expect(calendarCoverage(2025)).toBe('official');
    expect(calendarCoverage(2026)).toBe('official');
    expect(calendarCoverage(2027)).toBe('fallback');
    expect(calendar.coverage(sh('2027-03-01 10:00'))).toBe('fallback');
    expect(calendarCoverageNotice(2026)).toBeUndefined();
    expect(calendarCoverageNotice(2027)?.zh).toBe('2027 年节假日安排尚未发布，按周末+法定节日估算');
  });
});

describe('addBusinessHours', () => {
  it.each([
    { name: 'Friday 16:00 + 10 h lands on Monday 17:00', from: '2025-11-14 16:00', hours: 10, to: '2025-11-17 17:00' },
    { name: 'before opening starts counting at 09:00', from: '2025-11-17 07:00', hours: 1, to: '2025-11-17 10:00' },
    { name: 'after closing starts counting next workday', from: '2025-11-17 20:00', hours: 1, to: '2025-11-18 10:00' },
    { name: 'a full day ends at closing, not the next opening', from: '2025-11-17 09:00', hours: 9, to: '2025-11-17 18:00' },
    { name: 'zero hours stays put, even outside hours', from: '2025-11-16 03:00', hours: 0, to: '2025-11-16 03:00' },
    { name: 'over National Day 2025 to 10-09', from: '2025-09-30 16:00', hours: 10, to: '2025-10-09 17:00' },
    { name: 'the 调休 Sunday 2025-09-28 is worked', from: '2025-09-26 16:00', hours: 10, to: '2025-09-28 17:00' },
    { name: 'over Spring Festival 2026 via the make-up Saturday', from: '2026-02-13 17:00', hours: 2, to: '2026-02-14 10:00' },
    { name: 'out of the 2026-02-14 make-up day skips the whole break', from: '2026-02-14 17:00', hours: 2, to: '2026-02-24 10:00' },
    { name: 'fallback year: over 2027 National Day (Fri) to Monday', from: '2027-09-30 17:00', hours: 2, to: '2027-10-04 10:00' },
    { name: 'half hours', from: '2025-11-17 17:30', hours: 1.5, to: '2025-11-18 10:00' },
  ])('$name', ({ from, hours, to }) => {
    expect(calendar.addBusinessHours(sh(from), hours)).toBe(sh(to));
  });

  it('respects configured warehouse hours', () => {
    const long = chineseBusinessCalendar({ warehouseHours: { start: '08:30', end: '20:00' } });
    expect(long.addBusinessHours(sh('2025-11-14 16:00'), 10)).toBe(sh('2025-11-17 14:30'));
    expect(long.closingTime(sh('2025-11-14 03:00'))).toBe(sh('2025-11-14 20:00'));
  });

  it('rejects negative hours', () => {
    expect(() => calendar.addBusinessHours(0, -1)).toThrow(RangeError);
  });
});

describe('businessHoursBetween', () => {
  it.each([
    { name: 'one working day', a: '2025-11-17 00:00', b: '2025-11-18 00:00', hours: 9 },
    { name: 'a weekend is zero', a: '2025-11-15 00:00', b: '2025-11-17 00:00', hours: 0 },
    { name: 'across National Day 2025', a: '2025-09-30 09:00', b: '2025-10-09 12:00', hours: 12 },
    { name: 'within one day', a: '2025-11-17 10:15', b: '2025-11-17 11:45', hours: 1.5 },
    { name: 'reversed is negative', a: '2025-11-17 11:45', b: '2025-11-17 10:15', hours: -1.5 },
  ])('$name', ({ a, b, hours }) => {
    expect(calendar.businessHoursBetween(sh(a), sh(b))).toBe(hours);
  });

  it('is the inverse of addBusinessHours', () => {
    const from = sh('2025-09-26 16:20');
    expect(calendar.businessHoursBetween(from, calendar.addBusinessHours(from, 37.5))).toBe(37.5);
  });
});

describe('addWorkdays and helpers', () => {
  it.each([
    { name: 'next workday after the eve of National Day is 10-09', from: '2025-09-30 15:00', days: 1, to: '2025-10-09 15:00' },
    { name: 'Friday + 1 is the 调休 Sunday', from: '2025-09-26 10:00', days: 1, to: '2025-09-28 10:00' },
    { name: 'Friday + 1 is Monday in an ordinary week', from: '2025-11-14 18:00', days: 1, to: '2025-11-17 18:00' },
    { name: 'from a holiday, + 1 is the first workday after', from: '2025-10-03 12:00', days: 1, to: '2025-10-09 12:00' },
    { name: '7 workdays over Spring Festival 2026 end on the make-up Saturday', from: '2026-02-12 18:00', days: 7, to: '2026-02-28 18:00' },
    { name: 'zero stays put', from: '2025-10-03 12:00', days: 0, to: '2025-10-03 12:00' },
  ])('$name', ({ from, days, to }) => {
    expect(calendar.addWorkdays(sh(from), days)).toBe(sh(to));
  });

  it('finds the next business instant', () => {
    expect(calendar.nextBusinessInstant(sh('2025-11-17 10:00'))).toBe(sh('2025-11-17 10:00'));
    expect(calendar.nextBusinessInstant(sh('2025-11-17 18:00'))).toBe(sh('2025-11-18 09:00'));
    expect(calendar.nextBusinessInstant(sh('2025-10-01 00:00'))).toBe(sh('2025-10-09 09:00'));
  });

  it('rejects malformed or overnight warehouse hours at construction', () => {
    expect(() => chineseBusinessCalendar({ warehouseHours: { start: '9:00', end: '18:00' } })).toThrow('warehouseHours.start: expected a time like "09:00", got "9:00"');
    expect(() => chineseBusinessCalendar({ warehouseHours: { start: '22:00', end: '06:00' } })).toThrow('overnight shifts are not supported');
    expect(chineseBusinessCalendar({ warehouseHours: { start: '00:00', end: '24:00' } }).businessHoursBetween(sh('2025-11-17 00:00'), sh('2025-11-19 00:00'))).toBe(48);
  });
});
