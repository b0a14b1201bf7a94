// Connectors: a shop of 100,000 orders backfilled through a local stand-in
// at the platform's documented page size (TOP increment: 100; Shopify: 250),
// into a fresh SQLite store; then the worker keeps the Taobao shop in sync
// (every minute, the default) and we time a change at the platform until its
// finding is stored (the change reports the order paid 0: `order.placeholder`). Every request is signed and checked by the stand-in.
// Run alone: node bin/run-ts.mjs bench/connector-bench.ts [orders]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShopSyncService } from '../src/app/shops/shop-sync-service.js';
import { SettingsSchema, type Settings } from '../src/config/settings.js';
import { systemClock } from '../src/domain/time.js';
import { OrderBook } from '../src/ingest/connect/stand-in/order-book.js';
import { shopifyStandIn } from '../src/ingest/connect/stand-in/shopify-stand-in.js';
import { StandIn, type PlatformHandler } from '../src/ingest/connect/stand-in/stand-in-server.js';
import { taobaoStandIn } from '../src/ingest/connect/stand-in/taobao-stand-in.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { runWorker } from '../src/worker/run-worker.js';

export interface ConnectorFigures {
  readonly orders: number;
  readonly taobaoBackfillSeconds: number;
  readonly taobaoPages: number;
  readonly shopifyBackfillSeconds: number;
  readonly shopifyPages: number;
  readonly badSignatures: number;
  readonly changeToFindingSeconds: readonly number[];
  /** How long the worker took to judge the backfilled orders before the changes began. */
  readonly catchUpSeconds: number;
}

const SECRET = 'bench-app-secret-0123456789';
const SESSION = 'bench-session';
const TOKEN = 'shpat_bench_0123456789';

function shopSettings(platform: 'taobao' | 'shopify', baseUrl: string): Settings {
  const shop =
    platform === 'taobao'
      ? { name: 'tb', platform, appKey: '12345678', appSecret: 'env:BENCH_TB_SECRET', accessToken: 'env:BENCH_TB_SESSION', baseUrl, backfill: '3d' }
      : { name: 'sh', platform, shopDomain: 'bench.myshopify.com', accessToken: 'env:BENCH_SH_TOKEN', baseUrl, backfill: '3d' };
  return SettingsSchema.parse({ shops: [shop] });
}

const env = { BENCH_TB_SECRET: SECRET, BENCH_TB_SESSION: SESSION, BENCH_SH_TOKEN: TOKEN };

async function backfill(platform: 'taobao' | 'shopify', handler: PlatformHandler, orders: number, dir: string): Promise<{ seconds: number; pages: number; badSignatures: number; store: Store; standIn: StandIn; settings: Settings }> {
  const now = systemClock.now();
  const standIn = new StandIn(handler, OrderBook.filled(orders, now - 3 * 86_400_000 + 60_000, now - 60_000, { settled: true }), systemClock);
  const settings = shopSettings(platform, await standIn.listen());
  const store = await openStore(join(dir, `${platform}.db`));
  const service = new ShopSyncService({ store, settings: () => settings, clock: systemClock, owner: 'bench', env });
  const started = performance.now();
  const attempt = await service.sync(platform === 'taobao' ? 'tb' : 'sh');
  const seconds = (performance.now() - started) / 1000;
  if ('skipped' in attempt || attempt.run.outcome !== 'ok') throw new Error(`backfill failed: ${JSON.stringify(attempt)}`);
  const stored = await store.countOrders();
  if (stored !== orders) throw new Error(`backfill stored ${stored} orders of ${orders}`);
  return { seconds, pages: attempt.run.pages, badSignatures: standIn.stats.badSignatures, store, standIn, settings };
}

/** changeToFinding runs the worker on the synced store and times `changes` flawed changes until their findings are stored. */
async function changeToFinding(store: Store, standIn: StandIn, settings: Settings, changes: number): Promise<{ seconds: number[]; catchUpSeconds: number }> {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  const running = runWorker({ store, settings, clock: systemClock, db: 'bench' }, { owner: 'bench-worker', say: () => undefined });
  const seconds: number[] = [];
  // "Kept in sync" is the steady state: first the worker judges the 100,000 orders the backfill stored.
  const caughtUp = performance.now();
  while ((await store.detection.dueBacklog(systemClock.now())) > 0 || (await store.feed.backlog()) > 0) {
    if (performance.now() - caughtUp > 900_000) throw new Error('the worker did not judge the backfill within 15 minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const catchUpSeconds = (performance.now() - caughtUp) / 1000;
  process.stderr.write(`  worker judged the backfill in ${catchUpSeconds.toFixed(1)} s\n`);
  try {
    for (let i = 0; i < changes; i++) {
      // Changes land at different points of the minute between two syncs.
      await new Promise((r) => setTimeout(r, 7_000 + i * 13_000));
      const id = String(1_000_000 + 17 * (i + 1));
      if ((await store.detection.findings({ orderId: `taobao:${id}`, code: 'order.placeholder' })).length > 0) throw new Error(`taobao:${id} has a placeholder finding before the change`);
      const changedAt = performance.now();
      standIn.book.change(id, systemClock.now(), { flaw: true });
      for (;;) {
        const found = await store.detection.findings({ orderId: `taobao:${id}`, code: 'order.placeholder', status: 'open' });
        if (found.length > 0) break;
        if (performance.now() - changedAt > 300_000) throw new Error(`no finding for taobao:${id} after 5 minutes`);
        await new Promise((r) => setTimeout(r, 250));
      }
      seconds.push((performance.now() - changedAt) / 1000);
      process.stderr.write(`  change → finding ${i + 1}/${changes}: ${seconds.at(-1)?.toFixed(1)} s\n`);
    }
  } finally {
    await running.stop();
  }
  return { seconds, catchUpSeconds };
}

export async function runConnectorBench(orders = 100_000, changes = 3): Promise<ConnectorFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-connector-bench-'));
  try {
    const tb = await backfill('taobao', taobaoStandIn({ appKey: '12345678', appSecret: SECRET, session: SESSION }), orders, dir);
    process.stderr.write(`  taobao backfill: ${orders} orders, ${tb.pages} pages in ${tb.seconds.toFixed(1)} s\n`);
    const sh = await backfill('shopify', shopifyStandIn(TOKEN), orders, dir);
    process.stderr.write(`  shopify backfill: ${orders} orders, ${sh.pages} pages in ${sh.seconds.toFixed(1)} s\n`);
    await sh.standIn.close();
    await sh.store.close();
    const latency = await changeToFinding(tb.store, tb.standIn, tb.settings, changes);
    await tb.standIn.close();
    await tb.store.close();
    return {
      orders,
      taobaoBackfillSeconds: tb.seconds,
      taobaoPages: tb.pages,
      shopifyBackfillSeconds: sh.seconds,
      shopifyPages: sh.pages,
      badSignatures: tb.badSignatures + sh.badSignatures,
      changeToFindingSeconds: latency.seconds,
      catchUpSeconds: latency.catchUpSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** connectorRows are the bench table's lines. */
export function connectorRows(f: ConnectorFigures): Array<[string, string, string, boolean]> {
  const worst = Math.max(...f.changeToFindingSeconds);
  return [
    [`shop backfill, ${f.orders.toLocaleString('en')} orders, Taobao stand-in at 100/page (${f.taobaoPages} pages)`, `${f.taobaoBackfillSeconds.toFixed(1)} s`, '≤ 60 s', f.taobaoBackfillSeconds <= 60],
    [`shop backfill, ${f.orders.toLocaleString('en')} orders, Shopify stand-in at 250/page (${f.shopifyPages} pages)`, `${f.shopifyBackfillSeconds.toFixed(1)} s`, '≤ 60 s', f.shopifyBackfillSeconds <= 60],
    ['  requests refused by the stand-ins for a bad signature', String(f.badSignatures), '0', f.badSignatures === 0],
    [`  worker judging the backfilled orders (before the changes)`, `${f.catchUpSeconds.toFixed(1)} s`, '(once)', true],
    [`change at the platform → finding, worker syncing every minute (worst of ${f.changeToFindingSeconds.length})`, `${worst.toFixed(1)} s`, '≤ 90 s', worst <= 90],
  ];
}

if (process.argv[1]?.endsWith('connector-bench.ts')) {
  const figures = await runConnectorBench(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 3));
  for (const row of connectorRows(figures)) process.stderr.write(`${row.join(' | ')}\n`);
  console.log(JSON.stringify(figures));
}
