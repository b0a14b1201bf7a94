import { describe, expect, it } from 'vitest';
import type { NeighbourOrder } from '../facts.js';
import { MAX_DUPLICATES_PER_ORDER, basketOf, duplicateCheck } from './duplicate.js';
import { T0, testContext, testOrder, type OrderShape } from './test-orders.js';

const MIN = 60_000;
const other = (change: Partial<NeighbourOrder> = {}): NeighbourOrder => ({
  id: 'jd:555',
  channel: 'jd',
  placedAt: T0 - 12 * MIN,
  paidFen: 10900,
  receiverName: '王小明',
  phone: '13812345678',
  address: '浙江省杭州市西湖区文三路100号3幢501室',
  basket: ['SKU-1×1'],
  cancelled: false,
  ...change,
});

describe('basketOf', () => {
  it('sums repeated SKUs and sorts', () => {
    const items = [
      { sku: 'B', quantity: 1, unitPriceFen: 1 },
      { sku: 'A', quantity: 2, unitPriceFen: 1 },
      { sku: 'B', quantity: 3, unitPriceFen: 1 },
    ];
    expect(basketOf(items)).toEqual(['A×2', 'B×4']);
  });
});

describe('duplicateCheck, both sides of a pair', () => {
  it('flags the original too, naming the later copy', () => {
    const [f] = duplicateCheck.run(testOrder({}), testContext({ neighbours: [other({ placedAt: T0 + 5 * MIN })] }));
    expect(f?.evidence).toMatchObject({ minutesApart: 5, isCopy: false });
    expect(f?.explanation.zh).toContain('5 分钟后又下单');
  });
});

describe('duplicateCheck', () => {
  const cases: readonly [string, OrderShape, NeighbourOrder, string | null][] = [
    ['same receiver and phone on another channel, 12 min earlier', {}, other(), 'phone'],
    ['same channel, different order number', {}, other({ id: 'taobao:999', channel: 'taobao' }), 'phone'],
    ['phone written differently', {}, other({ phone: '+86 138 1234 5678' }), 'phone'],
    ['same name and address, phone differs', {}, other({ phone: '13912345678' }), 'address'],
    ['address given without divisions, spacing differs', {}, other({ phone: undefined, address: '文三路 100号 3幢 501室' }), 'address'],
    ['outside the window', {}, other({ placedAt: T0 - 3 * 60 * MIN }), null],
    ['other order cancelled', {}, other({ cancelled: true }), null],
    ['different basket', {}, other({ basket: ['SKU-1×2'] }), null],
    ['different name', {}, other({ receiverName: '李四' }), null],
    ['masked name never matches', { receiver: { name: '王**' } }, other({ receiverName: '王**' }), null],
    ['masked phone, other address', {}, other({ phone: '138****5678', address: '上海市黄浦区南京东路1号' }), null],
    ['this order cancelled', { stage: 'cancelled' }, other(), null],
  ];
  it.each(cases)('%s', (_name, shape, neighbour, matchedBy) => {
    const findings = duplicateCheck.run(testOrder(shape), testContext({ neighbours: [neighbour] }));
    if (matchedBy === null) return expect(findings).toEqual([]);
    expect(findings).toEqual([
      {
        orderId: 'taobao:1001',
        code: 'order.duplicate',
        key: neighbour.id,
        severity: 'warning',
        detectedAt: T0 + MIN,
        explanation: {
          zh: `与 ${neighbour.id}（${neighbour.channel}）疑似重复：同一收货人、同样商品，12 分钟前已下单`,
          en: `Looks like a duplicate of ${neighbour.id} (${neighbour.channel}): same receiver and basket, placed 12 min earlier`,
        },
        evidence: { otherOrderId: neighbour.id, channel: neighbour.channel, minutesApart: 12, matchedBy, basket: ['SKU-1×1'], isCopy: true },
      },
    ]);
  });

  it('placed at the same instant: the larger id is the copy', () => {
    const tie = other({ id: 'jd:555', placedAt: T0 });
    expect(duplicateCheck.run(testOrder({ id: 'taobao:1001' }), testContext({ neighbours: [tie] })).map((f) => f.evidence['isCopy'])).toEqual([true]);
    expect(duplicateCheck.run(testOrder({ id: 'douyin:1' }), testContext({ neighbours: [tie] })).map((f) => f.evidence['isCopy'])).toEqual([false]);
  });

  it('a basket of repeated lines equals the summed basket', () => {
    const facts = testOrder({ items: [{ sku: 'A', quantity: 1, unitPriceFen: 1 }, { sku: 'A', quantity: 2, unitPriceFen: 1 }] });
    const findings = duplicateCheck.run(facts, testContext({ neighbours: [other({ basket: ['A×1', 'A×2'] })] }));
    expect(findings.map((f) => f.evidence['basket'])).toEqual([['A×3']]);
    expect(duplicateCheck.run(facts, testContext({ neighbours: [other({ basket: ['A×1', 'A×1'] })] }))).toEqual([]);
  });

  it('never throws on odd data', () => {
    const facts = testOrder({ items: [], receiver: { name: '😀'.repeat(100_000), detail: '🏠'.repeat(100_000) } });
    expect(duplicateCheck.run(facts, testContext({ neighbours: [other({ basket: [] })] }))).toEqual([]);
  });

  it('makes one finding of an order with thousands of identical copies, naming the nearest and counting them', () => {
    const many = Array.from({ length: 5000 }, (_, i) => other({ id: `taobao:C${i}`, placedAt: T0 - (i + 1) * 1000 }));
    const findings = duplicateCheck.run(testOrder({}), testContext({ neighbours: many }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ key: 'many', evidence: { duplicatesInWindow: 5000, earlier: 5000, atLeast: false } });
    expect((findings[0]!.evidence['nearest'] as Array<{ otherOrderId: string }>).map((n) => n.otherOrderId).slice(0, 2)).toEqual(['taobao:C0', 'taobao:C1']);
    expect(findings[0]!.explanation.zh).toContain('另有 5000 单');
    // Only the nearest orders were compared: the count is a lower bound.
    const capped = duplicateCheck.run(testOrder({}), testContext({ neighbours: many.slice(0, 200), neighboursTruncated: true }));
    expect(capped[0]!.explanation.zh).toContain('另有至少 200 单');
  });

  it('keeps a few duplicates as pairs, each naming the other order', () => {
    const few = Array.from({ length: MAX_DUPLICATES_PER_ORDER }, (_, i) => other({ id: `taobao:C${i}`, placedAt: T0 - (i + 1) * 60_000 }));
    const findings = duplicateCheck.run(testOrder({}), testContext({ neighbours: few }));
    expect(findings.map((f) => f.key)).toEqual(few.map((n) => n.id));
  });
});
