import { describe, expect, it } from 'vitest';
import type { NeighbourOrder } from '../facts.js';
import { placeholderCheck } from './placeholder.js';
import { T0, testContext, testOrder, type OrderShape } from './test-orders.js';

const MIN = 60_000;
const neighbour = (i: number, phone: string, minutesBefore: number): NeighbourOrder => ({
  id: `jd:${i}`,
  channel: 'jd',
  placedAt: T0 - minutesBefore * MIN,
  paidFen: 100,
  phone,
  basket: [`X${i}×1`],
  cancelled: false,
});

describe('placeholderCheck signals', () => {
  const cases: readonly [string, OrderShape, string[] | null][] = [
    ['ordinary order', {}, null],
    ['name is 测试', { receiver: { name: '测试' } }, ['test_name']],
    ['name is test', { receiver: { name: 'TEST' } }, ['test_name']],
    ['name contains 测试', { receiver: { name: '测试用户王' } }, ['test_name']],
    ['李四 alone is a real name', { receiver: { name: '李四' } }, null],
    ['张三 with the textbook phone', { receiver: { name: '张三', phoneRaw: '13800138000' } }, ['sample_name', 'sample_phone']],
    ['textbook phone alone', { receiver: { phoneRaw: '13800138000' } }, null],
    ['test address', { receiver: { detail: '测试地址' } }, ['test_address']],
    ['地址测试 inside a longer detail', { receiver: { detail: '文三路地址测试1号' } }, ['test_address']],
    ['testing centre is a real place', { receiver: { detail: '软件测试中心大厦5楼' } }, null],
    ['seller note says test order', { sellerNote: '测试单，勿发' }, ['test_note']],
    ['tag says 刷单', { tags: ['刷单'] }, ['test_note']],
    ['zero paid for goods', { paidFen: 0 }, ['zero_paid']],
    ['Contest winner is not a test', { receiver: { name: 'Contest' } }, null],
  ];
  it.each(cases)('%s', (_name, shape, signals) => {
    const findings = placeholderCheck.run(testOrder(shape), testContext());
    if (signals === null) return expect(findings).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'order.placeholder', key: '', severity: 'warning', detectedAt: T0 + MIN });
    expect((findings[0]?.evidence['signals'] as { signal: string }[]).map((s) => s.signal)).toEqual(signals);
  });
});

describe('placeholderCheck phone burst', () => {
  const settings = { placeholderPhoneOrders: 4, placeholderWindowHours: 2 };
  it('flags one full phone with 4 orders within 2 hours, with count and window', () => {
    const neighbours = [neighbour(1, '13812345678', 10), neighbour(2, '+86 138 1234 5678', 30), neighbour(3, '13812345678', 100)];
    const [f] = placeholderCheck.run(testOrder(), testContext({ neighbours, settings }));
    expect(f?.evidence).toEqual({
      signals: [{ signal: 'phone_burst', strong: true, field: 'receiver.phone', matched: '13812345678' }],
      count: 4,
      windowHours: 2,
      firstAt: new Date(T0 - 100 * MIN).toISOString(),
      lastAt: new Date(T0).toISOString(),
      orderIds: ['jd:3', 'jd:2', 'jd:1', 'taobao:1001'],
    });
    expect(f?.explanation.zh).toBe('疑似测试或占位订单：同一手机号短时间内大量下单（2小时内4单）');
  });

  it.each([
    ['orders spread over more than the window', [neighbour(1, '13812345678', 10), neighbour(2, '13812345678', 130), neighbour(3, '13812345678', 250)]],
    ['other numbers', [neighbour(1, '13912345678', 10), neighbour(2, '13712345678', 20), neighbour(3, '13612345678', 30)]],
    ['only three orders', [neighbour(1, '13812345678', 10), neighbour(2, '13812345678', 20)]],
  ])('no burst: %s', (_name, neighbours) => {
    expect(placeholderCheck.run(testOrder(), testContext({ neighbours, settings }))).toEqual([]);
  });

  it('masked phones are never grouped: strangers share 138****5678', () => {
    const neighbours = [neighbour(1, '138****5678', 1), neighbour(2, '138****5678', 2), neighbour(3, '138****5678', 3), neighbour(4, '138****5678', 4)];
    expect(placeholderCheck.run(testOrder({ receiver: { phoneRaw: '138****5678' } }), testContext({ neighbours, settings }))).toEqual([]);
  });

  it('never throws on odd data', () => {
    const facts = testOrder({ receiver: { name: '🎁'.repeat(100_000), detail: undefined }, items: [], tags: ['x'.repeat(1_000_000)] });
    const order = { ...facts.order, buyerNote: '😀'.repeat(50_000) };
    expect(placeholderCheck.run({ order, events: [] }, testContext())).toEqual([]);
  });
});
