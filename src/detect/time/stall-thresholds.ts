import type { Bilingual } from '../../domain/finding.js';
import type { Stage } from '../../domain/stage.js';
import type { Instant } from '../../domain/time.js';
import type { OrderFacts } from '../facts.js';
import type { PromiseRiskScorer } from './promise-warning.js';

/** StageAllowance is how long an order may stay in a stage, and why that long. */
export interface StageAllowance {
  readonly hours: number;
  /** When the measured span began (e.g. the hand-over for transit); default: when the order entered its stage. */
  readonly since?: Instant;
  readonly policy: string;
  readonly segment: string;
  readonly sampleSize?: number;
  readonly version?: number;
  readonly derivation: Bilingual;
}

/**
 * StallThresholds answers, for an order in a stage, how long it may stay
 * there. Calibrated tables implement it; a fixed table is the fallback. A
 * calibrated table also carries the promise warning learned from the same
 * history (`promiseRisk`); without one the checkpoint rule warns.
 */
export interface StallThresholds {
  allowance(facts: OrderFacts, stage: Stage): StageAllowance | undefined;
  readonly promiseRisk?: PromiseRiskScorer;
}

/** DEFAULT_STAGE_HOURS are the fallback allowances per stage before any history is calibrated. */
export const DEFAULT_STAGE_HOURS: Readonly<Partial<Record<Stage, number>>> = {
  paid: 24,
  reviewed: 12,
  label_printed: 12,
  picked: 24,
  shipped: 24,
  collected: 48,
  in_transit: 96,
  out_for_delivery: 24,
};

/** fixedStallThresholds allows the same hours per stage for every order. */
export function fixedStallThresholds(hours: Readonly<Partial<Record<Stage, number>>> = DEFAULT_STAGE_HOURS): StallThresholds {
  return {
    allowance(_facts, stage) {
      const h = hours[stage];
      if (h === undefined) return undefined;
      return {
        hours: h,
        policy: 'fixed',
        segment: 'global',
        derivation: { zh: `固定阈值：该阶段最长 ${h} 小时`, en: `fixed threshold: at most ${h} h in this stage` },
      };
    },
  };
}
