import type { FieldError, Normalisation } from '../../domain/ingest-result.js';
import { itemsTotal, type Order, type OrderItem, type Shipment } from '../../domain/order.js';
import type { ExportRow } from '../adapter.js';
import { discountOf } from '../order-parts.js';
import { cleanCell } from './cells.js';
import { resolveColumns } from './columns.js';
import type { ExportProfile } from './profile.js';

/** MAX_ROWS_PER_ORDER bounds one order's rows: more is a broken export (the same number on every row), not an order. */
export const MAX_ROWS_PER_ORDER = 500;

/** OrderRows is the rows of one order in an export with one row per SKU line. */
export interface OrderRows {
  readonly rows: readonly ExportRow[];
}

/**
 * groupOrderRows joins adjacent rows with the same order number into one
 * record: JD, 抖店, Taobao's 宝贝报表 and the ERPs export one row per SKU
 * line, and read one by one every row would replace the last as a "newer
 * version" of the same order, keeping only its last line. Rows of one order
 * are adjacent in every export seen; a value that is not a row passes through.
 */
export async function* groupOrderRows<T extends { readonly value: unknown } | { readonly error: FieldError }>(
  items: AsyncIterable<T>,
  profile: Pick<ExportProfile, 'columns'>,
): AsyncGenerator<T | { readonly value: OrderRows }> {
  let pending: ExportRow[] = [];
  let pendingNo: string | undefined;
  let header: string | undefined;
  const flush = function* (): Generator<{ readonly value: OrderRows }> {
    if (pending.length > 0) yield { value: { rows: pending } };
    pending = [];
    pendingNo = undefined;
  };
  for await (const item of items) {
    if (!('value' in item) || typeof item.value !== 'object' || item.value === null || Array.isArray(item.value)) {
      yield* flush();
      yield item;
      continue;
    }
    const row = item.value as ExportRow;
    header ??= resolveColumns(profile, Object.keys(row)).get('orderNo');
    const orderNo = header === undefined ? undefined : cleanCell(row[header] ?? '');
    if (orderNo === undefined || orderNo === '' || orderNo !== pendingNo || pending.length >= MAX_ROWS_PER_ORDER) yield* flush();
    pending.push(row);
    pendingNo = orderNo === '' ? undefined : orderNo;
  }
  yield* flush();
}

/**
 * inheritOrderCells fills a later row's blank cells from the order's first
 * row: Shopify's and some ERPs' exports write the order's totals, dates and
 * address on its first row only. Line cells are filled on every row, so
 * they are never inherited in practice.
 */
export function inheritOrderCells(rows: readonly ExportRow[]): ExportRow[] {
  const [first, ...rest] = rows;
  if (first === undefined) return [];
  return [first, ...rest.map((row) => Object.fromEntries(Object.entries(row).map(([h, cell]) => [h, cell.trim() === '' ? first[h] ?? '' : cell])))];
}

/** isOrderRows tells a grouped record from a single row. */
export function isOrderRows(value: unknown): value is OrderRows {
  return typeof value === 'object' && value !== null && Array.isArray((value as { rows?: unknown }).rows);
}

/**
 * mergeOrderRows makes one order of its rows' orders: order-level fields
 * (status, times, receiver, shipping) from the first row, every row's line,
 * every parcel. The paid amount is the order's own when every row repeats the
 * same figure (the JD and Taobao layouts), else the rows' sum (per-line
 * payments, as the ERPs export them). With `paidPerLine` (a profile whose
 * paid column is each line's share, 旺店通's 分摊后总价) it is always the sum:
 * two lines that cost the same are still two payments.
 */
export function mergeOrderRows(results: readonly Normalisation[], options: { readonly paidPerLine?: boolean } = {}): Normalisation {
  const errors = results.flatMap((r, i) => (r.ok ? [] : r.errors.map((e) => (results.length > 1 ? { ...e, field: `row ${i + 1}: ${e.field}` } : e))));
  if (errors.length > 0) return { ok: false, errors };
  const orders = results.flatMap((r) => (r.ok ? r.value.orders : []));
  const first = orders[0];
  if (first === undefined || orders.length === 1) return results[0]!;
  const items: OrderItem[] = orders.flatMap((o) => o.items);
  const shipments: Shipment[] = [];
  for (const s of orders.flatMap((o) => o.shipments)) if (!shipments.some((x) => x.trackingNo === s.trackingNo)) shipments.push(s);
  const samePaid = options.paidPerLine !== true && orders.every((o) => o.paidFen === first.paidFen);
  const paidFen = samePaid ? first.paidFen : orders.reduce((sum, o) => sum + o.paidFen, 0);
  const itemsTotalFen = itemsTotal(items);
  const merged: Order = {
    ...first,
    items,
    shipments,
    itemsTotalFen,
    paidFen,
    // Tax charged on top (Shopify's export) is part of what was paid, not a negative discount.
    discountFen: discountOf(itemsTotalFen, first.shippingFen + (first.taxFen ?? 0), paidFen),
    modifiedAt: Math.max(...orders.map((o) => o.modifiedAt)),
  };
  const events = results.flatMap((r) => (r.ok ? r.value.events : []));
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  return { ok: true, value: { orders: [merged], events: unique } };
}
