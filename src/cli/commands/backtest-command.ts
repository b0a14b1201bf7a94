import type { Command } from 'commander';
import { loadSettings } from '../../config/load-settings.js';
import { openContext } from '../../app/context.js';
import { scoreDemo } from '../../app/demo-score.js';
import { calibrateFromStore } from '../../pipeline/stall-thresholds.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { toIso } from '../../domain/time.js';
import { FIXED_CURVE, OLIST_PERIODS, OLIST_REPORT, OLIST_TUNE, type OlistPeriod } from '../../app/olist-backtest.js';
import { loadOlistBacktestOrders } from '../../app/olist-backtest-orders.js';
import { olistDetectorReport } from '../../app/olist-backtest-report.js';
import { loadOlistReplayOrders } from '../../app/olist-backtest-replay.js';
import { backtestCurve, runBacktest } from '../../detect/backtest/index.js';
import { SEED_POLICY, type ThresholdPolicy } from '../../detect/thresholds/index.js';
import { leadHoursOf, timeCheckSettingsOf } from '../../detect/time/time-check-settings.js';
import { CliError, print, printJson, table } from '../output.js';
import { withConfig, withDb } from './common-options.js';

const POLICIES = ['dynamic', 'fixed', 'seed', 'ship-by', 'quantile'] as const;

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const hrs = (v: number | null): string => (v === null ? '—' : `${v.toFixed(0)} h`);

/** rulePolicyOf is a comparison rule by its name (everything but `dynamic`, the live detector). */
function rulePolicyOf(name: string, fixedHours: number): ThresholdPolicy {
  switch (name) {
    case 'fixed':
      return { kind: 'fixed', hours: fixedHours };
    case 'seed':
      return SEED_POLICY;
    case 'ship-by':
      return { kind: 'ship-by' };
    case 'quantile':
      return { kind: 'quantile', q: 0.9, spans: ['dispatch', 'transit'] };
    default:
      throw new CliError(`--policy must be one of ${POLICIES.join(', ')}, got "${name}"`, 2);
  }
}

interface BacktestOptions {
  dataset: string;
  dir?: string;
  policy: string;
  fixedHours: string;
  leadHours?: string;
  period: string;
  db?: string;
  config?: string;
  json?: boolean;
  response?: boolean;
}

/** registerBacktestCommand adds `orderwatch backtest`. */
export function registerBacktestCommand(program: Command): void {
  withConfig(withDb(program.command('backtest')))
    .description(
      'evaluate detection on history: Olist (real orders; the live detector replayed with monthly recalibration from earlier orders only; its settings chosen on 2017, reported on 2018-01…08), or the demo business (replays detection over it and scores each finding code against its labels)',
    )
    .requiredOption('--dataset <name>', 'olist or demo')
    .option('--dir <dir>', 'the Olist data set folder', '../shared/data/olist')
    .option('--policy <policy>', `${POLICIES.join(' | ')} (dynamic = the live detector; the others are comparison rules)`, 'dynamic')
    .option('--fixed-hours <h>', 'hours for --policy fixed: not shipped this long after purchase', '48')
    .option('--lead-hours <h>', "the promise warning's lead, hours before 00:00 of the promised date (default: the settings' detection.promiseWarning for olist, 48)")
    .option('--period <period>', 'report (2018-01…08) or tune (2017, where the settings were chosen)', 'report')
    .option('--json', 'print the result as JSON')
    .option('--response', 'demo only: run the response engine through the history too (incidents by level and grade, the largest groups); messages stay in the outbox')
    .action(async (options: BacktestOptions) => {
      if (options.dataset === 'demo') return backtestDemo(options);
      if (options.dataset !== 'olist') throw new CliError(`--dataset must be olist or demo, got "${options.dataset}"`, 2);
      if (options.period !== 'report' && options.period !== 'tune') throw new CliError(`--period must be report or tune, got "${options.period}"`, 2);
      const dir = options.dir ?? '../shared/data/olist';
      if (options.policy === 'dynamic') return backtestOlistDetector(options, dir, options.period);
      const hours = Number(options.fixedHours);
      if (!Number.isFinite(hours) || hours <= 0) throw new CliError('--fixed-hours must be a positive number', 2);
      return backtestOlistRule(options, dir, rulePolicyOf(options.policy, hours), options.period);
    });
}

/** leadHoursFor is the promise warning's lead for Olist orders: --lead-hours, else the settings file's, else 48. */
function leadHoursFor(options: BacktestOptions): number {
  if (options.leadHours !== undefined) {
    const lead = Number(options.leadHours);
    if (!Number.isFinite(lead) || lead < 0 || lead > 24 * 14) throw new CliError(`--lead-hours must be a number of hours from 0 to 336, got "${options.leadHours}"`, 2);
    return lead;
  }
  const settings = loadSettings(options.config ?? process.env.ORDERWATCH_CONFIG);
  return leadHoursOf(timeCheckSettingsOf(settings.detection), 'olist', 'delivery');
}

async function readOrFail<T>(dir: string, read: (dir: string) => Promise<T>): Promise<T> {
  try {
    return await read(dir);
  } catch (error) {
    throw new CliError(`cannot read the Olist data set in ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface Figures {
  alerts: number;
  falseAlarmShareCi95?: readonly [number, number] | null;
  precision: number | null;
  falseAlarmShare: number | null;
  recall: number | null;
  recallBeforeBreach: number | null;
  leadTimeHoursMedian: number | null;
}

/** backtestOlistDetector replays the live detector over the Olist orders and prints every time finding's figures. */
async function backtestOlistDetector(options: BacktestOptions, dir: string, period: OlistPeriod): Promise<void> {
  const leadHours = leadHoursFor(options);
  const set = await readOrFail(dir, loadOlistReplayOrders);
  const report = olistDetectorReport(set, { period, leadHours }) as Figures & {
    period: { from: string; to: string };
    tunedOn: { from: string; to: string };
    judged: number;
    late: number;
    baseline: Figures & { rule: string };
    codes: Array<
      Figures & {
        code: string;
        key?: string;
        against: string;
        judged: number;
        late: number;
        alerted: number;
        baseline: (Figures & { rule: string; leadHours?: number; atMedianLead?: Figures & { leadHours: number } }) | null;
        againstBaseline: { verdict: 'better' | 'same' | 'worse' } | null;
      }
    >;
    stalls: { stalledDelivered: number; deliveredOnTime: number; deliveredOnTimeShare: number | null };
    bySegment: Array<Figures & { segment: string; judged: number; late: number; alerted: number }>;
    curve: Array<Figures & { label: string }>;
    model: { trainings: number; learned: number; latest?: { asOf: string; examples: number; cut: number; coefficients: Record<string, number | null> } };
    seconds: number;
  };
  if (options.json) {
    printJson(report);
    return;
  }
  print(`Olist: the live detector replayed over orders purchased ${report.period.from} … ${report.period.to}; thresholds and the promise warning recalibrated monthly from earlier orders only; settings chosen on ${report.tunedOn.from} … ${report.tunedOn.to}`);
  print(`delivered orders judged ${report.judged}, late ${report.late}; lead times to 00:00 of the promised date; promise warning at ${leadHours} h before it\n`);
  const row = (name: string, f: Figures): string[] => [name, String(f.alerts), pct(f.precision), pct(f.falseAlarmShare), pct(f.recall), hrs(f.leadTimeHoursMedian)];
  print(table(['', 'alerts', 'precision', 'false-alarm share', 'recall', 'lead time median'], [row('promise warning (promise.at_risk, delivery)', report), row(`baseline: ${report.baseline.rule}`, report.baseline)]));
  const ci = (f: Figures): string => (f.falseAlarmShareCi95 ? `${pct(f.falseAlarmShareCi95[0])} … ${pct(f.falseAlarmShareCi95[1])}` : '—');
  print(`95 % interval of the false-alarm share: promise warning ${ci(report)}, baseline ${ci(report.baseline)}`);
  print('\nevery time finding the product raises, scored (against late delivery, and the ship-by codes also against the ship-by deadline), each beside its own baseline: the checkpoint rule at each of the code\'s alerts\' own leads, averaged (and at its median lead alone):');
  print(
    table(
      ['code', 'against', 'alerts', 'alerted judged', 'false-alarm share', 'recall', 'lead time median', 'baseline false-alarm share', 'at the median lead alone', 'vs baseline'],
      report.codes.map((c) => [
        c.key ? `${c.code} (${c.key})` : c.code,
        c.against,
        String(c.alerts),
        String(c.alerted),
        pct(c.falseAlarmShare),
        pct(c.recall),
        hrs(c.leadTimeHoursMedian),
        c.baseline ? pct(c.baseline.falseAlarmShare) : '—',
        c.baseline?.atMedianLead ? `${pct(c.baseline.atMedianLead.falseAlarmShare)} (${hrs(c.baseline.atMedianLead.leadHours)})` : '—',
        c.againstBaseline ? (c.againstBaseline.verdict === 'worse' ? 'WORSE' : c.againstBaseline.verdict) : '—',
      ]),
    ),
  );
  const worse = report.codes.filter((c) => c.againstBaseline?.verdict === 'worse');
  if (worse.length > 0) print(`worse than their baseline: ${worse.map((c) => `${c.key ? `${c.code} (${c.key})` : c.code} vs ${c.against} (${pct(c.falseAlarmShare)} against ${pct(c.baseline!.falseAlarmShare)}, baseline: ${c.baseline!.rule})`).join('; ')}`);
  print(`\nstalls: ${report.stalls.stalledDelivered} stalled orders were delivered; ${report.stalls.deliveredOnTime} of them (${pct(report.stalls.deliveredOnTimeShare)}) still on time`);
  print('\npromise warning by destination state (largest 12):');
  print(table(['state', 'judged', 'late', 'alerted', 'false-alarm share', 'recall'], report.bySegment.slice(0, 12).map((s) => [s.segment, String(s.judged), String(s.late), String(s.alerted), pct(s.falseAlarmShare), pct(s.recall)])));
  print('\ncurve: the warning at other probability cuts (live, the cut is re-chosen at each monthly training):');
  print(table(['cut', 'alerts', 'false-alarm share', 'recall', 'lead time median'], report.curve.map((p) => [p.label, String(p.alerts), pct(p.falseAlarmShare), pct(p.recall), hrs(p.leadTimeHoursMedian)])));
  const m = report.model.latest;
  print(`\nmonthly trainings ${report.model.trainings} (${report.model.learned} with a learned model)${m ? `; latest ${m.asOf}: ${m.examples} examples, cut ${m.cut}, coefficients ${JSON.stringify(m.coefficients)}` : ''}`);
  print(`${report.seconds.toFixed(1)} s`);
}

/** backtestOlistRule evaluates a comparison rule (not the live detector) on the Olist orders, with its curve. */
async function backtestOlistRule(options: BacktestOptions, dir: string, policy: ThresholdPolicy, period: OlistPeriod): Promise<void> {
  const orders = await readOrFail(dir, loadOlistBacktestOrders);
  const window = period === 'tune' ? OLIST_TUNE : OLIST_REPORT;
  const started = performance.now();
  const result = runBacktest(orders, { ...window, policy });
  const curvePolicies = policy.kind === 'fixed' ? FIXED_CURVE : [policy];
  const curve = backtestCurve(orders, window, curvePolicies);
  const seconds = (performance.now() - started) / 1000;
  const { alertList: _alerts, ...figures } = result;
  const label = OLIST_PERIODS[period].label;
  if (options.json) {
    printJson({ dataset: 'olist', detector: 'rule', period: label, leadBasis: 'promised-date-00:00', ...figures, curve, seconds });
    return;
  }
  print(`Olist, delivered orders purchased ${label.from} … ${label.to}; comparison rule ${result.policy} (not the live detector); thresholds recalibrated monthly from earlier orders only; lead times to 00:00 of the promised date`);
  print(
    table(
      ['alerts', 'precision', 'false-alarm share', 'recall', 'recall before the promised date', 'lead time median'],
      [[String(result.alerts), pct(result.precision), pct(result.falseAlarmShare), pct(result.recall), pct(result.recallBeforeBreach), hrs(result.leadTimeHoursMedian)]],
    ),
  );
  print(`judged ${result.judged}, late ${result.late}; skipped ${JSON.stringify(result.skipped)}; odd timelines ${JSON.stringify(result.anomalies)}`);
  print('\nby destination state (largest 12):');
  const segments = [...result.bySegment].sort((a, b) => b.judged - a.judged).slice(0, 12);
  print(table(['segment', 'judged', 'late', 'alerts', 'false-alarm share', 'recall'], segments.map((s) => [s.segment, String(s.judged), String(s.late), String(s.alerted), pct(s.falseAlarmShare), pct(s.recall)])));
  print('\ncurve (false-alarm share vs recall over settings):');
  print(table(['setting', 'false-alarm share', 'recall', 'lead time median'], curve.map((p) => [p.label, pct(p.falseAlarmShare), pct(p.recall), hrs(p.leadTimeHoursMedian)])));
  print(`\n${seconds.toFixed(1)} s`);
}

/** incidentSummary counts the incidents a replay with the response engine produced, by level, grade and owner, with the largest groups. */
async function incidentSummary(store: import('../../store/store.js').Store) {
  const all: import('../../domain/incident.js').Incident[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await store.response.incidents({ limit: 5000, offset });
    all.push(...page.items);
    if (page.items.length < 5000) break;
  }
  const kinds = new Map<string, { level: number; grade: string; ownerRole: string; count: number }>();
  for (const i of all) {
    const k = `${i.level}|${i.grade}|${i.ownerRole}`;
    const e = kinds.get(k) ?? { level: i.level, grade: i.grade, ownerRole: i.ownerRole, count: 0 };
    e.count++;
    kinds.set(k, e);
  }
  const outbox = await store.response.outbox({ limit: 100_000 });
  let inhibited = 0;
  for (const i of all.filter((x) => x.scope === 'order').slice(0, 5000)) if ((await store.response.incidentLog(i.id)).some((l) => l.action === 'inhibited')) inhibited++;
  const groups = all.filter((i) => i.scope !== 'order').sort((a, b) => b.level - a.level || b.orderCount - a.orderCount);
  const largest = [];
  // Members over the incident's life (its orders leave as their findings clear).
  for (const i of groups.slice(0, 10)) largest.push({ id: i.id, level: i.level, grade: i.grade, orders: new Set((await store.response.incidentMembers(i.id)).map((m) => m.orderId)).size, title: i.title.zh });
  return {
    total: all.length,
    inhibited,
    messages: outbox.length,
    byKind: [...kinds.values()].sort((a, b) => b.level - a.level || a.grade.localeCompare(b.grade) || b.count - a.count),
    largest,
  };
}

async function backtestDemo(options: BacktestOptions): Promise<void> {
  const context = await openContext(options);
  try {
    const detection = context.store.detection;
    const span = await detection.historySpan();
    if (!span || (await detection.groundTruth()).length === 0) throw new CliError('no demo business here: run `orderwatch demo` first');
    const started = performance.now();
    // Thresholds as the business would have had them: learned from its first weeks.
    await calibrateFromStore(detection, span.from + Math.floor((span.to - span.from) / 3));
    const pipeline = buildPipeline({ store: context.store, settings: () => context.settings, clock: context.clock, owner: `backtest-${process.pid}` });
    // With --response the engine runs through the history too: incidents are opened, graded and
    // escalated as they would have been (notifications stay in the outbox; nothing is sent).
    if (options.response) await context.store.response.clearResponse();
    const { judged } = await pipeline.replay(span.from, span.to + 60_000, {
      onDay: (at) => {
        if (!options.json && process.stderr.isTTY) process.stderr.write(`\r  replaying ${toIso(at).slice(0, 10)}…`);
      },
      respond: options.response === true,
    });
    if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
    const seconds = (performance.now() - started) / 1000;
    const scores = (await scoreDemo(detection)).filter((s) => s.labelled > 0 || s.found > 0);
    const incidents = options.response ? await incidentSummary(context.store) : undefined;
    if (options.json) {
      printJson({ dataset: 'demo', from: toIso(span.from), to: toIso(span.to), judgements: judged, seconds, codes: scores, ...(incidents ? { incidents } : {}) });
      return;
    }
    print(`demo business ${toIso(span.from).slice(0, 10)} … ${toIso(span.to).slice(0, 10)} replayed: ${judged} judgements in ${seconds.toFixed(0)} s`);
    if (options.json) {
      printJson({ dataset: 'demo', codes: scores });
      return;
    }
    print(table(['code', 'labelled', 'found', 'correct', 'precision', 'recall'], scores.map((s) => [s.code, String(s.labelled), String(s.found), String(s.truePositives), pct(s.precision), pct(s.recall)])));
    if (incidents) {
      print(`\nincidents over the history: ${incidents.total} (${incidents.inhibited} order incidents silenced by a group incident), ${incidents.messages} notifications decided`);
      print('(owner after escalation: nobody acknowledges in a replay, so unanswered incidents climb the chain)');
      print(table(['level', 'grade', 'owner', 'incidents'], incidents.byKind.map((k) => [String(k.level), k.grade, k.ownerRole, String(k.count)])));
      print('largest group incidents:');
      print(table(['id', 'level', 'grade', 'orders', 'title'], incidents.largest.map((i) => [i.id, String(i.level), i.grade, String(i.orders), i.title])));
    }
  } finally {
    await context.store.close();
  }
}
