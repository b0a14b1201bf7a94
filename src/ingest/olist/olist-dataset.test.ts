import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../domain/order.js';
import { validateOrder } from '../../domain/order-validation.js';
import { OLIST_FILES, olistAdapter, olistGroundTruth, readOlistDataset, readOlistGroundTruth, type OlistRecord } from './index.js';

const brt = (text: string): number => Date.parse(`${text.replace(' ', 'T')}-03:00`);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe('readOlistDataset on a small fixture', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'olist-fixture-'));
    const files: Record<keyof typeof OLIST_FILES, string> = {
      orders: [
        'order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date',
        'o1,c1,delivered,2018-01-02 10:00:00,2018-01-02 11:00:00,2018-01-03 09:00:00,2018-01-08 12:00:00,2018-01-15 00:00:00',
        'o2,c2,unavailable,2018-01-05 08:00:00,,,,2018-01-30 00:00:00',
        'o3,c9,canceled,,,,,',
      ].join('\n'),
      items: [
        'order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value',
        'o1,1,p1,s1,2018-01-04 10:00:00,20.5,5.25',
        'o1,2,p1,s1,2018-01-04 10:00:00,20.5,5.25',
      ].join('\n'),
      customers: ['customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state', 'c1,u1,01001,"sao paulo, centro",SP', 'c2,u2,20000,rio de janeiro,RJ'].join('\n'),
      products: ['"product_id","product_category_name","product_weight_g"', '"p1",cama_mesa_banho,500'].join('\n'),
      sellers: ['"seller_id","seller_zip_code_prefix","seller_city","seller_state"', '"s1","13023",campinas,MG'].join('\n'),
      categories: ['\uFEFFproduct_category_name,product_category_name_english', 'cama_mesa_banho,bed_bath_table'].join('\n'),
    };
    for (const [key, text] of Object.entries(files)) writeFileSync(join(dir, OLIST_FILES[key as keyof typeof OLIST_FILES]), `${text}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('joins items, customers, products, sellers and categories per order, numbering data rows from 1', async () => {
    const records = await collect(readOlistDataset(dir));
    expect(records.map((r) => [r.row, r.order['order_id'], r.items.length, r.customer?.['customer_state']])).toEqual([
      [1, 'o1', 2, 'SP'],
      [2, 'o2', 0, 'RJ'],
      [3, 'o3', 0, undefined],
    ]);
    expect(records[0]!.items[0]).toMatchObject({ product_category_name: 'cama_mesa_banho', product_category_name_english: 'bed_bath_table', product_weight_g: '500', seller_state: 'MG' });
  });

  it('normalises the joined records, reporting the broken one', async () => {
    const results = (await collect(readOlistDataset(dir))).map((r) => olistAdapter.normalise(r, { receivedAt: 0 }));
    expect(results[0]!.ok && results[0]!.value.orders[0]).toMatchObject({ receiver: { city: 'sao paulo, centro' }, itemsTotalFen: 4100, shippingFen: 1050, paidFen: 5150 });
    expect(results[1]!.ok).toBe(true);
    expect(results[2]).toEqual({
      ok: false,
      errors: [
        { field: 'order.order_purchase_timestamp', message: 'is required' },
        { field: 'order.customer_id', message: 'has no row in olist_customers_dataset.csv: is the data set complete?' },
      ],
    });
  });

  it('rejects a directory without the data set', async () => {
    await expect(collect(readOlistDataset(join(dir, 'missing')))).rejects.toThrow(/ENOENT/);
  });
});

const REAL_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/data/olist');
const hasRealData = existsSync(join(REAL_DIR, OLIST_FILES.orders));
if (!hasRealData) console.warn(`Olist data set not found at ${REAL_DIR}: skipping the real-data tests`);

describe.skipIf(!hasRealData)('the real Olist sample (shared/data/olist)', () => {
  let records: OlistRecord[] = [];
  beforeAll(async () => {
    records = await collect(readOlistDataset(REAL_DIR));
  });

  it('has the README counts: 8,135 orders, 5,172 delivered and 2,963 never delivered', () => {
    expect(records).toHaveLength(8135);
    const delivered = records.filter((r) => r.order['order_status'] === 'delivered').length;
    expect([delivered, records.length - delivered]).toEqual([5172, 2963]);
  });

  it('normalises every order without a field error, and every one passes the rules an import applies (none is lost)', () => {
    const failed = records.filter((r) => !olistAdapter.normalise(r, { receivedAt: 0 }).ok).map((r) => r.row);
    expect(failed).toEqual([]);
    const invalid = records.flatMap((r) => {
      const n = olistAdapter.normalise(r, { receivedAt: Date.parse('2026-12-01T00:00:00Z') });
      return n.ok ? n.value.orders.flatMap((o) => validateOrder(o, Date.parse('2026-12-01T00:00:00Z')).map((e) => `${r.row} ${e.field}: ${e.message}`)) : [];
    });
    // 775 orders (603 unavailable, 164 canceled) have no item rows: they land marked so.
    expect(invalid).toEqual([]);
  });

  it('reads order a4591c265e18cb1dcee52889e2d8acc3 (data row 1) exactly', () => {
    const rec = records[0]!;
    expect(rec.row).toBe(1);
    const r = olistAdapter.normalise(rec, { receivedAt: 0 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const order: Order = r.value.orders[0]!;
    expect(order).toMatchObject({
      id: 'olist:a4591c265e18cb1dcee52889e2d8acc3',
      channelStatus: 'delivered',
      placedAt: brt('2017-07-09 21:57:05'),
      // Paid at the payment approval, from which the seller's ship-by runs (4 days to the second).
      paidAt: brt('2017-07-09 22:10:13'),
      promisedShipBy: brt('2017-07-13 22:10:13'),
      promisedDeliveryBy: brt('2017-08-02 00:00:00') - 1,
      itemsTotalFen: 14790,
      shippingFen: 2736,
      paidFen: 17526,
      receiver: { country: 'BR', province: 'PR', city: 'congonhinhas', zip: '86320' },
      warehouse: 'seller:8581055ce74af1daba164fdbd55a40de',
      items: [{ sku: '060cb19345d90064d1015407193c233d', category: 'auto', quantity: 1, unitPriceFen: 14790, attributes: ['seller:8581055ce74af1daba164fdbd55a40de', 'seller_state:SP'] }],
    });
    expect(r.value.events.map((e) => [e.kind === 'stage' && e.stage, e.occurredAt])).toEqual([
      ['paid', brt('2017-07-09 22:10:13')],
      ['reviewed', brt('2017-07-09 22:10:13')],
      ['shipped', brt('2017-07-11 14:58:04')],
      ['delivered', brt('2017-07-26 10:57:55')],
    ]);
    expect(olistGroundTruth(rec)?.late).toBe(false);
  });

  it('counts four item rows of one product as quantity 4 (order bc50c4b6..., data row 1041)', () => {
    const rec = records[1040]!;
    expect(rec.order['order_id']).toBe('bc50c4b649fb077defd8c5b6f1337468');
    const r = olistAdapter.normalise(rec, { receivedAt: 0 });
    expect(r.ok && r.value.orders[0]!.items.map((i) => [i.sku, i.quantity, i.unitPriceFen])).toEqual([['9bd15113e791933a5d0c59c00d9add5c', 4, 790]]);
    expect(r.ok && r.value.orders[0]!.shippingFen).toBe(4740);
  });

  it('finds 6.6 % of delivered orders late, as the README says', async () => {
    const truths = await collect(readOlistGroundTruth(REAL_DIR));
    const judged = truths.filter((t) => t.status === 'delivered' && t.late !== undefined);
    const late = judged.filter((t) => t.late).length;
    expect((100 * late) / judged.length).toBeCloseTo(6.6, 1);
  });
});
