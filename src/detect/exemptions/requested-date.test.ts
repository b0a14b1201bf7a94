import { describe, expect, it } from 'vitest';
import { parseShanghaiTime, type Instant } from '../../domain/time.js';
import { chineseBusinessCalendar } from '../calendar/index.js';
import { findPhrases, type RequestedDate } from './phrases.js';
import { requestedShipDeadline } from './requested-date.js';

function sh(text: string): Instant {
  const at = parseShanghaiTime(text);
  if (at === undefined) throw new Error(`bad test time ${text}`);
  return at;
}

const calendar = chineseBusinessCalendar();

describe('requestedShipDeadline', () => {
  it.each<{ name: string; requested: RequestedDate; written: string; deadline: string | undefined }>([
    { name: '下周 from a Sunday starts tomorrow', requested: { kind: 'next_week' }, written: '2025-11-23 21:00', deadline: '2025-11-25 18:00' },
    { name: '下周 from a Monday is seven days on', requested: { kind: 'next_week' }, written: '2025-11-17 09:00', deadline: '2025-11-25 18:00' },
    { name: '下周 falling in Spring Festival 2026 waits for the break to end', requested: { kind: 'next_week' }, written: '2026-02-11 10:00', deadline: '2026-02-25 18:00' },
    { name: '31号 in November is its last day (a Sunday → Monday)', requested: { kind: 'day_of_month', day: 31 }, written: '2025-11-19 10:00', deadline: '2025-12-01 18:00' },
    { name: 'today\'s date is today', requested: { kind: 'day_of_month', day: 19 }, written: '2025-11-19 10:00', deadline: '2025-11-19 18:00' },
    { name: '5号 in late December is January', requested: { kind: 'day_of_month', day: 5 }, written: '2025-12-20 10:00', deadline: '2026-01-05 18:00' },
    { name: '2月30日 is impossible', requested: { kind: 'month_day', month: 2, day: 30 }, written: '2025-11-19 10:00', deadline: undefined },
    { name: '10月5日 rolls past National Day (2025-10-05 is off)', requested: { kind: 'month_day', month: 10, day: 5 }, written: '2025-09-20 10:00', deadline: '2025-10-09 18:00' },
    { name: '月底 in a 2027 fallback month', requested: { kind: 'month_end' }, written: '2027-04-10 10:00', deadline: '2027-04-30 18:00' },
  ])('$name', ({ requested, written, deadline }) => {
    expect(requestedShipDeadline(requested, sh(written), calendar)).toBe(deadline === undefined ? undefined : sh(deadline));
  });
});

describe('findPhrases', () => {
  it.each([
    { text: '先不要发', scenario: 'customer_request' },
    { text: '等我通知再发货', scenario: 'customer_request' },
    { text: '下个星期再发', scenario: 'customer_request' },
    { text: '节后再发', scenario: 'holiday_prestock' },
  ])('"$text" → $scenario', ({ text, scenario }) => {
    expect(findPhrases(text).map((m) => m.scenario)).toEqual([scenario]);
  });

  it('reads "12月1日" once, as a month and a day', () => {
    expect(findPhrases('12月1日以后再发')).toEqual([{ scenario: 'customer_request', matched: '12月1日以后再发', requested: { kind: 'month_day', month: 12, day: 1 } }]);
  });
});
