import { describe, expect, it } from 'vitest';
import { monthStartOf, NETWORK_SHRINK_ORDERS, networkRecord, type OrderTimeline } from './index.js';

const H = 3600_000;
const DAY = 24 * H;
const AT = Date.UTC(2018, 2, 1);
const SEGMENT = { customerState: 'RJ' } as const;

/** parcel is an order shipped 10 days before its promise ended `endedDaysAgo` days before AT, delivered `deliveredAfterPromiseH` hours after the promise ended (undefined: not delivered). */
function parcel(endedDaysAgo: number, deliveredAfterPromiseH: number | undefined, over: Partial<OrderTimeline> = {}): OrderTimeline {
  const promisedBy = AT - endedDaysAgo * DAY;
  return {
    purchasedAt: promisedBy - 20 * DAY,
    shippedAt: promisedBy - 10 * DAY,
    ...(deliveredAfterPromiseH !== undefined ? { deliveredAt: promisedBy + deliveredAfterPromiseH * H } : {}),
    promisedBy,
    segment: SEGMENT,
    ...over,
  };
}

describe('networkRecord', () => {
  const cases: ReadonlyArray<{ name: string; order: OrderTimeline; parcels: number; late: boolean }> = [
    { name: 'delivered before its promise ended: on time', order: parcel(5, -30), parcels: 1, late: false },
    { name: 'delivered after its promise: late', order: parcel(5, 30), parcels: 1, late: true },
    { name: 'not delivered and its promise over: already known late', order: parcel(5, undefined), parcels: 1, late: true },
    { name: 'delivered after the moment: as the moment saw it, not yet arrived, so late', order: parcel(1, 48), parcels: 1, late: true },
    { name: 'promise ended more than 30 days before: outside the window', order: parcel(31, 30), parcels: 0, late: false },
    { name: 'promise not over yet: not counted (its outcome is not known)', order: parcel(-2, -30), parcels: 0, late: false },
    { name: 'never handed to the carrier: not the network’s record', order: parcel(5, undefined, { shippedAt: undefined }), parcels: 0, late: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = networkRecord([c.order], AT, 0);
      expect(r.parcels).toBe(c.parcels);
      // One parcel blended with NETWORK_SHRINK_ORDERS at a long-run share of 0.
      expect(r.lateShare).toBeCloseTo(c.late ? 1 / (1 + NETWORK_SHRINK_ORDERS) : 0, 12);
    });
  }

  it('weights parcels and leans towards the long-run share when the window is thin', () => {
    const heavyLate = parcel(3, 10, { weight: 3 });
    const onTime = parcel(4, -10, { weight: 1 });
    // (3 late + 20 × mean weight 2 × 0.1) / (4 + 20 × 2)
    expect(networkRecord([heavyLate, onTime], AT, 0.1).lateShare).toBeCloseTo((3 + 40 * 0.1) / (4 + 40), 12);
    expect(networkRecord([], AT, 0.1).lateShare).toBeCloseTo(0.1, 12);
  });

  it('puts a moment in its UTC month', () => {
    expect(monthStartOf(Date.UTC(2018, 2, 17, 5))).toBe(Date.UTC(2018, 2, 1));
    expect(monthStartOf(Date.UTC(2018, 2, 1))).toBe(Date.UTC(2018, 2, 1));
  });
});
