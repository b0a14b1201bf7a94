import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OrderEvent, StageEvent } from '../../domain/event.js';
import type { Normalisation, Normalised } from '../../domain/ingest-result.js';
import { lookupKeysOf } from '../../domain/lookup-keys.js';
import type { Order } from '../../domain/order.js';
import { ENCRYPTED_PHONE_TEXT, maskPhone } from '../../domain/phone.js';
import { jdAdapter } from './index.js';
import { ORDER_GET, ORDER_SEARCH, SHIPPED_ORDER, UNSHIPPED_ORDER } from './fixtures.js';

const ctx = { receivedAt: Date.parse('2026-11-12T00:00:00+08:00') };
const at = (local: string): number => Date.parse(`${local.replace(' ', 'T')}+08:00`);

const stageEvents = (events: readonly OrderEvent[]): StageEvent[] => events.filter((e): e is StageEvent => e.kind === 'stage');

function ok(n: Normalisation): Normalised {
  if (!n.ok) throw new Error(`expected ok, got ${JSON.stringify(n.errors)}`);
  return n.value;
}

describe('jdAdapter.split', () => {
  const cases: { name: string; document: unknown; ids: string[] }[] = [
    { name: 'order search page', document: ORDER_SEARCH, ids: ['281234567890', '281234567891'] },
    { name: 'order get', document: ORDER_GET, ids: ['281234567891'] },
    {
      name: 'result sent as a JSON string',
      document: { jingdong_pop_order_search_responce: { searchorderinfo_result: JSON.stringify({ orderInfoList: [UNSHIPPED_ORDER] }) } },
      ids: ['281234567890'],
    },
    { name: 'empty page', document: { jingdong_pop_order_search_responce: { searchorderinfo_result: { orderTotal: 0 } } }, ids: [] },
    { name: 'bare order', document: SHIPPED_ORDER, ids: ['281234567891'] },
    { name: 'array of orders', document: [SHIPPED_ORDER], ids: ['281234567891'] },
  ];
  it.each(cases)('$name', ({ document, ids }) => {
    const split = jdAdapter.split(document);
    expect(split.ok).toBe(true);
    if (split.ok) expect(split.records.map((r) => (r as { orderId: string }).orderId)).toEqual(ids);
  });

  const bad: { name: string; document: unknown; field: string; message: RegExp }[] = [
    { name: 'JD error', document: { error_response: { code: '19', zh_desc: 'token已过期' } }, field: 'error_response', message: /19 token已过期/ },
    {
      name: 'apiResult failure',
      document: { jingdong_pop_order_search_responce: { searchorderinfo_result: { apiResult: { success: false, chineseErr: '参数错误' } } } },
      field: '(document)',
      message: /参数错误/,
    },
    { name: 'unrelated object', document: { hello: 'world' }, field: '(document)', message: /not a JD POP order document.*keys hello/ },
    { name: 'null', document: null, field: '(document)', message: /got null/ },
  ];
  it.each(bad)('rejects $name', ({ document, field, message }) => {
    const split = jdAdapter.split(document);
    expect(split.ok).toBe(false);
    if (!split.ok) {
      expect(split.error.field).toBe(field);
      expect(split.error.message).toMatch(message);
    }
  });
});

describe('jdAdapter.normalise', () => {
  it('reads an unshipped order with unset times and a masked phone', () => {
    const { orders, events } = ok(jdAdapter.normalise(UNSHIPPED_ORDER, ctx));
    const order = orders[0]!;
    expect(order).toMatchObject({
      id: 'jd:281234567890',
      channel: 'jd',
      shop: '10086001',
      channelStatus: 'WAIT_SELLER_STOCK_OUT',
      placedAt: at('2026-11-11 00:03:10'),
      paidAt: at('2026-11-11 00:03:25'),
      modifiedAt: at('2026-11-11 00:03:26'),
      itemsTotalFen: 29900,
      shippingFen: 0,
      discountFen: 2000,
      paidFen: 27900,
      buyerNote: '周末送货',
      sellerNote: undefined,
      shipments: [],
    });
    expect(order.receiver).toEqual({
      name: '赵六',
      phone: { raw: '159****4321', kind: 'masked', last4: '4321', prefix3: '159' },
      province: '广东省', city: '深圳市', district: '南山区', town: '粤海街道', detail: '科技园南区深南大道10000号',
    });
    expect(order.items).toEqual([{ sku: 'KETTLE-1.7L', productId: '100000123456', title: '电热水壶 1.7L 白色', quantity: 2, unitPriceFen: 14950 }]);
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt])).toEqual([['paid', at('2026-11-11 00:03:25')]]);
  });

  it("takes the seller's stated discount, so a payment that does not add up stays visible", () => {
    const stated = ok(jdAdapter.normalise({ ...UNSHIPPED_ORDER, sellerDiscount: '20.00', orderPayment: '259.00' }, ctx)).orders[0]!;
    expect([stated.itemsTotalFen, stated.discountFen, stated.paidFen]).toEqual([29900, 2000, 25900]);
    // Without the field the discount is what the buyer did not pay.
    expect(ok(jdAdapter.normalise({ ...UNSHIPPED_ORDER, orderPayment: '259.00' }, ctx)).orders[0]!.discountFen).toBe(4000);
  });

  it('keeps a mistyped mobile with letters over the masked copy, so detection sees it', () => {
    const consignee = { ...(UNSHIPPED_ORDER as { consigneeInfo: Record<string, unknown> }).consigneeInfo, mobile: '1591a654321', desen_mobile: '159****4321' };
    const order = ok(jdAdapter.normalise({ ...UNSHIPPED_ORDER, consigneeInfo: consignee }, ctx)).orders[0]!;
    expect(order.receiver.phone?.raw).toBe('1591a654321');
    expect(order.receiver.phone?.kind).toBe('invalid');
  });

  it('reads a waybill list across two carriers', () => {
    const { orders, events } = ok(jdAdapter.normalise(SHIPPED_ORDER, ctx));
    const order = orders[0]!;
    expect(order.shipments).toEqual([
      { carrier: '1327', trackingNo: 'JDVA00012345678' },
      { carrier: '1327', trackingNo: 'JDVA00012345679' },
      { carrier: '467', trackingNo: 'SF1234567890123' },
    ]);
    expect(order.receiver).toMatchObject({ phone: { kind: 'mobile', number: '13900001111' }, detail: '张江路88号', town: undefined });
    expect(order.items.map((i) => i.sku)).toEqual(['100011112222', 'LID-01']);
    expect(order).toMatchObject({ itemsTotalFen: 8980, shippingFen: 600, paidFen: 9580, discountFen: 0, sellerNote: '已拆两箱' });
    // JD sends no ship time: the shipped state is dated at the order's version.
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt])).toEqual([
      ['paid', at('2026-11-09 21:16:02')],
      ['shipped', at('2026-11-10 18:40:00')],
    ]);
  });

  const timelines: { name: string; patch: Record<string, unknown>; stages: [string, number][] }[] = [
    {
      name: 'finished order delivered at orderEndTime',
      patch: { orderState: 'FINISHED_L', orderEndTime: '2026-11-13 10:00:00', modified: '2026-11-13 10:00:05' },
      stages: [['paid', at('2026-11-09 21:16:02')], ['delivered', at('2026-11-13 10:00:00')]],
    },
    {
      name: 'cancelled order without end time is dated at modified',
      patch: { orderState: 'TRADE_CANCELED' },
      stages: [['paid', at('2026-11-09 21:16:02')], ['cancelled', at('2026-11-10 18:40:00')]],
    },
    { name: 'paused order stays paid', patch: { orderState: 'POP_ORDER_PAUSE' }, stages: [['paid', at('2026-11-09 21:16:02')]] },
  ];
  it.each(timelines)('$name', ({ patch, stages }) => {
    const { events } = ok(jdAdapter.normalise({ ...SHIPPED_ORDER, ...patch }, ctx));
    expect(stageEvents(events).map((e) => [e.stage, e.occurredAt])).toEqual(stages);
  });

  const item = SHIPPED_ORDER.itemInfoList[0]!;
  const bad: { name: string; record: unknown; errors: { field: string; message: string | RegExp }[] }[] = [
    { name: 'a number record', record: 7, errors: [{ field: '(record)', message: 'a JD order must be a JSON object, got number 7' }] },
    { name: 'missing orderId', record: { ...SHIPPED_ORDER, orderId: '' }, errors: [{ field: 'orderId', message: 'is required' }] },
    { name: 'orderId beyond 2^53', record: { ...SHIPPED_ORDER, orderId: JSON.parse('28123456789012345678') as number }, errors: [{ field: 'orderId', message: /too large/ }] },
    { name: 'unknown state', record: { ...SHIPPED_ORDER, orderState: 'WAIT_BUYER_DANCE' }, errors: [{ field: 'orderState', message: /^unknown JD order state "WAIT_BUYER_DANCE"; known: WAIT_SELLER_STOCK_OUT/ }] },
    { name: 'unset start time', record: { ...SHIPPED_ORDER, orderStartTime: '0001-01-01 00:00:00' }, errors: [{ field: 'orderStartTime', message: 'is required' }] },
    { name: 'consigneeInfo is a string', record: { ...SHIPPED_ORDER, consigneeInfo: '钱七' }, errors: [{ field: 'consigneeInfo', message: 'must be an object' }] },
    { name: 'itemInfoList is an object', record: { ...SHIPPED_ORDER, itemInfoList: item }, errors: [{ field: 'itemInfoList', message: 'must be an array' }] },
    { name: 'no items', record: { ...SHIPPED_ORDER, itemInfoList: undefined }, errors: [{ field: 'itemInfoList', message: 'is required' }] },
    {
      name: 'bad item fields',
      record: { ...SHIPPED_ORDER, itemInfoList: [item, { ...item, jdPrice: 'free', itemTotal: 'two' }] },
      errors: [
        { field: 'itemInfoList[1].jdPrice', message: 'must be an amount in yuan like "12.30", got "free"' },
        { field: 'itemInfoList[1].itemTotal', message: 'must be a whole number, got "two"' },
      ],
    },
    { name: 'amount as an object', record: { ...SHIPPED_ORDER, orderPayment: { amount: 1 } }, errors: [{ field: 'orderPayment', message: 'must be an amount in yuan like "12.30", got an object' }] },
  ];
  it.each(bad)('rejects $name', ({ record, errors }) => {
    const n = jdAdapter.normalise(record, ctx);
    expect(n.ok).toBe(false);
    if (!n.ok) {
      expect(n.errors.map((e) => e.field)).toEqual(errors.map((e) => e.field));
      errors.forEach((e, i) => (typeof e.message === 'string' ? expect(n.errors[i]!.message).toBe(e.message) : expect(n.errors[i]!.message).toMatch(e.message)));
    }
  });
});

describe('JD ciphertext receivers (AAS/… tokens)', () => {
  // The public sample (../samples/jd-pop-order-search.json, see SOURCES.md): fullname and fullAddress
  // arrive as AAS/… ciphertext, mobile masked, desen_mobile a digest.
  const sample = JSON.parse(readFileSync(new URL('../samples/jd-pop-order-search.json', import.meta.url), 'utf8')) as {
    jingdong_pop_order_search_responce: { searchorderinfo_result: { orderInfoList: Array<Record<string, unknown> & { consigneeInfo: Record<string, string> }> } };
  };
  const published = sample.jingdong_pop_order_search_responce.searchorderinfo_result.orderInfoList[0]!;
  const tokens = [published.consigneeInfo['fullname']!, published.consigneeInfo['fullAddress']!];
  /** shown is every receiver text a person or the search index can see. */
  const shown = (order: Order): string =>
    JSON.stringify({ name: order.receiver.name, detail: order.receiver.detail, phone: order.receiver.phone?.raw, masked: maskPhone(order.receiver.phone?.raw ?? ''), keys: lookupKeysOf(order) });

  it('never shows or indexes an encrypted fullname or fullAddress, and says they were encrypted', () => {
    const order = ok(jdAdapter.normalise(published, ctx)).orders[0]!;
    expect(order.receiver).toMatchObject({ province: '广东', city: '广州市', district: '海珠区', town: '赤岗街道', phone: { kind: 'masked', raw: '136*******5' } });
    expect(order.receiver.name).toBeUndefined();
    expect(order.receiver.detail).toBeUndefined();
    expect(order.receiver.encrypted).toEqual(['name', 'detail']);
    for (const token of tokens) expect(shown(order)).not.toContain(token.slice(0, 12));
    expect(shown(order)).not.toMatch(/AAS\//);
  });

  it('keeps an encrypted mobile only as the ciphertext for JD to decrypt: never shown, never a lookup key', () => {
    // JD sends mobile and telephone in the same AAS/ form when the app may not see them; the token here is the sample's own fullname token.
    const token = tokens[0]!;
    const consigneeInfo = { ...published.consigneeInfo, mobile: token, telephone: token };
    const order = ok(jdAdapter.normalise({ ...published, consigneeInfo }, ctx)).orders[0]!;
    expect(order.receiver.phone).toEqual({ raw: ENCRYPTED_PHONE_TEXT, kind: 'encrypted', ciphertext: token });
    expect(order.receiver.encrypted).toEqual(['name', 'phone', 'detail']);
    expect(shown(order)).not.toMatch(/AAS\/|656233eb/);
    expect(lookupKeysOf(order)).toEqual(['o:249786309732']);
  });
});
