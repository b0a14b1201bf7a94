import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { scoreDemo } from '../../app/demo-score.js';
import { DetectionService } from '../../app/detection-service.js';
import { calibrateFromStore } from '../../app/stall-thresholds.js';
import { toIso } from '../../domain/time.js';
import { OLIST_REPORT, PROMISE_GRID } from '../../app/olist-backtest.js';
import { loadOlistBacktestOrders } from '../../app/olist-backtest-orders.js';
import { backtestCurve, runBacktest } from '../../detect/backtest/index.js';
import { DEFAULT_POLICY, SEED_POLICY, type ThresholdPolicy } from '../../detect/thresholds/index.js';
import { CliError, print, printJson, table } from '../output.js';
import { withDb } from './common-options.js';

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
  json?: boolean;
}

/** registerBacktestCommand adds `orderwatch backtest`. */
export function registerBacktestCommand(program: Command): void {
  withDb(program.command('backtest'))
    .description('evaluate detection on history: Olist (real orders; tune 2017, report 2018-01…08), or the demo business (replays detection over it and scores each finding code against its labels)')
    .requiredOption('--dataset <name>', 'olist or demo')
    .option('--dir <dir>', 'the Olist data set folder', '../shared/data/olist')
    .option('--policy <policy>', `${POLICIES.join(' | ')} (dynamic = the shipped default)`, 'dynamic')
    .option('--fixed-hours <h>', 'hours for --policy fixed: not shipped this long after purchase', '48')
    .option('--json', 'print the result as JSON')
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

async function backtestDemo(options: BacktestOptions): Promise<void> {
  const context = await openContext(options);
  try {
    const detection = context.store.detection;
    const span = await detection.historySpan();
    if (!span || (await detection.groundTruth()).length === 0) throw new CliError('no demo business here: run `orderwatch demo` first');
    const started = performance.now();
    // Thresholds as the business would have had them: learned from its first weeks.
    await calibrateFromStore(detection, span.from + Math.floor((span.to - span.from) / 3));
    const service = new DetectionService(detection);
    const { judged } = await service.replay(span.from, span.to + 60_000, {
      onDay: (at) => {
        if (!options.json && process.stderr.isTTY) process.stderr.write(`\r  replaying ${toIso(at).slice(0, 10)}…`);
      },
    });
    if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
    const seconds = (performance.now() - started) / 1000;
    const scores = (await scoreDemo(detection)).filter((s) => s.labelled > 0 || s.found > 0);
    if (options.json) {
      printJson({ dataset: 'demo', from: toIso(span.from), to: toIso(span.to), judgements: judged, seconds, codes: scores });
      return;
    }
    print(`demo business ${toIso(span.from).slice(0, 10)} … ${toIso(span.to).slice(0, 10)} replayed: ${judged} judgements in ${seconds.toFixed(0)} s`);
    if (options.json) {
      printJson({ dataset: 'demo', codes: scores });
      return;
    }
    print(table(['code', 'labelled', 'found', 'correct', 'precision', 'recall'], scores.map((s) => [s.code, String(s.labelled), String(s.found), String(s.truePositives), pct(s.precision), pct(s.recall)])));
  } finally {
    await context.store.close();
  }
}
