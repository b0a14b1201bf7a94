import type { FieldError } from '../../domain/ingest-result.js';
import type { OrderItem } from '../../domain/order.js';
import type { ExportRow } from '../adapter.js';
import type { ExportProfile } from './profile.js';
import { cleanCell, headerKey, isBlankTyped, readAmount, readInteger, readText } from './cells.js';

/**
 * ITEM_REPORT_ORDER_NO is how the 宝贝报表's rows are grouped by order (the
 * shape groupOrderRows reads): one row per line, an order's rows adjacent.
 */
export const ITEM_REPORT_ORDER_NO: Pick<ExportProfile, 'columns'> = { columns: { orderNo: { headers: ['订单编号'] } } };

/** The columns a line cannot do without; the other six (商家编码, 商品属性 …) are read when present. */
const REQUIRED = ['订单编号', '标题', '价格', '购买数量'] as const;

/** ORDER_REPORT_ONLY are headers of the 订单报表 that the 宝贝报表 never has: a file with one is the order report. */
const ORDER_REPORT_ONLY = ['订单创建时间', '买家实际支付金额', '宝贝标题'];

/**
 * isTaobaoItemReport tells a Taobao 宝贝报表 (ExportOrderDetailList) by its
 * header row: 订单编号, 标题, 价格 and 购买数量 present and none of the
 * 订单报表's own columns. Both reports have 订单编号, 订单状态 and 商家编码,
 * so those alone say nothing.
 */
export function isTaobaoItemReport(headers: readonly string[]): boolean {
  const keys = new Set(headers.map(headerKey));
  return REQUIRED.every((h) => keys.has(headerKey(h))) && !ORDER_REPORT_ONLY.some((h) => keys.has(headerKey(h)));
}

/** ItemReportLines is one order's lines as the 宝贝报表 lists them. */
export interface ItemReportLines {
  readonly orderNo: string;
  readonly items: readonly OrderItem[];
}

export type ItemReportRead = { readonly ok: true; readonly value: ItemReportLines } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** ID_LIMIT is the longest order number accepted, as for the 订单报表. */
const ID_LIMIT = 64;

/**
 * readItemReportRows reads the rows of one order of a 宝贝报表 into its
 * lines: 标题 → title, 价格 (yuan, the unit price) → unitPriceFen, 购买数量 →
 * quantity, 商家编码 → sku (else 外部系统编号, else the title), 商品属性
 * ("颜色分类:白色;尺码:XL") → attributes, one per property, so the exemption
 * phrases (预售, 定制 …) a seller writes there are read as SKU attributes.
 * 套餐信息, 备注 and the line's 订单状态 are not read: the order's status is
 * the 订单报表's. Errors name the column as the file writes it, prefixed
 * with the row within the order when it has several (`row 2: 价格`).
 */
export function readItemReportRows(rows: readonly ExportRow[]): ItemReportRead {
  const errors: FieldError[] = [];
  const items: OrderItem[] = [];
  let orderNo: string | undefined;
  rows.forEach((row, i) => {
    const cells = new ItemCells(row, rows.length > 1 ? `row ${i + 1}: ` : '');
    const no = cells.text('订单编号', { required: true, max: ID_LIMIT });
    orderNo ??= no;
    const title = cells.text('标题');
    const unitPriceFen = cells.price();
    const quantity = cells.quantity();
    const sku = cells.text('商家编码', { max: 100 }) ?? cells.text('外部系统编号', { max: 100 }) ?? title?.slice(0, 100);
    if (sku === undefined) cells.fail('商家编码', 'is required: the line needs a 商家编码, an 外部系统编号 or a 标题');
    const attributes = (cells.text('商品属性') ?? '').split(/[;；]/).map((a) => a.trim()).filter((a) => a !== '');
    errors.push(...cells.errors);
    if (sku === undefined || unitPriceFen === undefined || quantity === undefined || cells.errors.length > 0) return;
    items.push({ sku, ...(title !== undefined ? { title } : {}), quantity, unitPriceFen, ...(attributes.length > 0 ? { attributes } : {}) });
  });
  if (errors.length > 0 || orderNo === undefined) return { ok: false, errors };
  return { ok: true, value: { orderNo, items } };
}

/** ItemCells reads one 宝贝报表 row's cells by header, collecting an error per bad cell. */
class ItemCells {
  readonly errors: FieldError[] = [];
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly row: ExportRow,
    private readonly prefix: string,
  ) {
    for (const header of Object.keys(row)) if (!this.byKey.has(headerKey(header))) this.byKey.set(headerKey(header), header);
  }

  fail(column: string, message: string): void {
    this.errors.push({ field: `${this.prefix}${this.byKey.get(headerKey(column))?.trim() ?? column}`, message });
  }

  private cell(column: string): string {
    const header = this.byKey.get(headerKey(column));
    const raw = header === undefined ? undefined : this.row[header];
    return typeof raw === 'string' ? cleanCell(raw) : '';
  }

  text(column: string, options: { readonly required?: boolean; readonly max?: number } = {}): string | undefined {
    const read = readText(this.cell(column), options);
    if (read.ok) return read.value;
    this.fail(column, read.message);
    return undefined;
  }

  price(): number | undefined {
    const cell = this.cell('价格');
    const value = isBlankTyped(cell) ? { ok: false as const, message: 'is required: the unit price in yuan' } : readAmount(cell, 'yuan');
    if (value.ok && value.value >= 0) return value.value;
    this.fail('价格', value.ok ? `must not be negative, got ${cell}` : value.message);
    return undefined;
  }

  quantity(): number | undefined {
    const cell = this.cell('购买数量');
    const value = isBlankTyped(cell) ? { ok: false as const, message: 'is required' } : readInteger(cell);
    if (value.ok && value.value >= 1) return value.value;
    this.fail('购买数量', value.ok ? `must be at least 1, got ${value.value}` : value.message);
    return undefined;
  }
}

