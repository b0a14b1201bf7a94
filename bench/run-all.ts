// npm run bench: every benchmark, each in its own process so its memory
// figure is its own, then one table of figure against target.
// BENCH_ORDERS sets the data size (default 1,000,000, as the targets say).
import { execFileSync } from 'node:child_process';
import type { ConsoleFigures } from './console-bench.js';
import { consoleWeightRows, type ConsoleWeightFigures } from './console-weight-bench.js';
import type { DashboardFigures } from './dashboard-bench.js';
import type { ImportFigures } from './import-bench.js';
import type { DetectionFigures } from './detection-bench.js';
import type { LookupFigures } from './lookup-bench.js';
import type { ReportFigures } from './report-bench.js';
import type { ResponseFigures } from './response-bench.js';
import { peakRows, type PeakFigures } from './peak-bench.js';
import { startupRows, type StartupFigures } from './startup-bench.js';
import { connectorRows, type ConnectorFigures } from './connector-bench.js';

const orders = Number(process.env.BENCH_ORDERS ?? 1_000_000);

function runChild<T>(script: string): T {
  process.stderr.write(`running ${script} with ${orders.toLocaleString('en')} orders…\n`);
  const out = execFileSync(process.execPath, ['bin/run-ts.mjs', script, String(orders)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  const last = out.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as T;
}

const imp = runChild<ImportFigures>('bench/import-bench.ts');
const look = runChild<LookupFigures>('bench/lookup-bench.ts');
const det = runChild<DetectionFigures>('bench/detection-bench.ts');
const resp = runChild<ResponseFigures>('bench/response-bench.ts');
const dash = runChild<DashboardFigures>('bench/dashboard-bench.ts');
const con = runChild<ConsoleFigures>('bench/console-bench.ts');
const rep = runChild<ReportFigures>('bench/report-bench.ts');
const peak = runChild<PeakFigures>('bench/peak-bench.ts');
const start = runChild<StartupFigures>('bench/startup-bench.ts');
// The connector bench's shop is 100,000 orders whatever BENCH_ORDERS says: that is its target.
const conn = JSON.parse(execFileSync(process.execPath, ['bin/run-ts.mjs', 'bench/connector-bench.ts', '100000'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop() ?? '{}') as ConnectorFigures;
const weight = runChild<ConsoleWeightFigures>('bench/console-weight-bench.ts');

const rows: Array<[string, string, string, boolean]> = [
  [`bulk import, ${imp.orders.toLocaleString('en')} generic orders → SQLite`, `${Math.round(imp.ordersPerSecond).toLocaleString('en')} orders/s`, '≥ 50,000 orders/s', imp.ordersPerSecond >= 50_000],
  ['  bare better-sqlite3 insert of the same rows', `${Math.round(imp.bareOrdersPerSecond).toLocaleString('en')} orders/s`, '(baseline)', true],
  ['  import ÷ bare insert', imp.ratio.toFixed(2), '≥ 0.50', imp.ratio >= 0.5],
  ['peak resident memory during the import', `${Math.round(imp.peakRssMb)} MB`, '≤ 500 MB', imp.peakRssMb <= 500],
  [`lookup by last 4 digits, store p95 (${look.orders.toLocaleString('en')} orders)`, `${look.storeP95Last4Ms.toFixed(2)} ms`, '≤ 5 ms', look.storeP95Last4Ms <= 5],
  ['lookup by order number, store p95', `${look.storeP95OrderNoMs.toFixed(2)} ms`, '≤ 5 ms', look.storeP95OrderNoMs <= 5],
  ['lookup by last 4 digits, HTTP p95', `${look.httpP95Last4Ms.toFixed(2)} ms`, '≤ 20 ms', look.httpP95Last4Ms <= 20],
  ['lookup by order number, HTTP p95', `${look.httpP95OrderNoMs.toFixed(2)} ms`, '≤ 20 ms', look.httpP95OrderNoMs <= 20],
  ['arrival checks, one core', `${Math.round(det.arrivalChecksPerSecond).toLocaleString('en')} orders/s`, '≥ 200,000 orders/s', det.arrivalChecksPerSecond >= 200_000],
  [`deadline sweep: due orders among ${det.openOrders.toLocaleString('en')} open (1 % due)`, `${det.sweepDueMs.toFixed(2)} ms`, '≤ 100 ms', det.sweepDueMs <= 100],
  ['event → finding stored, p99', `${det.eventToFindingP99Ms.toFixed(1)} ms`, '≤ 50 ms', det.eventToFindingP99Ms <= 50],
  [`event → notification at a local receiver, p99 (${resp.events} events, 20,000 orders stored)`, `${resp.eventToNotificationP99Ms.toFixed(0)} ms`, '≤ 1,000 ms', resp.eventToNotificationP99Ms <= 1000],
  ['10,000-order stock-out in a minute: incidents (level)', `${resp.stockOutIncidents} (level ${resp.stockOutLevel})`, '1 (level 3)', resp.stockOutIncidents === 1 && resp.stockOutLevel === 3],
  ['  messages to the DingTalk robot / refused as over 20/min', `${resp.stockOutMessages} / ${resp.stockOutOverLimit}`, 'a handful / 0', resp.stockOutMessages <= 5 && resp.stockOutOverLimit === 0],
  ['kill -9 during 1,000 deliveries, restart: delivered / twice', `${resp.killDelivered} / ${resp.killTwice}`, '1,000 / ≤ 1', resp.killDelivered === 1000 && resp.killMissing === 0 && resp.killTwice <= 1],
  ...Object.entries(dash.p95Ms).map(([name, ms], i): [string, string, string, boolean] => [
    i === 0 ? `console API, HTTP p95 (${dash.orders.toLocaleString('en')} orders, ${dash.delayed.toLocaleString('en')} delayed, ${dash.incidents.toLocaleString('en')} incidents): ${name}` : `  ${name}`,
    `${ms.toFixed(1)} ms`,
    '≤ 100 ms',
    ms <= 100,
  ]),
  ['  first dashboard request after start (builds the read model)', `${Math.round(dash.firstRequestMs).toLocaleString('en')} ms`, '(once)', true],
  [
    `dashboard chart shown after sign-in (demo ${con.days} days × ${con.ordersPerDay.toLocaleString('en')} orders/day, Chromium)`,
    con.chartShownMs === null ? `not run: ${con.skipped}` : `${Math.round(con.chartShownMs)} ms`,
    '≤ 1,500 ms',
    con.chartShownMs !== null && con.chartShownMs <= 1500,
  ],
  [`evidence PDF, 3 screenshots (${Math.round(rep.screenshotBytes / 1024).toLocaleString('en')} KB), median of 10`, `${Math.round(rep.evidenceP50Ms)} ms (max ${Math.round(rep.evidenceMaxMs)})`, '≤ 1,000 ms', rep.evidenceP50Ms <= 1000],
  ['  … first in a fresh process / serve\'s warm-up at start', `${Math.round(rep.evidenceFirstMs)} / ${Math.round(rep.warmUpMs)} ms`, '(once)', true],
  ['  … its size', `${(rep.evidenceBytes / 1024 / 1024).toFixed(2)} MB`, '≤ 2 MB', rep.evidenceBytes <= 2 * 1024 * 1024],
  [`KPI report, last 30 days over ${rep.orders.toLocaleString('en')} orders (first call / warm)`, `${(rep.kpiFirstMs / 1000).toFixed(2)} / ${(rep.kpiWarmMs / 1000).toFixed(2)} s`, '≤ 3 s', rep.kpiFirstMs <= 3000],
  ['  … as a PDF with its charts', `${(rep.kpiPdfMs / 1000).toFixed(2)} s`, '≤ 3 s', rep.kpiPdfMs <= 3000],
  ...peakRows(peak),
  ...startupRows(start),
  ...connectorRows(conn),
  ...consoleWeightRows(weight),
  ['Olist backtest (one policy, 8,135 orders)', det.olistBacktestSeconds === null ? 'no data' : `${det.olistBacktestSeconds.toFixed(2)} s`, '≤ 5 s', det.olistBacktestSeconds !== null && det.olistBacktestSeconds <= 5],
];
const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), Math.max(...rows.map((r) => r[2].length))];
console.log(`| ${'benchmark'.padEnd(w[0]!)} | ${'figure'.padEnd(w[1]!)} | ${'target'.padEnd(w[2]!)} | met |`);
console.log(`|${'-'.repeat(w[0]! + 2)}|${'-'.repeat(w[1]! + 2)}|${'-'.repeat(w[2]! + 2)}|-----|`);
for (const [name, figure, target, met] of rows) console.log(`| ${name.padEnd(w[0]!)} | ${figure.padEnd(w[1]!)} | ${target.padEnd(w[2]!)} | ${met ? 'yes' : 'NO '} |`);
