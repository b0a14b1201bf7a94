import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../domain/order.js';
import type { Store } from './store.js';
import { at, sampleOrder, stageEvent } from './testing/store-fixtures.js';

const NOW = at('2026-11-12 12:00:00');
const MIN = 60_000;

/** trackingSubscriptionContract is what every engine's TrackingSubscriptionStore must do: find shipped orders once per version, keep each number once, retry what is due. */
export function trackingSubscriptionContract(name: string, open: () => Promise<Store>): void {
  describe(`TrackingSubscriptionStore contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    const ship = async (order: Order, when: string): Promise<void> => {
      await store.ingest({ orders: [order], events: [stageEvent(order.id, 'shipped', when)], attachments: new Map() }, at(when));
    };

    it('lists open shipped orders of the shops asked, each once per version, oldest shipped first', async () => {
      const a = sampleOrder({ channelOrderId: 'K1', shop: '旗舰店', shipments: [{ carrier: '中通快递', trackingNo: 'zt 1001' }] });
      const b = sampleOrder({ channelOrderId: 'K2', shop: '旗舰店', shipments: [{ carrier: 'SF', trackingNo: 'SF2002' }] });
      const other = sampleOrder({ channelOrderId: 'K3', shop: '别的店', shipments: [{ carrier: 'YTO', trackingNo: 'YT3003' }] });
      const old = sampleOrder({ channelOrderId: 'K4', shop: '旗舰店', shipments: [{ carrier: 'YTO', trackingNo: 'YT4004' }] });
      const unpaid = sampleOrder({ channelOrderId: 'K5', shop: '旗舰店', shipments: [] });
      await ship(b, '2026-11-12 09:00:00');
      await ship(a, '2026-11-12 08:00:00');
      await ship(other, '2026-11-12 08:30:00');
      await ship(old, '2026-11-01 08:00:00');
      await store.ingest({ orders: [unpaid], events: [], attachments: new Map() }, NOW);

      const since = at('2026-11-05 00:00:00');
      expect((await store.tracking.shippedOrders({ shops: ['旗舰店'], since, limit: 10 })).map((o) => o.id)).toEqual([a.id, b.id]);
      expect((await store.tracking.shippedOrders({ shops: 'all', since, limit: 10 })).map((o) => o.id)).toEqual([a.id, other.id, b.id]);
      expect((await store.tracking.shippedOrders({ shops: 'all', since, limit: 1 })).map((o) => o.id)).toEqual([a.id]);
      expect(await store.tracking.shippedOrders({ shops: [], since, limit: 10 })).toEqual([]);
      const [first] = await store.tracking.shippedOrders({ shops: ['旗舰店'], since, limit: 1 });
      expect(first?.shipments).toEqual([{ carrier: '中通快递', trackingNo: 'zt 1001' }]);

      const added = await store.tracking.enqueue(
        [{ orderId: a.id, modifiedAt: a.modifiedAt }, { orderId: b.id, modifiedAt: b.modifiedAt }],
        [
          { trackingNo: 'ZT1001', orderId: a.id, shop: '旗舰店', carrier: '中通快递', company: 'zhongtong', status: 'pending' },
          { trackingNo: 'SF2002', orderId: b.id, shop: '旗舰店', carrier: 'SF', company: 'shunfeng', status: 'pending', nextAttemptAt: NOW + 5 * MIN },
        ],
        NOW,
      );
      expect(added).toBe(2);
      expect((await store.tracking.shippedOrders({ shops: ['旗舰店'], since, limit: 10 })).map((o) => o.id)).toEqual([]);

      // A new version (a second parcel added) is looked at again; the number already known stays as it was.
      await store.tracking.record('ZT1001', { status: 'subscribed', code: '200' }, NOW + MIN);
      const a2 = { ...a, modifiedAt: a.modifiedAt + MIN, shipments: [...a.shipments, { carrier: '中通快递', trackingNo: 'ZT1009' }] };
      await store.ingest({ orders: [a2], events: [], attachments: new Map() }, NOW + 2 * MIN);
      expect((await store.tracking.shippedOrders({ shops: ['旗舰店'], since, limit: 10 })).map((o) => o.modifiedAt)).toEqual([a2.modifiedAt]);
      const again = await store.tracking.enqueue(
        [{ orderId: a.id, modifiedAt: a2.modifiedAt }],
        [
          { trackingNo: 'ZT1001', orderId: a.id, shop: '旗舰店', carrier: '中通快递', company: 'zhongtong', status: 'pending' },
          { trackingNo: 'ZT1009', orderId: a.id, shop: '旗舰店', carrier: '中通快递', company: 'zhongtong', status: 'pending' },
        ],
        NOW + 2 * MIN,
      );
      expect(again).toBe(1);
      expect(await store.tracking.get('ZT1001')).toMatchObject({ status: 'subscribed', attempts: 1, subscribedAt: NOW + MIN });
      expect((await store.tracking.get('ZT1001'))?.nextAttemptAt).toBeUndefined();
    });

    it('gives the pending numbers that are due, longest waiting first, and records each attempt', async () => {
      await store.tracking.enqueue(
        [],
        [
          { trackingNo: 'YD5001', orderId: 'jd:5001', shop: '京东店', carrier: 'YD', company: 'yunda', status: 'pending', nextAttemptAt: NOW - 3 * MIN },
          { trackingNo: 'XX5002', orderId: 'jd:5002', shop: '京东店', carrier: '某快递', status: 'refused', lastError: 'no Kuaidi100 code for 某快递' },
        ],
        NOW - 10 * MIN,
      );
      const due = await store.tracking.due(NOW + 5 * MIN, 10);
      expect(due.map((s) => s.trackingNo)).toEqual(['YD5001', 'ZT1009', 'SF2002']);
      expect(due[0]).toEqual({ trackingNo: 'YD5001', orderId: 'jd:5001', shop: '京东店', carrier: 'YD', company: 'yunda', status: 'pending', attempts: 0, nextAttemptAt: NOW - 3 * MIN, createdAt: NOW - 10 * MIN, updatedAt: NOW - 10 * MIN });
      expect((await store.tracking.due(NOW + 5 * MIN, 1)).map((s) => s.trackingNo)).toEqual(['YD5001']);

      await store.tracking.record('YD5001', { status: 'pending', nextAttemptAt: NOW + 10 * MIN, code: 'timeout', error: 'Kuaidi100 did not answer within 10 s' }, NOW);
      await store.tracking.record('SF2002', { status: 'refused', code: '700', error: '订阅数据有误' }, NOW + MIN);
      expect((await store.tracking.due(NOW + 5 * MIN, 10)).map((s) => s.trackingNo)).toEqual(['ZT1009']);
      expect(await store.tracking.get('YD5001')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: NOW + 10 * MIN, lastCode: 'timeout', lastError: 'Kuaidi100 did not answer within 10 s', updatedAt: NOW });
      await store.tracking.record('YD5001', { status: 'subscribed', code: '501' }, NOW + 11 * MIN);
      const done = await store.tracking.get('YD5001');
      expect(done).toMatchObject({ status: 'subscribed', attempts: 2, lastCode: '501', subscribedAt: NOW + 11 * MIN });
      expect(done?.lastError).toBeUndefined();
    });

    it('sums up each shop: counts by status, last subscription, the newest standing failure', async () => {
      const summary = await store.tracking.summary();
      expect(summary).toEqual([
        { shop: '京东店', pending: 0, subscribed: 1, refused: 1, failed: 0, lastSubscribedAt: NOW + 11 * MIN, lastError: { at: NOW - 10 * MIN, trackingNo: 'XX5002', message: 'no Kuaidi100 code for 某快递' } },
        { shop: '旗舰店', pending: 1, subscribed: 1, refused: 1, failed: 0, lastSubscribedAt: NOW + MIN, lastError: { at: NOW + MIN, trackingNo: 'SF2002', code: '700', message: '订阅数据有误' } },
      ]);
    });
  });
}
