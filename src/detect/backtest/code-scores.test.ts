import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../domain/time.js';
import { shareInterval95 } from './alert-quality.js';
import { scoreCodes, type OrderOutcome, type ReplayedOrder } from './code-scores.js';

const T0 = Date.UTC(2018, 2, 1, 3);
const DAY_START = T0 + 10 * DAY_MS;
const END = DAY_START + DAY_MS - 1;
const SHIP_BY = T0 + 2 * DAY_MS;

function outcome(id: string, deliveredAfterDayStartHours: number | undefined, over: Partial<OrderOutcome> = {}): OrderOutcome {
  return {
    id,
    status: deliveredAfterDayStartHours === undefined ? 'canceled' : 'delivered',
    purchasedAt: T0,
    ...(deliveredAfterDayStartHours !== undefined ? { deliveredAt: DAY_START + deliveredAfterDayStartHours * HOUR_MS } : {}),
    promisedDayStart: DAY_START,
    promisedBy: END,
    shipBy: SHIP_BY,
    shippedAt: T0 + DAY_MS,
    ...over,
  };
}

const warnAt = DAY_START - 48 * HOUR_MS;
/** Five orders: two late (one warned), one on time after a warning, one on time early, one cancelled but warned. */
const ORDERS: ReplayedOrder[] = [
  { outcome: outcome('late-warned', 30), raised: [{ code: 'promise.at_risk', key: 'delivery', firstAt: warnAt }, { code: 'promise.breached', key: 'delivery', firstAt: END + 1000 }] },
  { outcome: outcome('late-missed', 50, { shippedAt: SHIP_BY + 5 * HOUR_MS }), raised: [{ code: 'promise.breached', key: 'delivery', firstAt: END + 1000 }, { code: 'promise.breached', key: 'ship', firstAt: SHIP_BY + 1000 }, { code: 'stage.stalled', key: 'paid', firstAt: T0 + 30 * HOUR_MS }] },
  { outcome: outcome('on-time-warned', 10), raised: [{ code: 'promise.at_risk', key: 'delivery', firstAt: warnAt }, { code: 'stage.stalled', key: 'reviewed', firstAt: T0 + 40 * HOUR_MS }] },
  { outcome: outcome('on-time-early', -100), raised: [] },
  { outcome: outcome('cancelled', undefined), raised: [{ code: 'promise.at_risk', key: 'delivery', firstAt: warnAt }] },
];

describe('scoreCodes', () => {
  const scores = scoreCodes(ORDERS);
  const find = (code: string, key: string | undefined, against: string) => scores.find((s) => s.code === code && s.key === key && s.against === against)!;

  it('scores the promise warning on delivered orders, with the lead to 00:00 of the promised date', () => {
    expect(find('promise.at_risk', 'delivery', 'late-delivery')).toMatchObject({ alerts: 3, judged: 4, late: 2, alerted: 2, truePositives: 1, falseAlarmShare: 0.5, recall: 0.5, leadTimeHoursMedian: 48 });
  });

  it('scores a breach as the fact it is (lead −24 h: the end of the promised day)', () => {
    const breach = find('promise.breached', 'delivery', 'late-delivery');
    expect(breach).toMatchObject({ alerted: 2, falseAlarmShare: 0, recall: 1 });
    expect(breach.leadTimeHoursMedian).toBeCloseTo(-24, 3);
  });

  it('scores stalls against late delivery: the false-alarm share is the share still delivered on time', () => {
    expect(find('stage.stalled', undefined, 'late-delivery')).toMatchObject({ alerted: 2, truePositives: 1, falseAlarmShare: 0.5, recall: 0.5 });
  });

  it('scores the ship-by codes against their own deadline and against late delivery', () => {
    expect(find('promise.breached', 'ship', 'ship-by')).toMatchObject({ judged: 4, late: 1, alerted: 1, falseAlarmShare: 0, recall: 1 });
    expect(find('promise.breached', 'ship', 'late-delivery')).toMatchObject({ alerted: 1, recall: 0.5 });
  });
});

describe('shareInterval95', () => {
  it('is the Wilson interval: 49 false alarms in 178 alerts, 27.5 %, lie in 21.5 % … 34.5 %', () => {
    const [lo, hi] = shareInterval95(49, 178)!;
    expect(lo).toBeCloseTo(0.2149, 4);
    expect(hi).toBeCloseTo(0.3451, 4);
    expect(shareInterval95(0, 0)).toBeNull();
  });
});
