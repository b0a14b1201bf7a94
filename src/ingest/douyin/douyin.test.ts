import { describe, expect, it } from 'vitest';
import type { OrderEvent, StageEvent } from '../../domain/event.js';
import type { Normalisation, Normalised } from '../../domain/ingest-result.js';
import { douyinAdapter } from './index.js';
import { ORDER_DETAIL, ORDER_LIST, PRESALE_ORDER, SHIPPED_ORDER } from './fixtures.js';

const ctx = { receivedAt: Date.parse('2026-11-12T00:00:00+08:00') };
const at = (iso: string): number => Date.parse(iso);

const stageEvents = (events: readonly OrderEvent[]): StageEvent[] => events.filter((e): e is StageEvent => e.kind === 'stage');

function ok(n: Normalisation): Normalised {
  if (!n.ok) throw new Error(`expected ok, got ${JSON.stringify(n.errors)}`);
  return n.value;
}

describe('douyinAdapter.split', () => {
  const cases: { name: string; document: unknown; ids: string[] }[] = [
    { name: 'order detail', document: ORDER_DETAIL, ids: ['6920000000000012345'] },
    { name: 'search list', document: ORDER_LIST, ids: ['6920000000000012345', '6920000000000022222'] },
    { name: 'empty search page', document: { code: 10000, data: { total: 0, page: 0, size: 20 } }, ids: [] },
    { name: 'bare order', document: SHIPPED_ORDER, ids: ['6920000000000022222'] },
    { name: 'array', document: [SHIPPED_ORDER, PRESALE_ORDER], ids: ['6920000000000022222', '6920000000000012345'] },
  ];
  it.each(cases)('$name', ({ document, ids }) => {
    const split = douyinAdapter.split(document);
    expect(split.ok).toBe(true);
    if (split.ok) expect(split.records.map((r) => (r as { order_id: string }).order_id)).toEqual(ids);
  });

  const bad: { name: string; document: unknown; field: string; message: RegExp }[] = [
    { name: 'platform error', document: { code: 40004, msg: '参数错误', sub_code: 'isv.parameter-invalid' }, field: 'code', message: /40004 参数错误 isv.parameter-invalid/ },
    { name: 'list not an array', document: { data: { shop_order_list: {} } }, field: 'data.shop_order_list', message: /must be an array/ },
    { name: 'unrelated data', document: { data: { foo: 1 } }, field: 'data', message: /not a 抖店 order document.*keys foo/ },
    { name: 'a string', document: 'orders', field: '(document)', message: /got "orders"/ },
  ];
  it.each(bad)('rejects $name', ({ document, field, message }) => {
    const split = douyinAdapter.split(document);
    expect(split.ok).toBe(false);
    if (!split.ok) {
      expect(split.error.field).toBe(field);
      expect(split.error.message).toMatch(message);
    }
  });
});

describe('douyinAdapter.normalise', () => {
  it('reads a full-payment pre-sale with fen amounts, unix seconds and a masked phone', () => {
    const { orders, events } = ok(douyinAdapter.normalise(PRESALE_ORDER, ctx));
    const order = orders[0]!;
    expect(order).toMatchObject({
      id: 'douyin:6920000000000012345',
      channel: 'douyin',
      shop: '山野果园抖音小店',
      channelStatus: '2',
      placedAt: at('2025-11-11T00:00:00+08:00'),
      paidAt: at('2025-11-11T00:01:05+08:00'),
      modifiedAt: at('2025-11-11T00:01:10+08:00'),
      promisedShipBy: at('2025-11-17T23:59:59+08:00'),
      itemsTotalFen: 12900,
      shippingFen: 0,
      discountFen: 1000,
      paidFen: 11900,
      tags: ['seller_star:2'],
      buyerNote: '送人的，别放发票 🎁',
      sellerNote: undefined,
      presale: { kind: 'full_payment', shipBy: at('2025-11-17T23:59:59+08:00') },
    });
    expect(order.receiver).toEqual({
      name: '周*',
      phone: { raw: '1********35', kind: 'masked' },
      province: '四川省', city: '成都市', district: '武侯区', town: '玉林街道', detail: '玉林北路2号',
    });
    expect(order.items).toEqual([
      { lineId: '6920000000000012346', sku: 'ORANGE-5J', productId: '3600000000001', title: '爱媛38号果冻橙 5斤', quantity: 1, unitPriceFen: 12900, paidFen: 11900 },
    ]);
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt])).toEqual([['paid', at('2025-11-11T00:01:05+08:00')]]);
  });

  it('reads a shipped order with a staged pre-sale line', () => {
    const { orders, events } = ok(douyinAdapter.normalise(SHIPPED_ORDER, { ...ctx, shop: '备用' }));
    const order = orders[0]!;
    expect(order).toMatchObject({ shop: '4463798', itemsTotalFen: 6100, shippingFen: 500, paidFen: 6100, discountFen: 500, presale: { kind: 'staged' } });
    expect(order.items.map((i) => [i.sku, i.quantity, i.unitPriceFen])).toEqual([
      ['1745000000002', 2, 1800],
      ['1745000000003', 1, 2500],
    ]);
    expect(order.receiver).toMatchObject({ province: '重庆市', city: '重庆市', district: '渝中区', town: '解放碑街道', phone: { kind: 'masked', last4: '0000' } });
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt])).toEqual([
      ['paid', at('2025-11-10T00:00:30+08:00')],
      ['shipped', at('2025-11-10T13:00:00+08:00')],
    ]);
  });

  const line = SHIPPED_ORDER.sku_order_list[0]!;
  const variants: { name: string; patch: Record<string, unknown>; check: (n: Normalised) => void }[] = [
    {
      name: 'trade_type 2 is a deposit pre-sale and wins over pre_sale_type',
      patch: { sku_order_list: [{ ...line, pre_sale_type: 1 }, { ...line, order_id: 'x2', trade_type: 2 }] },
      check: (n) => expect(n.orders[0]!.presale?.kind).toBe('deposit'),
    },
    {
      name: 'a plain phone beats the masked one',
      patch: { post_tel: '13700001234' },
      check: (n) => expect(n.orders[0]!.receiver.phone).toMatchObject({ kind: 'mobile', number: '13700001234' }),
    },
    {
      name: 'only the encrypted phone',
      patch: { mask_post_tel: undefined, encrypt_post_tel: '#aXbc9TkqLmZ8pQ1r2s3T4u5V6w7X8y9Z#' },
      check: (n) => expect(n.orders[0]!.receiver.phone?.kind).toBe('encrypted'),
    },
    {
      name: 'unpaid order is pending payment since created',
      patch: { order_status: 1, pay_time: 0, ship_time: 0 },
      check: (n) => expect(stageEvents(n.events).map((e) => [e.stage, e.occurredAt])).toEqual([['pending_payment', at('2025-11-10T00:00:00+08:00')]]),
    },
    {
      name: 'completed order delivered at finish_time',
      patch: { order_status: 5, finish_time: 1763000000 },
      check: (n) => expect(stageEvents(n.events).map((e) => e.stage)).toEqual(['paid', 'shipped', 'delivered']),
    },
    {
      name: 'cancelled after payment',
      patch: { order_status: 4, ship_time: 0, finish_time: 1762710000 },
      check: (n) => expect(stageEvents(n.events).map((e) => [e.stage, e.occurredAt])).toEqual([['paid', at('2025-11-10T00:00:30+08:00')], ['cancelled', 1762710000_000]]),
    },
    {
      name: 'goods_price is the unit price when sent',
      patch: { sku_order_list: [{ ...line, goods_price: 1990 }] },
      check: (n) => expect(n.orders[0]!.items[0]!.unitPriceFen).toBe(1990),
    },
  ];
  it.each(variants)('$name', ({ patch, check }) => check(ok(douyinAdapter.normalise({ ...SHIPPED_ORDER, ...patch }, ctx))));

  const bad: { name: string; record: unknown; errors: { field: string; message: string | RegExp }[] }[] = [
    { name: 'null record', record: null, errors: [{ field: '(record)', message: 'a 抖店 order must be a JSON object, got null' }] },
    { name: 'missing order_id', record: { ...SHIPPED_ORDER, order_id: undefined }, errors: [{ field: 'order_id', message: 'is required' }] },
    { name: 'order_id beyond 2^53', record: { ...SHIPPED_ORDER, order_id: JSON.parse('6920000000000022222') as number }, errors: [{ field: 'order_id', message: /too large/ }] },
    { name: 'unknown status', record: { ...SHIPPED_ORDER, order_status: 42 }, errors: [{ field: 'order_status', message: 'unknown 抖店 order_status 42; known: 1, 2, 3, 4, 5, 101, 105' }] },
    { name: 'yuan instead of fen', record: { ...SHIPPED_ORDER, pay_amount: '61.00' }, errors: [{ field: 'pay_amount', message: 'must be an integer amount in fen, got "61.00"' }] },
    { name: 'time as text', record: { ...SHIPPED_ORDER, create_time: '2025-11-10 00:00:00' }, errors: [{ field: 'create_time', message: 'must be unix seconds, got "2025-11-10 00:00:00"' }] },
    { name: 'post_addr a string', record: { ...SHIPPED_ORDER, post_addr: '重庆' }, errors: [{ field: 'post_addr', message: 'must be an object' }] },
    { name: 'province an array', record: { ...SHIPPED_ORDER, post_addr: { province: ['x'] } }, errors: [{ field: 'post_addr.province', message: 'must be an object' }] },
    { name: 'empty sku list', record: { ...SHIPPED_ORDER, sku_order_list: [] }, errors: [{ field: 'sku_order_list', message: 'must list at least one sku order' }] },
    {
      name: 'bad line',
      record: { ...SHIPPED_ORDER, sku_order_list: [line, { order_id: 'x', item_num: -1 }, 3] },
      errors: [
        { field: 'sku_order_list[1].item_num', message: 'must be at least 1, got -1' },
        { field: 'sku_order_list[2]', message: 'must be a sku order object' },
      ],
    },
    {
      name: 'line without sku or price',
      record: { ...SHIPPED_ORDER, sku_order_list: [{ item_num: 1 }] },
      errors: [
        { field: 'sku_order_list[0].sku_id', message: 'is required: a sku order needs out_sku_id, sku_id or product_id' },
        { field: 'sku_order_list[0].origin_amount', message: 'is required (or goods_price): the line has no price' },
      ],
    },
  ];
  it.each(bad)('rejects $name', ({ record, errors }) => {
    const n = douyinAdapter.normalise(record, ctx);
    expect(n.ok).toBe(false);
    if (!n.ok) {
      expect(n.errors.map((e) => e.field)).toEqual(errors.map((e) => e.field));
      errors.forEach((e, i) => (typeof e.message === 'string' ? expect(n.errors[i]!.message).toBe(e.message) : expect(n.errors[i]!.message).toMatch(e.message)));
    }
  });
});
