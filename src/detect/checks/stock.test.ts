import { describe, expect, it } from 'vitest';
import type { InventoryLevel } from '../../domain/event.js';
import { stockCheck } from './stock.js';
import { T0, level, testContext, testOrder, type OrderShape } from './test-orders.js';

const two = (sku = 'SKU-1', quantity = 2) => ({ items: [{ sku, title: '保温杯', quantity, unitPriceFen: 9900 }], itemsTotalFen: 9900 * quantity });

describe('stockCheck', () => {
  const cases: readonly [string, OrderShape, readonly InventoryLevel[], Record<string, number>, string[]][] = [
    ['enough stock', two(), [level('SKU-1', 'HZ', 10, 2)], {}, []],
    ['exactly enough', two(), [level('SKU-1', 'HZ', 4, 2)], {}, []],
    ['reservations eat the stock', two(), [level('SKU-1', 'HZ', 5, 4)], {}, ['stock.oversold|SKU-1']],
    ['earlier open orders hold the rest', two(), [level('SKU-1', 'HZ', 5, 1)], { 'SKU-1': 3 }, ['stock.oversold|SKU-1']],
    ['summed over warehouses', two(), [level('SKU-1', 'HZ', 1, 0), level('SKU-1', 'SH', 1, 0)], {}, []],
    ['only the order warehouse when it has a reading', { ...two(), warehouse: 'HZ' }, [level('SKU-1', 'HZ', 1, 0), level('SKU-1', 'SH', 50, 0)], {}, ['stock.oversold|SKU-1']],
    ['order warehouse without a reading: all warehouses', { ...two(), warehouse: 'GZ' }, [level('SKU-1', 'HZ', 1, 0), level('SKU-1', 'SH', 50, 0)], {}, []],
    ['stale reading: untrusted, no oversold', two(), [level('SKU-1', 'HZ', 0, 0, 7)], {}, ['stock.sync_stale|HZ']],
    ['no reading for the SKU: unknown to the ERP', two(), [level('OTHER', 'HZ', 0, 0)], {}, []],
    ['shipped orders are not judged', { ...two(), stage: 'shipped' }, [level('SKU-1', 'HZ', 0, 0)], {}, []],
    ['pre-sale order skipped', { ...two(), presale: { kind: 'deposit' } }, [level('SKU-1', 'HZ', 0, 0)], {}, []],
    [
      'drop-ship item skipped',
      { items: [{ sku: 'SKU-1', quantity: 2, unitPriceFen: 1, attributes: ['dropship'] }] },
      [level('SKU-1', 'HZ', 0, 0)],
      {},
      [],
    ],
    [
      'repeated lines add up',
      { items: [{ sku: 'SKU-1', quantity: 2, unitPriceFen: 1 }, { sku: 'SKU-1', quantity: 2, unitPriceFen: 1 }] },
      [level('SKU-1', 'HZ', 3, 0)],
      {},
      ['stock.oversold|SKU-1'],
    ],
  ];
  it.each(cases)('%s', (_name, shape, stock, held, expected) => {
    const findings = stockCheck.run(testOrder(shape), testContext({ stock, heldByEarlierOrders: new Map(Object.entries(held)) }));
    expect(findings.map((f) => `${f.code}|${f.key}`)).toEqual(expected);
  });

  it('judges the reading by its age when the order was placed, not when the order is looked at again', () => {
    const limit = testContext().settings.stockSyncStaleHours;
    const later = (hours: number) => ({ now: T0 + hours * 3600_000 });
    const fresh = stockCheck.run(testOrder(two()), testContext({ stock: [level('SKU-1', 'HZ', 10, 0, 1)], ...later(limit + 5) }));
    expect(fresh.map((f) => f.code)).toEqual([]);
    const stale = stockCheck.run(testOrder(two()), testContext({ stock: [level('SKU-1', 'HZ', 10, 0, limit + 1)] }));
    expect(stale.map((f) => f.code)).toEqual(['stock.sync_stale']);
  });

  // A reading taken after the order already reserves it: it was served first,
  // so only a shortfall beyond what later orders took is its own.
  const afterOrder: readonly [string, number, number, number, string[]][] = [
    ['the shortfall is the later orders\'', 10, 14, 4, []],
    ['the shortfall reaches this order', 10, 15, 4, ['stock.oversold|SKU-1']],
    ['nothing free and no later order: this order is short', 0, 2, 0, ['stock.oversold|SKU-1']],
  ];
  it.each(afterOrder)('reading after the order: %s', (_name, available, reserved, later, expected) => {
    const context = testContext({ stock: [level('SKU-1', 'HZ', available, reserved)], readAfterOrder: new Map([['SKU-1', later]]) });
    const findings = stockCheck.run(testOrder(two()), context);
    expect(findings.map((f) => `${f.code}|${f.key}`)).toEqual(expected);
    if (expected.length > 0) expect(findings[0]!.evidence).toMatchObject({ reservedByLaterOrders: later, short: Math.min(2, reserved - available - later) });
  });

  it('oversold evidence and explanation', () => {
    const [f] = stockCheck.run(testOrder(two()), testContext({ stock: [level('SKU-1', 'HZ', 5, 1)], heldByEarlierOrders: new Map([['SKU-1', 3]]) }));
    expect(f).toEqual({
      orderId: 'taobao:1001',
      code: 'stock.oversold',
      key: 'SKU-1',
      severity: 'critical',
      detectedAt: T0 + 60_000,
      explanation: {
        zh: '「保温杯」下单 2 件，ERP可用库存仅 1 件（可用 5 − 已占用 1 − 先前订单 3），存在超卖',
        en: '"保温杯": 2 ordered but only 1 free in the ERP (available 5 − reserved 1 − held by earlier orders 3); oversold',
      },
      evidence: { sku: 'SKU-1', quantity: 2, available: 5, reserved: 1, heldByEarlierOrders: 3, free: 1, warehouses: ['HZ'], syncedAt: new Date(T0 + 60_000).toISOString() },
    });
  });

  it('stale evidence: syncedAt and age', () => {
    const [f] = stockCheck.run(testOrder(two()), testContext({ stock: [level('SKU-1', 'HZ', 0, 0, 7.5)] }));
    expect(f).toMatchObject({
      code: 'stock.sync_stale',
      key: 'HZ',
      severity: 'warning',
      evidence: { warehouse: 'HZ', syncedAt: new Date(T0 + 60_000 - 7.5 * 3600_000).toISOString(), ageHours: 7.5, limitHours: 6, skus: ['SKU-1'] },
    });
  });

  it('a fresh reading of another SKU keeps the warehouse fresh', () => {
    const facts = testOrder({ items: [{ sku: 'A', quantity: 1, unitPriceFen: 1 }, { sku: 'B', quantity: 5, unitPriceFen: 1 }] });
    const stock = [level('A', 'HZ', 10, 0, 1), level('B', 'HZ', 1, 0, 30)];
    expect(stockCheck.run(facts, testContext({ stock })).map((f) => `${f.code}|${f.key}`)).toEqual(['stock.oversold|B']);
  });

  it('never throws on odd data', () => {
    const facts = testOrder({ items: [{ sku: '😀'.repeat(10_000), quantity: Number.NaN, unitPriceFen: 1 }] });
    expect(stockCheck.run(facts, testContext({ stock: [level('x', 'y', Number.NaN, 0)] }))).toEqual([]);
  });
});
