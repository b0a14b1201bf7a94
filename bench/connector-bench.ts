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
  /** Change → finding on the 100,000-order shop right after its backfill (null: no finding within 5 minutes). */
  readonly bigShopChangeToFinding: ReadonlyArray<number | null>;
  /** Orders still waiting to be judged when those changes began. */
  readonly bigShopBacklog: number;
  /** Change → finding on a 10,000-order shop once the worker has judged it. */
  readonly smallShopChangeToFinding: ReadonlyArray<number | null>;
  readonly smallShopCatchUpSeconds: number;
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

async function backfill(platform: 'taobao' | 'shopify', handler: PlatformHandler, orders: number, db: string): Promise<{ seconds: number; pages: number; badSignatures: number; store: Store; standIn: StandIn; settings: Settings }> {
  const now = systemClock.now();
  const standIn = new StandIn(handler, OrderBook.filled(orders, now - 3 * 86_400_000 + 60_000, now - 60_000, { settled: true }), systemClock);
  const settings = shopSettings(platform, await standIn.listen());
  const store = await openStore(db);
  const service = new ShopSyncService({ store, settings: () => settings, clock: systemClock, owner: 'bench', env });
  const started = performance.now();
  const attempt = await service.sync(platform === 'taobao' ? 'tb' : 'sh');
  const seconds = (performance.now() - started) / 1000;
  if ('skipped' in attempt || attempt.run.outcome !== 'ok') throw new Error(`backfill failed: ${JSON.stringify(attempt)}`);
  const stored = await store.countOrders();
  if (stored !== orders) throw new Error(`backfill stored ${stored} orders of ${orders}`);
  return { seconds, pages: attempt.run.pages, badSignatures: standIn.stats.badSignatures, store, standIn, settings };
}

/**
 * changeToFinding runs the worker on a synced store, waits (up to
 * `catchUpMs`) for it to judge what the backfill stored, then times
 * `changes` flawed changes until their findings are stored (null: none
 * within five minutes).
 */
async function changeToFinding(store: Store, standIn: StandIn, settings: Settings, changes: number, catchUpMs: number): Promise<{ seconds: Array<number | null>; catchUpSeconds: number; backlog: number }> {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  const running = runWorker({ store, settings, clock: systemClock, db: 'bench' }, { owner: 'bench-worker', say: () => undefined });
  const seconds: Array<number | null> = [];
  // Orders keep falling due as their deadlines come, so "caught up" is under 1 % of the shop waiting, not none.
  const orders = await store.countOrders();
  const started = performance.now();
  let backlog = await store.detection.dueBacklog(systemClock.now());
  while (performance.now() - started < catchUpMs && (backlog > orders / 100 || (await store.feed.backlog()) > orders / 100)) {
    await new Promise((r) => setTimeout(r, 1000));
    backlog = await store.detection.dueBacklog(systemClock.now());
  }
  const catchUpSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`  worker: ${backlog} of ${orders} orders waiting to be judged after ${catchUpSeconds.toFixed(1)} s\n`);
  try {
    for (let i = 0; i < changes; i++) {
      // Changes land at different points of the minute between two syncs.
      await new Promise((r) => setTimeout(r, 7_000 + i * 13_000));
      const id = String(1_000_000 + 17 * (i + 1));
      if ((await store.detection.findings({ orderId: `taobao:${id}`, code: 'order.placeholder' })).length > 0) throw new Error(`taobao:${id} has a placeholder finding before the change`);
      const changedAt = performance.now();
      standIn.book.change(id, systemClock.now(), { flaw: true });
      let took: number | null = null;
      while (performance.now() - changedAt < 300_000) {
        if ((await store.detection.findings({ orderId: `taobao:${id}`, code: 'order.placeholder', status: 'open' })).length > 0) {
          took = (performance.now() - changedAt) / 1000;
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      seconds.push(took);
      process.stderr.write(`  change → finding ${i + 1}/${changes}: ${took === null ? 'none within 300 s' : `${took.toFixed(1)} s`}\n`);
    }
  } finally {
    await running.stop();
  }
  return { seconds, catchUpSeconds, backlog };
}

export async function runConnectorBench(orders = 100_000, changes = 3): Promise<ConnectorFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-connector-bench-'));
  try {
    const tb = await backfill('taobao', taobaoStandIn({ appKey: '12345678', appSecret: SECRET, session: SESSION }), orders, join(dir, 'taobao.db'));
    process.stderr.write(`  taobao backfill: ${orders} orders, ${tb.pages} pages in ${tb.seconds.toFixed(1)} s\n`);
    const sh = await backfill('shopify', shopifyStandIn(TOKEN), orders, join(dir, 'shopify.db'));
    process.stderr.write(`  shopify backfill: ${orders} orders, ${sh.pages} pages in ${sh.seconds.toFixed(1)} s\n`);
    await sh.standIn.close();
    await sh.store.close();
    const big = await changeToFinding(tb.store, tb.standIn, tb.settings, changes, 0);
    await tb.standIn.close();
    await tb.store.close();
    const small = await backfill('taobao', taobaoStandIn({ appKey: '12345678', appSecret: SECRET, session: SESSION }), 10_000, join(dir, 'small.db'));
    const smallLatency = await changeToFinding(small.store, small.standIn, small.settings, changes, 600_000);
    await small.standIn.close();
    await small.store.close();
    return {
      orders,
      taobaoBackfillSeconds: tb.seconds,
      taobaoPages: tb.pages,
      shopifyBackfillSeconds: sh.seconds,
      shopifyPages: sh.pages,
      badSignatures: tb.badSignatures + sh.badSignatures + small.badSignatures,
      bigShopChangeToFinding: big.seconds,
      bigShopBacklog: big.backlog,
      smallShopChangeToFinding: smallLatency.seconds,
      smallShopCatchUpSeconds: smallLatency.catchUpSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** connectorRows are the bench table's lines. */
export function connectorRows(f: ConnectorFigures): Array<[string, string, string, boolean]> {
  const worst = (xs: ReadonlyArray<number | null>): string => (xs.some((x) => x === null) ? '> 300 s' : `${Math.max(...(xs as number[])).toFixed(1)} s`);
  const met = (xs: ReadonlyArray<number | null>): boolean => xs.every((x) => x !== null && x <= 90);
  return [
    [`shop backfill, ${f.orders.toLocaleString('en')} orders, Taobao stand-in at 100/page (${f.taobaoPages} pages)`, `${f.taobaoBackfillSeconds.toFixed(1)} s`, '≤ 60 s', f.taobaoBackfillSeconds <= 60],
    [`shop backfill, ${f.orders.toLocaleString('en')} orders, Shopify stand-in at 250/page (${f.shopifyPages} pages)`, `${f.shopifyBackfillSeconds.toFixed(1)} s`, '≤ 60 s', f.shopifyBackfillSeconds <= 60],
    ['  requests refused by the stand-ins for a bad signature', String(f.badSignatures), '0', f.badSignatures === 0],
    [`change → finding right after that backfill (${f.bigShopBacklog.toLocaleString('en')} orders waiting to be judged), worst of ${f.bigShopChangeToFinding.length}`, worst(f.bigShopChangeToFinding), '≤ 90 s', met(f.bigShopChangeToFinding)],
    [`change → finding, 10,000-order shop once judged (${f.smallShopCatchUpSeconds.toFixed(0)} s to judge it), worst of ${f.smallShopChangeToFinding.length}`, worst(f.smallShopChangeToFinding), '≤ 90 s', met(f.smallShopChangeToFinding)],
  ];
}

if (process.argv[1]?.endsWith('connector-bench.ts')) {
  const figures = await runConnectorBench(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 3));
  for (const row of connectorRows(figures)) process.stderr.write(`${row.join(' | ')}\n`);
  console.log(JSON.stringify(figures));
}
