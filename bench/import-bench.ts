// Bulk import of N generic orders from an NDJSON file into a fresh SQLite
// store, against a bare better-sqlite3 insert of the same rows into the same
// schema. Run alone: node bin/run-ts.mjs bench/import-bench.ts [N]
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookupKeysOf } from '../src/domain/lookup-keys.js';
import type { Order } from '../src/domain/order.js';
import { importFiles } from '../src/ingest/import-files.js';
import { genericAdapter } from '../src/ingest/generic/index.js';
import { migrationSql, MIGRATIONS } from '../src/store/migrations.js';
import { openStore } from '../src/store/open-store.js';
import { tuneSqlite } from '../src/store/sql/sqlite-driver.js';
import { lcg, syntheticOrder, writeSyntheticOrders } from './synthetic-orders.js';

export interface ImportFigures {
  readonly orders: number;
  readonly importSeconds: number;
  readonly ordersPerSecond: number;
  readonly bareOrdersPerSecond: number;
  readonly ratio: number;
  readonly peakRssMb: number;
}

function bareInsert(dir: string, count: number): number {
  const db = new Database(join(dir, 'bare.db'));
  tuneSqlite(db);
  for (const m of MIGRATIONS) db.exec(migrationSql(m.sql, 'sqlite'));
  // The same rows the store writes, built before the clock starts: only the inserts are timed.
  const random = lcg(42);
  const now = Date.now();
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    const n = genericAdapter.normalise(syntheticOrder(i, random), { receivedAt: now });
    if (n.ok) orders.push(n.value.orders[0]!);
  }
  const insertOrder = db.prepare(`INSERT INTO orders (id, channel, shop, channel_order_id, channel_status, stage, stage_entered_at, placed_at, paid_at, modified_at, promised_ship_by, promised_delivery_by, paid_fen, customer_tier, province, warehouse, batch, is_open, ingested_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertItem = db.prepare('INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price_fen, category) VALUES (?, ?, ?, ?, ?, ?)');
  const insertKey = db.prepare('INSERT INTO order_keys (lookup_key, order_id) VALUES (?, ?)');
  const insertEvent = db.prepare('INSERT INTO events (id, kind, order_id, stage, sku, warehouse, batch, tracking_no, occurred_at, received_at, source, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const keys = orders.map(lookupKeysOf);
  const docs = orders.map((o) => JSON.stringify(o));
  const started = performance.now();
  const write = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const o = orders[i]!;
      insertOrder.run(o.id, o.channel, o.shop ?? null, o.channelOrderId, 'paid', 'paid', o.paidAt ?? o.placedAt, o.placedAt, o.paidAt ?? null, o.modifiedAt, null, null, o.paidFen, o.customer.tier, o.receiver.province ?? null, null, null, 1, now, docs[i]!);
      o.items.forEach((item, line) => insertItem.run(o.id, line + 1, item.sku, item.quantity, item.unitPriceFen, item.category ?? null));
      for (const k of keys[i]!) insertKey.run(k, o.id);
      insertEvent.run(`${o.id}#paid`, 'stage', o.id, 'paid', null, null, null, null, o.paidAt ?? o.placedAt, now, 'generic', '{}');
    }
  });
  // The same transaction size as the import: a commit per 5,000 orders.
  for (let from = 0; from < orders.length; from += 5000) write(from, Math.min(orders.length, from + 5000));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return orders.length / seconds;
}

/** runImportBench measures the import and the bare baseline on `count` orders. */
export async function runImportBench(count: number): Promise<ImportFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-import-'));
  try {
    const file = join(dir, 'orders.ndjson');
    await writeSyntheticOrders(file, count);
    const store = await openStore(join(dir, 'store.db'));
    const started = performance.now();
    const summary = await importFiles([file], store, { channel: 'generic', receivedAt: Date.now() });
    const importSeconds = (performance.now() - started) / 1000;
    await store.close();
    if (summary.accepted !== count) throw new Error(`bench import accepted ${summary.accepted} of ${count}: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const bare = bareInsert(dir, count);
    const ordersPerSecond = count / importSeconds;
    return { orders: count, importSeconds, ordersPerSecond, bareOrdersPerSecond: bare, ratio: ordersPerSecond / bare, peakRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('import-bench.ts')) {
  const count = Number(process.argv[2] ?? 1_000_000);
  process.stdout.write(`${JSON.stringify(await runImportBench(count))}\n`);
}
