/**
 * KpiTargets are the goals the KPI report measures each period against.
 * The shipped ones come from the product's own promise (SPEC C9: the seed
 * business brought resolution from 72 h down to 18 h and false alarms from
 * 37 % below 6 %) and from the policy's response deadlines (an incident
 * is meant to be acknowledged within its deadline: nine in ten at least).
 * A figure without a target is compared with the previous period only.
 */
export interface KpiTargets {
  /** Highest acceptable false-alarm share (0..1). */
  readonly falseAlarmShare: number;
  /** Longest acceptable median time to resolve, ms. */
  readonly resolveMedianMs: number;
  /** Lowest acceptable share acknowledged within the response deadline (0..1). */
  readonly acknowledgeOnTimeShare: number;
}

/** KPI_TARGETS are the shipped targets. */
export const KPI_TARGETS: KpiTargets = {
  falseAlarmShare: 0.06,
  resolveMedianMs: 18 * 3_600_000,
  acknowledgeOnTimeShare: 0.9,
};
