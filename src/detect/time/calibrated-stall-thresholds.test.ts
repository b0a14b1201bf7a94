import { describe, expect, it } from 'vitest';
import type { LogisticsEvent, OrderEvent } from '../../domain/event.js';
import type { StoredOrder } from '../../domain/order.js';
import { HOUR_MS } from '../../domain/time.js';
import { calibrate, type OrderTimeline } from '../thresholds/index.js';
import { NO_PROGRESS_HOURS, PICKUP_HOURS, STALL_MARGIN, calibratedStallThresholds } from './calibrated-stall-thresholds.js';

const T0 = Date.parse('2026-11-01T02:00:00Z');

function order(over: Partial<StoredOrder> = {}): StoredOrder {
  return {
    id: 'taobao:1', channel: 'taobao', channelOrderId: '1', placedAt: T0, paidAt: T0, modifiedAt: T0, currency: 'CNY',
    itemsTotalFen: 100, shippingFen: 0, discountFen: 0, paidFen: 100, customer: { tier: 'regular' }, receiver: { province: '浙江省' },
    items: [{ sku: 'CUP', quantity: 1, unitPriceFen: 100 }], tags: [], shipments: [], warehouse: 'HZ-01',
    stage: 'picked', stageEnteredAt: T0 + 10 * HOUR_MS, ingestedAt: T0, ...over,
  };
}

// Two hundred CUP orders from HZ-01 that took 10..49 h from review to hand-over (five of each), and forty MUG orders.
const spans = (sku: string, count: number): OrderTimeline[] =>
  Array.from({ length: count }, (_, i) => ({
    purchasedAt: T0 - 30 * 24 * HOUR_MS,
    approvedAt: T0 - 30 * 24 * HOUR_MS + HOUR_MS,
    shippedAt: T0 - 30 * 24 * HOUR_MS + HOUR_MS + (10 + (i % 40)) * HOUR_MS,
    deliveredAt: T0 - 20 * 24 * HOUR_MS,
    segment: { sku, warehouse: 'HZ-01', sellerState: 'HZ-01', customerState: '浙江省', channel: 'taobao' },
  }));
const history: OrderTimeline[] = [...spans('CUP', 200), ...spans('MUG', 40)];
const table = calibrate(history, T0, { kind: 'quantile', q: 0.99 });

describe('calibratedStallThresholds', () => {
  it("measures a warehouse stage on the SKU's own dispatch history, from the review", () => {
    const reviewed: OrderEvent = { kind: 'stage', id: 'r', source: 'wms', occurredAt: T0 + HOUR_MS, orderId: 'taobao:1', stage: 'reviewed' };
    const a = calibratedStallThresholds(table).allowance({ order: order(), events: [reviewed] }, 'picked');
    expect(a?.since).toBe(T0 + HOUR_MS);
    expect(a?.segment).toContain('CUP');
    expect(a?.sampleSize).toBe(200);
    expect(a!.hours).toBeGreaterThan(48 * STALL_MARGIN - 1);
    // The P99 of 10..49 h, read off a quantile grid: just under 50 h.
    expect(a!.hours).toBeLessThanOrEqual(50 * STALL_MARGIN);
    expect(a?.derivation.zh).toContain(`× ${STALL_MARGIN}`);
  });

  it('judges a parcel with the carrier by how long it has not moved', () => {
    const track = (h: number): LogisticsEvent => ({ kind: 'logistics', id: `k${h}`, source: 'kuaidi100', occurredAt: T0 + h * HOUR_MS, trackingNo: 'SF1', state: 'in_transit', detail: '' });
    const a = calibratedStallThresholds(table).allowance({ order: order({ stage: 'in_transit', stageEnteredAt: T0 + 20 * HOUR_MS }), events: [track(20), track(60)] }, 'in_transit');
    expect(a).toMatchObject({ hours: NO_PROGRESS_HOURS, since: T0 + 60 * HOUR_MS, policy: 'no-progress' });
  });

  it('gives a parcel handed over a day to be collected, failed pickups or not', () => {
    const shipped: OrderEvent = { kind: 'stage', id: 's', source: 'wms', occurredAt: T0 + 10 * HOUR_MS, orderId: 'taobao:1', stage: 'shipped' };
    const failed: LogisticsEvent = { kind: 'logistics', id: 'f', source: 'kuaidi100', occurredAt: T0 + 30 * HOUR_MS, trackingNo: 'ZTO1', state: 'pickup_failed', detail: '' };
    const a = calibratedStallThresholds(table).allowance({ order: order({ stage: 'shipped', stageEnteredAt: T0 + 10 * HOUR_MS }), events: [shipped, failed] }, 'shipped');
    expect(a).toMatchObject({ hours: PICKUP_HOURS, since: T0 + 10 * HOUR_MS, policy: 'no-pickup' });
    // The second parcel of a split shipment, handed over days after the first was delivered.
    const second: OrderEvent = { ...shipped, id: 's2', occurredAt: T0 + 100 * HOUR_MS };
    const b = calibratedStallThresholds(table).allowance({ order: order({ stage: 'shipped', stageEnteredAt: T0 + 100 * HOUR_MS }), events: [shipped, second] }, 'shipped');
    expect(b?.since).toBe(T0 + 100 * HOUR_MS);
  });

  it('falls back through the hierarchy to all orders for an unknown SKU and warehouse', () => {
    const a = calibratedStallThresholds(table).allowance({ order: order({ items: [{ sku: 'NEW', quantity: 1, unitPriceFen: 1 }], warehouse: 'GZ-01' }), events: [] }, 'picked');
    expect(a).toMatchObject({ policy: 'quantile', segment: 'global', sampleSize: 240 });
  });
});
