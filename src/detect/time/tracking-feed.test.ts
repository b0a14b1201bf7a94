import { describe, expect, it } from 'vitest';
import type { LogisticsEvent } from '../../domain/event.js';
import type { StoredOrder } from '../../domain/order.js';
import { HOUR_MS, parseInstant } from '../../domain/time.js';
import type { TrackingFeed } from '../facts.js';
import { fixedStallThresholds } from './stall-thresholds.js';
import { runTimeChecks } from './time-checks.js';

const T0 = parseInstant('2026-11-11T10:00:00+08:00')!;
const thresholds = fixedStallThresholds({ paid: 24, shipped: 24 });

function shipped(over: Partial<StoredOrder> = {}): StoredOrder {
  return {
    id: 'pdd:1', channel: 'pdd', channelOrderId: '1', placedAt: T0, paidAt: T0, modifiedAt: T0, currency: 'CNY',
    itemsTotalFen: 100, shippingFen: 0, discountFen: 0, paidFen: 100, customer: { tier: 'regular' }, receiver: {},
    items: [{ sku: 'S', quantity: 1, unitPriceFen: 100 }], tags: [], shipments: [{ trackingNo: 'JT1' }],
    stage: 'shipped', stageEnteredAt: T0, ingestedAt: T0, ...over,
  };
}

const stalled = (feed: TrackingFeed | undefined, over: Partial<StoredOrder> = {}, events: LogisticsEvent[] = []): string[] =>
  runTimeChecks({ order: shipped(over), events, ...(feed ? { trackingFeed: feed } : {}) }, [], thresholds, T0 + 60 * HOUR_MS).findings.map((f) => f.code);

describe('no pickup scan and tracking feeds', () => {
  it('flags a shipped order without a pickup scan where a tracking feed reports on the shop', () => {
    expect(stalled('connected')).toEqual(['stage.stalled']);
    expect(stalled(undefined)).toEqual(['stage.stalled']);
  });
  it('says nothing per order where no tracking source could send a scan', () => {
    expect(stalled('none')).toEqual([]);
  });
  it('still judges an order the carrier did report on, whatever the shop-level fact says', () => {
    const scan: LogisticsEvent = { kind: 'logistics', id: 'l1', source: 'kuaidi100', orderId: 'pdd:1', occurredAt: T0 + HOUR_MS, trackingNo: 'JT1', state: 'problem', detail: '问题件' } as LogisticsEvent;
    expect(stalled('none', {}, [scan])).toContain('stage.stalled');
  });
  it('never judges virtual goods against the parcel pipeline', () => {
    expect(stalled('connected', { virtualGoods: true, stage: 'paid' })).toEqual([]);
  });
});
