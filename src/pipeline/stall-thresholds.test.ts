import { describe, expect, it } from 'vitest';
import type { StoredOrder } from '../domain/order.js';
import { HOUR_MS, parseInstant } from '../domain/time.js';
import type { DetectionStore, ThresholdTableRecord, TimelineRow } from '../store/detection-store.js';
import { calibrateFromStore } from './stall-thresholds.js';

const T0 = parseInstant('2026-10-12T10:00:00+08:00')!;

function order(n: number, over: Partial<StoredOrder>): StoredOrder {
  const at = T0 + n * HOUR_MS;
  return {
    id: `taobao:${n}`, channel: 'taobao', channelOrderId: String(n), placedAt: at, paidAt: at, modifiedAt: at, currency: 'CNY',
    itemsTotalFen: 100, shippingFen: 0, discountFen: 0, paidFen: 100, customer: { tier: 'regular' }, receiver: { province: '浙江省' },
    items: [{ sku: 'S', quantity: 1, unitPriceFen: 100 }], tags: [], shipments: [], warehouse: 'HZ-01',
    stage: 'delivered', stageEnteredAt: at, ingestedAt: at, ...over,
  };
}

// Only what calibration reads: the timelines, the orders behind them, the table versions.
function storeOf(orders: readonly { order: StoredOrder; dispatchHours: number }[]): DetectionStore & { saved: ThresholdTableRecord[] } {
  const saved: ThresholdTableRecord[] = [];
  const rows: TimelineRow[] = orders.map(({ order: o, dispatchHours }) => ({
    orderId: o.id, purchasedAt: o.paidAt!, approvedAt: o.paidAt! + HOUR_MS, shippedAt: o.paidAt! + (1 + dispatchHours) * HOUR_MS,
    order: { items: o.items, receiver: o.receiver, channel: o.channel, shipments: o.shipments, ...(o.warehouse ? { warehouse: o.warehouse } : {}) },
  }));
  const partial: Partial<DetectionStore> = {
    orderTimelines: async () => rows,
    orderFacts: async (ids) => orders.filter((x) => ids.includes(x.order.id)).map((x) => ({ order: x.order, events: [] })),
    latestThresholdTable: async () => saved.at(-1),
    saveThresholdTable: async (r) => saved.push({ ...r, version: saved.length + 1 }),
  };
  return Object.assign(partial as DetectionStore, { saved });
}

describe('calibrateFromStore', () => {
  it('learns the warehouse pace from orders shipped at their own pace, not from pre-sales and requested delays', async () => {
    const normal = Array.from({ length: 60 }, (_, i) => ({ order: order(i, {}), dispatchHours: 2 + (i % 10) }));
    const agreed = [
      { order: order(100, { presale: { kind: 'deposit', shipBy: T0 + 400 * HOUR_MS } }), dispatchHours: 380 },
      { order: order(101, { buyerNote: '晚点发，下周再发货' }), dispatchHours: 150 },
    ];
    const { table, orders } = await calibrateFromStore(storeOf([...normal, ...agreed]), T0 + 30 * 24 * HOUR_MS);
    expect(orders).toBe(60);
    const dispatch = table.stats.dispatch?.['global'];
    expect(dispatch?.count).toBe(60);
    expect(Math.max(...(dispatch?.quantiles ?? [Infinity]))).toBeLessThan(24);
  });
});
