import { formatMoney } from '../../domain/currency.js';
import type { FieldError, Normalisation } from '../../domain/ingest-result.js';
import { itemsTotal, type Order, type OrderItem, type StoredOrder } from '../../domain/order.js';
import { discountOf } from '../order-parts.js';
import type { ItemReportLines } from './taobao-item-report.js';

/**
 * ITEM_REPORT_TAG marks an order whose lines came from a 宝贝报表: a later
 * 订单报表 row of it (one made-up line of joined titles) keeps these lines
 * (see keepItemReportLines).
 */
export const ITEM_REPORT_TAG = 'taobao_item_report';

/**
 * replaceOrderLines makes the next version of a stored order with the lines
 * of the 宝贝报表 in place of its own: a version 1 ms newer than the stored
 * one, so the store's one update path (newer modifiedAt replaces older)
 * writes it whole in the batch's transaction, with its items, lookup keys and
 * a new judgement. Lines equal to the stored ones give the stored version
 * back: the store calls it a duplicate and nothing changes.
 *
 * The paid amount, shipping and the order itself stay the 订单报表's; the
 * goods total becomes the lines' and the discount is what the lines and
 * shipping cost above the payment, as every adapter computes it. When the
 * lines' total differs from the goods total stored before (for an order of the
 * 订单报表: 总金额 less 邮费, to the fen its one made-up line was rounded to),
 * the lines are kept — they are the platform's own — and the record carries a
 * warning on 价格: a person checks the order, whose amount check then sees
 * the real lines too.
 */
export function replaceOrderLines(stored: StoredOrder | undefined, lines: ItemReportLines): Normalisation {
  if (stored === undefined) {
    return {
      ok: false,
      errors: [{ field: '订单编号', message: `order ${lines.orderNo} is neither in the 订单报表 of this import nor in the store: import the 订单报表 (order report) first, or both files together` }],
    };
  }
  const { stage: _stage, stageEnteredAt: _entered, ingestedAt: _ingested, ...current } = stored;
  if (sameLines(current.items, lines.items)) return { ok: true, value: { orders: [current], events: [] } };
  const itemsTotalFen = itemsTotal(lines.items);
  const order: Order = {
    ...current,
    items: lines.items,
    itemsTotalFen,
    discountFen: discountOf(itemsTotalFen, current.shippingFen + (current.taxFen ?? 0), current.paidFen),
    tags: current.tags.includes(ITEM_REPORT_TAG) ? current.tags : [...current.tags, ITEM_REPORT_TAG],
    modifiedAt: current.modifiedAt + 1,
  };
  const warnings = amountWarnings(current, itemsTotalFen);
  return { ok: true, value: { orders: [order], events: [], ...(warnings.length > 0 ? { warnings } : {}) } };
}

function amountWarnings(before: Order, linesTotalFen: number): FieldError[] {
  // The made-up line's unit price was rounded to the fen: up to half a fen per unit.
  const units = before.items.reduce((sum, item) => sum + item.quantity, 0);
  if (Math.abs(linesTotalFen - before.itemsTotalFen) <= Math.max(1, Math.ceil(units / 2))) return [];
  const money = (fen: number): string => formatMoney(fen, before.currency);
  const was = before.tags.includes(ITEM_REPORT_TAG) ? 'its lines stored before' : 'the 订单报表 (总金额 less 邮费)';
  return [
    {
      field: '价格',
      message: `the lines add up to ${money(linesTotalFen)} (价格 × 购买数量), ${was} to ${money(before.itemsTotalFen)} of goods: the lines are kept; check the order's amounts`,
    },
  ];
}

function sameLines(a: readonly OrderItem[], b: readonly OrderItem[]): boolean {
  return a.length === b.length && a.every((item, i) => JSON.stringify(item) === JSON.stringify(b[i]));
}

/**
 * keepItemReportLines is a 订单报表 order as it should be stored when the
 * store already holds its 宝贝报表 lines: the order's newer status, times and
 * amounts with the real lines kept, instead of the report's one made-up line
 * (joined titles, total quantity) replacing them.
 */
export function keepItemReportLines(order: Order, stored: StoredOrder | undefined): Order {
  if (stored === undefined || !stored.tags.includes(ITEM_REPORT_TAG) || order.modifiedAt <= stored.modifiedAt) return order;
  const itemsTotalFen = itemsTotal(stored.items);
  return {
    ...order,
    items: stored.items,
    itemsTotalFen,
    discountFen: discountOf(itemsTotalFen, order.shippingFen + (order.taxFen ?? 0), order.paidFen),
    tags: order.tags.includes(ITEM_REPORT_TAG) ? order.tags : [...order.tags, ITEM_REPORT_TAG],
  };
}
