import { describe, expect, it } from 'vitest';
import { calibrate, conditionalDurationQuantile, durationQuantile, lookup, summariseDurations, type OrderTimeline, type ThresholdPolicy } from './index.js';

const H = 3600_000;
const T0 = Date.UTC(2018, 0, 1);
const ASOF = Date.UTC(2018, 2, 1);

/** 40 orders of category a to SP shipping in 1…40 h, transit 100 h; 5 of category b to SP (100 h); 30 of c to RJ (10 h, transit 50 h). */
function history(): OrderTimeline[] {
  const orders: OrderTimeline[] = [];
  const add = (category: string, state: string, dispatch: number, transit: number): void => {
    const purchasedAt = T0 + orders.length * H;
    orders.push({ purchasedAt, shippedAt: purchasedAt + dispatch * H, deliveredAt: purchasedAt + (dispatch + transit) * H, segment: { category, customerState: state, sellerState: 'SP' } });
  };
  for (let i = 1; i <= 40; i += 1) add('a', 'SP', i, 100);
  for (let i = 0; i < 5; i += 1) add('b', 'SP', 100, 100);
  for (let i = 0; i < 30; i += 1) add('c', 'RJ', 10, 50);
  return orders;
}

const at = (policy: ThresholdPolicy, category: string, state: string) => lookup(calibrate(history(), ASOF, policy), { category, customerState: state }, 'dispatch', { since: T0 });

describe('duration statistics', () => {
  it('keeps the weighted quantile grid of the samples', () => {
    const stats = summariseDurations(Array.from({ length: 40 }, (_, i) => ({ hours: i + 1, weight: 1 })))!;
    expect(stats.count).toBe(40);
    expect(stats.meanHours).toBe(20.5);
    expect(durationQuantile(stats, 0.5)).toBe(20);
    expect(durationQuantile(stats, 0.9)).toBe(36);
    expect(durationQuantile(stats, 0.5125)).toBeCloseTo(20.5);
  });
  it('keeps the upper tail finely: one stuck order among 550 does not set the P99', () => {
    const samples = [...Array.from({ length: 550 }, (_, i) => ({ hours: 2 + (13 * i) / 549, weight: 1 })), { hours: 58, weight: 1 }];
    const stats = summariseDurations(samples)!;
    expect(durationQuantile(stats, 0.99)).toBeLessThan(15.1);
    expect(durationQuantile(stats, 1)).toBe(58);
    // A table calibrated before the tail existed reads as it always did.
    const { tail: _tail, ...old } = stats;
    expect(durationQuantile(old, 0.99)).toBeGreaterThan(30);
  });
  it('weights samples', () => {
    const stats = summariseDurations([{ hours: 1, weight: 1 }, { hours: 10, weight: 9 }])!;
    expect(stats.meanHours).toBe(9.1);
    expect(durationQuantile(stats, 0.5)).toBe(10);
  });
  it('conditions on the time already spent: never earlier than elapsed, later the longer the stall', () => {
    const stats = summariseDurations(Array.from({ length: 40 }, (_, i) => ({ hours: i + 1, weight: 1 })))!;
    expect(conditionalDurationQuantile(stats, 0.5, 0)).toBe(20);
    expect(conditionalDurationQuantile(stats, 0.5, 20)).toBeCloseTo(30);
    expect(conditionalDurationQuantile(stats, 0.5, 60)).toBe(60);
  });
});

describe('threshold policies', () => {
  const cases: { name: string; policy: ThresholdPolicy; category: string; state: string; hours: number; segment: string; sampleSize?: number; en: string }[] = [
    { name: 'fixed', policy: { kind: 'fixed', hours: 48 }, category: 'a', state: 'SP', hours: 48, segment: 'global', en: 'fixed paid → shipped allowance, 48.0 h' },
    { name: 'quantile P90 of its own segment', policy: { kind: 'quantile', q: 0.9 }, category: 'a', state: 'SP', hours: 36, segment: 'a × SP', sampleSize: 40, en: 'P90 of 40 similar orders (a × SP) paid → shipped, 36.0 h' },
    { name: 'quantile falls back to global below 30 samples', policy: { kind: 'quantile', q: 0.5 }, category: 'b', state: 'SP', hours: 10, segment: 'global', sampleSize: 75, en: 'P50 of 75 similar orders (global; fell back from b × SP, only 5) paid → shipped, 10.0 h' },
    // mean 20.5 × 1.8 + (100 − (40·100 + 5·100 + 30·50) / 75 = 20) h SP buffer
    { name: 'seed formula with regional buffer', policy: { kind: 'seed-formula', factor: 1.8 }, category: 'a', state: 'SP', hours: 56.9, segment: 'a × SP', sampleSize: 40, en: 'mean 20.5 h of 40 similar orders (a × SP) paid → shipped × 1.8 + 20.0 h regional buffer (SP) = 56.9 h' },
    { name: 'seed formula: buffer floored at 0', policy: { kind: 'seed-formula', factor: 1.8 }, category: 'c', state: 'RJ', hours: 18, segment: 'c × RJ', sampleSize: 30, en: 'mean 10.0 h of 30 similar orders (c × RJ) paid → shipped × 1.8 + 0.0 h regional buffer (RJ) = 18.0 h' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const threshold = at(c.policy, c.category, c.state)!;
      expect(threshold.hours).toBe(c.hours);
      expect(threshold.deadline).toBeCloseTo(T0 + c.hours * H, -4);
      expect(threshold.segment).toBe(c.segment);
      expect(threshold.sampleSize).toBe(c.sampleSize);
      expect(threshold.derivation.en).toBe(c.en);
      expect(threshold.derivation.zh.length).toBeGreaterThan(5);
      expect(threshold.version).toBe(1);
    });
  }

  it('a category with enough orders is its own fallback level before global', () => {
    const extra = Array.from({ length: 30 }, (_, i): OrderTimeline => ({ purchasedAt: T0 + i * H, shippedAt: T0 + (i + 7) * H, segment: { category: 'b', customerState: 'MG' } }));
    const table = calibrate([...history(), ...extra], ASOF, { kind: 'quantile', q: 0.5 });
    const threshold = lookup(table, { category: 'b', customerState: 'SP' }, 'dispatch', { since: T0 })!;
    expect(threshold.segment).toBe('b');
    expect(threshold.sampleSize).toBe(35);
  });
});

describe('calibration', () => {
  it('never sees an order that completes after asOf (no look-ahead)', () => {
    const late: OrderTimeline = { purchasedAt: ASOF - 10 * H, shippedAt: ASOF + 500 * H, deliveredAt: ASOF + 900 * H, segment: { category: 'a', customerState: 'SP', sellerState: 'SP' } };
    const policy: ThresholdPolicy = { kind: 'quantile', q: 0.9 };
    expect(calibrate([...history(), late], ASOF, policy)).toEqual(calibrate(history(), ASOF, policy));
    expect(calibrate([...history(), late], ASOF + 1000 * H, policy)).not.toEqual(calibrate(history(), ASOF + 1000 * H, policy));
  });

  it('is versioned and survives a JSON round trip', () => {
    const table = calibrate(history(), ASOF, { kind: 'seed-formula', factor: 1.8 }, { version: 7 });
    const copy = JSON.parse(JSON.stringify(table)) as typeof table;
    expect(copy).toEqual(table);
    expect(copy.version).toBe(7);
    expect(copy.asOf).toBe(ASOF);
    expect(lookup(copy, { category: 'a', customerState: 'SP' }, 'dispatch', { since: T0 })).toEqual(lookup(table, { category: 'a', customerState: 'SP' }, 'dispatch', { since: T0 }));
  });

  it('leaves out spans with a negative duration', () => {
    const broken: OrderTimeline = { purchasedAt: T0, shippedAt: T0 - H, segment: { category: 'z' } };
    expect(calibrate([broken], ASOF, { kind: 'quantile', q: 0.5 }).stats.dispatch).toEqual({});
  });
});
