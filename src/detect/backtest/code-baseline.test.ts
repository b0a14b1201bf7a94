import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../domain/time.js';
import { checkpointBaseline, checkpointRule, codeBaseline } from './code-baseline.js';
import { scoreCodes, type OrderOutcome, type ReplayedOrder } from './code-scores.js';

const T0 = Date.UTC(2018, 2, 1, 3);
const DAY_START = T0 + 10 * DAY_MS;
const END = DAY_START + DAY_MS - 1;
const SHIP_BY = T0 + 2 * DAY_MS;

/** outcome is an order paid at T0, promised for DAY_START's date, delivered that many hours after 00:00 of it (undefined: cancelled). */
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

// Two late (one shipped after its ship-by deadline), one delivered 10 h into its promised day, one long before, one cancelled.
const OUTCOMES = [outcome('late-a', 30), outcome('late-b', 50, { shippedAt: SHIP_BY + 5 * HOUR_MS }), outcome('on-time-late-in-day', 10), outcome('on-time-early', -100), outcome('cancelled', undefined)];

describe('checkpointRule', () => {
  it('warns every order not delivered L hours before 00:00 of its promised date', () => {
    const b = checkpointBaseline(OUTCOMES, 48);
    // Warned: both late ones, the one that arrived 10 h into its promised day, and the cancelled one (not judged).
    expect(b).toMatchObject({ alerts: 4, judged: 4, alerted: 3, truePositives: 2, recall: 1, leadTimeHoursMedian: 48 });
    expect(b.falseAlarmShare).toBeCloseTo(1 / 3, 12);
  });

  it('at −24 h is the truth itself: not delivered by the end of the promised date', () => {
    expect(checkpointRule(OUTCOMES, 'late-delivery', -24)).toMatchObject({ alerted: 2, truePositives: 2, falseAlarmShare: 0, recall: 1 });
  });

  it('judges an order placed after its checkpoint when it was placed', () => {
    const placedLate = outcome('short', 30, { purchasedAt: DAY_START - 10 * HOUR_MS });
    expect(checkpointBaseline([placedLate], 48).leadTimeHoursMedian).toBe(10);
  });

  it('for the ship-by deadline warns every order not handed over L hours before it', () => {
    // 12 h before the deadline only late-b (shipped 5 h after it) is not shipped; the others left on day 1.
    expect(checkpointRule(OUTCOMES, 'ship-by', 12)).toMatchObject({ alerts: 1, judged: 4, late: 1, alerted: 1, truePositives: 1, falseAlarmShare: 0, recall: 1, leadTimeHoursMedian: 12 });
    // 40 h before it (T0 + 8 h) nothing had been shipped: four judged orders warned, three of them false alarms.
    expect(checkpointRule(OUTCOMES, 'ship-by', 40)).toMatchObject({ alerted: 4, falseAlarmShare: 0.75 });
  });
});

describe('codeBaseline', () => {
  const replay = (raised: Record<string, number>): ReplayedOrder[] =>
    OUTCOMES.map((o) => ({ outcome: o, raised: o.id in raised ? [{ code: 'promise.at_risk', key: 'delivery', firstAt: raised[o.id]! }] : [] }));
  const warning = (raised: Record<string, number>) => scoreCodes(replay(raised), [{ code: 'promise.at_risk', key: 'delivery', against: ['late-delivery'] }])[0]!;
  const at48 = DAY_START - 48 * HOUR_MS;

  it('is better with fewer false alarms than the checkpoint at its own lead', () => {
    const b = codeBaseline(OUTCOMES, warning({ 'late-a': at48, 'late-b': at48 }))!;
    expect(b).toMatchObject({ rule: 'not delivered 48 h before 00:00 of the promised date', leadHours: 48, verdict: 'better', recallDelta: 0 });
    expect(b.falseAlarmShareDelta).toBeCloseTo(-1 / 3, 12);
  });

  it('is the same when it warns what the checkpoint warns', () => {
    const b = codeBaseline(OUTCOMES, warning({ 'late-a': at48, 'late-b': at48, 'on-time-late-in-day': at48 }))!;
    expect(b.verdict).toBe('same');
    expect(b.falseAlarmShareDelta).toBeCloseTo(0, 12);
  });

  it('is worse with more false alarms, or as many and fewer late orders caught', () => {
    // Warned 100 h ahead: the checkpoint there warns both late ones and the one delivered on its promised day (the early one
    // arrived exactly then); this code warns one late and both on-time orders.
    const at100 = DAY_START - 100 * HOUR_MS;
    const worse = codeBaseline(OUTCOMES, warning({ 'late-a': at100, 'on-time-late-in-day': at100, 'on-time-early': at100 }))!;
    expect(worse.leadHours).toBe(100);
    expect(worse.falseAlarmShare).toBeCloseTo(1 / 3, 12);
    expect(worse.atMedianLead!.falseAlarmShare).toBeCloseTo(1 / 3, 12);
    expect(worse.falseAlarmShareDelta).toBeCloseTo(1 / 3, 12);
    expect(worse.verdict).toBe('worse');
    const fewerCaught = codeBaseline(OUTCOMES, warning({ 'late-a': at48, 'on-time-late-in-day': at48 }))!;
    expect(fewerCaught.falseAlarmShareDelta).toBeCloseTo(0.5 - 1 / 3, 12);
    expect(fewerCaught.verdict).toBe('worse');
  });

  it('is matched to each alert\'s own lead, not only the median one', () => {
    // late-a warned 48 h ahead (the checkpoint there: 1/3 false alarms), on-time-late-in-day warned 5 h into its
    // promised day (the checkpoint at −5 h warns late-a, late-b and it: 1/3), late-b after the end of its day (−30 h:
    // only the late ones are still open, 0). The median lead on the caught late orders is 9 h.
    const atMinus5 = DAY_START + 5 * HOUR_MS;
    const atMinus30 = DAY_START + 30 * HOUR_MS;
    const b = codeBaseline(OUTCOMES, warning({ 'late-a': at48, 'on-time-late-in-day': atMinus5, 'late-b': atMinus30 }))!;
    expect(b.matchedAlerts).toBe(3);
    expect(b.falseAlarmShare).toBeCloseTo((1 / 3 + 1 / 3 + 0) / 3, 12);
    expect(b.rule).toBe('not delivered as many hours before 00:00 of the promised date as each alert came');
    expect(b.leadHours).toBe(9);
    // The code: 1 false alarm of 3 (1/3) against 2/9: worse, though the checkpoint at its median lead alone (9 h: the two
    // late ones and the one delivered 10 h into its day open, 1/3) would have called it the same.
    expect(b.atMedianLead!.falseAlarmShare).toBeCloseTo(1 / 3, 12);
    expect(b.verdict).toBe('worse');
  });

  it('measures a code whose every alert was a false alarm too: worse, with no median lead', () => {
    const b = codeBaseline(OUTCOMES, warning({ 'on-time-late-in-day': at48, 'on-time-early': DAY_START - 200 * HOUR_MS }))!;
    expect(b.leadHours).toBeUndefined();
    expect(b.atMedianLead).toBeUndefined();
    expect(b.matchedAlerts).toBe(2);
    expect(b.verdict).toBe('worse');
  });

  it('has nothing to compare for a code that caught nothing', () => {
    expect(codeBaseline(OUTCOMES, warning({}))).toBeUndefined();
  });
});
