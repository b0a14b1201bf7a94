// The live detector on real Olist orders, and how its settings were chosen:
//   node bin/run-ts.mjs bench/olist-backtest.ts [--tune-only] [DIR …]
// (default DIR ../shared/data/olist; a second DIR, e.g. Olist orders outside
// the shared sample as bench/olist-outside.ts rebuilds them, is reported
// beside it). Prints
//   1. the tuning table: the promise warning's candidate settings side by
//      side on orders purchased in 2017 (monthly retraining from earlier
//      orders only), where the defaults (DEFAULT_PROMISE_MODEL_OPTIONS) were
//      chosen;
//   2. the comparison rules on 2018-01 … 08;
//   3. the live detector on 2018-01 … 08: the promise warning beside the
//      checkpoint baseline, and every time finding code;
//   4. an example alert: the first (by order id) late order of the first
//      data set warned of with its checkpoint in 2018-05, as the warning
//      words it.
// Lead times are measured to 00:00 of the promised date.
import { BASELINES, OLIST_PERIODS, OLIST_REPORT, type OlistPeriod } from '../src/app/olist-backtest.js';
import { loadOlistBacktestOrders } from '../src/app/olist-backtest-orders.js';
import { olistDetectorReport } from '../src/app/olist-backtest-report.js';
import { checkpointScores, detectorSchedule, loadOlistReplayOrders, type OlistReplayOrder } from '../src/app/olist-backtest-replay.js';
import { checkpointBaseline } from '../src/detect/backtest/code-baseline.js';
import { scoreAlerts } from '../src/detect/backtest/code-scores.js';
import { runBacktest } from '../src/detect/backtest/index.js';
import type { JudgeSchedule } from '../src/detect/backtest/judge-replay.js';
import { assessPromise, DEFAULT_PROMISE_MODEL_OPTIONS, trainPromiseModel, type PromiseModelOptions } from '../src/detect/thresholds/index.js';
import { CALIBRATION_HISTORY_DAYS } from '../src/pipeline/stall-thresholds.js';
import { factsAsOf } from '../src/detect/as-of.js';
import { DEADLINE_STEP_MS } from '../src/detect/backtest/judge-replay.js';
import { promisedDayStartOf } from '../src/detect/thresholds/index.js';
import { judgeDeliveryPromise } from '../src/detect/time/promise-warning.js';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const hrs = (v: number | null): string => (v === null ? '—' : `${v.toFixed(0)} h`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** CANDIDATES are the promise warning settings tried on 2017 (the first is the shipped default). */
const D = DEFAULT_PROMISE_MODEL_OPTIONS;
const PREVIOUS: PromiseModelOptions = { ...D, features: ['notShipped', 'deliveryDays', 'promiseStretch'], cut: { kind: 'recall', recall: 0.7, leadHours: 48 } };
const CANDIDATES: ReadonlyArray<{ readonly name: string; readonly options: PromiseModelOptions }> = [
  { name: 'default: previous + network record + promised days; cut at 75 % training recall', options: D },
  { name: 'previous default: not shipped, delivery days, stretch; cut at 70 %', options: PREVIOUS },
  { name: 'previous + network record', options: { ...PREVIOUS, features: [...PREVIOUS.features, 'networkLateShare'] } },
  { name: 'previous + promised days', options: { ...PREVIOUS, features: [...PREVIOUS.features, 'promisedDays'] } },
  { name: 'previous + network record + promised days', options: { ...PREVIOUS, features: [...PREVIOUS.features, 'networkLateShare', 'promisedDays'] } },
  { name: 'previous + network record + arrival chance', options: { ...PREVIOUS, features: [...PREVIOUS.features, 'networkLateShare', 'arrivalChance'] } },
  { name: 'previous + network record + destination record', options: { ...PREVIOUS, features: [...PREVIOUS.features, 'networkLateShare', 'destinationLateShare'] } },
  { name: 'previous + destination record', options: { ...PREVIOUS, features: [...PREVIOUS.features, 'destinationLateShare'] } },
  { name: 'all eight features', options: { ...PREVIOUS, features: ['notShipped', 'arrivalChance', 'deliveryDays', 'promiseStretch', 'destinationLateShare', 'warehouseLateShare', 'networkLateShare', 'promisedDays'] } },
  { name: 'not shipped, delivery days, network record, promised days', options: { ...PREVIOUS, features: ['notShipped', 'deliveryDays', 'networkLateShare', 'promisedDays'] } },
  { name: 'not shipped, delivery days', options: { ...PREVIOUS, features: ['notShipped', 'deliveryDays'] } },
  { name: 'default, cut at 65 % training recall', options: { ...D, cut: { kind: 'recall', recall: 0.65, leadHours: 48 } } },
  { name: 'default, cut at 70 % training recall', options: { ...D, cut: { kind: 'recall', recall: 0.7, leadHours: 48 } } },
  { name: 'default, cut at 80 % training recall', options: { ...D, cut: { kind: 'recall', recall: 0.8, leadHours: 48 } } },
  { name: 'default, trained at 24, 48, 72 and 96 h', options: { ...D, leads: [24, 48, 72, 96] } },
  { name: 'default, outcomes settled after 21 days', options: { ...D, settleDays: 21 } },
  { name: 'default, l2 = 5', options: { ...D, l2: 5 } },
];

/**
 * candidateSchedule is the live schedule with another promise warning: the
 * stall tables are the live ones, the warning is retrained monthly with
 * `options` from the same history (the calibration's history window).
 */
function candidateSchedule(orders: readonly OlistReplayOrder[], base: ReturnType<typeof detectorSchedule>, options: PromiseModelOptions): JudgeSchedule {
  const timelines = orders.map((o) => o.timeline);
  const models = new Map<number, ReturnType<typeof trainPromiseModel>>();
  return {
    contextAt(at) {
      const context = base.contextAt(at);
      const table = base.tableAt(at);
      if (!models.has(table.asOf)) {
        const history = timelines.filter((t) => t.purchasedAt >= table.asOf - CALIBRATION_HISTORY_DAYS * 86_400_000 && t.purchasedAt < table.asOf);
        models.set(table.asOf, trainPromiseModel(history, table, table.asOf, options));
      }
      const model = models.get(table.asOf);
      const allowance = context.thresholds.allowance;
      return { ...context, thresholds: { allowance, ...(model ? { promiseRisk: { assess: (o) => assessPromise(model, table, o), examples: model.examples } } : {}) } };
    },
  };
}

/**
 * rankingAuc is how often the warning's probability ranks a late order above
 * a punctual one, among delivered orders undelivered at the checkpoint (0.5:
 * no better than chance); null where no model had been learned.
 */
function rankingAuc(scores: ReadonlyArray<{ readonly late: boolean; readonly p: number }>): number | null {
  const late = scores.filter((s) => s.late).map((s) => s.p);
  const onTime = scores.filter((s) => !s.late).map((s) => s.p);
  if (late.length === 0 || onTime.length === 0) return null;
  let wins = 0;
  for (const a of late) for (const b of onTime) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (late.length * onTime.length);
}

/**
 * falseAlarmsAtRecall is the false-alarm share at the highest probability
 * cut that still catches `recall` of the late orders (in hindsight, on the
 * tuning period only: it compares candidates, it does not set the live cut).
 */
function falseAlarmsAtRecall(scores: ReadonlyArray<{ readonly late: boolean; readonly p: number }>, recall: number): number | null {
  const late = scores.filter((s) => s.late).map((s) => s.p).sort((a, b) => b - a);
  if (late.length === 0) return null;
  const cut = late[Math.max(0, Math.ceil(recall * late.length) - 1)]!;
  const alerted = scores.filter((s) => s.p >= cut);
  return alerted.filter((s) => !s.late).length / alerted.length;
}

/** tuningRows scores every candidate on one data set's 2017 orders. */
function tuningRows(orders: readonly OlistReplayOrder[], period: OlistPeriod): string[][] {
  const { testFrom, testTo } = OLIST_PERIODS[period];
  const base = detectorSchedule(orders);
  const outcomes = orders.filter((o) => o.outcome.purchasedAt >= testFrom && o.outcome.purchasedAt < testTo).map((o) => o.outcome);
  const baseline = checkpointBaseline(outcomes, 48);
  const rows = CANDIDATES.map(({ name, options }) => {
    const scores = new Map(checkpointScores(orders, candidateSchedule(orders, base, options), testFrom, testTo, 48).map((s) => [s.outcome.id, s]));
    const f = scoreAlerts(outcomes, (o) => (scores.get(o.id)?.warn ? scores.get(o.id)!.checkpoint : undefined), 'late-delivery');
    const ranked = [...scores.values()].filter((s) => s.pending && s.probability !== undefined && s.outcome.status === 'delivered' && s.outcome.deliveredAt !== undefined && s.outcome.promisedBy !== undefined);
    const auc = rankingAuc(ranked.map((s) => ({ late: s.outcome.deliveredAt! > s.outcome.promisedBy!, p: s.probability! })));
    const at70 = falseAlarmsAtRecall([...scores.values()].filter((s) => s.pending && s.outcome.status === 'delivered' && s.outcome.deliveredAt !== undefined && s.outcome.promisedBy !== undefined).map((s) => ({ late: s.outcome.deliveredAt! > s.outcome.promisedBy!, p: s.probability ?? 1 })), 0.7);
    return [name, String(f.alerted), pct(f.falseAlarmShare), pct(f.recall), auc === null ? '—' : auc.toFixed(2), pct(at70)];
  });
  return [['baseline: not delivered 48 h before 00:00 of the promised date', String(baseline.alerted), pct(baseline.falseAlarmShare), pct(baseline.recall), '—', pct(baseline.falseAlarmShare)], ...rows];
}

const args = process.argv.slice(2);
const tuneOnly = args.includes('--tune-only');
const dirs = args.filter((a) => a !== '--tune-only').length > 0 ? args.filter((a) => a !== '--tune-only') : ['../shared/data/olist'];
const sets = [];
for (const dir of dirs) sets.push({ dir, set: await loadOlistReplayOrders(dir) });

console.log('1. The promise warning\'s candidate settings on delivered orders purchased in 2017 (the tuning period), warned 48 h before 00:00 of the promised date:\n');
for (const { dir, set } of sets) {
  console.log(`${dir}:`);
  console.log(table(['setting', 'alerted', 'false-alarm share', 'recall', 'ranking (AUC)', 'false alarms at 70 % recall'], tuningRows(set.orders, 'tune')));
  console.log('');
}
if (tuneOnly) process.exit(0);

const rules = await loadOlistBacktestOrders(dirs[0]!);
console.log(`2. Comparison rules on ${dirs[0]}, delivered orders purchased 2018-01 … 08 (lead to 00:00 of the promised date):\n`);
console.log(
  table(
    ['rule', 'alerts', 'false-alarm share', 'recall', 'lead time median'],
    BASELINES.map(({ name, policy }) => {
      const r = runBacktest(rules, { ...OLIST_REPORT, policy });
      return [name, String(r.alerts), pct(r.falseAlarmShare), pct(r.recall), hrs(r.leadTimeHoursMedian)];
    }),
  ),
);

console.log('\n3. The live detector on delivered orders purchased 2018-01 … 08 (settings chosen on 2017):\n');
for (const { dir, set } of sets) {
  const started = performance.now();
  const r = olistDetectorReport(set, { period: 'report' }) as {
    judged: number;
    late: number;
    alerts: number;
    falseAlarmShare: number | null;
    recall: number | null;
    leadTimeHoursMedian: number | null;
    baseline: { alerts: number; falseAlarmShare: number | null; recall: number | null; leadTimeHoursMedian: number | null };
    codes: Array<{ code: string; key?: string; against: string; alerts: number; falseAlarmShare: number | null; recall: number | null; leadTimeHoursMedian: number | null }>;
  };
  const previous = olistDetectorReport(set, { period: 'report', promiseModel: PREVIOUS }) as typeof r;
  console.log(`${dir}: ${r.judged} delivered orders judged, ${r.late} late; ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    table(
      ['', 'alerts', 'false-alarm share', 'recall', 'lead time median'],
      [
        ['promise warning (promise.at_risk, delivery)', String(r.alerts), pct(r.falseAlarmShare), pct(r.recall), hrs(r.leadTimeHoursMedian)],
        ['… with the previous default (not chosen on 2017 any more; shown for comparison)', String(previous.alerts), pct(previous.falseAlarmShare), pct(previous.recall), hrs(previous.leadTimeHoursMedian)],
        ['baseline: not delivered 48 h before 00:00 of the promised date', String(r.baseline.alerts), pct(r.baseline.falseAlarmShare), pct(r.baseline.recall), hrs(r.baseline.leadTimeHoursMedian)],
        ...r.codes.filter((c) => !(c.code === 'promise.at_risk' && c.key === 'delivery')).map((c) => [`${c.key ? `${c.code} (${c.key})` : c.code} vs ${c.against}`, String(c.alerts), pct(c.falseAlarmShare), pct(c.recall), hrs(c.leadTimeHoursMedian)]),
      ],
    ),
  );
  console.log('');
}

/** exampleAlert is the first (by order id) late order warned of with its checkpoint in May 2018, and the warning's words. */
function exampleAlert(orders: readonly OlistReplayOrder[]): string | undefined {
  const schedule = detectorSchedule(orders);
  const from = Date.UTC(2018, 4, 1);
  const to = Date.UTC(2018, 5, 1);
  const sorted = [...orders].sort((a, b) => a.outcome.id.localeCompare(b.outcome.id));
  for (const o of sorted) {
    const deadline = o.facts.order.promisedDeliveryBy;
    if (deadline === undefined || o.outcome.status !== 'delivered' || o.outcome.deliveredAt === undefined || o.outcome.deliveredAt <= deadline) continue;
    const promise = { dayStart: promisedDayStartOf(deadline), deadline, leadHours: 48 };
    const checkpoint = Math.max(promise.dayStart - 48 * 3600_000, o.facts.order.placedAt);
    if (checkpoint < from || checkpoint >= to || o.outcome.deliveredAt <= checkpoint) continue;
    const w = judgeDeliveryPromise(factsAsOf(o.facts, checkpoint) ?? o.facts, promise, schedule.contextAt(checkpoint + DEADLINE_STEP_MS).thresholds.promiseRisk);
    if (w.warn) return `${o.outcome.id}\n${w.explanation.zh}\n${w.explanation.en}`;
  }
  return undefined;
}

console.log(`4. An example alert (${dirs[0]}):\n`);
console.log(exampleAlert(sets[0]!.set.orders) ?? 'none');
