import { describe, expect, it } from 'vitest';
import { span } from './format.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// The order table printed "4 天 24 小时" and "48 小时" next to "2 天 21 小时": a duration is rounded before it is split into days and hours.
describe('span says a duration the way people say it', () => {
  it('never shows 24 hours beside a day count, nor 60 minutes', () => {
    expect(span(4 * DAY + 23.6 * HOUR)).toBe('5 天');
    expect(span(2 * DAY + 23.7 * HOUR)).toBe('3 天');
    expect(span(47.6 * HOUR)).toBe('2 天');
    expect(span(59.7 * MIN)).toBe('1.0 小时');
    expect(span(9.97 * HOUR)).toBe('10 小时');
  });

  it('keeps the usual forms', () => {
    expect(span(45 * MIN)).toBe('45 分钟');
    expect(span(3.5 * HOUR)).toBe('3.5 小时');
    expect(span(20 * HOUR)).toBe('20 小时');
    expect(span(2 * DAY + 4 * HOUR)).toBe('2 天 4 小时');
    expect(span(-90 * MIN)).toBe('-1.5 小时');
    expect(span(null)).toBe('—');
  });
});
