// Backtest of the delay-detection policies on the real Olist sample:
//   node bin/run-ts.mjs bench/olist-backtest.ts /work/shared/data/olist
// Tunes promise-risk on 2017 (orders purchased 2017-01 … 2017-12), then
// reports every policy on 2018-01 … 2018-08, with monthly recalibration
// from history completed before each month (no look-ahead).
import { loadOlistBacktestOrders } from '../src/app/olist-backtest-orders.js';
import { backtestCurve, runBacktest, type BacktestOptions, type BacktestResult, type CurvePoint } from '../src/detect/backtest/index.js';
import { BASELINES, OLIST_REPORT, OLIST_TUNE, PROMISE_GRID } from '../src/app/olist-backtest.js';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const hrs = (v: number | null): string => (v === null ? '—' : `${v.toFixed(0)} h`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function resultRow(name: string, r: BacktestResult): string[] {
  return [name, String(r.alerts), pct(r.falseAlarmShare), pct(r.recall), pct(r.recallBeforeBreach), hrs(r.leadTimeHoursMedian)];
}


const dir = process.argv[2] ?? '../shared/data/olist';
const started = performance.now();
const orders = await loadOlistBacktestOrders(dir);
const loadedMs = performance.now() - started;
const header = ['policy', 'alerts', 'false-alarm share', 'recall', 'recall before breach', 'lead time median'];

const t = performance.now();
const report = BASELINES.map(({ name, policy }) => ({ name, result: runBacktest(orders, { ...OLIST_REPORT, policy } satisfies BacktestOptions) }));
const perRunMs = (performance.now() - t) / BASELINES.length;
console.log(`Olist sample: ${orders.length} orders (loaded in ${loadedMs.toFixed(0)} ms); backtest ${perRunMs.toFixed(0)} ms per policy on average\n`);
console.log('Delivered orders purchased 2018-01 … 2018-08 (monthly recalibration, lead time to the end of the promised day):');
console.log(table(header, report.map(({ name, result }) => resultRow(name, result))));
const first = report[0]!.result;
console.log(`\njudged ${first.judged}, late ${first.late}; skipped ${JSON.stringify(first.skipped)}; anomalies ${JSON.stringify(first.anomalies)}\n`);

const tune = backtestCurve(orders, OLIST_TUNE, PROMISE_GRID);
const test = backtestCurve(orders, OLIST_REPORT, PROMISE_GRID);
/** meetsTarget is the goal: false alarms ≤ 40 %, recall ≥ 50 %, median lead ≥ 48 h. */
const meetsTarget = (p: CurvePoint): boolean => (p.falseAlarmShare ?? 1) <= 0.4 && (p.recall ?? 0) >= 0.5 && (p.leadTimeHoursMedian ?? 0) >= 48;
console.log('promise-risk curve: tune = 2017, report = 2018-01 … 2018-08 (✓ = meets FA ≤ 40 %, recall ≥ 50 %, lead ≥ 48 h)');
console.log(
  table(
    ['setting', 'FA 2017', 'recall 2017', 'lead 2017', '2017', 'FA 2018', 'recall 2018', 'lead 2018', '2018'],
    tune.map((p, i) => {
      const r = test[i]!;
      return [p.label, pct(p.falseAlarmShare), pct(p.recall), hrs(p.leadTimeHoursMedian), meetsTarget(p) ? '✓' : '', pct(r.falseAlarmShare), pct(r.recall), hrs(r.leadTimeHoursMedian), meetsTarget(r) ? '✓' : ''];
    }),
  ),
);
