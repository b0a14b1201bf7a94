import type { ImportSummary, Normalisation } from '../domain/ingest-result.js';
import { orderIdOf, type OrderId, type StoredOrder } from '../domain/order.js';
import { isOrderRows, type OrderRows } from './exports/order-rows.js';
import { replaceOrderLines } from './exports/replace-order-lines.js';
import { readItemReportRows, type ItemReportRead } from './exports/taobao-item-report.js';
import { importRecords, type ImportOptions, type IngestSink, type RecordNormaliser, type SourceItem } from './import-records.js';

/** StoredOrderReader reads stored orders by id: the store, seen from an import that adds to its orders. */
export interface StoredOrderReader {
  getOrders(ids: readonly OrderId[]): Promise<ReadonlyMap<OrderId, StoredOrder>>;
}

/** LOOKUP_CHUNK is how many orders' stored versions are read at once (one query). */
const LOOKUP_CHUNK = 500;

/** ItemReportOrder is one order's 宝贝报表 rows as read, with the stored order they belong to. */
interface ItemReportOrder {
  readonly read: ItemReportRead;
  readonly stored?: StoredOrder;
  /** The record at which this order's rows came earlier in the file, when they are not adjacent. */
  readonly earlierRecord?: number;
}

/**
 * importItemReport imports a Taobao 宝贝报表 (its rows grouped by order, one
 * record per order) as the lines of orders already stored, through the one
 * import pipeline: each order's next version (replaceOrderLines) is written
 * by the store's update path in the batch's transaction, so an order is
 * written whole or not at all, and the same lines again are duplicates. A
 * line of an order not stored is a rejected record (订单编号) that says to
 * import the 订单报表 first or with it.
 */
export async function importItemReport(
  groups: AsyncIterable<SourceItem | { readonly value: OrderRows }>,
  sink: IngestSink,
  reader: StoredOrderReader,
  options: ImportOptions,
): Promise<ImportSummary> {
  return importRecords(withStoredOrders(groups, reader), ITEM_REPORT_NORMALISER, sink, options);
}

const ITEM_REPORT_NORMALISER: RecordNormaliser = {
  normalise(record): Normalisation {
    const { read, stored, earlierRecord } = record as ItemReportOrder;
    if (!read.ok) return read;
    if (earlierRecord !== undefined) {
      return {
        ok: false,
        errors: [
          {
            field: '订单编号',
            message: `rows of order ${read.value.orderNo} came already at record ${earlierRecord} and are not next to these: an order's rows must be adjacent (as Taobao exports them, at most 500); the lines of the earlier record are kept, these are not stored`,
          },
        ],
      };
    }
    return replaceOrderLines(stored, read.value);
  },
};

/**
 * withStoredOrders reads each order's rows and looks up the stored orders a
 * chunk at a time, so a file of any length is read in bounded memory. Only
 * the order numbers seen are kept (to refuse an order whose rows come twice).
 */
async function* withStoredOrders(groups: AsyncIterable<SourceItem | { readonly value: OrderRows }>, reader: StoredOrderReader): AsyncGenerator<SourceItem> {
  const seen = new Map<string, number>();
  let record = 0;
  let chunk: Array<SourceItem | { readonly read: ItemReportRead; readonly earlierRecord?: number }> = [];
  const drain = async function* (): AsyncGenerator<SourceItem> {
    const ids = chunk.flatMap((item) => ('read' in item && item.read.ok && item.earlierRecord === undefined ? [orderIdOf('taobao', item.read.value.orderNo)] : []));
    const stored = ids.length > 0 ? await reader.getOrders(ids) : new Map<OrderId, StoredOrder>();
    for (const item of chunk) {
      if (!('read' in item)) yield item;
      else {
        const order = item.read.ok ? stored.get(orderIdOf('taobao', item.read.value.orderNo)) : undefined;
        yield { value: { ...item, ...(order !== undefined ? { stored: order } : {}) } satisfies ItemReportOrder };
      }
    }
    chunk = [];
  };
  for await (const item of groups) {
    record += 1;
    if ('error' in item || !isOrderRows(item.value)) chunk.push('error' in item ? item : { read: readItemReportRows([item.value as Readonly<Record<string, string>>]) });
    else {
      const read = readItemReportRows(item.value.rows);
      const earlierRecord = read.ok ? seen.get(read.value.orderNo) : undefined;
      if (read.ok && earlierRecord === undefined) seen.set(read.value.orderNo, record);
      chunk.push({ read, ...(earlierRecord !== undefined ? { earlierRecord } : {}) });
    }
    if (chunk.length >= LOOKUP_CHUNK) yield* drain();
  }
  yield* drain();
}
