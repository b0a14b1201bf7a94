import { describe, expect, it } from 'vitest';
import type { OrderEvent, StageEvent } from '../../domain/event.js';
import type { Normalisation, Normalised } from '../../domain/ingest-result.js';
import { taobaoAdapter } from './index.js';
import { COUNTY_CITY_TRADE, MASKED_PHONE_TRADE, STEP_PRESALE_TRADE, TRADES_SOLD_GET } from './fixtures.js';

const ctx = { receivedAt: Date.parse('2026-11-12T00:00:00+08:00') };
const at = (local: string): number => Date.parse(`${local.replace(' ', 'T')}+08:00`);

const stageEvents = (events: readonly OrderEvent[]): StageEvent[] => events.filter((e): e is StageEvent => e.kind === 'stage');

function ok(n: Normalisation): Normalised {
  if (!n.ok) throw new Error(`expected ok, got ${JSON.stringify(n.errors)}`);
  return n.value;
}

describe('taobaoAdapter.split', () => {
  const cases: { name: string; document: unknown; tids: string[] }[] = [
    { name: 'trades.sold.get page', document: TRADES_SOLD_GET, tids: ['3921874561234567890', '3921874561234567891', '3921874561234567892'] },
    { name: 'trade.fullinfo.get', document: { trade_fullinfo_get_response: { trade: MASKED_PHONE_TRADE } }, tids: ['3921874561234567892'] },
    { name: 'trade.get', document: { trade_get_response: { trade: COUNTY_CITY_TRADE } }, tids: ['3921874561234567891'] },
    { name: 'bare trade', document: STEP_PRESALE_TRADE, tids: ['3921874561234567890'] },
    { name: 'array of trades', document: [MASKED_PHONE_TRADE, COUNTY_CITY_TRADE], tids: ['3921874561234567892', '3921874561234567891'] },
    { name: 'empty page without trades', document: { trades_sold_get_response: { total_results: 0 } }, tids: [] },
  ];
  it.each(cases)('$name', ({ document, tids }) => {
    const split = taobaoAdapter.split(document);
    expect(split.ok).toBe(true);
    if (split.ok) expect(split.records.map((r) => (r as { tid: string }).tid)).toEqual(tids);
  });

  const bad: { name: string; document: unknown; field: string; message: RegExp }[] = [
    { name: 'TOP error', document: { error_response: { code: 27, msg: 'Invalid session', sub_code: 'invalid-sessionkey' } }, field: 'error_response', message: /27 Invalid session invalid-sessionkey/ },
    { name: 'unrelated object', document: { foo: 1, bar: 2 }, field: '(document)', message: /not a Taobao trade document.*keys foo, bar/ },
    { name: 'a number', document: 42, field: '(document)', message: /got number 42/ },
    { name: 'wrapper without trades', document: { trades_sold_get_response: { has_next: false } }, field: 'trades_sold_get_response', message: /holds no trades/ },
    { name: 'trade list not an array', document: { trades_sold_get_response: { trades: { trade: 'x' } } }, field: 'trades_sold_get_response.trades.trade', message: /must be an array/ },
  ];
  it.each(bad)('rejects $name', ({ document, field, message }) => {
    const split = taobaoAdapter.split(document);
    expect(split.ok).toBe(false);
    if (!split.ok) {
      expect(split.error.field).toBe(field);
      expect(split.error.message).toMatch(message);
    }
  });
});

describe('taobaoAdapter.normalise', () => {
  it('reads a step pre-sale trade', () => {
    const { orders, events } = ok(taobaoAdapter.normalise(STEP_PRESALE_TRADE, ctx));
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order).toMatchObject({
      id: 'taobao:3921874561234567890',
      channel: 'taobao',
      shop: '山野果园旗舰店',
      channelOrderId: '3921874561234567890',
      channelStatus: 'WAIT_SELLER_SEND_GOODS',
      placedAt: at('2026-10-21 20:05:11'),
      paidAt: at('2026-11-11 00:12:30'),
      modifiedAt: at('2026-11-11 00:12:35'),
      promisedShipBy: at('2026-11-20 23:59:59'),
      currency: 'CNY',
      itemsTotalFen: 59800,
      shippingFen: 0,
      discountFen: 10000,
      paidFen: 49800,
      customer: { nick: '小王爱购物', tier: 'regular' },
      tags: ['seller_flag:red'],
      buyerNote: '请尽快发货🙏，谢谢！',
      presale: { kind: 'deposit', shipBy: at('2026-11-20 23:59:59') },
      shipments: [],
    });
    expect(order.receiver).toEqual({
      name: '王小明',
      phone: { raw: '13812345678', kind: 'mobile', number: '13812345678', last4: '5678', prefix3: '138' },
      province: '浙江省', city: '杭州市', district: '西湖区', town: '文新街道', detail: '文三路100号3幢501室', zip: '310000',
    });
    expect(order.items).toEqual([
      { lineId: '3921874561234567890', sku: 'PEAR-GIFT-5KG', productId: '680012345678', title: '山野 秋月梨 礼盒5kg', quantity: 1, unitPriceFen: 59800, paidFen: 49800 },
    ]);
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt, e.id])).toEqual([['paid', at('2026-11-11 00:12:30'), 'taobao:3921874561234567890#paid']]);
  });

  it('fills the city of a county-level city and keeps a SQL-looking memo as data', () => {
    const { orders, events } = ok(taobaoAdapter.normalise(COUNTY_CITY_TRADE, ctx));
    const order = orders[0]!;
    expect(order.receiver).toMatchObject({ province: '湖北省', city: '仙桃市', district: '仙桃市', town: '干河街道', detail: '仕林路1号', zip: undefined });
    expect(order.sellerNote).toBe("'; DROP TABLE orders; --");
    expect(order.items.map((i) => [i.sku, i.quantity, i.unitPriceFen, i.attributes])).toEqual([
      ['TEA-01', 2, 3990, undefined],
      ['5012340002', 1, 1990, ['oversold']],
    ]);
    expect(order).toMatchObject({ itemsTotalFen: 9970, paidFen: 9970, discountFen: 0, presale: undefined });
    expect(order.shipments).toEqual([{ carrier: '中通快递', trackingNo: '75312345678901' }]);
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt])).toEqual([
      ['paid', at('2026-11-10 09:01:05')],
      ['shipped', at('2026-11-11 15:30:00')],
    ]);
  });

  it('keeps a masked phone as a contact route and dates delivery at end_time', () => {
    const { orders, events } = ok(taobaoAdapter.normalise(MASKED_PHONE_TRADE, { ...ctx, shop: '备用店名' }));
    const order = orders[0]!;
    expect(order.receiver.phone).toEqual({ raw: '138****5678', kind: 'masked', last4: '5678', prefix3: '138' });
    expect(order).toMatchObject({ shop: '备用店名', shippingFen: 800, itemsTotalFen: 5000, discountFen: 0, paidFen: 5800 });
    expect(order.items[0]!.sku).toBe('680099990000');
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt])).toEqual([
      ['paid', at('2026-11-01 08:00:40')],
      ['shipped', at('2026-11-02 12:00:00')],
      ['delivered', at('2026-11-05 10:00:00')],
    ]);
  });

  const timelines: { name: string; patch: Record<string, unknown>; stages: [string, number][] }[] = [
    {
      name: 'unpaid trade is pending payment since created',
      patch: { status: 'WAIT_BUYER_PAY', pay_time: undefined, consign_time: undefined, end_time: undefined },
      stages: [['pending_payment', at('2026-11-01 08:00:00')]],
    },
    {
      name: 'trade closed by Taobao before payment',
      patch: { status: 'TRADE_CLOSED_BY_TAOBAO', pay_time: undefined, consign_time: undefined, end_time: '2026-11-02 08:00:00' },
      stages: [['pending_payment', at('2026-11-01 08:00:00')], ['cancelled', at('2026-11-02 08:00:00')]],
    },
    {
      name: 'partly shipped trade stays paid',
      patch: { status: 'SELLER_CONSIGNED_PART', end_time: undefined },
      stages: [['paid', at('2026-11-01 08:00:40')]],
    },
    {
      name: 'signed without end_time is dated at modified',
      patch: { status: 'TRADE_BUYER_SIGNED', end_time: undefined },
      stages: [['paid', at('2026-11-01 08:00:40')], ['shipped', at('2026-11-02 12:00:00')], ['delivered', at('2026-11-05 10:00:01')]],
    },
  ];
  it.each(timelines)('$name', ({ patch, stages }) => {
    const { events } = ok(taobaoAdapter.normalise({ ...MASKED_PHONE_TRADE, ...patch }, ctx));
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt])).toEqual(stages);
  });

  it('falls back to the latest known time when modified is missing', () => {
    const { orders } = ok(taobaoAdapter.normalise({ ...MASKED_PHONE_TRADE, modified: undefined }, ctx));
    expect(orders[0]!.modifiedAt).toBe(at('2026-11-05 10:00:00'));
  });

  const line = MASKED_PHONE_TRADE.orders.order[0]!;
  const bad: { name: string; record: unknown; errors: { field: string; message: string | RegExp }[] }[] = [
    { name: 'a string record', record: 'trade', errors: [{ field: '(record)', message: 'a Taobao trade must be a JSON object, got "trade"' }] },
    { name: 'an array record', record: [1], errors: [{ field: '(record)', message: 'a Taobao trade must be a JSON object, got an array' }] },
    { name: 'missing tid', record: { ...MASKED_PHONE_TRADE, tid: undefined }, errors: [{ field: 'tid', message: 'is required' }] },
    { name: 'tid beyond 2^53 as a number', record: { ...MASKED_PHONE_TRADE, tid: JSON.parse('3921874561234567890') as number }, errors: [{ field: 'tid', message: 'is a number too large to be exact; send it as a string' }] },
    { name: 'unknown status', record: { ...MASKED_PHONE_TRADE, status: 'TRADE_TELEPORTED' }, errors: [{ field: 'status', message: /^unknown Taobao trade status "TRADE_TELEPORTED"; known: TRADE_NO_CREATE_PAY, / }] },
    { name: 'missing created and payment', record: { ...MASKED_PHONE_TRADE, created: undefined, payment: '' }, errors: [{ field: 'created', message: 'is required' }, { field: 'payment', message: 'is required' }] },
    { name: 'bad time', record: { ...MASKED_PHONE_TRADE, pay_time: '2026-02-30 10:00:00' }, errors: [{ field: 'pay_time', message: 'must be a time like "2026-11-11 10:00:00", got "2026-02-30 10:00:00"' }] },
    { name: 'orders is a number', record: { ...MASKED_PHONE_TRADE, orders: 5 }, errors: [{ field: 'orders', message: 'must be an object' }] },
    { name: 'no sub-orders', record: { ...MASKED_PHONE_TRADE, orders: { order: [] } }, errors: [{ field: 'orders.order', message: 'must list at least one sub-order' }] },
    {
      name: 'bad second sub-order',
      record: { ...MASKED_PHONE_TRADE, orders: { order: [line, { ...line, price: 'abc', num: 0 }] } },
      errors: [{ field: 'orders.order[1].num', message: 'must be at least 1, got 0' }, { field: 'orders.order[1].price', message: 'must be an amount in yuan like "12.30", got "abc"' }],
    },
    { name: 'sub-order not an object', record: { ...MASKED_PHONE_TRADE, orders: { order: ['x'] } }, errors: [{ field: 'orders.order[0]', message: 'must be a sub-order object' }] },
    {
      name: 'sub-order without any sku field',
      record: { ...MASKED_PHONE_TRADE, orders: { order: [{ num: 1, price: '1.00' }] } },
      errors: [{ field: 'orders.order[0].sku_id', message: 'is required: a sub-order needs one of outer_sku_id, sku_id, outer_iid or num_iid' }],
    },
    { name: 'huge buyer message', record: { ...MASKED_PHONE_TRADE, buyer_message: '长'.repeat(5000) }, errors: [{ field: 'buyer_message', message: 'is too long (5000 characters, at most 2000)' }] },
    { name: 'receiver name as object', record: { ...MASKED_PHONE_TRADE, receiver_name: { first: '张' } }, errors: [{ field: 'receiver_name', message: 'must be a string, got an object' }] },
  ];
  it.each(bad)('rejects $name', ({ record, errors }) => {
    const n = taobaoAdapter.normalise(record, ctx);
    expect(n.ok).toBe(false);
    if (!n.ok) {
      expect(n.errors.map((e) => e.field)).toEqual(errors.map((e) => e.field));
      errors.forEach((e, i) => (typeof e.message === 'string' ? expect(n.errors[i]!.message).toBe(e.message) : expect(n.errors[i]!.message).toMatch(e.message)));
    }
  });
});
