import { HOUR_MS } from '../../domain/time.js';
import type { AlertQuality } from './alert-quality.js';
import { scoreAlerts, type CodeScore, type OrderOutcome, type Truth } from './code-scores.js';

/** Figures are a set of alerts' quality and how many orders they were raised on. */
type Figures = AlertQuality & { readonly alerts: number };

/**
 * checkpointRule is the one-line rule any warning of a truth must beat, at
 * lead `leadHours`: for late delivery, warn every order not delivered
 * `leadHours` before 00:00 of its promised date; for the ship-by deadline,
 * every order not handed to the carrier `leadHours` before it. An order
 * placed after its checkpoint is judged when it is placed (as the live
 * checkpoint). A negative lead is after the instant: −24 h is the end of
 * the promised date.
 */
export function checkpointRule(orders: readonly OrderOutcome[], truth: Truth, leadHours: number): Figures {
  return scoreAlerts(
    orders,
    (o) => {
      const target = truth === 'late-delivery' ? o.promisedDayStart : o.shipBy;
      if (target === undefined) return undefined;
      const at = Math.max(target - leadHours * HOUR_MS, o.purchasedAt);
      const done = truth === 'late-delivery' ? o.deliveredAt : o.shippedAt;
      return done === undefined || done > at ? at : undefined;
    },
    truth,
  );
}

/** checkpointBaseline is checkpointRule for late delivery: the baseline of the promise warning. */
export function checkpointBaseline(orders: readonly OrderOutcome[], leadHours: number): Figures {
  return checkpointRule(orders, 'late-delivery', leadHours);
}

/** BaselineVerdict says how a code did against its baseline, on false alarms at the same lead. */
export type BaselineVerdict = 'better' | 'same' | 'worse';

/** CodeBaseline is a code's own checkpoint baseline at the code's lead, and the verdict. */
export interface CodeBaseline {
  readonly rule: string;
  /** The baseline's lead: the code's median lead on the orders it caught, to the hour. */
  readonly leadHours: number;
  readonly figures: Figures;
  readonly verdict: BaselineVerdict;
  /** The code's false-alarm share minus the baseline's (negative: fewer false alarms). */
  readonly falseAlarmShareDelta: number;
  /** The code's recall minus the baseline's. */
  readonly recallDelta: number;
}

/** SAME_WITHIN is how close two false-alarm shares are to count as the same (half the 0.1 % the figures are shown to). */
const SAME_WITHIN = 0.0005;

function ruleText(truth: Truth, leadHours: number): string {
  if (truth === 'late-delivery') return leadHours === -24 ? 'not delivered by the end of the promised date' : `not delivered ${leadHours} h before 00:00 of the promised date`;
  return leadHours === 0 ? 'not shipped by the ship-by deadline' : `not shipped ${leadHours} h before the ship-by deadline`;
}

/**
 * codeBaseline measures a scored code against the checkpoint rule of its
 * truth at the code's own lead (its median lead on the orders it caught,
 * rounded to the hour): a stall that warns 242 h before the promised date
 * is compared with "not delivered 242 h before it". A checkpoint rule
 * catches nearly every positive, so the test is false alarms at the same
 * lead: `better` with fewer, `same` within SAME_WITHIN, `worse` with more,
 * or with as many and a lower recall. Undefined for a code that caught
 * nothing (no lead to compare at).
 */
export function codeBaseline(orders: readonly OrderOutcome[], score: CodeScore): CodeBaseline | undefined {
  if (score.leadTimeHoursMedian === null || score.falseAlarmShare === null) return undefined;
  const leadHours = Math.round(score.leadTimeHoursMedian);
  const figures = checkpointRule(orders, score.against, leadHours);
  if (figures.falseAlarmShare === null) return undefined;
  const falseAlarmShareDelta = score.falseAlarmShare - figures.falseAlarmShare;
  const recallDelta = (score.recall ?? 0) - (figures.recall ?? 0);
  const verdict: BaselineVerdict =
    falseAlarmShareDelta < -SAME_WITHIN ? 'better' : falseAlarmShareDelta > SAME_WITHIN ? 'worse' : recallDelta < -SAME_WITHIN ? 'worse' : 'same';
  return { rule: ruleText(score.against, leadHours), leadHours, figures, verdict, falseAlarmShareDelta, recallDelta };
}
