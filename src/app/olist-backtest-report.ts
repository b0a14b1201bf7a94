import { checkpointBaseline, codeBaseline } from '../detect/backtest/code-baseline.js';
import { scoreAlerts, scoreCodes, type CodeScore, type OrderOutcome, type ReplayedOrder } from '../detect/backtest/code-scores.js';
import { shareInterval95, type AlertQuality } from '../detect/backtest/alert-quality.js';
import type { PromiseModelOptions } from '../detect/thresholds/index.js';
import { DEFAULT_TIME_CHECK_SETTINGS } from '../detect/time/time-check-settings.js';
import { checkpointScores, detectorSchedule, replayOlistOrders, type OlistReplaySet } from './olist-backtest-replay.js';
import { OLIST_PERIODS, OLIST_TUNED_ON, type OlistPeriod } from './olist-backtest.js';

/** LEAD_BASIS names where lead times are measured to: 00:00 of the promised delivery date. */
export const LEAD_BASIS = 'promised-date-00:00';

/** CURVE_CUTS are the probability cuts the curve shows the promise warning at (the live cut is re-chosen at each monthly training). */
export const CURVE_CUTS: readonly number[] = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];

/** DetectorReportOptions: the period judged, the lead of the promise warning, and (for tuning) other learning settings. */
export interface DetectorReportOptions {
  readonly period: OlistPeriod;
  readonly leadHours?: number;
  readonly promiseModel?: PromiseModelOptions;
  readonly historyDays?: number;
}

type Figures = AlertQuality & { readonly alerts: number };

/** CODE_NAMES say in words what each scored code and key is, as the console shows it. */
const CODE_NAMES: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  'promise.at_risk:delivery': { zh: '承诺送达预警', en: 'promise warning (delivery)' },
  'promise.breached:delivery': { zh: '超过承诺送达', en: 'promise breached (delivery)' },
  'stage.stalled': { zh: '阶段停滞', en: 'stage stalled' },
  'promise.at_risk:ship': { zh: '最晚发货预警', en: 'ship-by warning' },
  'promise.breached:ship': { zh: '超过最晚发货', en: 'ship-by breached' },
  'logistics.exception': { zh: '物流异常', en: 'logistics exception' },
};

const rounded = (v: number | null, digits = 4): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** interval is the 95 % interval of a false-alarm share, rounded. */
function interval(f: Figures): readonly [number, number] | null {
  const i = shareInterval95(f.alerted - f.truePositives, f.alerted);
  return i ? [rounded(i[0])!, rounded(i[1])!] : null;
}

function pick(f: Figures): Figures & { readonly falseAlarmShareCi95: readonly [number, number] | null } {
  return {
    alerts: f.alerts,
    judged: f.judged,
    late: f.late,
    alerted: f.alerted,
    truePositives: f.truePositives,
    precision: rounded(f.precision),
    falseAlarmShare: rounded(f.falseAlarmShare),
    recall: rounded(f.recall),
    recallBeforeBreach: rounded(f.recallBeforeBreach),
    leadTimeHoursMedian: rounded(f.leadTimeHoursMedian, 1),
    falseAlarmShareCi95: interval(f),
  };
}

/**
 * baselineOf is a scored code's own checkpoint baseline at the code's lead
 * (see codeBaseline), with the verdict on false alarms: `better`, `same` or
 * `worse`, said in words too, so a code worse than its baseline shows.
 */
function baselineOf(outcomes: readonly OrderOutcome[], c: CodeScore): object {
  const b = codeBaseline(outcomes, c);
  if (!b) return { baseline: null, againstBaseline: null };
  const words = {
    better: { zh: '误报少于同提前量的检查点规则', en: 'fewer false alarms than the checkpoint rule at the same lead' },
    same: { zh: '与同提前量的检查点规则相同', en: 'the same as the checkpoint rule at the same lead' },
    worse: { zh: '不如同提前量的检查点规则', en: 'worse than the checkpoint rule at the same lead' },
  }[b.verdict];
  return {
    baseline: {
      rule: b.rule,
      leadHours: b.leadHours,
      matchedAlerts: b.matchedAlerts,
      falseAlarmShare: rounded(b.falseAlarmShare),
      recall: rounded(b.recall),
      ...(b.atMedianLead ? { atMedianLead: { leadHours: b.leadHours, ...pick(b.atMedianLead) } } : {}),
    },
    againstBaseline: { verdict: b.verdict, beatsBaseline: b.verdict === 'better', falseAlarmShareDelta: rounded(b.falseAlarmShareDelta), recallDelta: rounded(b.recallDelta), says: words },
  };
}

function alertOf(replayed: readonly ReplayedOrder[], code: string, key: string): Map<string, number> {
  const at = new Map<string, number>();
  for (const r of replayed) {
    const f = r.raised.find((x) => x.code === code && x.key === key);
    if (f) at.set(r.outcome.id, f.firstAt);
  }
  return at;
}

/**
 * olistDetectorReport replays the live detector over the Olist orders of a
 * period (thresholds and promise warning recalibrated monthly from earlier
 * orders only) and scores every time finding it raised: the promise warning
 * (`promise.at_risk`, delivery) is the headline, beside the checkpoint rule
 * at the same lead (`baseline`), each code's own figures (`codes`), the
 * stalls' share delivered on time anyway, the warning by destination, and
 * its curve over other probability cuts.
 */
export function olistDetectorReport(set: OlistReplaySet, options: DetectorReportOptions): object {
  const started = performance.now();
  const period = OLIST_PERIODS[options.period];
  const leadHours = options.leadHours ?? DEFAULT_TIME_CHECK_SETTINGS.deliveryLeadHours;
  const timeSettings = { ...DEFAULT_TIME_CHECK_SETTINGS, deliveryLeadHours: leadHours };
  const schedule = detectorSchedule(set.orders, { timeSettings, ...(options.promiseModel ? { promiseModel: options.promiseModel } : {}), ...(options.historyDays ? { historyDays: options.historyDays } : {}) });
  const replayed = replayOlistOrders(set.orders, schedule, period.testFrom, period.testTo);
  const outcomes: OrderOutcome[] = replayed.map((r) => r.outcome);
  const codes: Array<CodeScore & { falseAlarmShareCi95: readonly [number, number] | null; name: { zh: string; en: string } }> = scoreCodes(replayed).map((c) => ({
    ...c,
    ...pick(c),
    name: CODE_NAMES[c.key ? `${c.code}:${c.key}` : c.code] ?? { zh: c.code, en: c.code },
    ...baselineOf(outcomes, c),
  }));
  const warning = codes.find((c) => c.code === 'promise.at_risk' && c.key === 'delivery' && c.against === 'late-delivery')!;
  const stalls = codes.find((c) => c.code === 'stage.stalled')!;
  const baseline = checkpointBaseline(outcomes, leadHours);
  const warned = alertOf(replayed, 'promise.at_risk', 'delivery');
  const byState = new Map<string, OrderOutcome[]>();
  const stateOf = new Map(set.orders.map((o) => [o.outcome.id, o.facts.order.receiver.province ?? 'unknown']));
  for (const o of outcomes) {
    const state = stateOf.get(o.id) ?? 'unknown';
    const list = byState.get(state);
    if (list) list.push(o);
    else byState.set(state, [o]);
  }
  const bySegment = [...byState]
    .map(([segment, list]) => ({ segment, ...pick(scoreAlerts(list, (o) => warned.get(o.id), 'late-delivery')) }))
    .sort((a, b) => b.judged - a.judged || a.segment.localeCompare(b.segment));
  const scores = checkpointScores(set.orders, schedule, period.testFrom, period.testTo, leadHours);
  const scoreById = new Map(scores.map((s) => [s.outcome.id, s]));
  const curve = CURVE_CUTS.map((cut) => {
    const f = scoreAlerts(outcomes, (o) => {
      const s = scoreById.get(o.id);
      return s && s.pending && (s.probability === undefined || s.probability >= cut) ? s.checkpoint : undefined;
    }, 'late-delivery');
    return { label: `p ≥ ${cut.toFixed(2)}`, cut, ...pick(f) };
  });
  const tables = schedule.tables().filter((t) => t.asOf >= period.testFrom - 31 * 86_400_000 && t.asOf < period.testTo);
  const models = tables.map((t) => t.promiseModel);
  const latest = models.filter((m) => m !== undefined).at(-1);
  const { alerts, judged, late, alerted, truePositives, precision, falseAlarmShare, falseAlarmShareCi95, recall, recallBeforeBreach, leadTimeHoursMedian } = warning;
  return {
    dataset: 'olist',
    detector: 'live',
    policy: 'live detector (promise warning)',
    period: { from: period.label.from, to: period.label.to },
    tunedOn: OLIST_TUNED_ON,
    leadBasis: LEAD_BASIS,
    leadHours,
    alerts,
    judged,
    late,
    alerted,
    truePositives,
    precision,
    falseAlarmShare,
    falseAlarmShareCi95,
    recall,
    recallBeforeBreach,
    leadTimeHoursMedian,
    baseline: { rule: `not delivered ${leadHours} h before 00:00 of the promised date`, ...pick(baseline) },
    // Each alert's lead served the baseline; the report gives the figures, not the list.
    codes: codes.map(({ alertLeadHours: _leads, ...c }) => c),
    // Said at the top level too, so a code scoring worse than its own baseline cannot hide in the list.
    codesWorseThanBaseline: codes.filter((c) => (c as { againstBaseline?: { verdict: string } | null }).againstBaseline?.verdict === 'worse').map((c) => ({ code: c.code, ...(c.key !== undefined ? { key: c.key } : {}), against: c.against })),
    stalls: { stalledDelivered: stalls.alerted, deliveredOnTime: stalls.alerted - stalls.truePositives, deliveredOnTimeShare: stalls.falseAlarmShare },
    bySegment,
    curve,
    model: {
      trainings: models.length,
      learned: models.filter((m) => m !== undefined).length,
      ...(latest
        ? {
            latest: {
              asOf: new Date(latest.asOf).toISOString().slice(0, 10),
              examples: latest.examples,
              lateExamples: latest.lateExamples,
              cut: latest.cut,
              cutRule: latest.cutRule,
              coefficients: Object.fromEntries(latest.features.map((f, i) => [f, rounded(latest.fit.coefficients[i]!, 3)])),
            },
          }
        : {}),
    },
    rejected: set.rejected,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
