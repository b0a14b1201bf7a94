import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { OLIST_FILES, type OlistRecord, type OlistRow } from './olist-record.js';

/**
 * readOlistDataset reads the Olist data set in `dir` and yields one joined
 * OlistRecord per row of olist_orders_dataset.csv, in file order. Items,
 * customers, products, sellers and the category translation are loaded into
 * maps first (they are small); the orders are then streamed. A missing or
 * unreadable file rejects the iteration: that is a wrong directory, not a bad
 * record. Bad values inside a row are left for the adapter to report.
 */
export async function* readOlistDataset(dir: string): AsyncGenerator<OlistRecord> {
  const [itemsByOrder, customers, products, sellers, categories] = await Promise.all([
    groupRows(join(dir, OLIST_FILES.items), 'order_id'),
    indexRows(join(dir, OLIST_FILES.customers), 'customer_id'),
    indexRows(join(dir, OLIST_FILES.products), 'product_id'),
    indexRows(join(dir, OLIST_FILES.sellers), 'seller_id'),
    indexRows(join(dir, OLIST_FILES.categories), 'product_category_name'),
  ]);
  let row = 0;
  for await (const order of csvRows(join(dir, OLIST_FILES.orders))) {
    row += 1;
    const orderId = order['order_id'] ?? '';
    const customer = customers.get(order['customer_id'] ?? '');
    const items = (itemsByOrder.get(orderId) ?? []).map((item) => joinItem(item, products, sellers, categories));
    yield { row, order, items, ...(customer ? { customer } : {}) };
  }
}

function joinItem(item: OlistRow, products: Map<string, OlistRow>, sellers: Map<string, OlistRow>, categories: Map<string, OlistRow>): OlistRow {
  const product = products.get(item['product_id'] ?? '');
  const seller = sellers.get(item['seller_id'] ?? '');
  const category = product?.['product_category_name'];
  const english = category ? categories.get(category)?.['product_category_name_english'] : undefined;
  return {
    ...item,
    ...(category ? { product_category_name: category } : {}),
    ...(english ? { product_category_name_english: english } : {}),
    ...(product?.['product_weight_g'] ? { product_weight_g: product['product_weight_g'] } : {}),
    ...(seller?.['seller_state'] ? { seller_state: seller['seller_state'] } : {}),
  };
}

/**
 * csvRows streams a CSV file with a header row as header → cell records (a
 * UTF-8 BOM is dropped); a file that cannot be read fails the iteration.
 */
export function csvRows(path: string): AsyncIterable<OlistRow> {
  const parser = parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
  // pipe() does not forward a source error: without this the parser would wait forever.
  const source = createReadStream(path).on('error', (error) => parser.destroy(error));
  return source.pipe(parser);
}

async function indexRows(path: string, key: string): Promise<Map<string, OlistRow>> {
  const map = new Map<string, OlistRow>();
  for await (const row of csvRows(path)) {
    const id = row[key];
    if (id !== undefined && id !== '' && !map.has(id)) map.set(id, row);
  }
  return map;
}

async function groupRows(path: string, key: string): Promise<Map<string, OlistRow[]>> {
  const map = new Map<string, OlistRow[]>();
  for await (const row of csvRows(path)) {
    const id = row[key];
    if (id === undefined || id === '') continue;
    const list = map.get(id);
    if (list) list.push(row);
    else map.set(id, [row]);
  }
  return map;
}
