import { describe, expect, it } from 'vitest';
import type { FieldError, Normalised } from '../../domain/ingest-result.js';
import { shopifyAdapter } from './index.js';

const RECEIVED = Date.parse('2026-03-10T00:00:00Z');
const ctx = { receivedAt: RECEIVED, shop: 'demo.myshopify.com' };

function order(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 5512345678901,
    admin_graphql_api_id: 'gid://shopify/Order/5512345678901',
    name: '#1001',
    created_at: '2026-03-01T10:00:00-05:00',
    processed_at: '2026-03-01T10:00:05-05:00',
    updated_at: '2026-03-01T10:00:07-05:00',
    cancelled_at: null,
    currency: 'USD',
    financial_status: 'paid',
    fulfillment_status: null,
    total_price: '64.49',
    subtotal_price: '54.50',
    total_discounts: '5.00',
    total_shipping_price_set: { shop_money: { amount: '9.99', currency_code: 'USD' } },
    note: 'Leave at the door 📦',
    tags: 'wholesale, rush ,, rush',
    test: false,
    customer: { id: 207119551, first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', tags: '', orders_count: 1 },
    shipping_address: { first_name: 'Ada', last_name: 'Lovelace', phone: '+1 555 625 1199', province: 'Ontario', city: 'Ottawa', address1: '123 Elgin St', address2: 'Unit 4', zip: 'K2P 1L4' },
    line_items: [
      { id: 14123456789012, variant_id: 447654529, product_id: 632910392, sku: 'IPOD-342-N', name: 'IPod Nano - Pink', title: 'IPod Nano', quantity: 1, price: '39.50', total_discount: '5.00', requires_shipping: true },
      { id: 1.41234567890123e20, admin_graphql_api_id: 'gid://shopify/LineItem/141234567890123000000', variant_id: 808950810, product_id: 632910392, sku: '', title: 'Case', quantity: 2, price: '10.00', fulfillment_service: 'printful' },
    ],
    fulfillments: [],
    ...overrides,
  };
}

function ok(doc: unknown): Normalised {
  const split = shopifyAdapter.split(doc);
  if (!split.ok) throw new Error(split.error.message);
  const r = shopifyAdapter.normalise(split.records[0], ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function stagesOf(doc: unknown): Array<[string, string]> {
  return ok(doc).events.map((e) => [e.kind === 'stage' ? e.stage : e.kind, new Date(e.occurredAt).toISOString()]);
}

describe('shopifyAdapter.split', () => {
  const cases: Array<{ name: string; doc: unknown; count: number }> = [
    { name: 'webhook body', doc: order(), count: 1 },
    { name: 'REST {order}', doc: { order: order() }, count: 1 },
    { name: 'REST {orders}', doc: { orders: [order(), order()] }, count: 2 },
    { name: 'array', doc: [order()], count: 1 },
  ];
  it.each(cases)('$name', ({ doc, count }) => {
    const split = shopifyAdapter.split(doc);
    expect(split.ok && split.records.length).toBe(count);
  });

  const bad: Array<{ name: string; doc: unknown; error: FieldError }> = [
    { name: 'number', doc: 7, error: { field: '', message: 'must be a Shopify order, {order}, {orders:[...]} or an array, got number 7' } },
    { name: 'error reply', doc: { errors: 'Not Found' }, error: { field: 'errors', message: 'is a Shopify error reply (Not Found), not orders' } },
    { name: 'orders not an array', doc: { orders: {} }, error: { field: 'orders', message: 'must be an array' } },
    { name: 'no order in it', doc: { hello: 'world' }, error: { field: '', message: 'must be a Shopify order (with id), {order} or {orders:[...]}; found none of them' } },
  ];
  it.each(bad)('rejects $name', ({ doc, error }) => {
    expect(shopifyAdapter.split(doc)).toEqual({ ok: false, error });
  });
});

describe('shopifyAdapter.normalise', () => {
  it('reads a paid, unfulfilled order completely', () => {
    const { orders } = ok(order());
    expect(orders[0]).toEqual({
      id: 'shopify:5512345678901',
      channel: 'shopify',
      shop: 'demo.myshopify.com',
      channelOrderId: '5512345678901',
      channelStatus: 'paid/unfulfilled',
      placedAt: Date.parse('2026-03-01T15:00:00Z'),
      paidAt: Date.parse('2026-03-01T15:00:05Z'),
      modifiedAt: Date.parse('2026-03-01T15:00:07Z'),
      currency: 'USD',
      itemsTotalFen: 5950,
      shippingFen: 999,
      discountFen: 500,
      paidFen: 6449,
      customer: { id: '207119551', nick: 'Ada Lovelace', tier: 'new' },
      receiver: {
        name: 'Ada Lovelace',
        phone: { raw: '+1 555 625 1199', kind: 'foreign', number: '+15556251199', last4: '1199' },
        province: 'Ontario',
        city: 'Ottawa',
        detail: '123 Elgin St Unit 4',
        zip: 'K2P 1L4',
      },
      items: [
        { lineId: '14123456789012', productId: '632910392', sku: 'IPOD-342-N', title: 'IPod Nano - Pink', quantity: 1, unitPriceFen: 3950, paidFen: 3450 },
        { lineId: '141234567890123000000', productId: '632910392', sku: 'variant:808950810', title: 'Case', quantity: 2, unitPriceFen: 1000, attributes: ['fulfillment_service:printful'] },
      ],
      tags: ['wholesale', 'rush', 'name:#1001'],
      buyerNote: 'Leave at the door 📦',
      shipments: [],
    });
  });

  it('keeps an order id beyond 2^53 exact through admin_graphql_api_id', () => {
    const body = '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","created_at":"2026-03-01T10:00:00Z","currency":"CNY","financial_status":"pending","total_price":"1.00","line_items":[{"sku":"A","quantity":1,"price":"1.00"}]}';
    const { orders } = ok(JSON.parse(body));
    expect(orders[0]!.channelOrderId).toBe('820982911946154508');
    expect(orders[0]!.id).toBe('shopify:820982911946154508');
  });

  const stageCases: Array<{ name: string; doc: Record<string, unknown>; stages: Array<[string, string]> }> = [
    { name: 'pending payment', doc: order({ financial_status: 'pending' }), stages: [['pending_payment', '2026-03-01T15:00:00.000Z']] },
    { name: 'authorized counts as paid', doc: order({ financial_status: 'authorized' }), stages: [['paid', '2026-03-01T15:00:05.000Z']] },
    {
      name: 'fulfilled: shipped at the first fulfillment',
      doc: order({
        fulfillment_status: 'fulfilled',
        fulfillments: [
          { status: 'success', created_at: '2026-03-03T09:00:00Z', tracking_company: 'UPS', tracking_number: '1Z999', tracking_numbers: ['1Z999'], shipment_status: 'in_transit' },
          { status: 'cancelled', created_at: '2026-03-02T09:00:00Z', tracking_number: 'OLD' },
        ],
      }),
      stages: [['paid', '2026-03-01T15:00:05.000Z'], ['shipped', '2026-03-03T09:00:00.000Z']],
    },
    {
      name: 'delivered when every active fulfillment is delivered',
      doc: order({
        fulfillment_status: 'fulfilled',
        fulfillments: [
          { status: 'success', created_at: '2026-03-03T09:00:00Z', updated_at: '2026-03-05T12:00:00Z', shipment_status: 'delivered', tracking_number: 'A1' },
          { status: 'success', created_at: '2026-03-02T09:00:00Z', updated_at: '2026-03-06T12:00:00Z', shipment_status: 'delivered', tracking_number: 'A2' },
        ],
      }),
      stages: [['paid', '2026-03-01T15:00:05.000Z'], ['shipped', '2026-03-02T09:00:00.000Z'], ['delivered', '2026-03-06T12:00:00.000Z']],
    },
    {
      name: 'partial without fulfillments: shipped at updated_at',
      doc: order({ fulfillment_status: 'partial' }),
      stages: [['paid', '2026-03-01T15:00:05.000Z'], ['shipped', '2026-03-01T15:00:07.000Z']],
    },
    {
      name: 'cancelled and voided',
      doc: order({ financial_status: 'voided', cancelled_at: '2026-03-01T12:00:00-05:00' }),
      stages: [['pending_payment', '2026-03-01T15:00:00.000Z'], ['cancelled', '2026-03-01T17:00:00.000Z']],
    },
    {
      name: 'restocked without cancellation is a return',
      doc: order({ fulfillment_status: 'restocked', financial_status: 'refunded', updated_at: '2026-03-09T00:00:00Z' }),
      stages: [['paid', '2026-03-01T15:00:05.000Z'], ['returned', '2026-03-09T00:00:00.000Z']],
    },
  ];
  it.each(stageCases)('stages: $name', ({ doc, stages }) => {
    expect(stagesOf(doc)).toEqual(stages);
  });

  it('collects tracking numbers of active fulfillments once each', () => {
    const { orders } = ok(order({
      fulfillment_status: 'partial',
      fulfillments: [
        { status: 'success', tracking_company: 'USPS', tracking_number: 'T1', tracking_numbers: ['T1', 'T2'] },
        { status: 'failure', tracking_number: 'BAD' },
        { status: 'open', tracking_numbers: ['T3'] },
      ],
    }));
    expect(orders[0]!.shipments).toEqual([
      { trackingNo: 'T1', carrier: 'USPS' },
      { trackingNo: 'T2', carrier: 'USPS' },
      { trackingNo: 'T3' },
    ]);
  });

  it('marks VIP customers and test orders', () => {
    const { orders } = ok(order({ test: true, tags: '', customer: { id: 1, tags: 'newsletter, VIP', orders_count: 12 } }));
    expect(orders[0]!.customer.tier).toBe('vip');
    expect(orders[0]!.tags).toEqual(['name:#1001', 'test']);
  });

  it('falls back to shipping_lines when total_shipping_price_set is absent', () => {
    const { orders } = ok(order({ total_shipping_price_set: undefined, shipping_lines: [{ price: '4.00' }, { price: '1.50' }] }));
    expect(orders[0]!.shippingFen).toBe(550);
  });

  it.each([
    { name: 'deeply wrong types', record: { id: {}, line_items: 'x', fulfillments: 3, shipping_address: [], customer: 'c' } },
    { name: 'huge strings', record: order({ note: '📦'.repeat(5000), tags: 'x'.repeat(10_000) }) },
    { name: 'NaN and infinities', record: order({ total_price: Number.NaN, total_discounts: Infinity }) },
  ])('never throws on $name', ({ record }) => {
    expect(shopifyAdapter.normalise(record, ctx).ok).toBe(false);
  });

  const errorCases: Array<{ name: string; record: unknown; errors: FieldError[] }> = [
    { name: 'array instead of order', record: [], errors: [{ field: '', message: 'must be a Shopify order object, got an array' }] },
    {
      name: 'unsafe id without gid',
      record: order({ id: 2 ** 60, admin_graphql_api_id: undefined }),
      errors: [{ field: 'id', message: 'is a number too large to be exact and admin_graphql_api_id does not carry it; send the id as a string' }],
    },
    {
      name: 'unknown statuses',
      record: order({ financial_status: 'stolen', fulfillment_status: 'teleported' }),
      errors: [
        { field: 'financial_status', message: 'is not a Shopify financial status we know ("stolen"); expected one of pending, authorized, partially_paid, paid, partially_refunded, refunded, voided, expired' },
        { field: 'fulfillment_status', message: 'is not a Shopify fulfillment status we know ("teleported"); expected null or one of fulfilled, partial, restocked, unfulfilled' },
      ],
    },
    {
      name: 'bad time, currency and amount',
      record: order({ created_at: 'yesterday', currency: 'usd', total_price: { amount: 1 } }),
      errors: [
        { field: 'created_at', message: 'must be an ISO-8601 time like "2026-11-11T10:00:00+08:00", got "yesterday"' },
        { field: 'currency', message: 'must be an ISO 4217 code like "USD", got "usd"' },
        { field: 'total_price', message: 'must be an amount in yuan like "12.30", got an object' },
      ],
    },
    {
      name: 'line item problems',
      record: order({ line_items: [{ sku: '', quantity: 0, price: '1.00' }, null, { sku: "Robert'); DROP TABLE Students;--", quantity: 'two', price: '1' }] }),
      errors: [
        { field: 'line_items[0].sku', message: 'is empty and variant_id is missing: give the variant a SKU in Shopify' },
        { field: 'line_items[0].quantity', message: 'must be at least 1, got 0' },
        { field: 'line_items[1]', message: 'must be a line item object' },
        { field: 'line_items[2].quantity', message: 'must be a whole number, got "two"' },
      ],
    },
    {
      name: 'missing required fields',
      record: { id: 'abc' },
      errors: [
        { field: 'created_at', message: 'is required' },
        { field: 'currency', message: 'is required' },
        { field: 'financial_status', message: 'is required' },
        { field: 'total_price', message: 'is required' },
        { field: 'line_items', message: 'is required' },
      ],
    },
  ];
  it.each(errorCases)('errors: $name', ({ record, errors }) => {
    const r = shopifyAdapter.normalise(record, ctx);
    expect(r.ok ? [] : r.errors).toEqual(errors);
  });
});
