import { describe, expect, it } from 'vitest';
import type { FieldError, Normalised } from '../../domain/ingest-result.js';
import { parseShanghaiTime } from '../../domain/time.js';
import { youzanAdapter } from './index.js';

const RECEIVED = Date.UTC(2026, 10, 12, 0, 0, 0);
const ctx = { receivedAt: RECEIVED };
const sh = (text: string): number => parseShanghaiTime(text)!;

function fullOrderInfo(orderInfo: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_info: {
      tid: 'E20261111100000012345678',
      status: 'WAIT_SELLER_SEND_GOODS',
      type: 0,
      created: '2026-11-11 10:00:00',
      pay_time: '2026-11-11 10:01:30',
      update_time: '2026-11-11 10:01:31',
      order_tags: { is_payed: true, is_virtual: false },
      ...orderInfo,
    },
    address_info: {
      receiver_name: '张三',
      receiver_tel: '13812345678',
      delivery_province: '浙江省',
      delivery_city: '杭州市',
      delivery_district: '西湖区',
      delivery_address: '文三路100号',
      delivery_postal_code: '310000',
    },
    pay_info: { payment: '105.50', total_fee: '110.00', post_fee: '5.50' },
    remark_info: { buyer_message: '请尽快发货 🙏', trade_memo: "'; DROP TABLE orders; --" },
    buyer_info: { buyer_id: 98765, fans_nickname: '小张' },
    orders: [
      { oid: '1001', item_id: 555, sku_id: 777, outer_sku_id: 'CUP-RED', title: '红色杯子', num: 2, price: '40.00', payment: '36.00' },
      { oid: '1002', item_id: 556, sku_id: 0, title: '杯垫', num: '1', price: '30' },
    ],
    ...extra,
  };
}

function ok(document: unknown): Normalised {
  const split = youzanAdapter.split(document);
  if (!split.ok) throw new Error(`split failed: ${split.error.message}`);
  const r = youzanAdapter.normalise(split.records[0], ctx);
  if (!r.ok) throw new Error(`normalise failed: ${JSON.stringify(r.errors)}`);
  return r.value;
}

function errorsOf(record: unknown): FieldError[] {
  const r = youzanAdapter.normalise(record, ctx);
  return r.ok ? [] : [...r.errors];
}

describe('youzanAdapter.split', () => {
  const cases: Array<{ name: string; doc: unknown; count: number }> = [
    { name: 'bare full_order_info wrapper', doc: { full_order_info: fullOrderInfo() }, count: 1 },
    { name: 'bare order (no wrapper)', doc: fullOrderInfo(), count: 1 },
    { name: 'old response wrapper', doc: { response: { full_order_info: fullOrderInfo() } }, count: 1 },
    { name: 'v4 data wrapper', doc: { success: true, code: 200, data: { full_order_info: fullOrderInfo(), delivery_order: [] } }, count: 1 },
    { name: 'list page', doc: { data: { total_results: 2, full_order_info_list: [{ full_order_info: fullOrderInfo() }, { full_order_info: fullOrderInfo() }] } }, count: 2 },
    { name: 'array', doc: [fullOrderInfo(), fullOrderInfo(), fullOrderInfo()], count: 3 },
  ];
  it.each(cases)('$name', ({ doc, count }) => {
    const split = youzanAdapter.split(doc);
    expect(split.ok && split.records.length).toBe(count);
  });

  const bad: Array<{ name: string; doc: unknown; field: string; message: RegExp }> = [
    { name: 'a string', doc: 'hello', field: '', message: /got "hello"/ },
    { name: 'null', doc: null, field: '', message: /got null/ },
    { name: 'error reply', doc: { success: false, code: 4203, message: 'token expired' }, field: '', message: /Youzan error reply \(code 4203: token expired\)/ },
    { name: 'list is not an array', doc: { full_order_info_list: 'x' }, field: 'full_order_info_list', message: /must be an array/ },
    { name: 'unrelated object', doc: { data: { foo: 1 } }, field: 'data', message: /found none of full_order_info/ },
  ];
  it.each(bad)('rejects $name', ({ doc, field, message }) => {
    const split = youzanAdapter.split(doc);
    expect(split.ok).toBe(false);
    if (!split.ok) {
      expect(split.error.field).toBe(field);
      expect(split.error.message).toMatch(message);
    }
  });
});

describe('youzanAdapter.normalise', () => {
  it('reads a paid order completely', () => {
    const { orders, events } = ok({ full_order_info: fullOrderInfo() });
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order).toMatchObject({
      id: 'youzan:E20261111100000012345678',
      channel: 'youzan',
      channelStatus: 'WAIT_SELLER_SEND_GOODS',
      placedAt: sh('2026-11-11 10:00:00'),
      paidAt: sh('2026-11-11 10:01:30'),
      modifiedAt: sh('2026-11-11 10:01:31'),
      currency: 'CNY',
      itemsTotalFen: 11000,
      shippingFen: 550,
      paidFen: 10550,
      discountFen: 1000,
      customer: { id: '98765', nick: '小张', tier: 'regular' },
      receiver: { name: '张三', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号', zip: '310000' },
      buyerNote: '请尽快发货 🙏',
      sellerNote: "'; DROP TABLE orders; --",
      tags: ['is_payed'],
      shipments: [],
    });
    expect(order.receiver.phone?.kind).toBe('mobile');
    expect(order.items).toEqual([
      { lineId: '1001', productId: '555', sku: 'CUP-RED', title: '红色杯子', quantity: 2, unitPriceFen: 4000, paidFen: 3600 },
      { lineId: '1002', productId: '556', sku: '556', title: '杯垫', quantity: 1, unitPriceFen: 3000 },
    ]);
    expect(events.map((e) => [e.kind === 'stage' && e.stage, e.occurredAt, e.id])).toEqual([
      ['paid', sh('2026-11-11 10:01:30'), 'youzan:E20261111100000012345678#paid'],
    ]);
  });

  const stageCases: Array<{ name: string; info: Record<string, unknown>; stages: Array<[string, string]> }> = [
    { name: 'WAIT_BUYER_PAY: pending since created', info: { status: 'WAIT_BUYER_PAY', pay_time: '' }, stages: [['pending_payment', '2026-11-11 10:00:00']] },
    { name: 'TRADE_PAID', info: { status: 'TRADE_PAID' }, stages: [['paid', '2026-11-11 10:01:30']] },
    { name: 'WAIT_CONFIRM (group buy forming)', info: { status: 'WAIT_CONFIRM' }, stages: [['paid', '2026-11-11 10:01:30']] },
    {
      name: 'WAIT_BUYER_CONFIRM_GOODS with consign_time',
      info: { status: 'WAIT_BUYER_CONFIRM_GOODS', consign_time: '2026-11-12 09:00:00', update_time: '2026-11-12 09:00:05' },
      stages: [['paid', '2026-11-11 10:01:30'], ['shipped', '2026-11-12 09:00:00']],
    },
    {
      name: 'WAIT_BUYER_CONFIRM_GOODS without consign_time: shipped at update_time',
      info: { status: 'WAIT_BUYER_CONFIRM_GOODS', update_time: '2026-11-12 09:00:05' },
      stages: [['paid', '2026-11-11 10:01:30'], ['shipped', '2026-11-12 09:00:05']],
    },
    {
      name: 'TRADE_SUCCESS with success_time',
      info: { status: 'TRADE_SUCCESS', consign_time: '2026-11-12 09:00:00', success_time: '2026-11-15 18:00:00', update_time: '2026-11-15 18:00:01' },
      stages: [['paid', '2026-11-11 10:01:30'], ['shipped', '2026-11-12 09:00:00'], ['delivered', '2026-11-15 18:00:00']],
    },
    {
      name: 'TRADE_CLOSE after payment: cancelled at update_time',
      info: { status: 'TRADE_CLOSE', update_time: '2026-11-11 12:00:00' },
      stages: [['paid', '2026-11-11 10:01:30'], ['cancelled', '2026-11-11 12:00:00']],
    },
  ];
  it.each(stageCases)('stages: $name', ({ info, stages }) => {
    const { events } = ok(fullOrderInfo(info));
    expect(events.map((e) => [e.kind === 'stage' ? e.stage : e.kind, e.occurredAt])).toEqual(stages.map(([s, t]) => [s, sh(t)]));
  });

  it('falls back to the time received when a closed order has no update_time', () => {
    const { events, orders } = ok(fullOrderInfo({ status: 'TRADE_CLOSE', pay_time: null, update_time: undefined }));
    expect(events.map((e) => [e.kind === 'stage' && e.stage, e.occurredAt])).toEqual([['cancelled', RECEIVED]]);
    expect(orders[0]!.modifiedAt).toBe(RECEIVED);
  });

  it('reads waybills of delivery_order beside full_order_info and skips repeats', () => {
    const doc = {
      data: {
        full_order_info: fullOrderInfo({ status: 'WAIT_BUYER_CONFIRM_GOODS', consign_time: '2026-11-12 09:00:00' }),
        delivery_order: [
          { dists: [{ express_info: { express_no: 'YT123', express_id: 2 } }, { express_info: { express_no: 'YT123', express_id: 2 } }] },
          { dists: [{ express_info: { express_no: 'SF456', express_name: '顺丰' } }] },
        ],
      },
    };
    expect(ok(doc).orders[0]!.shipments).toEqual([
      { trackingNo: 'YT123', carrier: '2' },
      { trackingNo: 'SF456', carrier: '顺丰' },
    ]);
  });

  it('keeps a non-normal order type and true order_tags as tags', () => {
    const { orders } = ok(fullOrderInfo({ type: 10, order_tags: { is_refund: true, is_member: true, 'bad tag': true } }));
    expect(orders[0]!.tags).toEqual(['youzan_type:10', 'is_refund', 'is_member']);
  });

  it.each([
    { name: 'old named type FIXED', type: 'FIXED', tags: [] },
    { name: 'old named type GROUP', type: 'GROUP', tags: ['youzan_type:GROUP'] },
    { name: 'odd type value', type: { x: 1 }, tags: [] },
  ])('order type: $name', ({ type, tags }) => {
    expect(ok(fullOrderInfo({ type, order_tags: undefined })).orders[0]!.tags).toEqual(tags);
  });

  it.each([
    { name: 'deeply wrong types', record: { full_order_info: { order_info: [], pay_info: 'x', orders: {} } } },
    { name: 'numbers everywhere', record: { order_info: { tid: 1, status: 2, created: 3 }, pay_info: { payment: 1e300 }, orders: [{ num: 1e300, price: -1 }] } },
    { name: 'emoji and SQL as every value', record: { order_info: { tid: '🙂', status: "' OR 1=1 --", created: '🙂' }, orders: [{ title: '🙂', num: '🙂', price: '🙂' }] } },
  ])('never throws on $name', ({ record }) => {
    expect(youzanAdapter.normalise(record, ctx).ok).toBe(false);
  });

  const errorCases: Array<{ name: string; record: unknown; errors: FieldError[] }> = [
    { name: 'not an object', record: 42, errors: [{ field: '', message: 'must be a Youzan full_order_info object, got number 42' }] },
    { name: 'full_order_info is a string', record: { full_order_info: 'x' }, errors: [{ field: 'full_order_info', message: 'must be an object' }] },
    {
      name: 'unknown status',
      record: { full_order_info: fullOrderInfo({ status: 'WAIT_MAGIC' }) },
      errors: [{ field: 'full_order_info.order_info.status', message: expect.stringMatching(/^is not a Youzan order status we know \("WAIT_MAGIC"\); expected one of TRADE_NO_CREATE_PAY, WAIT_BUYER_PAY, /) as string }],
    },
    {
      name: 'bad time and amount',
      record: fullOrderInfo({ created: '2026/13/40 99:00' }, { pay_info: { payment: 'ten yuan' } }),
      errors: [
        { field: 'order_info.created', message: 'must be a time like "2026-11-11 10:00:00", got "2026/13/40 99:00"' },
        { field: 'pay_info.payment', message: 'must be an amount in yuan like "12.30", got "ten yuan"' },
      ],
    },
    {
      name: 'missing tid and line without sku or quantity',
      record: fullOrderInfo({ tid: undefined }, { orders: [{ title: 'x', price: '1.00' }, 'nope'] }),
      errors: [
        { field: 'order_info.tid', message: 'is required' },
        { field: 'orders[0].outer_sku_id', message: 'is required (or sku_id / outer_item_id / item_id) to tell which SKU was bought' },
        { field: 'orders[0].num', message: 'is required' },
        { field: 'orders[1]', message: 'must be an order line object' },
      ],
    },
    { name: 'empty orders', record: fullOrderInfo({}, { orders: [] }), errors: [{ field: 'orders', message: 'must list at least one order line' }] },
    {
      name: 'tid as an unsafe number',
      record: fullOrderInfo({ tid: 2 ** 60 }),
      errors: [{ field: 'order_info.tid', message: 'is a number too large to be exact; send it as a string' }],
    },
    {
      name: 'huge buyer message',
      record: fullOrderInfo({}, { remark_info: { buyer_message: '急'.repeat(5000) } }),
      errors: [{ field: 'remark_info.buyer_message', message: 'is too long (5000 characters, at most 2000)' }],
    },
  ];
  it.each(errorCases)('errors: $name', ({ record, errors }) => {
    expect(errorsOf(record)).toEqual(errors);
  });
});
