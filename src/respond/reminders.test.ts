import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import { DEFAULT_POLICY, nextReminderAt, policyOf } from './index.js';

const MIN = 60_000;

describe('nextReminderAt', () => {
  it.each([
    { sent: 0, after: 30 },
    { sent: 1, after: 30 + 60 },
    { sent: 2, after: 30 + 60 + 120 },
    { sent: 3, after: 30 + 60 + 120 + 240 },
    { sent: 4, after: 450 + 1440 },
    { sent: 6, after: 450 + 3 * 1440 },
  ])('after $sent reminder(s), the next comes $after min after the first notification', ({ sent, after }) => {
    expect(nextReminderAt(DEFAULT_POLICY, 1_000_000, sent)).toBe(1_000_000 + after * MIN);
  });

  it('reads the schedule from the policy', () => {
    const policy = policyOf(parseSettings('reminders: { intervals: [10m], thenEvery: 1h }\n', 'p.yaml'));
    expect([0, 1, 2].map((n) => nextReminderAt(policy, 0, n) / MIN)).toEqual([10, 70, 130]);
  });

  it('refuses a negative count', () => {
    expect(() => nextReminderAt(DEFAULT_POLICY, 0, -1)).toThrow(RangeError);
  });
});
