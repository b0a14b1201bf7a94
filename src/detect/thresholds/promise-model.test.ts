import { describe, expect, it } from 'vitest';
import {
  assessPromise,
  calibrate,
  DEFAULT_PROMISE_MODEL_OPTIONS,
  deliveryDaysBetween,
  HOURS_OF_WEEK,
  hourOfWeek,
  promisedDayStartOf,
  trainPromiseModel,
  type OrderTimeline,
  type PromiseCheckpoint,
} from './index.js';

const H = 3600_000;
const DAY = 24 * H;
const ASOF = Date.UTC(2018, 2, 1);
const SEGMENT = { category: 'x', customerState: 'RJ', sellerState: 'SP', warehouse: 'seller:1' } as const;

/**
 * A history where the outcome follows the state at the checkpoint: every
 * day of Dec–Jan one order ships the next day and arrives on its promised
 * date (on time), one ships only the day before its promised date and
 * arrives three days late, and one arrives long before (never an example).
 */
function history(): OrderTimeline[] {
  const out: OrderTimeline[] = [];
  for (let d = 0; d < 60; d++) {
    const purchasedAt = Date.UTC(2017, 11, 1) + d * DAY + 10 * H;
    const promisedDay = purchasedAt - 10 * H + 10 * DAY;
    const promisedBy = promisedDay + DAY - 1;
    out.push({ purchasedAt, shippedAt: purchasedAt + DAY, deliveredAt: promisedDay + 12 * H, promisedBy, segment: SEGMENT });
    out.push({ purchasedAt, shippedAt: promisedDay - 12 * H, deliveredAt: promisedDay + 3 * DAY + 12 * H, promisedBy, segment: SEGMENT });
    out.push({ purchasedAt, shippedAt: purchasedAt + DAY, deliveredAt: purchasedAt + 4 * DAY, promisedBy, segment: SEGMENT });
  }
  return out;
}

function checkpointOf(shipped: boolean): PromiseCheckpoint {
  const purchasedAt = Date.UTC(2018, 2, 5, 10);
  const dayStart = Date.UTC(2018, 2, 15);
  return { purchasedAt, ...(shipped ? { shippedAt: purchasedAt + DAY } : {}), segment: SEGMENT, promisedDayStart: dayStart, deadline: dayStart + DAY - 1, at: dayStart - 48 * H };
}

describe('trainPromiseModel', () => {
  const table = calibrate(history(), ASOF, { kind: 'quantile', q: 0.99 }, { promiseModel: false });

  it('learns from the orders still undelivered at a checkpoint, one example per lead', () => {
    const model = trainPromiseModel(history(), table, ASOF)!;
    // 60 on-time and 60 late orders undelivered at the 24, 48 and 72 h checkpoints; the early ones never count.
    expect(model.examples).toBe(360);
    expect(model.lateExamples).toBe(180);
    expect(model.features).toEqual(DEFAULT_PROMISE_MODEL_OPTIONS.features);
  });

  it('keeps the network’s record as of its moment, for the orders it will score', () => {
    const model = trainPromiseModel(history(), table, ASOF)!;
    // Promises that ended 2018-01-30 … 02-08 fall in the 30 days before 03-01: ten days, one late parcel a day of three shipped.
    expect(model.network).toMatchObject({ at: ASOF, parcels: 30 });
    // 10 of 30 late, blended with the long-run share (60 of 180): a third.
    expect(model.network!.lateShare).toBeCloseTo(1 / 3, 4);
    expect(assessPromise(model, table, checkpointOf(false)).facts.network).toMatchObject({ parcels: 30 });
  });

  it('warns of the order not yet shipped, not of the one with the carrier, and explains with facts', () => {
    const model = trainPromiseModel(history(), table, ASOF)!;
    const late = assessPromise(model, table, checkpointOf(false));
    const fine = assessPromise(model, table, checkpointOf(true));
    expect(late.probability).toBeGreaterThan(0.9);
    expect(fine.probability).toBeLessThan(0.1);
    expect(late.atRisk).toBe(true);
    expect(fine.atRisk).toBe(false);
    expect(late.contributions.notShipped).toBeGreaterThan(0);
    expect(late.facts.values.notShipped).toBe(1);
    expect(late.facts.hoursLeft).toBeCloseTo(72, 6);
    // The cut keeps at least 70 % of the late training examples at 48 h.
    expect(model.cut).toBeLessThanOrEqual(late.probability);
  });

  it('never learns from what had not happened, or not settled, by its moment (no look-ahead)', () => {
    const base = trainPromiseModel(history(), table, ASOF)!;
    // Delivered after ASOF: not known then; the model is the same.
    const future: OrderTimeline = { purchasedAt: ASOF - 40 * DAY, shippedAt: ASOF - 39 * DAY, deliveredAt: ASOF + 2 * DAY, promisedBy: ASOF - 20 * DAY - 1, segment: SEGMENT };
    expect(trainPromiseModel([...history(), future], table, ASOF)!.fit).toEqual(base.fit);
    // Its promise ended within the settling days before ASOF (a late parcel may still be on its way): no example.
    const unsettled: OrderTimeline = { purchasedAt: ASOF - 15 * DAY, shippedAt: ASOF - 14 * DAY, deliveredAt: ASOF - DAY, promisedBy: ASOF - 5 * DAY - 1, segment: SEGMENT };
    expect(trainPromiseModel([...history(), unsettled], table, ASOF)!.examples).toBe(base.examples);
  });

  it('learns nothing from too little history (the checkpoint rule warns instead)', () => {
    // Five days of history: 30 examples, fewer than the 40 a model needs.
    expect(trainPromiseModel(history().slice(0, 15), table, ASOF)).toBeUndefined();
    expect(calibrate(history().slice(0, 15), ASOF, { kind: 'quantile', q: 0.99 }).promiseModel).toBeUndefined();
    expect(calibrate(history(), ASOF, { kind: 'quantile', q: 0.99 }).promiseModel?.examples).toBe(360);
  });

  it('travels in the table as plain JSON', () => {
    const calibrated = calibrate(history(), ASOF, { kind: 'quantile', q: 0.99 });
    const copy = JSON.parse(JSON.stringify(calibrated)) as typeof calibrated;
    expect(assessPromise(copy.promiseModel!, copy, checkpointOf(false)).probability).toBe(assessPromise(calibrated.promiseModel!, calibrated, checkpointOf(false)).probability);
  });
});

describe('delivery days and promised dates', () => {
  it('counts the time left in days of normal delivery activity', () => {
    // Deliveries only on weekdays (UTC): a weekend adds nothing.
    const profile = Array.from({ length: HOURS_OF_WEEK }, (_, h) => {
      const day = new Date(Date.UTC(2018, 0, 1) + h * H).getUTCDay();
      return day === 0 || day === 6 ? 0 : 7 / 5;
    });
    // hourOfWeek(2018-01-01, a Monday) is not 0: align the profile to the epoch's week.
    const aligned = Array.from({ length: HOURS_OF_WEEK }, (_, h) => profile[(h - hourOfWeek(Date.UTC(2018, 0, 1)) + HOURS_OF_WEEK) % HOURS_OF_WEEK]!);
    const friday = Date.UTC(2018, 0, 5);
    expect(deliveryDaysBetween(aligned, friday, friday + 3 * DAY)).toBeCloseTo(1.4, 6);
    const monday = Date.UTC(2018, 0, 8);
    expect(deliveryDaysBetween(aligned, monday, monday + 3 * DAY)).toBeCloseTo(4.2, 6);
  });

  it('puts 00:00 of the promised date a day before the end of it', () => {
    expect(promisedDayStartOf(Date.UTC(2018, 0, 10) - 1)).toBe(Date.UTC(2018, 0, 9));
  });
});
