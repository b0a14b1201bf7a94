import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestBatch, IngestResult } from '../../domain/ingest-result.js';
import { importFiles } from '../import-files.js';
import type { IngestSink } from '../import-records.js';
import jushuitan from './erp/jushuitan.json' with { type: 'json' };
import jushuitanOrderDetail from './erp/jushuitan-order-detail.json' with { type: 'json' };
import { builtInProfile, checkHeaders, guessLayout, parseExportProfile, TAOBAO_ITEM_REPORT_HEADERS } from './index.js';

/** DOUYIN_HEADERS are the built-in 抖店 profile's first aliases, in an export's order. */
const DOUYIN_HEADERS = ['主订单编号', '子订单编号', '选购商品', '商品ID', '商家编码', '商品数量', '商品单价', '订单应付金额', '运费', '订单提交时间', '支付完成时间', '订单状态', '收件人', '收件人手机号', '省', '市', '区', '详细地址'];

/** SHOPIFY_HEADERS is Shopify's whole orders_export.csv header row as a public importer matches it (see ../samples/SOURCES.md). */
const SHOPIFY_HEADERS = 'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References'.split(',');

/** JUSHUITAN_ORDER_DETAIL_HEADERS is the real header row of 聚水潭's 订单明细 report, as examples/jushuitan-order-detail.csv carries it (see ../samples/SOURCES.md). */
const JUSHUITAN_ORDER_DETAIL_HEADERS = readFileSync(new URL('../../../examples/jushuitan-order-detail.csv', import.meta.url), 'utf8').split('\n')[0]!.split(',');

describe('guessLayout', () => {
  it('reads the real Shopify header row with the built-in profile, and names it when imported as another', () => {
    expect(checkHeaders(builtInProfile('shopify'), SHOPIFY_HEADERS)).toEqual([]);
    expect(guessLayout(SHOPIFY_HEADERS, builtInProfile('jd'))).toMatchObject({ name: 'shopify-orders-export', how: '--channel shopify', missing: [] });
  });

  it.each([
    { name: 'a 抖店 export imported as Taobao', headers: DOUYIN_HEADERS, as: 'taobao' as const, expected: { name: 'douyin-shop-order-export', how: '--channel douyin', missing: [] } },
    {
      name: 'a 抖店 export without its paid column, imported as JD',
      headers: DOUYIN_HEADERS.filter((h) => h !== '订单应付金额'),
      as: 'jd' as const,
      expected: { name: 'douyin-shop-order-export', how: '--channel douyin', missing: ['订单应付金额'] },
    },
    { name: "Taobao's item-level 宝贝报表 imported as the order report", headers: TAOBAO_ITEM_REPORT_HEADERS, as: 'taobao' as const, expected: { name: 'taobao-item-report (淘宝 宝贝报表)', missing: [] } },
    {
      name: "聚水潭's 订单明细 report imported as a 抖店 export",
      headers: JUSHUITAN_ORDER_DETAIL_HEADERS,
      as: 'douyin' as const,
      expected: { name: 'jushuitan-order-detail-report', how: '--channel generic --profile src/ingest/exports/erp/jushuitan-order-detail.json', missing: [] },
    },
  ])('names the layout of $name', ({ headers, as, expected }) => {
    expect(guessLayout(headers, builtInProfile(as))).toMatchObject(expected);
  });

  it("reads 聚水潭's real 订单明细 header row with its profile, and names that profile over the older unverified jushuitan.json", () => {
    const detail = parseExportProfile(jushuitanOrderDetail);
    const older = parseExportProfile(jushuitan);
    if (!detail.ok || !older.ok) throw new Error('shipped 聚水潭 profiles are invalid');
    expect(checkHeaders(detail.profile, JUSHUITAN_ORDER_DETAIL_HEADERS)).toEqual([]);
    expect(guessLayout(JUSHUITAN_ORDER_DETAIL_HEADERS, older.profile)).toMatchObject({ name: 'jushuitan-order-detail-report', missing: [] });
  });

  it('sends no file of the right layout elsewhere when it only lacks a column', () => {
    const taobao = ['订单编号', '买家会员名', '买家应付邮费', '总金额', '订单状态', '收货地址', '联系手机', '订单创建时间', '订单付款时间', '宝贝标题', '宝贝总数量', '物流单号', '物流公司', '商家编码'];
    expect(guessLayout(taobao, builtInProfile('taobao'))).toBeUndefined();
  });

  it('names nothing for headers no known layout shares', () => {
    expect(guessLayout(['id', 'name', 'created', 'amount'], builtInProfile('taobao'))).toBeUndefined();
  });
});

describe('importing an unknown CSV', () => {
  // The header row is the real 宝贝报表 layout (see ../samples/SOURCES.md); the data row is made up.
  it('says a 宝贝报表 imported as another channel is one, and how to import it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ow-layout-'));
    const path = join(dir, 'ExportOrderDetailList.csv');
    await writeFile(path, `${TAOBAO_ITEM_REPORT_HEADERS.join(',')}\n="3921874561234567890",加厚保温杯 500ml,59.00,2,,颜色分类:白色,,,交易成功,CUP-500-W\n`, 'utf8');
    const sink: IngestSink = { ingest: (batch: IngestBatch): Promise<IngestResult> => Promise.resolve({ orders: batch.orders.map(() => 'accepted'), events: batch.events.map(() => 'accepted') }) };
    const summary = await importFiles([path], sink, { channel: 'jd', receivedAt: Date.parse('2026-12-01T00:00:00Z') });
    expect(summary.accepted).toBe(0);
    expect(summary.errors[0]?.message).toMatch(
      /It looks most like the taobao-item-report \(淘宝 宝贝报表\) layout \(10 of its columns match\): import it with --channel taobao without --profile, together with the 订单报表/,
    );
    expect(summary.errors[0]?.message).not.toMatch(/cannot|lists order lines only/);
  });
});
