import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { scoreDemo } from '../../app/demo-score.js';
import { calibrateFromStore } from '../../pipeline/stall-thresholds.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { toIso } from '../../domain/time.js';
import { OLIST_REPORT, PROMISE_GRID } from '../../app/olist-backtest.js';
import { loadOlistBacktestOrders } from '../../app/olist-backtest-orders.js';
import { backtestCurve, runBacktest } from '../../detect/backtest/index.js';
import { DEFAULT_POLICY, SEED_POLICY, type ThresholdPolicy } from '../../detect/thresholds/index.js';
import { CliError, print, printJson, table } from '../output.js';
import { withConfig, withDb } from './common-options.js';

const POLICIES = ['dynamic', 'fixed', 'seed', 'ship-by', 'quantile'] as const;

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const hrs = (v: number | null): string => (v === null ? '—' : `${v.toFixed(0)} h`);

function policyOf(name: string, fixedHours: number): ThresholdPolicy {
  switch (name) {
    case 'dynamic':
      return DEFAULT_POLICY;
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
  db?: string;
  config?: string;
  json?: boolean;
  response?: boolean;
}

/** registerBacktestCommand adds `orderwatch backtest`. */
export function registerBacktestCommand(program: Command): void {
  withConfig(withDb(program.command('backtest')))
    .description('evaluate detection on history: Olist (real orders; tune 2017, report 2018-01…08), or the demo business (replays detection over it and scores each finding code against its labels)')
    .requiredOption('--dataset <name>', 'olist or demo')
    .option('--dir <dir>', 'the Olist data set folder', '../shared/data/olist')
    .option('--policy <policy>', `${POLICIES.join(' | ')} (dynamic = the shipped default)`, 'dynamic')
    .option('--fixed-hours <h>', 'hours for --policy fixed: not shipped this long after purchase', '48')
    .option('--json', 'print the result as JSON')
    .option('--response', 'demo only: run the response engine through the history too (incidents by level and grade, the largest groups); messages stay in the outbox')
    .action(async (options: BacktestOptions) => {
      if (options.dataset === 'demo') return backtestDemo(options);
      if (options.dataset !== 'olist') throw new CliError(`--dataset must be olist or demo, got "${options.dataset}"`, 2);
      const hours = Number(options.fixedHours);
      if (!Number.isFinite(hours) || hours <= 0) throw new CliError('--fixed-hours must be a positive number', 2);
      const policy = policyOf(options.policy, hours);
      let orders;
      try {
        orders = await loadOlistBacktestOrders(options.dir ?? '../shared/data/olist');
      } catch (error) {
        throw new CliError(`cannot read the Olist data set in ${options.dir}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const started = performance.now();
      const result = runBacktest(orders, { ...OLIST_REPORT, policy });
      const curvePolicies = policy.kind === 'fixed' ? [24, 36, 48, 72, 96, 120].map((h) => ({ kind: 'fixed', hours: h }) as const) : PROMISE_GRID;
      const curve = backtestCurve(orders, OLIST_REPORT, curvePolicies);
      const seconds = (performance.now() - started) / 1000;
      const { alertList: _alerts, ...figures } = result;
      if (options.json) {
        printJson({ dataset: 'olist', period: { from: '2018-01-01', to: '2018-08-31' }, ...figures, curve, seconds });
        return;
      }
      print(`Olist, delivered orders purchased 2018-01 … 2018-08; policy ${result.policy}; thresholds recalibrated monthly from earlier orders only`);
      print(
        table(
          ['alerts', 'precision', 'false-alarm share', 'recall', 'recall before breach', 'lead time median'],
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
    });
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
