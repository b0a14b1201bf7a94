// The row-level rules of bench/olist-outside.ts: how a public copy's cells
// are read back into the Kaggle layout, and how a copy's row is compared with
// the shared sample's. Kept apart so they can be tested without the data.

/** OlistTable is one of the Olist tables a public copy may hold. */
export type OlistTable = 'orders' | 'items' | 'customers' | 'payments';

/** KAGGLE_NAMES are the file names the Olist adapter reads (OLIST_FILES), and the payments and reviews files beside them. */
export const KAGGLE_NAMES: Readonly<Record<OlistTable | 'reviews', string>> = {
  orders: 'olist_orders_dataset.csv',
  items: 'olist_order_items_dataset.csv',
  customers: 'olist_customers_dataset.csv',
  payments: 'olist_order_payments_dataset.csv',
  reviews: 'olist_order_reviews_dataset.csv',
};

/** HEADERS are the Kaggle headers, in order, of the tables the converter writes. */
export const HEADERS: Readonly<Record<OlistTable, readonly string[]>> = {
  orders: ['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp', 'order_approved_at', 'order_delivered_carrier_date', 'order_delivered_customer_date', 'order_estimated_delivery_date'],
  items: ['order_id', 'order_item_id', 'product_id', 'seller_id', 'shipping_limit_date', 'price', 'freight_value'],
  customers: ['customer_id', 'customer_unique_id', 'customer_zip_code_prefix', 'customer_city', 'customer_state'],
  payments: ['order_id', 'payment_sequential', 'payment_type', 'payment_installments', 'payment_value'],
};

/** TIME_FIELDS are each table's timestamp columns. */
export const TIME_FIELDS: Readonly<Record<OlistTable, readonly string[]>> = {
  orders: HEADERS.orders.slice(3),
  items: ['shipping_limit_date'],
  customers: [],
  payments: [],
};

/**
 * tableOfFile says which table a copy's file holds, from its name: copies
 * rename them (`olistcustomerdataset.csv`, `orders_dataset.csv`,
 * `olist_ customers_dataset.csv`).
 */
export function tableOfFile(name: string): OlistTable | undefined {
  const n = name.toLowerCase().replace(/[^a-z]/g, '');
  if (!n.endsWith('csv')) return undefined;
  if (n.includes('item')) return 'items';
  if (n.includes('payment')) return 'payments';
  if (n.includes('customer')) return 'customers';
  if (n.includes('review')) return undefined;
  if (n.includes('order')) return 'orders';
  return undefined;
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * minuteTime reads a timestamp as the copies write it and gives it back as
 * Kaggle's `YYYY-MM-DD HH:MM:00`, or undefined when it is not one of them:
 * `2017-10-02 10:56:33` (Kaggle's own; the seconds are dropped, since most
 * copies lost them), `10/2/2017 10:56` (month first, as a US spreadsheet
 * re-saves it) and `02-10-2017 10:56` (day first, with dashes). An empty
 * cell is '' (the time is unknown in the data set too).
 */
export function minuteTime(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(t);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(t);
  const dayFirst = /^(\d{1,2})-(\d{1,2})-(\d{4})(?: (\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(t);
  const parts = iso
    ? { y: iso[1], mo: iso[2], d: iso[3], h: iso[4], mi: iso[5] }
    : us
      ? { y: us[3], mo: us[1], d: us[2], h: us[4], mi: us[5] }
      : dayFirst
        ? { y: dayFirst[3], mo: dayFirst[2], d: dayFirst[1], h: dayFirst[4], mi: dayFirst[5] }
        : undefined;
  if (!parts) return undefined;
  const [y, mo, d, h, mi] = [parts.y, parts.mo, parts.d, parts.h ?? '0', parts.mi ?? '0'].map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  // Reject what Date would roll over (13/40/2017, 25:00) rather than move it.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || date.getUTCHours() !== h || date.getUTCMinutes() !== mi) return undefined;
  return `${y}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}:00`;
}

/** zipPrefix pads a zip prefix a spreadsheet read as a number back to its 5 digits (`9790` → `09790`). */
export function zipPrefix(text: string): string {
  const t = text.trim();
  return /^\d{1,5}$/.test(t) ? t.padStart(5, '0') : t;
}

/**
 * normaliseRow gives a copy's row in Kaggle's form: the table's header
 * fields only (missing ones empty), times at the minute, zip prefixes of 5
 * digits; a bad time is reported in `badTimes` and left empty.
 */
export function normaliseRow(table: OlistTable, row: Readonly<Record<string, string>>): { row: Record<string, string>; badTimes: string[] } {
  const out: Record<string, string> = {};
  const badTimes: string[] = [];
  for (const field of HEADERS[table]) {
    const cell = (row[field] ?? '').trim();
    if (TIME_FIELDS[table].includes(field)) {
      const time = minuteTime(cell);
      if (time === undefined) badTimes.push(field);
      out[field] = time ?? '';
    } else if (field === 'customer_zip_code_prefix') out[field] = zipPrefix(cell);
    else out[field] = cell;
  }
  return { row: out, badTimes };
}

/**
 * differingFields are the fields where a copy's normalised row differs from
 * the sample's (also normalised, so its seconds are dropped too): numbers
 * compare by value (`58.90` = `58.9`), other cells as text. Only the fields
 * the copy has are compared (`present`); a copy that lacks a column says
 * nothing about it. `filled` are the cells the sample has empty and the copy
 * not (a copy whose blanks were filled in by hand or by a spreadsheet);
 * `changed` the cells both have and differ.
 */
export function differingFields(
  table: OlistTable,
  copy: Readonly<Record<string, string>>,
  sample: Readonly<Record<string, string>>,
  present: ReadonlySet<string>,
): { filled: string[]; changed: string[] } {
  const filled: string[] = [];
  const changed: string[] = [];
  for (const field of HEADERS[table]) {
    if (!present.has(field)) continue;
    const a = copy[field] ?? '';
    const b = sample[field] ?? '';
    if (a === b) continue;
    if (b === '') filled.push(field);
    else if (a === '' || !(Number.isFinite(Number(a)) && Number.isFinite(Number(b)) && Number(a) === Number(b))) changed.push(field);
  }
  return { filled, changed };
}

/** csvLine writes one CSV line, quoting the cells that need it. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}
