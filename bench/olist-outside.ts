// Olist orders OUTSIDE the shared sample, rebuilt from public copies of the
// data set, in the Kaggle layout the Olist adapter reads:
//   node bin/run-ts.mjs bench/olist-outside.ts [--sample DIR] [--out DIR] SOURCE …
// SOURCE is a folder of one public copy's CSV files, or GITDIR@COMMIT (a git
// directory, e.g. a bare clone, read at that commit without checking it out).
// Sources are read in the order given; the first one to have a row wins.
//
// Every table of every copy is first checked against the shared sample
// (default ../shared/data/olist): the rows present in both must be equal up
// to the seconds (copies re-saved by a spreadsheet lost them, and some lost
// a zip prefix's leading zero). A table with a row that gives a cell
// otherwise than the sample is left out whole: its other rows cannot be
// trusted either. Cells the sample has empty and a copy filled in are
// counted and told; such a copy should come after the faultless ones, since
// a row is taken whole from the first copy that has it. The check is the
// evidence that a copy holds the real data set.
//
// Written to --out (default /work/olist-outside; refused inside this
// repository, the data's licence keeps it out): the orders that are not in
// the sample, their customers, items and payments; a header-only reviews
// file (no copy here has them, the adapter does not read them); products,
// sellers and the category translation from the sample (complete tables
// there). A customer row a copy has only as id and zip prefix gets its state
// from the prefix (the state every other row with that prefix names); an
// order whose customer has no state this way is left out, as the adapter
// refuses an order without its customer. Times are written at the minute
// (`:00` seconds) throughout, whatever a copy had, so every row is read
// alike.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvLine, differingFields, HEADERS, KAGGLE_NAMES, normaliseRow, tableOfFile, zipPrefix, type OlistTable } from './olist-outside-rows.js';

type Row = Record<string, string>;

const KEYS: Readonly<Record<OlistTable, readonly string[]>> = {
  orders: ['order_id'],
  items: ['order_id', 'order_item_id'],
  customers: ['customer_id'],
  payments: ['order_id', 'payment_sequential'],
};
const keyOf = (table: OlistTable, row: Row): string => KEYS[table].map((k) => row[k] ?? '').join('|');
const TABLES: readonly OlistTable[] = ['orders', 'items', 'customers', 'payments'];

function parseCsv(text: string): { header: string[]; rows: Row[] } {
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }) as string[][];
  const header = (records[0] ?? []).map((h) => h.trim());
  const rows = records.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  // Spreadsheet exports pad with rows of empty cells (`,,,,,,,`).
  return { header, rows: rows.filter((r) => Object.values(r).some((v) => v.trim() !== '')) };
}

interface CopyFile {
  readonly name: string;
  read(): string;
}

/** copyFiles lists a source's CSV files: a folder's, or a git directory's at a commit. */
function copyFiles(source: string): CopyFile[] {
  const at = source.lastIndexOf('@');
  if (at > 0 && !existsSync(source)) {
    const gitDir = source.slice(0, at);
    const commit = source.slice(at + 1);
    const names = execFileSync('git', ['-C', gitDir, 'ls-tree', '-r', '--name-only', commit], { encoding: 'utf8' }).split('\n').filter((n) => n.toLowerCase().endsWith('.csv'));
    return names.map((name) => ({ name, read: () => execFileSync('git', ['-C', gitDir, 'show', `${commit}:${name}`], { encoding: 'utf8', maxBuffer: 512 << 20, stdio: ['ignore', 'pipe', 'ignore'] }) }));
  }
  return readdirSync(source)
    .filter((n) => n.toLowerCase().endsWith('.csv'))
    .map((name) => ({ name, read: () => readFileSync(join(source, name), 'utf8') }));
}

interface TableCheck {
  source: string;
  file: string;
  table: OlistTable;
  rows: number;
  badTimes: number;
  compared: number;
  /** Rows with a cell the sample has and the copy gives otherwise. */
  changed: number;
  /** Rows with a cell the sample has empty and the copy filled. */
  filled: number;
  byField: Record<string, number>;
  used: boolean;
  note?: string;
  example?: string;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  if (value === undefined) throw new Error(`${name} needs a value`);
  args.splice(i, 2);
  return value;
};
const sampleDir = option('--sample', '../shared/data/olist');
const outDir = resolve(option('--out', '/work/olist-outside'));
const sources = args;
const repoRoot = resolve(import.meta.dirname, '..');
if (!relative(repoRoot, outDir).startsWith('..')) throw new Error(`--out ${outDir} is inside the repository; the Olist data must stay out of it`);
if (sources.length === 0) {
  console.error('usage: olist-outside.ts [--sample DIR] [--out DIR] SOURCE … (SOURCE: a folder of CSV files, or GITDIR@COMMIT)');
  process.exit(2);
}

// The shared sample, normalised the same way (its seconds dropped too).
const sample = {} as Record<OlistTable, Map<string, Row>>;
for (const table of TABLES) {
  const { rows } = parseCsv(readFileSync(join(sampleDir, KAGGLE_NAMES[table]), 'utf8'));
  sample[table] = new Map(rows.map((r) => normaliseRow(table, r).row).map((r) => [keyOf(table, r), r]));
}

// Every copy's tables, checked against the sample; merged where they pass.
const merged = {} as Record<OlistTable, Map<string, Row>>;
for (const table of TABLES) merged[table] = new Map();
const mergeConflicts: Record<string, number> = {};
const checks: TableCheck[] = [];
// Zip prefix → states, from the copies' customers and geolocation rows and the sample's sellers (not its customers: they check it).
const statesByZip = new Map<string, Set<string>>();
const mappedCustomers = new Set<string>();
const noteZip = (zip: string | undefined, state: string | undefined): void => {
  if (!zip || !state) return;
  const set = statesByZip.get(zip) ?? new Set<string>();
  set.add(state.trim().toUpperCase());
  statesByZip.set(zip, set);
};
for (const source of sources) {
  for (const file of copyFiles(source)) {
    const table = tableOfFile(file.name);
    const geolocation = file.name.toLowerCase().includes('geolocation');
    if (!table && !geolocation) continue;
    let text: string;
    try {
      text = file.read();
    } catch {
      if (table) checks.push({ source, file: file.name, table, rows: 0, badTimes: 0, compared: 0, changed: 0, filled: 0, byField: {}, used: false, note: 'unreadable (absent from the copy)' });
      continue;
    }
    const { header, rows } = parseCsv(text);
    if (!table) {
      for (const r of rows) noteZip(zipPrefix(r['geolocation_zip_code_prefix'] ?? ''), r['geolocation_state']);
      continue;
    }
    const present = new Set(header.filter((h) => HEADERS[table].includes(h)));
    const check: TableCheck = { source, file: file.name, table, rows: rows.length, badTimes: 0, compared: 0, changed: 0, filled: 0, byField: {}, used: false };
    const normalised: Row[] = [];
    for (const raw of rows) {
      const { row, badTimes } = normaliseRow(table, raw);
      if (badTimes.length > 0) check.badTimes += 1;
      if (KEYS[table].some((k) => (row[k] ?? '') === '')) continue;
      normalised.push(row);
      const inSample = sample[table].get(keyOf(table, row));
      if (!inSample) continue;
      check.compared += 1;
      const { filled, changed } = differingFields(table, row, inSample, present);
      if (changed.length > 0) check.changed += 1;
      else if (filled.length > 0) check.filled += 1;
      else continue;
      for (const f of [...changed, ...filled]) check.byField[f] = (check.byField[f] ?? 0) + 1;
      if (changed.length > 0 || check.example === undefined) {
        const shown = changed.length > 0 ? changed : filled;
        check.example = `${keyOf(table, row)}: ${shown.map((f) => `${f} ${JSON.stringify(row[f])} ≠ sample ${JSON.stringify(inSample[f])}`).join('; ')}`;
      }
    }
    // Filled blanks alone do not reject a table: they are told, and the copies with no fault go first.
    check.used = check.changed === 0 && check.badTimes === 0 && check.compared > 0;
    if (check.compared === 0) check.note = 'no row in common with the sample: cannot be checked';
    checks.push(check);
    if (!check.used) continue;
    for (const row of normalised) {
      if (table === 'customers' && row['customer_state']) {
        noteZip(row['customer_zip_code_prefix'], row['customer_state']);
        mappedCustomers.add(row['customer_id']!);
      }
      const key = keyOf(table, row);
      const have = merged[table].get(key);
      if (!have) {
        merged[table].set(key, Object.fromEntries([...present].map((f) => [f, row[f] ?? ''])));
        continue;
      }
      // A row comes whole from the first copy that has it; a later copy only adds the columns it lacked.
      for (const f of present) {
        if (!(f in have)) have[f] = row[f] ?? '';
        else if (differingFields(table, { [f]: row[f] ?? '' }, { [f]: have[f]! }, new Set([f])).changed.length > 0) mergeConflicts[`${table}.${f}`] = (mergeConflicts[`${table}.${f}`] ?? 0) + 1;
      }
    }
  }
}
for (const r of parseCsv(readFileSync(join(sampleDir, 'olist_sellers_dataset.csv'), 'utf8')).rows) noteZip(zipPrefix(r['seller_zip_code_prefix'] ?? ''), r['seller_state']);
const stateOfZip = (zip: string | undefined): string | undefined => {
  const states = zip ? statesByZip.get(zip) : undefined;
  return states?.size === 1 ? [...states][0] : undefined;
};
// How well a zip prefix names the state, on the sample's customers that did not build the map.
const zipCheck = { customers: 0, named: 0, right: 0 };
for (const c of sample.customers.values()) {
  if (mappedCustomers.has(c['customer_id']!)) continue;
  zipCheck.customers += 1;
  const state = stateOfZip(c['customer_zip_code_prefix']);
  if (state === undefined) continue;
  zipCheck.named += 1;
  if (state === c['customer_state']) zipCheck.right += 1;
}
for (const c of sample.customers.values()) noteZip(c['customer_zip_code_prefix'], c['customer_state']);

const sampleOrders = sample.orders;
const counts = { copyOrders: merged.orders.size, inSample: 0, outside: 0, noCustomer: 0, stateFromZip: 0, ambiguousZip: 0, withItems: 0, written: 0, byStatus: {} as Record<string, number>, byYear: {} as Record<string, number> };
const itemsByOrder = new Map<string, Row[]>();
for (const r of merged.items.values()) itemsByOrder.set(r['order_id']!, [...(itemsByOrder.get(r['order_id']!) ?? []), r]);
const paymentsByOrder = new Map<string, Row[]>();
for (const r of merged.payments.values()) paymentsByOrder.set(r['order_id']!, [...(paymentsByOrder.get(r['order_id']!) ?? []), r]);

const out: Record<OlistTable, Row[]> = { orders: [], items: [], customers: [], payments: [] };
for (const order of merged.orders.values()) {
  const id = order['order_id']!;
  if (sampleOrders.has(id)) {
    counts.inSample += 1;
    continue;
  }
  counts.outside += 1;
  const customer = { ...merged.customers.get(order['customer_id'] ?? '') };
  if (!customer['customer_state'] && customer['customer_zip_code_prefix']) {
    const state = stateOfZip(customer['customer_zip_code_prefix']);
    if (state !== undefined) {
      customer['customer_state'] = state;
      counts.stateFromZip += 1;
    } else if ((statesByZip.get(customer['customer_zip_code_prefix'])?.size ?? 0) > 1) counts.ambiguousZip += 1;
  }
  if (!customer['customer_state']) {
    counts.noCustomer += 1;
    continue;
  }
  counts.written += 1;
  counts.byStatus[order['order_status']!] = (counts.byStatus[order['order_status']!] ?? 0) + 1;
  const year = (order['order_purchase_timestamp'] ?? '').slice(0, 7);
  counts.byYear[year] = (counts.byYear[year] ?? 0) + 1;
  out.orders.push(order);
  out.customers.push(customer as Row);
  const items = itemsByOrder.get(id) ?? [];
  if (items.length > 0) counts.withItems += 1;
  out.items.push(...items);
  out.payments.push(...(paymentsByOrder.get(id) ?? []));
}

mkdirSync(outDir, { recursive: true });
for (const table of TABLES) {
  const lines = [csvLine(HEADERS[table]), ...out[table].map((r) => csvLine(HEADERS[table].map((f) => r[f] ?? '')))];
  writeFileSync(join(outDir, KAGGLE_NAMES[table]), `${lines.join('\n')}\n`);
}
writeFileSync(join(outDir, KAGGLE_NAMES.reviews), 'review_id,order_id,review_score,review_comment_title,review_comment_message,review_creation_date,review_answer_timestamp\n');
// Copied by content, not copyFile: the shared files are read-only, and a copy would keep that mode and fail the next run.
for (const f of ['olist_products_dataset.csv', 'olist_sellers_dataset.csv', 'product_category_name_translation.csv']) writeFileSync(join(outDir, f), readFileSync(join(sampleDir, f)));

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const report = [
  `Olist orders outside ${sampleDir}, rebuilt from ${sources.length} public copies into ${outDir}`,
  '',
  'Check against the sample (rows present in both, equal up to the seconds):',
  `${pad('source', 60)} ${pad('file', 36)} ${pad('table', 9)} ${pad('rows', 6)} ${pad('in sample', 9)} ${pad('changed', 7)} ${pad('filled', 6)} ${pad('bad time', 8)} used`,
  ...checks.map((c) => `${pad(c.source.replace(/^.*\.mirror\//, ''), 60)} ${pad(c.file, 36)} ${pad(c.table, 9)} ${pad(c.rows, 6)} ${pad(c.compared, 9)} ${pad(c.changed, 7)} ${pad(c.filled, 6)} ${pad(c.badTimes, 8)} ${c.used ? 'yes' : 'no'}${c.note ? ` (${c.note})` : ''}${c.changed + c.filled > 0 ? ` — by field ${JSON.stringify(c.byField)}; e.g. ${c.example}` : ''}`),
  '("changed": rows with a cell the sample has and the copy gives otherwise, which leaves the table out; "filled": rows with a cell the sample has empty and the copy filled in)',
  `Zip prefix → state, checked on the sample's ${zipCheck.customers} customers: ${zipCheck.named} prefixes known to one state, ${zipCheck.right} of them right`,
  '',
  `Merged from the checked copies: ${counts.copyOrders} orders, ${merged.items.size} item rows, ${merged.customers.size} customers, ${merged.payments.size} payment rows; cells two copies gave differently (the first kept): ${JSON.stringify(mergeConflicts)}`,
  `Orders: ${counts.inSample} in the sample (left out), ${counts.outside} outside it; ${counts.noCustomer} of those left out for want of the customer's state (${counts.ambiguousZip} with a zip prefix of two states)`,
  `Written: ${counts.written} orders (${counts.stateFromZip} with the customer's state from the zip prefix; ${counts.withItems} with their items), ${out.items.length} item rows, ${out.payments.length} payment rows`,
  `By status: ${JSON.stringify(counts.byStatus)}`,
  `By purchase month: ${JSON.stringify(Object.fromEntries(Object.entries(counts.byYear).sort()))}`,
].join('\n');
writeFileSync(join(outDir, 'PROVENANCE.txt'), `${report}\n\nSources, in order:\n${sources.join('\n')}\n`);
console.log(report);
