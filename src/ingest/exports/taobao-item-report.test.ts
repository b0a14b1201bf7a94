import { describe, expect, it } from 'vitest';
import { TAOBAO_ITEM_REPORT_HEADERS } from './layout-guess.js';
import { isTaobaoItemReport, readItemReportRows } from './taobao-item-report.js';

/** row is a 宝贝报表 row as the CSV reader hands it over: the real headers, made-up cells. */
function row(cells: Partial<Record<(typeof TAOBAO_ITEM_REPORT_HEADERS)[number], string>>): Record<string, string> {
  return Object.fromEntries(TAOBAO_ITEM_REPORT_HEADERS.map((h) => [h, cells[h] ?? '']));
}

describe('isTaobaoItemReport', () => {
  it.each([
    { name: 'the real header row', headers: TAOBAO_ITEM_REPORT_HEADERS, expected: true },
    { name: 'with the optional 创建时间 and stray spaces', headers: [...TAOBAO_ITEM_REPORT_HEADERS.map((h) => `${h} `), '创建时间'], expected: true },
    { name: 'the 订单报表 (宝贝标题, 订单创建时间)', headers: ['订单编号', '买家实际支付金额', '订单状态', '订单创建时间', '宝贝标题', '宝贝总数量', '商家编码'], expected: false },
    { name: 'without 价格', headers: TAOBAO_ITEM_REPORT_HEADERS.filter((h) => h !== '价格'), expected: false },
  ])('$name: $expected', ({ headers, expected }) => {
    expect(isTaobaoItemReport(headers)).toBe(expected);
  });
});

describe('readItemReportRows', () => {
  it('reads the lines, the SKU from 商家编码 else 外部系统编号 else the title, and each 商品属性', () => {
    const read = readItemReportRows([
      row({ 订单编号: '="3921874561234567890"', 标题: '加厚保温杯', 价格: '59.00', 购买数量: '2', 商家编码: 'CUP-W', 商品属性: '颜色分类:白色；容量:500ml' }),
      row({ 订单编号: '3921874561234567890', 标题: '杯套', 价格: '9', 购买数量: '1.0', 外部系统编号: 'SLV-OUTER' }),
      row({ 订单编号: '3921874561234567890', 标题: '赠品 杯刷', 价格: '0.00', 购买数量: '1' }),
    ]);
    expect(read).toEqual({
      ok: true,
      value: {
        orderNo: '3921874561234567890',
        items: [
          { sku: 'CUP-W', title: '加厚保温杯', quantity: 2, unitPriceFen: 5900, attributes: ['颜色分类:白色', '容量:500ml'] },
          { sku: 'SLV-OUTER', title: '杯套', quantity: 1, unitPriceFen: 900 },
          { sku: '赠品 杯刷', title: '赠品 杯刷', quantity: 1, unitPriceFen: 0 },
        ],
      },
    });
  });

  it('names every bad cell by its column, with the row within the order', () => {
    const read = readItemReportRows([
      row({ 订单编号: '3921874561234567890', 标题: '保温杯', 价格: '-1.00', 购买数量: '2', 商家编码: 'CUP-W' }),
      row({ 订单编号: '3921874561234567890', 价格: '', 购买数量: 'two' }),
    ]);
    expect(read).toEqual({
      ok: false,
      errors: [
        { field: 'row 1: 价格', message: 'must not be negative, got -1.00' },
        { field: 'row 2: 价格', message: 'is required: the unit price in yuan' },
        { field: 'row 2: 购买数量', message: 'must be a whole number, got "two"' },
        { field: 'row 2: 商家编码', message: 'is required: the line needs a 商家编码, an 外部系统编号 or a 标题' },
      ],
    });
  });
});
