import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Normalisation } from '../src/domain/ingest-result.js';
import type { Order } from '../src/domain/order.js';
import { runArrivalChecks } from '../src/detect/checks/index.js';
import { testContext } from '../src/detect/checks/test-orders.js';
import { CHANNEL_ADAPTERS, type PayloadChannel } from '../src/ingest/channels.js';
import { douyinAdapter } from '../src/ingest/douyin/index.js';
import { parseJsonLossless } from '../src/ingest/files/lossless-json.js';
import { SHIPPED_ORDER as DOUYIN_SHIPPED } from '../src/ingest/douyin/fixtures.js';
import { jdAdapter } from '../src/ingest/jd/index.js';
import { SHIPPED_ORDER as JD_SHIPPED } from '../src/ingest/jd/fixtures.js';
import { shopifyAdapter } from '../src/ingest/shopify/index.js';
import { youzanAdapter } from '../src/ingest/youzan/index.js';

const ctx = { receivedAt: Date.parse('2026-12-01T00:00:00Z') };

function order(result: Normalisation): Order {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value.orders[0]!;
}

/** findingsOf runs the arrival checks on an order as detection would see it just after import. */
function findingsOf(o: Order): string[] {
  const facts = { order: { ...o, stage: 'paid' as const, stageEnteredAt: o.placedAt, ingestedAt: o.placedAt }, events: [] };
  return runArrivalChecks(facts, testContext({ now: o.placedAt })).map((f) => f.code);
}

describe('JD partial answers (optional_fields)', () => {
  it('lands an order without orderPayment and consigneeInfo, marked incomplete, with no finding for what is missing', () => {
    const { orderPayment: _p, consigneeInfo: _c, ...partial } = JD_SHIPPED as Record<string, unknown>;
    const o = order(jdAdapter.normalise(partial, ctx));
    expect(o.incomplete).toEqual(['payment', 'receiver']);
    expect(findingsOf(o)).toEqual([]);
  });
});

describe('抖店', () => {
  it('names the old order/list (v1) answer instead of failing field by field', () => {
    const legacy = { order_id: '4907538423936588900A', order_status: 2, create_time: '1646720547', child: [{ order_id: '1', combo_num: 1 }] };
    const result = douyinAdapter.normalise(legacy, ctx);
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'sku_order_list', message: expect.stringMatching(/old 抖店 order\/list \(v1\)/) }] });
  });
  it('reads millisecond times and an address sent as JSON text', () => {
    const o = order(douyinAdapter.normalise({ ...DOUYIN_SHIPPED, create_time: 1762704000000, post_addr: JSON.stringify(DOUYIN_SHIPPED.post_addr) }, ctx));
    expect(o.placedAt).toBe(1762704000000);
    expect(o.receiver.province).toBe('重庆市');
  });
  it('keeps virtual goods (goods_type 1) out of the shipping checks', () => {
    const lines = DOUYIN_SHIPPED.sku_order_list.map((l) => ({ ...l, goods_type: 1 }));
    const o = order(douyinAdapter.normalise({ ...DOUYIN_SHIPPED, sku_order_list: lines, post_addr: undefined, mask_post_tel: undefined }, ctx));
    expect(o.virtualGoods).toBe(true);
    expect(findingsOf(o)).toEqual([]);
  });
});

describe('Youzan virtual goods', () => {
  it('raises no address or phone finding for an order that ships nothing', () => {
    const record = {
      full_order_info: {
        order_info: { tid: 'E2026', status: 'WAIT_SELLER_SEND_GOODS', created: '2026-11-11 10:00:00', pay_time: '2026-11-11 10:01:00', order_tags: { is_virtual: true } },
        pay_info: { payment: '99.00', post_fee: '0.00' },
        orders: [{ oid: '1', outer_sku_id: 'COUPON-99', title: '电子券', num: 1, price: '99.00', payment: '99.00' }],
      },
    };
    const o = order(youzanAdapter.normalise(record, ctx));
    expect(o.virtualGoods).toBe(true);
    expect(findingsOf(o)).toEqual([]);
  });
});

describe('Shopify', () => {
  const base = {
    id: 5_000_000_001,
    name: '#1001',
    created_at: '2026-11-11T10:00:00-05:00',
    currency: 'CAD',
    financial_status: 'paid',
    fulfillment_status: null,
    total_price: '123.15',
    subtotal_price: '100.00',
    total_tax: '13.00',
    taxes_included: false,
    total_discounts: '10.00',
    total_shipping_price_set: { shop_money: { amount: '10.15', currency_code: 'CAD' } },
    line_items: [
      { id: 1, variant_id: 2, product_id: 3, sku: 'MUG-1', name: 'Mug', quantity: 2, price: '55.00', total_discount: '0.00', discount_allocations: [{ amount: '10.00' }] },
    ],
    shipping_address: { name: 'Jane Roe', address1: '150 Elgin Street', city: 'Ottawa', province: 'Ontario', country_code: 'CA', zip: 'K2P 1L4', phone: '613-555-0134' },
  };
  it('adds tax on top, reads line discounts from discount_allocations, keeps the currency, and raises nothing', () => {
    const o = order(shopifyAdapter.normalise(base, ctx));
    expect(o).toMatchObject({ currency: 'CAD', taxFen: 1300, paidFen: 12315, discountFen: 1000, shippingFen: 1015 });
    expect(o.items[0]).toMatchObject({ paidFen: 10000 });
    expect(o.receiver).toMatchObject({ country: 'CA', phone: { kind: 'foreign', country: 'CA' } });
    expect(findingsOf(o)).toEqual([]);
  });
  it('shows a real mismatch in the shop currency, not with a ¥ sign', () => {
    const o = order(shopifyAdapter.normalise({ ...base, total_price: '150.00' }, ctx));
    const facts = { order: { ...o, stage: 'paid' as const, stageEnteredAt: o.placedAt, ingestedAt: o.placedAt }, events: [] };
    const mismatch = runArrivalChecks(facts, testContext({ now: o.placedAt })).find((f) => f.code === 'amount.mismatch');
    expect(mismatch?.explanation.zh).toContain('CA$150.00');
    expect(mismatch?.explanation.zh).not.toContain('¥');
  });
});

/**
 * PUBLIC_SAMPLES are the platforms' own answers kept in src/ingest/samples
 * (sources in SOURCES.md): importing them must raise no finding that comes
 * from what the platform itself does (masked or encrypted receivers, tax,
 * discounts spread over lines, a foreign address).
 */
const PUBLIC_SAMPLES: ReadonlyArray<readonly [PayloadChannel, string]> = [
  ['shopify', 'shopify-order-get.json'],
  ['taobao', 'taobao-trade-fullinfo-finished.json'],
  ['taobao', 'taobao-trade-fullinfo-closed.json'],
  ['jd', 'jd-pop-order-search.json'],
  ['pdd', 'pdd-order-information-get.json'],
  ['pdd', 'pdd-order-list-encrypted.json'],
  ['wechat_shop', 'wechat-shop-order-get.json'],
  ['kuaishou', 'kuaishou-order-detail.json'],
];

describe('public samples raise nothing for platform conventions', () => {
  it.each(PUBLIC_SAMPLES)('%s %s', (channel, file) => {
    const text = readFileSync(new URL(`../src/ingest/samples/${file}`, import.meta.url), 'utf8');
    const adapter = CHANNEL_ADAPTERS[channel];
    const split = adapter.split(parseJsonLossless(text));
    if (!split.ok) throw new Error(split.error.message);
    expect(findingsOf(order(adapter.normalise(split.records[0], ctx)))).toEqual([]);
  });
});
