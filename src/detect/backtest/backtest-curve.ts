import type { ThresholdPolicy } from '../thresholds/threshold-policy.js';
import { runBacktest, type BacktestOptions } from './run-backtest.js';
import type { BacktestOrder } from './backtest-order.js';

/** CurvePoint is one policy setting's place on the false-alarm / recall curve. */
export interface CurvePoint {
  readonly policy: ThresholdPolicy;
  readonly label: string;
  readonly alerts: number;
  readonly falseAlarmShare: number | null;
  readonly recall: number | null;
  readonly recallBeforeBreach: number | null;
  readonly leadTimeHoursMedian: number | null;
}

/**
 * backtestCurve runs the same backtest once per policy setting (say
 * fixed at 24 … 120 h) and returns the points in the given order:
 * the trade-off between false alarms, recall and lead time.
 */
export function backtestCurve(orders: readonly BacktestOrder[], options: Omit<BacktestOptions, 'policy'>, policies: readonly ThresholdPolicy[]): CurvePoint[] {
  return policies.map((policy) => {
    const result = runBacktest(orders, { ...options, policy });
    return {
      policy,
      label: result.policy,
      alerts: result.alerts,
      falseAlarmShare: result.falseAlarmShare,
      recall: result.recall,
      recallBeforeBreach: result.recallBeforeBreach,
      leadTimeHoursMedian: result.leadTimeHoursMedian,
    };
  });
}
