// CPU time of the dashboard store's queries at N orders (default 1,000,000),
// in process, beside wall time: on a shared machine the wall-time p95 of
// dashboard-bench.ts measures the neighbours as much as the query, the CPU
// time measures the query. Same synthetic business as dashboard-bench.ts.
// Run alone: node bin/run-ts.mjs bench/dashboard-cpu-bench.ts [N]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlStore } from '../src/store/sql-store.js';
import { openSqlite } from '../src/store/sql/sqlite-driver.js';
import { fill } from './dashboard-bench.js';
const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'ow-prof-')), 's.db'));
const store = await SqlStore.open(db);
// "now" of the synthetic business; the last query moves it on 11 minutes a call, as the days of a live business age.
const now = Date.now();
await fill(store, db, Number(process.argv[2] ?? 100000), now);
const DAY = 86_400_000;
const w = (days: number) => ({ from: Math.floor((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 - (days - 1) * DAY, to: now + 1 });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const time = async (name: string, f: (i: number) => Promise<unknown>, n = 60) => {
  const c: number[] = []; const wall: number[] = [];
  for (let i = 0; i < n; i++) { const c0 = cpu(); const t = performance.now(); await f(i); wall.push(performance.now() - t); c.push(cpu() - c0); }
  const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
  console.log(`${name}: CPU p50 ${p(c, 0.5).toFixed(1)} p95 ${p(c, 0.95).toFixed(1)} ms; wall p50 ${p(wall, 0.5).toFixed(1)} p95 ${p(wall, 0.95).toFixed(1)} ms`);
};
const t0 = performance.now(); const c0 = cpu();
await store.dashboard.delayedOrderCounts(w(30));
await store.dashboard.warRoom(w(30), now, 10);
console.log(`first build (read model + 30 days of order counts): wall ${(performance.now() - t0).toFixed(0)} ms, CPU ${(cpu() - c0).toFixed(0)} ms`);
await store.dashboard.warRoom(w(60), now, 20);
await time('delayedOrderCounts 30d', () => store.dashboard.delayedOrderCounts(w(30)));
await time('delayedOrderCounts 60d', () => store.dashboard.delayedOrderCounts(w(60)));
await time('warRoom 30d top 10', () => store.dashboard.warRoom(w(30), now, 10));
await time('warRoom 60d top 20', () => store.dashboard.warRoom(w(60), now, 20));
await time('incidentKpis 30d (unchanged code, for scale)', () => store.dashboard.incidentKpis(w(30), now, []));
await time('drill-down warehouse × carrier page', (i) => store.dashboard.delayedOrderPage({ ...w(30), warehouse: 'HZ-01', carrier: i % 2 ? '1499' : 'SF', limit: 50 }));
await time('warRoom 60d with the young days recounted (every 10 min in life)', (i) => store.dashboard.warRoom(w(60), now + (i + 1) * 11 * 60_000, 20), 8);
