import type { StageSpan } from './stage-span.js';

/**
 * ThresholdPolicy is how a stall or lateness allowance is derived:
 * - `fixed`: the same number of hours for every order;
 * - `seed-formula`: SPEC C4's `mean historical duration of similar orders ×
 *   factor (1.8) + regional logistics buffer`, the buffer being how much
 *   longer the destination's mean carrier → customer transit is than the
 *   global mean (floored at 0);
 * - `quantile`: the q-quantile of similar orders' durations;
 * - `ship-by`: the platform's ship-by deadline (Olist `shipping_limit_date`).
 * `spans` are the stages a stall policy watches (default `dispatch`). These
 * are rules the backtest compares the live detector with (and `quantile` is
 * how live stall allowances are learned); the live promise warning is the
 * learned model of promise-model.ts.
 */
export type ThresholdPolicy =
  | { readonly kind: 'fixed'; readonly hours: number; readonly spans?: readonly StageSpan[] }
  | { readonly kind: 'seed-formula'; readonly factor: number; readonly spans?: readonly StageSpan[] }
  | { readonly kind: 'quantile'; readonly q: number; readonly spans?: readonly StageSpan[] }
  | { readonly kind: 'ship-by' };

/** StallPolicy is a policy that gives each stage a duration allowance. */
export type StallPolicy = Extract<ThresholdPolicy, { readonly spans?: readonly StageSpan[] }>;

/** SEED_POLICY is the seed business's formula (SPEC C4) as a policy. */
export const SEED_POLICY: ThresholdPolicy = { kind: 'seed-formula', factor: 1.8 };

/** policySpans lists the stages a stall policy watches (`dispatch` unless it names others). */
export function policySpans(policy: StallPolicy): readonly StageSpan[] {
  return policy.spans ?? ['dispatch'];
}

/** isStallPolicy tells a per-stage allowance policy from the deadline-driven ones. */
export function isStallPolicy(policy: ThresholdPolicy): policy is StallPolicy {
  return policy.kind === 'fixed' || policy.kind === 'seed-formula' || policy.kind === 'quantile';
}

/** describePolicy is a short label for tables and curves: `fixed 48h`, `P90`, `ship-by limit`. */
export function describePolicy(policy: ThresholdPolicy): string {
  const spans = isStallPolicy(policy) && policy.spans ? ` [${policy.spans.join(',')}]` : '';
  switch (policy.kind) {
    case 'fixed':
      return `fixed ${policy.hours}h${spans}`;
    case 'seed-formula':
      return `seed ${policy.factor}×mean+buffer${spans}`;
    case 'quantile':
      return `P${Math.round(policy.q * 100)}${spans}`;
    case 'ship-by':
      return 'ship-by limit';
  }
}
