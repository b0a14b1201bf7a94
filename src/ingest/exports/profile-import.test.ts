import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestBatch, IngestResult } from '../../domain/ingest-result.js';
import type { Order } from '../../domain/order.js';
import type { StageEvent } from '../../domain/event.js';
import { importFiles, type ImportFilesOptions } from '../import-files.js';
import type { IngestSink } from '../import-records.js';
import { loadProfileFile, type ExportProfile } from './index.js';

/*
 * Rows imported as a seller would (`orderwatch import --channel … [--profile …] file.csv`) through
 * the built-in Youzan and Shopify profiles and the 旺店通 / 聚水潭 ERP profiles. No public export
 * file of these layouts was found (docs/ingest.md), so the rows are written here with each
 * profile's headers; names, numbers and addresses are made up.
 */

const RECEIVED = Date.parse('2026-12-01T00:00:00Z');
const at = (local: string): number => Date.parse(`${local.replace(' ', 'T')}+08:00`);

/** memorySink keeps what an import would store. */
function memorySink(): IngestSink & { orders: Order[]; events: StageEvent[] } {
  const orders: Order[] = [];
  const events: StageEvent[] = [];
  return {
    orders,
    events,
    ingest(batch: IngestBatch): Promise<IngestResult> {
      orders.push(...batch.orders);
      events.push(...batch.events.filter((e): e is StageEvent => e.kind === 'stage'));
      return Promise.resolve({ orders: batch.orders.map(() => 'accepted'), events: batch.events.map(() => 'accepted') });
    },
  };
}

/** csv writes rows under a header line as a seller's file; cells with commas are quoted. */
function csv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cell = (c: string): string => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

async function importCsv(text: string, options: Omit<ImportFilesOptions, 'receivedAt'>) {
  const dir = await mkdtemp(join(tmpdir(), 'ow-profile-'));
  const path = join(dir, 'export.csv');
  await writeFile(path, text, 'utf8');
  const sink = memorySink();
  const summary = await importFiles([path], sink, { ...options, receivedAt: RECEIVED });
  return { summary, sink };
}

async function erpProfile(file: string): Promise<ExportProfile> {
  const parsed = await loadProfileFile(new URL(`./erp/${file}`, import.meta.url).pathname);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.profile;
}

const lastStage = (events: readonly StageEvent[], orderId: string): string | undefined =>
  events.filter((e) => e.orderId === orderId).reduce<StageEvent | undefined>((a, e) => (a === undefined || e.occurredAt >= a.occurredAt ? e : a), undefined)?.stage;

describe('Youzan export (youzan.json)', () => {
  const header = ['订单号', '订单状态', '下单时间', '付款时间', '发货时间', '订单实付金额', '运费', '商品单价', '商品数量', '商品名称', '商品编码', '买家昵称', '收货人/提货人', '收货人手机号/提货人手机号', '收货人省份', '收货人城市', '收货人地区', '详细收货地址/提货地址', '快递公司', '快递单号', '店铺名称'];
  it('reads a shipped order of two item rows (商品维度) as one order with both lines and its parcel', async () => {
    const rows = [
      ['E20261111100000001', '已发货', '2026-11-11 10:00:00', '2026-11-11 10:01:00', '2026-11-12 09:30:00', '126.00', '6.00', '60.00', '1', '手冲咖啡豆 250g', 'BEAN-250', '小林', '林小姐', '13912345678', '上海市', '上海市', '徐汇区', '漕溪北路88号', '中通快递', '78123456789012', '林间咖啡'],
      ['E20261111100000001', '已发货', '2026-11-11 10:00:00', '2026-11-11 10:01:00', '2026-11-12 09:30:00', '126.00', '6.00', '30.00', '2', '滤纸 100张', 'FILTER-100', '小林', '林小姐', '13912345678', '上海市', '上海市', '徐汇区', '漕溪北路88号', '中通快递', '78123456789012', '林间咖啡'],
    ];
    const { summary, sink } = await importCsv(csv(header, rows), { channel: 'youzan' });
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    const order = sink.orders[0]!;
    expect(order).toMatchObject({
      id: 'youzan:E20261111100000001',
      shop: '林间咖啡',
      paidAt: at('2026-11-11 10:01:00'),
      itemsTotalFen: 12000,
      shippingFen: 600,
      discountFen: 0,
      paidFen: 12600,
      receiver: { name: '林小姐', province: '上海市', city: '上海市', district: '徐汇区', detail: '漕溪北路88号', phone: { kind: 'mobile' } },
      shipments: [{ carrier: '中通快递', trackingNo: '78123456789012' }],
    });
    expect(order.items.map((i) => [i.sku, i.quantity, i.unitPriceFen])).toEqual([
      ['BEAN-250', 1, 6000],
      ['FILTER-100', 2, 3000],
    ]);
    expect(lastStage(sink.events, order.id)).toBe('shipped');
  });
  // The real 订单维度 header row (60 columns, 分销员 twice, as the console writes it; see ../samples/SOURCES.md); the row is made up.
  const ORDER_LEVEL_HEADER =
    '订单号,销售渠道,归属店铺,订单类型,订单状态,推广方式,订单来源,订单创建时间,买家付款时间,交易成功时间,付款方式,支付流水号,商品金额合计,运费,店铺优惠合计,应收订单金额,订单实付金额,支付优惠合计,订单实收金额,订单抵用积分数,店铺优惠方式,支付优惠方式,全部商品名称,商品种类数,订单配送方式,同城送达时间/提货时间,收货人省份,收货人城市,收货人地区,详细收货地址/提货地址,收货人/提货人,收货人手机号/提货人手机号,买家备注,订单星级,买家昵称,买家是否会员,买家手机号,下单网点,收银员,分销员,销售导购,专属导购,订单退款状态,订单已退款金额,商家订单备注,桌号,挂账主体,挂账手机号,团长订单,订单风险标签,分销员,分销员手机号,分销员所属店铺,分销员所属团队,分销员所属分组,分销员等级,订单佣金类型,订单佣金金额,订单下级卖货提成类型,订单下级卖货提成金额'.split(',');
  it('reads the real 订单维度 header row: paid at 买家付款时间, the items in 全部商品名称, finished at 交易成功时间', async () => {
    const cells: Record<string, string> = {
      订单号: 'E20261111100000002', 销售渠道: '网店', 归属店铺: '林间咖啡', 订单类型: '普通订单', 订单状态: '交易成功', 订单来源: '商家小程序',
      订单创建时间: '2026-11-11 10:00:00', 买家付款时间: '2026-11-11 10:01:00', 交易成功时间: '2026-11-15 10:00:00', 付款方式: '微信支付',
      商品金额合计: '120.00', 运费: '6.00', 应收订单金额: '126.00', 订单实付金额: '126.00', 订单实收金额: '126.00', 全部商品名称: '手冲咖啡豆 250g',
      商品种类数: '1', 订单配送方式: '快递发货', 收货人省份: '上海市', 收货人城市: '上海市', 收货人地区: '徐汇区', '详细收货地址/提货地址': '漕溪北路88号',
      '收货人/提货人': '林小姐', '收货人手机号/提货人手机号': '13912345678', 买家昵称: '小林',
    };
    const row = ORDER_LEVEL_HEADER.map((h) => cells[h] ?? '');
    const { summary, sink } = await importCsv(csv(ORDER_LEVEL_HEADER, [row]), { channel: 'youzan' });
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    const order = sink.orders[0]!;
    expect(order).toMatchObject({ channelOrderId: 'E20261111100000002', shop: '林间咖啡', paidAt: at('2026-11-11 10:01:00'), paidFen: 12600, shippingFen: 600, receiver: { name: '林小姐', district: '徐汇区', phone: { kind: 'mobile' } } });
    expect(order.items).toEqual([expect.objectContaining({ title: '手冲咖啡豆 250g', quantity: 1 })]);
    expect(lastStage(sink.events, order.id)).toBe('delivered');
  });
  it('names the status a row carries when the profile does not know it', async () => {
    const row = ['E2', '退款中', '2026-11-11 10:00:00', '', '', '10.00', '0.00', '10.00', '1', '杯子', 'CUP', '', '王先生', '13812345678', '浙江省', '杭州市', '西湖区', '文三路1号', '', '', ''];
    const { summary } = await importCsv(csv(header, [row]), { channel: 'youzan' });
    expect(summary.rejected).toBe(1);
    expect(summary.errors[0]).toMatchObject({ record: 1, field: '订单状态', message: expect.stringContaining('unknown status "退款中"') });
  });
});

describe('Shopify export (shopify.json)', () => {
  const header = ['Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Currency', 'Subtotal', 'Shipping', 'Taxes', 'Total', 'Discount Amount', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem sku', 'Billing Name', 'Shipping Name', 'Shipping Address1', 'Shipping City', 'Shipping Zip', 'Shipping Province', 'Shipping Country', 'Shipping Phone'];
  it('reads a taxed, discounted order whose totals sit on its first row only, in its own currency, with no amount gap', async () => {
    const rows = [
      ['#1001', 'jane@example.com', 'paid', '2026-11-11 10:05:00 -0500', 'fulfilled', '2026-11-12 08:00:00 -0500', 'CAD', '100.00', '10.15', '13.00', '123.15', '10.00', '2026-11-11 10:00:00 -0500', '2', 'Mug', '40.00', 'MUG-1', 'Jane Roe', 'Jane Roe', '150 Elgin Street', 'Ottawa', 'K2P 1L4', 'ON', 'CA', '613-555-0134'],
      ['#1001', 'jane@example.com', '', '', '', '', '', '', '', '', '', '', '', '1', 'Coaster', '30.00', 'COASTER-1', '', '', '', '', '', '', '', ''],
    ];
    const { summary, sink } = await importCsv(csv(header, rows), { channel: 'shopify' });
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    const order = sink.orders[0]!;
    expect(order).toMatchObject({
      channelOrderId: '#1001',
      currency: 'CAD',
      placedAt: Date.parse('2026-11-11T10:00:00-05:00'),
      paidAt: Date.parse('2026-11-11T10:05:00-05:00'),
      itemsTotalFen: 11000,
      shippingFen: 1015,
      taxFen: 1300,
      paidFen: 12315,
      receiver: { name: 'Jane Roe', country: 'CA', city: 'Ottawa', zip: 'K2P 1L4', phone: { kind: 'foreign', country: 'CA' } },
    });
    expect(order.items.map((i) => i.sku)).toEqual(['MUG-1', 'COASTER-1']);
    // What the buyer paid adds up: goods + shipping + tax − discount.
    expect(order.itemsTotalFen + order.shippingFen + (order.taxFen ?? 0) - order.discountFen).toBe(order.paidFen);
    // Financial Status says only "paid": the Fulfilled at time is what moves the order on.
    expect(sink.events.find((e) => e.stage === 'shipped')?.occurredAt).toBe(Date.parse('2026-11-12T08:00:00-05:00'));
    expect(lastStage(sink.events, order.id)).toBe('shipped');
  });
});

describe('旺店通 ERP export (erp/wangdiantong.json)', () => {
  const header = ['订单编号', '原始单号', '子单原始单号', '店铺', '订单状态', '交易时间', '付款时间', '发货时间', '收件人', '手机', '省', '市', '区', '地址', '买家实付', '分摊后总价', '货品名称', '商家编码', '实发数量', '物流公司', '物流单号'];
  it('reads a shipped platform order of two goods lines, paid per line, under its platform order number', async () => {
    const rows = [
      ['JY202611110001', '3921874561234567890', '3921874561234567891', '山野果园旗舰店', '已发货', '2026-11-11 09:00:00', '2026-11-11 09:02:00', '2026-11-11 16:00:00', '周先生', '13700001111', '广东省', '深圳市', '南山区', '科技园南路1号', '158.00', '99.00', '秋月梨 5kg', 'PEAR-5KG', '1', '顺丰速运', 'SF1234567890123'],
      ['JY202611110001', '3921874561234567890', '3921874561234567892', '山野果园旗舰店', '已发货', '2026-11-11 09:00:00', '2026-11-11 09:02:00', '2026-11-11 16:00:00', '周先生', '13700001111', '广东省', '深圳市', '南山区', '科技园南路1号', '158.00', '59.00', '蜜橘 3kg', 'ORANGE-3KG', '1', '顺丰速运', 'SF1234567890123'],
    ];
    const { summary, sink } = await importCsv(csv(header, rows), { channel: 'generic', profile: await erpProfile('wangdiantong.json') });
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    const order = sink.orders[0]!;
    expect(order).toMatchObject({
      channelOrderId: '3921874561234567890',
      shop: '山野果园旗舰店',
      paidFen: 15800,
      receiver: { name: '周先生', province: '广东省', city: '深圳市', district: '南山区', detail: '科技园南路1号' },
      shipments: [{ carrier: '顺丰速运', trackingNo: 'SF1234567890123' }],
    });
    expect(order.items.map((i) => [i.sku, i.lineId, i.paidFen ?? i.unitPriceFen])).toEqual([
      ['PEAR-5KG', '3921874561234567891', 9900],
      ['ORANGE-3KG', '3921874561234567892', 5900],
    ]);
    expect(lastStage(sink.events, order.id)).toBe('shipped');
  });
  it('sums two lines that cost the same: 分摊后总价 is each line\'s share, not the order\'s figure', async () => {
    const line = (sub: string, sku: string): string[] => ['JY202611110002', '3921874561234567999', sub, '山野果园旗舰店', '已审核', '2026-11-11 09:00:00', '2026-11-11 09:02:00', '', '周先生', '13700001111', '广东省', '深圳市', '南山区', '科技园南路1号', '98.00', '49.00', '礼盒', sku, '1', '', ''];
    const { summary, sink } = await importCsv(csv(header, [line('1', 'BOX-A'), line('2', 'BOX-B')]), { channel: 'generic', profile: await erpProfile('wangdiantong.json') });
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    expect(sink.orders[0]).toMatchObject({ paidFen: 9800, itemsTotalFen: 9800, discountFen: 0 });
  });
});

describe('聚水潭 ERP export (erp/jushuitan.json)', () => {
  const header = ['内部订单号', '线上订单号', '店铺', '状态', '下单时间', '付款日期', '已付金额', '运费', '单价', '数量', '商品名称', '商品编码', '买家账号', '收货人', '手机', '省', '市', '区县', '地址', '快递公司', '快递单号', '买家留言'];
  it('reads an order waiting for review under its platform order number, with the buyer note', async () => {
    const rows = [['18800001', '6936476692437472563', '京艺智造', '已付款待审核', '2026-11-11 20:00:00', '2026-11-11 20:00:30', '45.00', '5.00', '40.00', '1', '木质书签', 'BM-01', 'dy_user01', '陈女士', '13500002222', '四川省', '成都市', '武侯区', '人民南路四段9号', '', '', '周末送达']];
    const { summary, sink } = await importCsv(csv(header, rows), { channel: 'generic', profile: await erpProfile('jushuitan.json') });
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    const order = sink.orders[0]!;
    expect(order).toMatchObject({
      channelOrderId: '6936476692437472563',
      shop: '京艺智造',
      paidAt: at('2026-11-11 20:00:30'),
      itemsTotalFen: 4000,
      shippingFen: 500,
      paidFen: 4500,
      buyerNote: '周末送达',
      receiver: { name: '陈女士', province: '四川省', city: '成都市', district: '武侯区', detail: '人民南路四段9号', phone: { kind: 'mobile' } },
      shipments: [],
    });
    expect(lastStage(sink.events, order.id)).toBe('paid');
  });
});

describe('聚水潭 订单明细 report (erp/jushuitan-order-detail.json)', () => {
  // examples/jushuitan-order-detail.csv: the report's real 84-column header row (see ../samples/SOURCES.md) over made-up rows.
  it('reads the example: a shipped order of two lines paid once, and one waiting for review with its buyer note', async () => {
    const text = await readFile(new URL('../../../examples/jushuitan-order-detail.csv', import.meta.url), 'utf8');
    const { summary, sink } = await importCsv(text, { channel: 'generic', profile: await erpProfile('jushuitan-order-detail.json') });
    expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
    const [shipped, waiting] = sink.orders;
    expect(shipped).toMatchObject({
      channelOrderId: '3921874561234567890',
      shop: '山野果园旗舰店',
      placedAt: at('2026-11-11 09:00:00'),
      paidAt: at('2026-11-11 09:02:00'),
      // 已付金额 is the order's, repeated on both lines: paid once, not twice.
      paidFen: 15800,
      itemsTotalFen: 15800,
      shippingFen: 0,
      receiver: { name: '周**', province: '广东省', city: '深圳市', district: '南山区' },
      shipments: [{ carrier: '顺丰速运', trackingNo: 'SF1234567890123' }],
    });
    expect(shipped!.items.map((i) => [i.sku, i.quantity, i.unitPriceFen])).toEqual([
      ['PEAR-5KG', 1, 9900],
      ['ORANGE-3KG', 1, 5900],
    ]);
    expect(lastStage(sink.events, shipped!.id)).toBe('shipped');
    expect(waiting).toMatchObject({ channelOrderId: '6936476692437472563', paidFen: 4500, shippingFen: 500, itemsTotalFen: 4000, buyerNote: '周末送达' });
    expect(lastStage(sink.events, waiting!.id)).toBe('paid');
  });

  it('imported without --profile, the file is refused before anything is written, naming the profile to pass', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ow-jst-'));
    const path = join(dir, '订单明细.csv');
    await writeFile(path, await readFile(new URL('../../../examples/jushuitan-order-detail.csv', import.meta.url), 'utf8'));
    const sink = memorySink();
    await expect(importFiles([path], sink, { channel: 'generic', receivedAt: RECEIVED })).rejects.toThrow(
      /generic has no export profile for CSV files; .*It looks most like the jushuitan-order-detail-report layout \(\d+ of its columns match\): import it with --channel generic --profile src\/ingest\/exports\/erp\/jushuitan-order-detail\.json/,
    );
    expect(sink.orders).toEqual([]);
  });
});
