import { describe, expect, it } from 'vitest';
import { LocalTimeSchema, YuanSchema, localTimeMs, matchesOneOrMany, parseDuration } from './value-schemas.js';

describe('parseDuration', () => {
  it.each([
    { text: '30m', ms: 30 * 60_000 },
    { text: '2h', ms: 2 * 3_600_000 },
    { text: '1h30m', ms: 90 * 60_000 },
    { text: '1d', ms: 24 * 3_600_000 },
    { text: '1d2h', ms: 26 * 3_600_000 },
    { text: '45s', ms: 45_000 },
    { text: ' 5m ', ms: 300_000 },
  ])('reads $text', ({ text, ms }) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '0m', '5', 'm', '2 hours', '1.5h', '30m2h', '-5m'])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('YuanSchema', () => {
  it.each([
    { yuan: 20, fen: 2000 },
    { yuan: 0.1, fen: 10 },
    { yuan: 19.99, fen: 1999 },
    { yuan: 0, fen: 0 },
  ])('reads ¥$yuan as $fen fen', ({ yuan, fen }) => expect(YuanSchema.parse(yuan)).toBe(fen));

  it.each([20.001, -1, Number.NaN])('refuses %s', (yuan) => expect(YuanSchema.safeParse(yuan).success).toBe(false));
});

describe('times of day and matchers', () => {
  it('reads "HH:mm" and "24:00", and refuses the rest', () => {
    expect(localTimeMs('08:30')).toBe(8.5 * 3_600_000);
    expect(LocalTimeSchema.safeParse('24:00').success).toBe(true);
    for (const bad of ['24:01', '8:00', '12:60', 'noon']) expect(LocalTimeSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('matches one value, a list, or anything when absent', () => {
    expect(matchesOneOrMany('A', 'A')).toBe(true);
    expect(matchesOneOrMany('A', 'B')).toBe(false);
    expect(matchesOneOrMany(['A', 'B'], 'B')).toBe(true);
    expect(matchesOneOrMany(['A', 'B'], 'C')).toBe(false);
    expect(matchesOneOrMany(undefined, 'C')).toBe(true);
  });
});
