import { describe, expect, it } from 'vitest';
import type { FieldError, Normalised } from '../../domain/ingest-result.js';
import { olistAdapter, olistGroundTruth, OUT_OF_ORDER_TAG, type OlistRecord, type OlistRow } from './index.js';

const ctx = { receivedAt: Date.parse('2026-01-01T00:00:00Z') };
/** brt reads a local Olist time (UTC-3) as an instant. */
const brt = (text: string): number => Date.parse(`${text.replace(' ', 'T')}-03:00`);

function item(overrides: Record<string, string> = {}): OlistRow {
  return {
    order_id: 'o1',
    order_item_id: '1',
    product_id: 'p1',
    seller_id: 's1',
    shipping_limit_date: '2018-03-05 10:00:00',
    price: '49.90',
    freight_value: '15.10',
    product_category_name: 'beleza_saude',
    product_category_name_english: 'health_beauty',
    seller_state: 'SP',
    ...overrides,
  };
}

function record(order: Record<string, string> = {}, items: OlistRow[] = [item()], customer: OlistRow | undefined = undefined): OlistRecord {
  return {
    row: 7,
    order: {
      order_id: 'o1',
      customer_id: 'c1',
      order_status: 'delivered',
      order_purchase_timestamp: '2018-03-01 21:30:00',
      order_approved_at: '2018-03-01 22:00:00',
      order_delivered_carrier_date: '2018-03-03 14:00:00',
      order_delivered_customer_date: '2018-03-10 16:00:00',
      order_estimated_delivery_date: '2018-03-20 00:00:00',
      ...order,
    },
    items,
    customer: customer ?? { customer_id: 'c1', customer_unique_id: 'u1', customer_zip_code_prefix: '01310', customer_city: 'sao paulo', customer_state: 'SP' },
  };
}

function ok(rec: unknown): Normalised {
  const r = olistAdapter.normalise(rec, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function stages(rec: unknown): Array<[string, string]> {
  return ok(rec).events.map((e) => [e.kind === 'stage' ? e.stage : e.kind, new Date(e.occurredAt).toISOString()]);
}

describe('olistAdapter.normalise', () => {
  it('reads a delivered order with UTC-3 times and centavo amounts', () => {
    const { orders } = ok(record({}, [item(), item({ order_item_id: '2' }), item({ order_item_id: '3', product_id: 'p2', seller_id: 's2', price: '10', freight_value: '0', shipping_limit_date: '2018-03-04 09:00:00', product_category_name_english: '', product_category_name: 'pcs', seller_state: '' })]));
    expect(orders[0]).toEqual({
      id: 'olist:o1',
      channel: 'olist',
      channelOrderId: 'o1',
      channelStatus: 'delivered',
      placedAt: brt('2018-03-01 21:30:00'),
      paidAt: brt('2018-03-01 22:00:00'),
      modifiedAt: brt('2018-03-10 16:00:00'),
      promisedShipBy: brt('2018-03-04 09:00:00'),
      promisedDeliveryBy: brt('2018-03-21 00:00:00') - 1,
      currency: 'BRL',
      itemsTotalFen: 10980,
      shippingFen: 3020,
      discountFen: 0,
      paidFen: 14000,
      customer: { id: 'u1', tier: 'regular' },
      receiver: { country: 'BR', province: 'SP', city: 'sao paulo', zip: '01310' },
      incomplete: ['receiver'],
      items: [
        { lineId: '1', sku: 'p1', productId: 'p1', category: 'health_beauty', quantity: 2, unitPriceFen: 4990, attributes: ['seller:s1', 'seller_state:SP'] },
        { lineId: '3', sku: 'p2', productId: 'p2', category: 'pcs', quantity: 1, unitPriceFen: 1000, attributes: ['seller:s2'] },
      ],
      tags: ['multi_seller'],
      shipments: [],
    });
  });

  it('lands an order without item rows, marked without its lines (and its receiver, which the data set never has)', () => {
    const { orders } = ok(record({ order_status: 'unavailable', order_delivered_carrier_date: '', order_delivered_customer_date: '' }, []));
    expect(orders[0]).toMatchObject({ items: [], itemsTotalFen: 0, incomplete: ['receiver', 'items'] });
  });

  it('uses the single seller as the warehouse and "unknown" for a missing category', () => {
    const { orders } = ok(record({}, [item({ product_category_name: '', product_category_name_english: '' })]));
    expect(orders[0]!.warehouse).toBe('seller:s1');
    expect(orders[0]!.items[0]!.category).toBe('unknown');
  });

  const stageCases: Array<{ name: string; order: Record<string, string>; items?: OlistRow[]; stages: Array<[string, string]>; tags?: string[] }> = [
    {
      name: 'delivered: paid and reviewed at the payment approval, shipped, delivered',
      order: {},
      stages: [['paid', '2018-03-02T01:00:00.000Z'], ['reviewed', '2018-03-02T01:00:00.000Z'], ['shipped', '2018-03-03T17:00:00.000Z'], ['delivered', '2018-03-10T19:00:00.000Z']],
    },
    {
      name: 'a boleto paid three days after the purchase: unpaid until then',
      order: { order_approved_at: '2018-03-04 21:40:00', order_delivered_carrier_date: '2018-03-05 14:00:00' },
      stages: [['paid', '2018-03-05T00:40:00.000Z'], ['reviewed', '2018-03-05T00:40:00.000Z'], ['shipped', '2018-03-05T17:00:00.000Z'], ['delivered', '2018-03-10T19:00:00.000Z']],
    },
    {
      name: 'created: not paid yet, no stage',
      order: { order_status: 'created', order_approved_at: '', order_delivered_carrier_date: '', order_delivered_customer_date: '' },
      stages: [],
    },
    {
      name: 'canceled before payment: cancelled, never paid',
      order: { order_status: 'canceled', order_approved_at: '', order_delivered_carrier_date: '', order_delivered_customer_date: '' },
      stages: [['cancelled', '2018-03-02T00:30:00.000Z']],
    },
    {
      name: 'invoiced without an approval time: paid at purchase, the best known time',
      order: { order_status: 'invoiced', order_approved_at: '', order_delivered_carrier_date: '', order_delivered_customer_date: '' },
      stages: [['paid', '2018-03-02T00:30:00.000Z'], ['reviewed', '2018-03-02T00:30:00.000Z']],
    },
    {
      name: 'canceled after approval: cancelled at the latest known time',
      order: { order_status: 'canceled', order_delivered_carrier_date: '', order_delivered_customer_date: '' },
      stages: [['paid', '2018-03-02T01:00:00.000Z'], ['reviewed', '2018-03-02T01:00:00.000Z'], ['cancelled', '2018-03-02T01:00:00.000Z']],
    },
    {
      name: 'unavailable: no cancellation is invented',
      order: { order_status: 'unavailable', order_delivered_carrier_date: '', order_delivered_customer_date: '' },
      items: [],
      stages: [['paid', '2018-03-02T01:00:00.000Z'], ['reviewed', '2018-03-02T01:00:00.000Z']],
    },
    {
      name: 'carrier date before approval: the approval moves back to the hand-over, which stays as scanned, tagged',
      order: { order_status: 'shipped', order_approved_at: '2018-03-04 08:00:00', order_delivered_customer_date: '' },
      stages: [['paid', '2018-03-03T17:00:00.000Z'], ['reviewed', '2018-03-03T17:00:00.000Z'], ['shipped', '2018-03-03T17:00:00.000Z']],
      tags: [OUT_OF_ORDER_TAG],
    },
    {
      name: 'approval stamped before the purchase: paid when placed, tagged',
      order: { order_approved_at: '2018-02-27 10:00:00' },
      stages: [['paid', '2018-03-02T00:30:00.000Z'], ['reviewed', '2018-03-02T00:30:00.000Z'], ['shipped', '2018-03-03T17:00:00.000Z'], ['delivered', '2018-03-10T19:00:00.000Z']],
      tags: [OUT_OF_ORDER_TAG],
    },
    {
      name: 'carrier date even before payment: approval and hand-over no earlier than the purchase',
      order: { order_status: 'shipped', order_purchase_timestamp: '2018-03-02 09:00:00', order_approved_at: '2018-03-04 08:00:00', order_delivered_carrier_date: '2018-03-01 10:00:00', order_delivered_customer_date: '' },
      stages: [['paid', '2018-03-02T12:00:00.000Z'], ['reviewed', '2018-03-02T12:00:00.000Z'], ['shipped', '2018-03-02T12:00:00.000Z']],
      tags: [OUT_OF_ORDER_TAG],
    },
  ];
  it.each(stageCases)('stages: $name', ({ order, items, stages: expected, tags }) => {
    const rec = record(order, items);
    expect(stages(rec)).toEqual(expected);
    expect(ok(rec).orders[0]!.tags).toEqual(tags ?? []);
  });

  it('gives an order without items zero amounts', () => {
    const o = ok(record({ order_status: 'unavailable' }, [])).orders[0]!;
    expect([o.itemsTotalFen, o.shippingFen, o.paidFen, o.items, o.promisedShipBy, o.warehouse]).toEqual([0, 0, 0, [], undefined, undefined]);
  });

  const errorCases: Array<{ name: string; record: unknown; errors: FieldError[] }> = [
    { name: 'not an object', record: 'o1,c1,delivered', errors: [{ field: '', message: 'must be a joined Olist order record, got "o1,c1,delivered"' }] },
    { name: 'no order part', record: { items: [] }, errors: [{ field: 'order', message: 'is required' }] },
    {
      name: 'missing purchase timestamp',
      record: record({ order_purchase_timestamp: '' }),
      errors: [{ field: 'order.order_purchase_timestamp', message: 'is required' }],
    },
    {
      name: 'bad status, time, price and item row',
      record: record({ order_status: 'lost', order_approved_at: '2018-02-30 10:00:00' }, [item({ price: 'R$ 10' }), 'x' as unknown as OlistRow]),
      errors: [
        { field: 'order.order_status', message: 'is not an Olist order status ("lost"); expected one of created, approved, invoiced, processing, shipped, delivered, canceled, unavailable' },
        { field: 'order.order_approved_at', message: 'must be a time like "2026-11-11 10:00:00", got "2018-02-30 10:00:00"' },
        { field: 'items[0].price', message: 'must be an amount in yuan like "12.30", got "R$ 10"' },
        { field: 'items[1]', message: 'must be an item row object' },
      ],
    },
    {
      name: 'customer not joined',
      record: { ...record(), customer: undefined },
      errors: [{ field: 'order.customer_id', message: 'has no row in olist_customers_dataset.csv: is the data set complete?' }],
    },
  ];
  it.each(errorCases)('errors: $name', ({ record: rec, errors }) => {
    const r = olistAdapter.normalise(rec, ctx);
    expect(r.ok ? [] : r.errors).toEqual(errors);
  });
});

describe('olistGroundTruth', () => {
  const cases: Array<{ name: string; order: Record<string, string>; late: boolean | undefined }> = [
    { name: 'delivered early', order: {}, late: false },
    { name: 'delivered late in the evening of the promised day is on time', order: { order_delivered_customer_date: '2018-03-20 23:59:00' }, late: false },
    { name: 'delivered the day after the promise', order: { order_delivered_customer_date: '2018-03-21 00:10:00' }, late: true },
    { name: 'not delivered', order: { order_status: 'shipped', order_delivered_customer_date: '' }, late: undefined },
    { name: 'no estimate', order: { order_estimated_delivery_date: '' }, late: undefined },
  ];
  it.each(cases)('late: $name', ({ order, late }) => {
    expect(olistGroundTruth(record(order))?.late).toBe(late);
  });

  it('keeps raw times, even out of order', () => {
    const truth = olistGroundTruth(record({ order_approved_at: '2018-03-04 08:00:00' }, [item(), item({ shipping_limit_date: '2018-03-02 10:00:00' })]));
    expect(truth).toEqual({
      orderId: 'o1',
      status: 'delivered',
      purchasedAt: brt('2018-03-01 21:30:00'),
      approvedAt: brt('2018-03-04 08:00:00'),
      shippedAt: brt('2018-03-03 14:00:00'),
      deliveredAt: brt('2018-03-10 16:00:00'),
      estimatedDeliveryAt: brt('2018-03-20 00:00:00'),
      shippingLimitAt: brt('2018-03-02 10:00:00'),
      late: false,
    });
  });

  it('is undefined without a purchase time', () => {
    expect(olistGroundTruth(record({ order_purchase_timestamp: 'soon' }))).toBeUndefined();
  });
});
