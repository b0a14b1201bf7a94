import { describe, expect, it } from 'vitest';
import type { PriceStats } from '../facts.js';
import { amountCheck, priceStats } from './amount.js';
import { T0, testContext, testOrder, type OrderShape } from './test-orders.js';

describe('priceStats', () => {
  it.each([
    ['empty', [], { median: 0, mad: 0, samples: 0 }],
    ['odd count', [100, 300, 200], { median: 200, mad: 100, samples: 3 }],
    ['even count', [100, 200, 300, 400], { median: 250, mad: 100, samples: 4 }],
    ['one wild value barely moves it', [100, 101, 99, 100, 100000], { median: 100, mad: 1, samples: 5 }],
    ['non-finite values ignored', [100, Number.NaN, Number.POSITIVE_INFINITY, 300], { median: 200, mad: 100, samples: 2 }],
  ])('%s', (_name, prices, stats) => {
    expect(priceStats(prices)).toEqual(stats);
  });
});

const line = (sku: string, unitPriceFen: number, quantity = 1, extra: Record<string, unknown> = {}) => ({ sku, title: sku, category: 'cup', quantity, unitPriceFen, ...extra });

describe('amountCheck mismatch', () => {
  const cases: readonly [string, OrderShape, string[] | null][] = [
    ['consistent order', {}, null],
    ['1 fen rounding within tolerance', { paidFen: 10901 }, null],
    ['paid less than due', { paidFen: 5000 }, ['total_mismatch']],
    ['discount accounted', { discountFen: 900, paidFen: 10000 }, null],
    ['zero paid for goods is the placeholder check\'s, not this one\'s', { paidFen: 0 }, null],
    ['negative paid', { paidFen: -100 }, ['not_paid']],
    ['unpaid order is not judged', { paidFen: 0, stage: 'pending_payment' }, null],
    ['staged pre-sale deposit only', { paidFen: 2000, presale: { kind: 'deposit' } }, null],
    ['items total disagrees with lines', { itemsTotalFen: 20000, paidFen: 21000 }, ['items_total_mismatch']],
    ['line payments without shipping add up', { items: [line('A', 5000, 1, { paidFen: 5000 }), line('B', 4900, 1, { paidFen: 4900 })] }, null],
    ['line payments do not add up', { items: [line('A', 5000, 1, { paidFen: 100 }), line('B', 4900, 1, { paidFen: 4900 })] }, ['lines_mismatch']],
    ['no items, nothing paid', { items: [], itemsTotalFen: 0, shippingFen: 0, paidFen: 0 }, null],
  ];
  it.each(cases)('%s', (_name, shape, problems) => {
    const findings = amountCheck.run(testOrder(shape), testContext()).filter((f) => f.code === 'amount.mismatch');
    if (problems === null) expect(findings).toEqual([]);
    else expect(findings.map((f) => f.evidence['problems'])).toEqual([problems]);
  });

  it('explains the difference with the sums', () => {
    const [f] = amountCheck.run(testOrder({ paidFen: 5000 }), testContext());
    expect(f).toMatchObject({
      orderId: 'taobao:1001',
      code: 'amount.mismatch',
      key: '',
      severity: 'warning',
      detectedAt: T0 + 60_000,
      evidence: { paidFen: 5000, expectedFen: 10900, differenceFen: -5900, itemsTotalFen: 9900, shippingFen: 1000, discountFen: 0 },
    });
    expect(f?.explanation.zh).toBe('实付 ¥50.00 与应付 ¥109.00（商品 99.00 + 运费 10.00 − 优惠 0.00）不符');
  });
});

describe('amountCheck outlier', () => {
  const history = (median: number, mad: number, samples = 50): PriceStats => ({ median, mad, samples });
  const cases: readonly [string, number, PriceStats | undefined, PriceStats | undefined, { ratio: number; direction: string; basis: string } | null][] = [
    ['usual price', 9900, history(9900, 300), undefined, null],
    ['ten times the usual', 99000, history(9900, 300), undefined, { ratio: 10, direction: 'high', basis: 'sku' }],
    ['a tenth of the usual (misplaced decimal)', 990, history(9900, 300), undefined, { ratio: 10, direction: 'low', basis: 'sku' }],
    ['far in MADs but within the factor', 30000, history(9900, 100), undefined, null],
    ['within MADs of a wide history', 60000, history(9900, 20000), undefined, null],
    ['too few samples', 99000, history(9900, 300, 5), undefined, null],
    ['category fallback when the SKU has no history', 99000, undefined, history(9000, 500), { ratio: 11, direction: 'high', basis: 'category' }],
    ['category fallback when the SKU history is thin', 99000, history(99000, 0, 3), history(9000, 500), { ratio: 11, direction: 'high', basis: 'category' }],
    ['gift at zero price', 0, history(9900, 300), undefined, null],
  ];
  it.each(cases)('%s', (_name, price, sku, category, expected) => {
    const facts = testOrder({ items: [line('CUP-1', price)], itemsTotalFen: price, paidFen: price + 1000 });
    const context = testContext({
      priceBySku: new Map(sku ? [['CUP-1', sku]] : []),
      priceByCategory: new Map(category ? [['cup', category]] : []),
    });
    const findings = amountCheck.run(facts, context).filter((f) => f.code === 'amount.outlier');
    if (expected === null) return expect(findings).toEqual([]);
    expect(findings).toHaveLength(1);
    const stats = expected.basis === 'sku' ? sku! : category!;
    expect(findings[0]).toMatchObject({
      key: 'CUP-1',
      severity: 'warning',
      evidence: { sku: 'CUP-1', price, median: stats.median, mad: stats.mad, samples: stats.samples, ...expected },
    });
  });

  it('one finding per SKU even on repeated lines', () => {
    const facts = testOrder({ items: [line('CUP-1', 99000), line('CUP-1', 99000)], itemsTotalFen: 198000, paidFen: 199000 });
    const context = testContext({ priceBySku: new Map([['CUP-1', { median: 9900, mad: 300, samples: 50 }]]) });
    expect(amountCheck.run(facts, context).map((f) => `${f.code}|${f.key}`)).toEqual(['amount.outlier|CUP-1']);
  });
});
