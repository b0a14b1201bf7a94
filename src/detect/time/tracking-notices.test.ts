import { describe, expect, it } from 'vitest';
import type { LogisticsEvent } from '../../domain/event.js';
import type { StoredOrder } from '../../domain/order.js';
import type { Stage } from '../../domain/stage.js';
import { trackingNotices } from './tracking-notices.js';

const T0 = Date.parse('2026-11-11T02:00:00Z');

function facts(id: string, shop: string, stage: Stage, logistics = false) {
  const order: StoredOrder = {
    id, channel: 'pdd', shop, channelOrderId: id, placedAt: T0, modifiedAt: T0, currency: 'CNY', itemsTotalFen: 1, shippingFen: 0, discountFen: 0,
    paidFen: 1, customer: { tier: 'regular' }, receiver: {}, items: [{ sku: 'S', quantity: 1, unitPriceFen: 1 }], tags: [], shipments: [],
    stage, stageEnteredAt: T0, ingestedAt: T0,
  };
  const events: LogisticsEvent[] = logistics
    ? [{ kind: 'logistics', id: `${id}-l`, source: 'kuaidi100', orderId: id, occurredAt: T0, trackingNo: 'T', state: 'in_transit', detail: '运输中' } as LogisticsEvent]
    : [];
  return { order, events };
}

describe('trackingNotices', () => {
  it('names once each shop with shipped orders and no carrier event, with the count', () => {
    const notices = trackingNotices([facts('1', 'A', 'shipped'), facts('2', 'A', 'shipped'), facts('3', 'A', 'paid'), facts('4', 'B', 'shipped'), facts('5', 'B', 'in_transit', true)]);
    expect(notices).toEqual([expect.objectContaining({ code: 'setup.no_tracking_source', shop: 'A', shippedOrders: 2 })]);
    expect(notices[0]!.message.zh).toContain('店铺「A」有 2 个已发货订单');
  });
  it('says nothing for a shop that has shipped nothing yet', () => {
    expect(trackingNotices([facts('1', 'A', 'paid')])).toEqual([]);
  });
});
