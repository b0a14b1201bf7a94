import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../domain/finding.js';
import { classifyPhone } from '../../domain/phone.js';
import { ARRIVAL_CHECKS, runArrivalChecks } from './index.js';
import { T0, level, testContext, testOrder } from './test-orders.js';

describe('ARRIVAL_CHECKS', () => {
  it('covers the SPEC C3 codes, each once', () => {
    const codes = ARRIVAL_CHECKS.flatMap((c) => c.codes);
    expect([...codes].sort()).toEqual(
      ['address.unresolved', 'address.vague', 'amount.mismatch', 'amount.outlier', 'order.duplicate', 'order.placeholder', 'phone.invalid', 'stock.oversold', 'stock.sync_stale'].sort(),
    );
    for (const code of codes) expect(FINDING_CODES).toContain(code);
    expect(new Set(ARRIVAL_CHECKS.map((c) => c.name)).size).toBe(ARRIVAL_CHECKS.length);
  });
});

describe('runArrivalChecks', () => {
  it('a clean order raises nothing', () => {
    expect(runArrivalChecks(testOrder(), testContext({ stock: [level('SKU-1', 'HZ', 10, 0)] }))).toEqual([]);
  });

  it('a bad order raises each problem once, stamped with now', () => {
    const facts = testOrder({ paidFen: 1, receiver: { name: '测试', phoneRaw: '1381234567', district: '', detail: '小区门口' } });
    const findings = runArrivalChecks(facts, testContext({ stock: [level('SKU-1', 'HZ', 0, 0)] }));
    expect(findings.map((f) => `${f.code}|${f.key}`)).toEqual([
      'stock.oversold|SKU-1',
      'phone.invalid|',
      'address.unresolved|',
      'address.vague|',
      'amount.mismatch|',
      'order.placeholder|',
    ]);
    for (const f of findings) expect(f.detectedAt).toBe(T0 + 60_000);
  });

  it('a test address is the placeholder finding, not also a vague address', () => {
    const codes = (detail: string) => runArrivalChecks(testOrder({ receiver: { detail } }), testContext({ stock: [level('SKU-1', 'HZ', 10, 0)] })).map((f) => f.code);
    expect(codes('测试地址')).toEqual(['order.placeholder']);
    expect(codes('小区门口')).toEqual(['address.vague']);
  });

  const odd = [
    ['empty everything', { items: [], tags: [], receiver: { name: '', detail: '', province: '', city: '', district: '', phoneRaw: '' } }],
    ['NaN amounts', { paidFen: Number.NaN, itemsTotalFen: Number.NaN, shippingFen: Number.NaN }],
    ['emoji and huge strings', { receiver: { name: '👻'.repeat(50_000), detail: '🏚'.repeat(50_000), province: '🌋', phoneRaw: '☎'.repeat(10_000) } }],
    ['negative quantities', { items: [{ sku: '', quantity: -5, unitPriceFen: -100 }] }],
  ] as const;
  it.each(odd)('never throws: %s', (_name, shape) => {
    const facts = testOrder(shape);
    const context = testContext({
      stock: [level('', 'HZ', Number.NaN, Number.NaN)],
      neighbours: [{ id: 'x', channel: 'jd', placedAt: Number.NaN, paidFen: 0, basket: [], cancelled: false, phone: '', receiverName: '' }],
      priceBySku: new Map([['', { median: 0, mad: 0, samples: 1000 }]]),
    });
    const findings = runArrivalChecks(facts, context);
    for (const f of findings) {
      expect(JSON.parse(JSON.stringify(f.evidence))).toBeTypeOf('object');
      expect(JSON.stringify(f).length).toBeLessThan(4000);
    }
  });

  it('a receiver with no fields at all is judged, not crashed on', () => {
    const facts = testOrder();
    const order = { ...facts.order, receiver: {} };
    const codes = runArrivalChecks({ order, events: [] }, testContext()).map((f) => f.code);
    expect(codes).toEqual(['phone.invalid', 'address.unresolved', 'address.vague']);
    expect(classifyPhone('').kind).toBe('invalid');
  });
});
