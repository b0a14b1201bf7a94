import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../domain/ingest-result.js';
import type { ExportRow } from '../adapter.js';
import { normaliseExportRow } from './export-row.js';
import { builtInProfile } from './index.js';
import { groupOrderRows, inheritOrderCells, isOrderRows, mergeOrderRows } from './order-rows.js';

const jd = builtInProfile('jd');
const row = (order: string, sku: string, price: string, paid = '158.00'): ExportRow => ({
  订单号: order, 订单状态: '等待出库', 下单时间: '2026-11-11 10:00:00', 应付金额: paid, 京东价: price, 订购数量: '1', 商品名称: sku, 商家SKUID: sku,
  客户姓名: '张三', 联系电话: '13812345678', 客户地址: '浙江省 杭州市 西湖区 文三路100号',
});

async function* source(rows: ExportRow[]): AsyncGenerator<{ value: unknown } | { error: FieldError }> {
  for (const r of rows) yield { value: r };
}

describe('multi-row exports (one row per SKU)', () => {
  it('groups adjacent rows of one order and merges them into one order with every line', async () => {
    const grouped = [];
    for await (const item of groupOrderRows(source([row('3001', 'CUP', '99.00'), row('3001', 'SLEEVE', '59.00'), row('3002', 'BRUSH', '20.00', '20.00')]), jd)) grouped.push(item);
    expect(grouped).toHaveLength(2);
    const first = grouped[0]!;
    if (!('value' in first) || !isOrderRows(first.value)) throw new Error('not grouped');
    const merged = mergeOrderRows(first.value.rows.map((r) => normaliseExportRow(jd, r, { receivedAt: Date.now() })));
    if (!merged.ok) throw new Error(JSON.stringify(merged.errors));
    expect(merged.value.orders).toHaveLength(1);
    expect(merged.value.orders[0]).toMatchObject({ channelOrderId: '3001', paidFen: 15800, itemsTotalFen: 15800, discountFen: 0 });
    expect(merged.value.orders[0]!.items.map((i) => i.sku)).toEqual(['CUP', 'SLEEVE']);
  });
  it('sums per-line payments when the rows differ (ERP exports)', () => {
    const merged = mergeOrderRows([row('1', 'A', '10.00', '10.00'), row('1', 'B', '20.00', '20.00')].map((r) => normaliseExportRow(jd, r, { receivedAt: Date.now() })));
    expect(merged.ok && merged.value.orders[0]!.paidFen).toBe(3000);
  });
  it('names the row of a bad line', () => {
    const merged = mergeOrderRows([row('1', 'A', '10.00'), { ...row('1', 'B', 'x') }].map((r) => normaliseExportRow(jd, r, { receivedAt: Date.now() })));
    expect(merged).toMatchObject({ ok: false, errors: [{ field: 'row 2: 京东价' }] });
  });
  it('lets later rows inherit the order cells only the first row carries (Shopify)', () => {
    expect(inheritOrderCells([{ Name: '#1', Total: '10.00', Sku: 'A' }, { Name: '#1', Total: '', Sku: 'B' }])).toEqual([
      { Name: '#1', Total: '10.00', Sku: 'A' },
      { Name: '#1', Total: '10.00', Sku: 'B' },
    ]);
  });
});
