import { describe, expect, it } from 'vitest';
import type { BacktestOrder } from './backtest-order.js';
import { backtestCurve, runBacktest, type BacktestOptions } from './index.js';

const H = 3600_000;
const T0 = Date.UTC(2018, 0, 10);
const WINDOW = { trainFrom: Date.UTC(2017, 0, 1), trainTo: Date.UTC(2018, 0, 1), testFrom: Date.UTC(2018, 0, 1), testTo: Date.UTC(2018, 1, 1), recalibrate: 'monthly' } as const;

function order(id: string, state: string, times: { ship?: number; deliver?: number; promise?: number }, status = 'delivered'): BacktestOrder {
  return {
    id,
    status,
    purchasedAt: T0,
    ...(times.ship !== undefined ? { shippedAt: T0 + times.ship * H } : {}),
    ...(times.deliver !== undefined ? { deliveredAt: T0 + times.deliver * H } : {}),
    // The promise runs to the end of its day: the last instant on time is 1 ms before the next day's 00:00.
    ...(times.promise !== undefined ? { promisedBy: T0 + times.promise * H - 1 } : {}),
    segment: { category: 'x', customerState: state, sellerState: 'SP' },
    weight: status === 'delivered' ? 10 : 1,
  };
}

/** Ten orders with known answers under "not shipped 48 h after purchase"; leads count to 00:00 of the promised date, 24 h before its end. */
const TEN: BacktestOrder[] = [
  order('A', 'SP', { ship: 24, deliver: 100, promise: 240 }), // on time, no alert
  order('B', 'SP', { ship: 60, deliver: 300, promise: 240 }), // late, alerted, lead 240 − 24 − 48 = 168 h
  order('C', 'SP', { ship: 72, deliver: 200, promise: 240 }), // on time, alerted: false alarm
  order('D', 'SP', { ship: 30, deliver: 260, promise: 240 }), // late, missed
  order('E', 'SP', { ship: 50, deliver: 250, promise: 200 }), // late, alerted, lead 128 h
  order('F', 'RJ', { ship: 10, deliver: 50, promise: 240 }), // on time, no alert
  order('G', 'RJ', { deliver: 245, promise: 100 }), // late, never shipped on record: alerted, lead 28 h
  order('H', 'RJ', { ship: 49, deliver: 120, promise: 240 }), // on time, alerted: false alarm
  order('I', 'RJ', { promise: 240 }, 'canceled'), // not judged, alerted
  order('J', 'RJ', { ship: 20, deliver: 90 }), // not judged: no promise
];

describe('runBacktest', () => {
  const result = runBacktest(TEN, { ...WINDOW, policy: { kind: 'fixed', hours: 48 } });

  it('scores the hand-made set exactly', () => {
    expect(result.judged).toBe(8);
    expect(result.late).toBe(4);
    expect(result.alerts).toBe(6);
    expect(result.alertsWeighted).toBe(51);
    expect(result.alerted).toBe(5);
    expect(result.truePositives).toBe(3);
    expect(result.precision).toBeCloseTo(0.6);
    expect(result.falseAlarmShare).toBeCloseTo(0.4);
    expect(result.recall).toBeCloseTo(0.75);
    expect(result.recallBeforeBreach).toBeCloseTo(0.75);
    expect(result.leadTimeHoursMedian).toBe(128);
    expect(result.alertList.map((a) => a.orderId)).toEqual(['B', 'C', 'E', 'G', 'H', 'I']);
  });

  it('says why orders were not judged', () => {
    expect(result.skipped).toEqual({ 'status canceled (not judged)': 1, 'no promised date': 1 });
    expect(result.anomalies).toEqual({ 'no carrier hand-over date': 1, 'no approval date': 8 });
  });

  it('breaks quality down by segment', () => {
    const sp = result.bySegment.find((s) => s.segment === 'SP')!;
    expect(sp).toMatchObject({ judged: 5, late: 3, alerted: 3, truePositives: 2 });
    expect(sp.recall).toBeCloseTo(2 / 3);
  });

  it('judges only orders purchased in the test window', () => {
    const outside = runBacktest(TEN, { ...WINDOW, testFrom: Date.UTC(2018, 1, 1), testTo: Date.UTC(2018, 2, 1), policy: { kind: 'fixed', hours: 48 } });
    expect(outside.judged).toBe(0);
    expect(outside.falseAlarmShare).toBeNull();
    expect(outside.recall).toBeNull();
  });

  it('refuses a test period that starts before training ends', () => {
    const options: BacktestOptions = { ...WINDOW, trainTo: Date.UTC(2018, 0, 15), policy: { kind: 'fixed', hours: 48 } };
    expect(() => runBacktest(TEN, options)).toThrow(RangeError);
  });
});

describe('backtestCurve', () => {
  it('gives one point per setting, in order', () => {
    const points = backtestCurve(TEN, WINDOW, [{ kind: 'fixed', hours: 48 }, { kind: 'fixed', hours: 70 }]);
    expect(points.map((p) => [p.label, p.recall, p.falseAlarmShare])).toEqual([
      ['fixed 48h', 0.75, expect.closeTo(0.4)],
      ['fixed 70h', 0.25, 0.5], // C (false alarm) and G,
    ]);
  });
});
