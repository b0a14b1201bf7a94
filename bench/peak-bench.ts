// The 11.11 peak against a real `orderwatch serve` (server + its worker
// thread, SQLite): a burst of 20,000 fresh orders by signed HTTP ingest
// (8 clients × 100 orders a request) while a customer-service agent looks
// orders up and late orders keep arriving, one buyer's flood of 13,275
// orders in one request, a 10,000-order stock-out, and a receiver that
// never answers beside a healthy one. Then the burst and the flood on
// PostgreSQL with two instances. Prints each figure next to its target.
// Run alone: node bin/run-ts.mjs bench/peak-bench.ts

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { importFiles } from '../src/ingest/import-files.js';
import { openStore } from '../src/store/open-store.js';
import { postgresAvailable, TEST_POSTGRES_URL } from '../src/store/testing/postgres-url.js';
import {
  INGEST_SECRET,
  ROBOT_SECRET,
  poll,
  quantile,
  signedIngest,
  signIn,
  sleep,
  startReceiver,
  startServe,
  untilIdle,
  type Receiver,
  type Serve,
} from './peak-tools.js';
import { lcg, syntheticOrder } from './synthetic-orders.js';

export interface PeakFigures {
  readonly burstOrders: number;
  readonly cliImportPerSecond: number;
  readonly httpIngestPerSecond: number;
  readonly lookupIdleP99Ms: number;
  readonly lookupBurstP99Ms: number;
  readonly healthzBurstMaxMs: number;
  readonly eventToNotificationP99Ms: number;
  readonly eventToNotificationSamples: number;
  readonly hungBesideHealthyMaxMs: number;
  readonly answeredAfterRunningMs: number;
  readonly floodOrders: number;
  readonly floodIncidents: number;
  readonly floodMessages: number;
  readonly floodHealthzMaxMs: number;
  readonly floodJudgedSeconds: number;
  readonly stockOutOrders: number;
  readonly stockOutIncidents: number;
  readonly stockOutLevel: number;
  readonly stockOutMessagesPerReceiver: number;
  readonly stockOutRefusedByRobot: number;
  readonly postgres: null | { readonly incidents: number; readonly duplicateIncidents: number; readonly messages: number; readonly duplicateMessages: number; readonly judgedPerOrder: number; readonly ordersLeftDue: number; readonly httpIngestPerSecond: number };
}

const RUN_TS = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
const AGENT = fileURLToPath(new URL('./lookup-agent.ts', import.meta.url));
const BURST = 20_000;
const PER_REQUEST = 100;
const CLIENTS = 8;
const FLOOD = 13_275;
const GROUPING_WAIT_MS = 20_000;
const STOCK_OUT = 10_000;

/** Fresh orders of the peak: placed in the last minutes, distinct buyers, no ERP stock reading. */
function freshOrders(prefix: string, count: number, seed: number, from: number): Record<string, unknown>[] {
  const random = lcg(seed);
  return Array.from({ length: count }, (_, i) => {
    const o = syntheticOrder(i, random);
    const placed = new Date(from + Math.floor((i / count) * 10 * 60_000)).toISOString();
    return { ...o, orderNo: `${prefix}${String(i).padStart(7, '0')}`, placedAt: placed, paidAt: placed, shipments: [] };
  });
}

/** A late order: paid three days ago, its promised ship time an hour ago, a buyer of its own, nothing to group with. */
function lateOrder(n: number): Record<string, unknown> {
  const paid = new Date(Date.now() - 3 * 86_400_000).toISOString();
  return {
    type: 'order',
    orderNo: `LATE${n}`,
    placedAt: paid,
    paidAt: paid,
    promisedShipBy: new Date(Date.now() - 3_600_000).toISOString(),
    paidFen: 12900,
    receiver: { name: `延迟买家${n}`, phone: `136${String(20_000_000 + n)}`, province: '浙江省', city: '杭州市', district: '西湖区', detail: `文一路${n}号2幢301室` },
    items: [{ sku: `LATE-SKU-${n}`, quantity: 1, unitPriceFen: 12900 }],
  };
}

function policyFile(dir: string, receivers: { healthy: Receiver; hung: Receiver; robot: Receiver }): string {
  const file = join(dir, 'peak.yaml');
  writeFileSync(
    file,
    [
      'ingest:',
      `  secrets: { generic: ${INGEST_SECRET} }`,
      'receivers:',
      `  - { name: healthy, type: webhook, url: "${receivers.healthy.url}/hook", rateLimitPerMinute: 10000 }`,
      `  - { name: hung, type: webhook, url: "${receivers.hung.url}/hook", rateLimitPerMinute: 10000 }`,
      `  - { name: ops-robot, type: dingtalk, url: "${receivers.robot.url}/robot/send?access_token=t", secret: ${ROBOT_SECRET} }`,
      'routes:',
      '  - { match: {}, receivers: [healthy, hung, ops-robot] }',
      // The grouping wait is 5 min in production; 20 s keeps the bench short and changes nothing else.
      'grouping:',
      `  wait: ${GROUPING_WAIT_MS / 1000}s`,
      'onCall:',
      '  quietHours: { enabled: false }',
      '',
    ].join('\n'),
  );
  return file;
}

/** The CLI's import path (`orderwatch import`), in this process: the same orders into a fresh store, start-up excluded. */
async function cliImportRate(dir: string, orders: Record<string, unknown>[]): Promise<number> {
  const file = join(dir, 'burst.ndjson');
  writeFileSync(file, `${orders.map((o) => JSON.stringify(o)).join('\n')}\n`);
  const store = await openStore(join(dir, 'cli-import.db'));
  const started = performance.now();
  const summary = await importFiles([file], store, { channel: 'generic', receivedAt: Date.now() });
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  if (summary.accepted !== orders.length) throw new Error(`CLI import accepted ${summary.accepted} of ${orders.length}`);
  return orders.length / seconds;
}

/** The burst: CLIENTS clients each posting their share, 100 orders a request, bodies signed before the clock starts. */
async function burst(url: string, orders: Record<string, unknown>[]): Promise<{ seconds: number; accepted: number }> {
  const bodies: string[] = [];
  for (let i = 0; i < orders.length; i += PER_REQUEST) bodies.push(JSON.stringify(orders.slice(i, i + PER_REQUEST)));
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const r = await signedIngest(url, bodies[next++]!);
        if (r.status !== 200) throw new Error(`ingest answered ${r.status}`);
        accepted += r.accepted;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, accepted };
}

/** startAgent runs bench/lookup-agent.ts: its idle lookups are measured before it returns; go() starts the burst's, stop() ends them. */
async function startAgent(dir: string, url: string, cookie: string, queries: readonly string[]): Promise<{ idle: number[]; go(): void; stop(): Promise<number[]> }> {
  const file = join(dir, 'agent-queries.json');
  writeFileSync(file, JSON.stringify(queries));
  const child = spawn(process.execPath, [RUN_TS, AGENT, url, cookie, file, '400'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: Array<{ phase: string; ms: number[] }> = [];
  let buffered = '';
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      lines.push(JSON.parse(buffered.slice(0, nl)) as { phase: string; ms: number[] });
      buffered = buffered.slice(nl + 1);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = async (phase: string): Promise<number[]> => {
    const until = performance.now() + 120_000;
    for (;;) {
      const found = lines.find((l) => l.phase === phase);
      if (found) return found.ms;
      if (performance.now() > until || child.exitCode !== null) throw new Error(`the lookup agent gave no ${phase} figures`);
      await sleep(20);
    }
  };
  const idle = await line('idle');
  return {
    idle,
    go: () => child.stdin.write('go\n'),
    stop: async () => {
      child.stdin.end();
      const ms = await line('burst');
      await exited;
      return ms;
    },
  };
}

async function healthzMs(url: string): Promise<void> {
  const res = await fetch(`${url}/healthz`);
  await res.arrayBuffer();
}

/** The SQLite run: one serve with its worker thread. */
async function sqliteRun(dir: string): Promise<Omit<PeakFigures, 'postgres' | 'cliImportPerSecond'> & { burstOrdersList: Record<string, unknown>[] }> {
  const healthy = await startReceiver('healthy');
  const hung = await startReceiver('hung');
  const robot = await startReceiver('dingtalk');
  const config = policyFile(dir, { healthy, hung, robot });
  const db = join(dir, 'peak.db');
  // Yesterday's orders, already delivered: what the agent looks up.
  const past: Record<string, unknown>[] = freshOrders('Y', 20_000, 7, Date.now() - 86_400_000).map((o) => ({ ...o, status: 'delivered' }));
  const pastFile = join(dir, 'past.ndjson');
  writeFileSync(pastFile, `${past.map((o) => JSON.stringify(o)).join('\n')}\n`);
  const seed = await openStore(db);
  await importFiles([pastFile], seed, { channel: 'generic', receivedAt: Date.now() });
  await seed.close();

  let serve: Serve | undefined;
  try {
    serve = await startServe(['--db', db, '--config', config]);
    const url = serve.url;
    const cookie = await signIn(url);
    const queries = past.slice(0, 200).flatMap((o) => [String((o.receiver as { phone: string }).phone).slice(-4), String(o.orderNo)]);
    await untilIdle(url, cookie, 120_000);
    // The agents look orders up from a process of their own, as browsers do (20 lookups a second between them,
    // bench/lookup-agent.ts): their lookups never queue behind this load generator's own event loop.
    const agent = await startAgent(dir, url, cookie, queries);

    // The burst, with an agent looking orders up, a health check, and late orders arriving every 250 ms.
    const orders = freshOrders('P', BURST, 42, Date.now() - 10 * 60_000);
    let bursting = true;
    const health = poll(() => healthzMs(url), 100);
    const sent = new Map<string, number>();
    let lateN = 0;
    const late = (async () => {
      while (bursting) {
        const n = lateN++;
        sent.set(`LATE${n}`, performance.now());
        await signedIngest(url, JSON.stringify([lateOrder(n)]));
        await sleep(250);
      }
    })();
    agent.go();
    const b = await burst(url, orders);
    bursting = false;
    await late;
    const during = await agent.stop();
    const burstHealth = await health.stop();
    if (b.accepted !== BURST) throw new Error(`burst accepted ${b.accepted} of ${BURST}`);
    // The late orders' notifications: wait until all arrived (or 30 s).
    const arrivedAt = (n: string): number | undefined => healthy.received.find((m) => m.title.includes(`订单 ${n}：`))?.at;
    const until = performance.now() + GROUPING_WAIT_MS + 30_000;
    while (performance.now() < until && [...sent.keys()].some((n) => arrivedAt(n) === undefined)) await sleep(100);
    // A late order of its own (no batch, warehouse or carrier to share) opens its incident at once: no grouping wait.
    const latencies = [...sent].map(([n, t]) => (arrivedAt(n) ?? Number.POSITIVE_INFINITY) - t);
    await untilIdle(url, cookie, 300_000);

    // One buyer's flood in one request.
    const before = { healthy: healthy.received.length, incidents: await incidentTotal(url, cookie) };
    const floodOrders = freshOrders('FL', FLOOD, 3, Date.now() - 5 * 60_000).map((o) => ({
      ...o,
      receiver: { name: '刷单客', phone: '13900001111', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号3幢501室' },
      items: [{ sku: 'FLOOD-CUP', title: '保温杯', category: 'home', quantity: 1, unitPriceFen: 5900 }],
      paidFen: 5900,
    }));
    const floodHealth = poll(() => healthzMs(url), 100);
    const floodStarted = performance.now();
    const f = await signedIngest(url, JSON.stringify(floodOrders));
    if (f.accepted !== FLOOD) throw new Error(`flood accepted ${f.accepted} of ${FLOOD}`);
    const judgedMs = await untilIdle(url, cookie, 300_000);
    const floodJudgedSeconds = (performance.now() - floodStarted) / 1000;
    void judgedMs;
    await sleep(25_000); // the grouping wait, then delivery
    const floodHealthMs = await floodHealth.stop();
    const floodIncidents = (await incidentTotal(url, cookie)) - before.incidents;
    const floodMessages = healthy.received.length - before.healthy;

    // A 10,000-order stock-out: the ERP has none of the SKU.
    const beforeStock = { healthy: healthy.received.length, robot: robot.received.length };
    await signedIngest(url, JSON.stringify([{ type: 'inventory_level', id: `erp-hot-${Date.now()}`, source: 'erp', sku: 'HOT-PEAK', warehouse: 'HZ-01', available: 0, reserved: 0, at: new Date(Date.now() - 3_600_000).toISOString() }]));
    const hot = freshOrders('H', STOCK_OUT, 11, Date.now() - 5 * 60_000).map((o) => ({ ...o, items: [{ sku: 'HOT-PEAK', title: '爆款', category: 'home', quantity: 1, unitPriceFen: 9900 }], paidFen: 9900, warehouse: 'HZ-01' }));
    await burst(url, hot);
    await untilIdle(url, cookie, 300_000);
    await sleep(30_000);
    const stock = await incidentsOf(url, cookie, 'stock.oversold');
    return {
      burstOrders: BURST,
      burstOrdersList: orders,
      httpIngestPerSecond: BURST / b.seconds,
      lookupIdleP99Ms: quantile(agent.idle, 0.99),
      lookupBurstP99Ms: quantile(during, 0.99),
      healthzBurstMaxMs: Math.max(...burstHealth),
      eventToNotificationP99Ms: quantile(latencies, 0.99),
      eventToNotificationSamples: latencies.length,
      hungBesideHealthyMaxMs: Math.max(...latencies),
      answeredAfterRunningMs: serve.answeredAfterRunningMs,
      floodOrders: FLOOD,
      floodIncidents,
      floodMessages,
      floodHealthzMaxMs: Math.max(...floodHealthMs),
      floodJudgedSeconds,
      stockOutOrders: STOCK_OUT,
      stockOutIncidents: stock.length,
      stockOutLevel: stock[0]?.level ?? 0,
      stockOutMessagesPerReceiver: Math.max(healthy.received.length - beforeStock.healthy, robot.received.length - beforeStock.robot),
      stockOutRefusedByRobot: robot.refused.length,
    };
  } finally {
    await serve?.stop();
    await Promise.all([healthy.close(), hung.close(), robot.close()]);
  }
}

async function incidentTotal(url: string, cookie: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/incidents?limit=1`, { headers: { cookie } });
  return ((await res.json()) as { total: number }).total;
}

async function incidentsOf(url: string, cookie: string, code: string): Promise<Array<{ level: number; groupKey: string }>> {
  const res = await fetch(`${url}/api/v1/incidents?limit=100&view=full`, { headers: { cookie } });
  const { incidents } = (await res.json()) as { incidents: Array<{ level: number; groupKey: string; codes: string[] }> };
  return incidents.filter((i) => i.codes.includes(code));
}

/** The PostgreSQL run: two serve instances (each with its worker thread) share one database; the burst goes to both, the flood to one. */
async function postgresRun(orders: Record<string, unknown>[]): Promise<PeakFigures['postgres']> {
  if (!(await postgresAvailable())) return null;
  const name = `ow_peak_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = TEST_POSTGRES_URL.replace(/\/[^/?]+(\?.*)?$/, `/${name}$1`);
  const dir = mkdtempSync(join(tmpdir(), 'ow-peak-pg-'));
  const healthy = await startReceiver('healthy');
  const hung = await startReceiver('hung');
  const robot = await startReceiver('dingtalk');
  const config = policyFile(dir, { healthy, hung, robot });
  const serves: Serve[] = [];
  try {
    serves.push(await startServe(['--db', dbUrl, '--config', config]));
    serves.push(await startServe(['--db', dbUrl, '--config', config]));
    const cookie = await signIn(serves[0]!.url);
    const half = Math.floor(orders.length / 2);
    const started = performance.now();
    const [a, b] = await Promise.all([burst(serves[0]!.url, orders.slice(0, half)), burst(serves[1]!.url, orders.slice(half))]);
    const seconds = (performance.now() - started) / 1000;
    for (let n = 0; n < 20; n++) await signedIngest(serves[n % 2]!.url, JSON.stringify([lateOrder(100_000 + n)]));
    const flood = freshOrders('PF', FLOOD, 5, Date.now() - 5 * 60_000).map((o) => ({ ...o, receiver: { name: '刷单客', phone: '13900002222', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号3幢501室' }, items: [{ sku: 'FLOOD-CUP', quantity: 1, unitPriceFen: 5900 }], paidFen: 5900 }));
    await signedIngest(serves[1]!.url, JSON.stringify(flood));
    await untilIdle(serves[0]!.url, cookie, 600_000);
    await sleep(30_000);
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      const incidents = Number((await db.query('SELECT COUNT(*) AS n FROM incidents')).rows[0].n);
      const distinctKeys = Number((await db.query('SELECT COUNT(DISTINCT group_key) AS n FROM incidents')).rows[0].n);
      // Left behind: a check due more than a minute ago that no worker took (a deadline that passed
      // during the wait is due, not missed).
      const due = Number((await db.query('SELECT COUNT(*) AS n FROM order_checks WHERE next_check_at <= $1', [Date.now() - 60_000])).rows[0].n);
      const beats = (await db.query('SELECT doc FROM worker_status')).rows.map((r: { doc: string }) => JSON.parse(r.doc) as { figures?: { judged?: number } });
      const judged = beats.reduce((n, d) => n + (d.figures?.judged ?? 0), 0);
      const keys = healthy.received.map((m) => m.key);
      return {
        incidents,
        duplicateIncidents: incidents - distinctKeys,
        messages: keys.length,
        duplicateMessages: keys.length - new Set(keys).size,
        judgedPerOrder: judged / (a.accepted + b.accepted + FLOOD + 20),
        ordersLeftDue: due,
        httpIngestPerSecond: orders.length / seconds,
      };
    } finally {
      await db.end();
    }
  } finally {
    for (const s of serves) await s.stop();
    await Promise.all([healthy.close(), hung.close(), robot.close()]);
    const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** runPeakBench measures the whole peak; `postgres` false skips the PostgreSQL run. */
export async function runPeakBench(postgres = true): Promise<PeakFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-peak-'));
  try {
    const say = (what: string): boolean => process.stderr.write(`peak bench: ${what}\n`);
    say('the CLI import of the burst orders (same code path, start-up excluded)');
    const cliImportPerSecond = await cliImportRate(dir, freshOrders('P', BURST, 42, Date.now() - 10 * 60_000));
    say('SQLite: serve + worker thread, burst, flood, stock-out');
    const { burstOrdersList, ...sqlite } = await sqliteRun(dir);
    say(postgres ? 'PostgreSQL: two instances, burst and flood' : 'PostgreSQL skipped');
    const pgFigures = postgres ? await postgresRun(freshOrders('Q', BURST, 43, Date.now() - 10 * 60_000)) : null;
    void burstOrdersList;
    return { ...sqlite, cliImportPerSecond, postgres: pgFigures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** peakRows are the table rows of the figures against their targets (issue 10). */
export function peakRows(p: PeakFigures): Array<[string, string, string, boolean]> {
  const ms = (x: number): string => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en')} ms` : 'never');
  const rows: Array<[string, string, string, boolean]> = [
    [`peak: signed HTTP ingest of ${p.burstOrders.toLocaleString('en')} fresh orders (8 clients × 100), SQLite`, `${Math.round(p.httpIngestPerSecond).toLocaleString('en')} orders/s`, '≥ 5,000 orders/s', p.httpIngestPerSecond >= 5000],
    ['  … against the CLI bulk import of the same orders (start-up excluded)', `${(p.httpIngestPerSecond / p.cliImportPerSecond).toFixed(2)} × (CLI ${Math.round(p.cliImportPerSecond).toLocaleString('en')}/s)`, '≥ 0.50 ×', p.httpIngestPerSecond / p.cliImportPerSecond >= 0.5],
    ['  lookup p99 during the burst ÷ idle p99 (agents: 20 lookups/s from a process of their own)', `${(p.lookupBurstP99Ms / p.lookupIdleP99Ms).toFixed(1)} × (${p.lookupBurstP99Ms.toFixed(1)} / ${p.lookupIdleP99Ms.toFixed(1)} ms)`, '≤ 5 ×', p.lookupBurstP99Ms <= 5 * p.lookupIdleP99Ms],
    ['  /healthz slowest during the burst', ms(p.healthzBurstMaxMs), '≤ 1,000 ms', p.healthzBurstMaxMs <= 1000],
    [`  event → notification p99 during the burst (${p.eventToNotificationSamples} late orders of their own)`, ms(p.eventToNotificationP99Ms), '≤ 2,000 ms', p.eventToNotificationP99Ms <= 2000],
    ['  … at the healthy receiver while the other never answers (slowest)', ms(p.hungBesideHealthyMaxMs), '≤ 2,000 ms', p.hungBesideHealthyMaxMs <= 2000],
    ['serve answers after saying it runs (first sweep of 20,000 orders in the background)', ms(p.answeredAfterRunningMs), '≤ 2,000 ms', p.answeredAfterRunningMs <= 2000],
    [`one buyer's flood, ${p.floodOrders.toLocaleString('en')} orders in one request: incidents / messages`, `${p.floodIncidents} / ${p.floodMessages}`, '≤ 10 / ≤ 10', p.floodIncidents <= 10 && p.floodMessages <= 10],
    ['  … every order judged after', `${p.floodJudgedSeconds.toFixed(1)} s`, '≤ 60 s', p.floodJudgedSeconds <= 60],
    ['  … /healthz slowest meanwhile', ms(p.floodHealthzMaxMs), '≤ 1,000 ms', p.floodHealthzMaxMs <= 1000],
    [`${p.stockOutOrders.toLocaleString('en')}-order stock-out: incidents (level) / messages per receiver / refused by the robot`, `${p.stockOutIncidents} (level ${p.stockOutLevel}) / ${p.stockOutMessagesPerReceiver} / ${p.stockOutRefusedByRobot}`, '1 (level 3) / 1 / 0', p.stockOutIncidents === 1 && p.stockOutLevel === 3 && p.stockOutMessagesPerReceiver === 1 && p.stockOutRefusedByRobot === 0],
  ];
  if (p.postgres) {
    const g = p.postgres;
    rows.push(
      ['PostgreSQL, two instances: burst ingest', `${Math.round(g.httpIngestPerSecond).toLocaleString('en')} orders/s`, '(measured)', true],
      ['  incidents twice / messages twice / checks overdue by more than a minute', `${g.duplicateIncidents} of ${g.incidents} / ${g.duplicateMessages} of ${g.messages} / ${g.ordersLeftDue}`, '0 / 0 / 0', g.duplicateIncidents === 0 && g.duplicateMessages === 0 && g.ordersLeftDue === 0],
      ['  judgements per order, both workers together (arrival, plus re-checks at deadlines that passed)', g.judgedPerOrder.toFixed(3), '(measured)', true],
    );
  } else {
    rows.push(['PostgreSQL, two instances', 'not run: no PostgreSQL server', 'each once', false]);
  }
  return rows;
}

if (process.argv[1]?.endsWith('peak-bench.ts')) {
  const figures = await runPeakBench(process.env.BENCH_PEAK_PG !== '0');
  console.log(JSON.stringify(figures));
}

