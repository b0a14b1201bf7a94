import type { Instant } from '../../domain/time.js';
import { calibrate, type CalibrateOptions, type ThresholdTable } from '../thresholds/calibrate.js';
import type { OrderTimeline } from '../thresholds/order-timeline.js';
import type { ThresholdPolicy } from '../thresholds/threshold-policy.js';

/** Recalibrate is how often a backtest rebuilds its table: at each calendar month (UTC), each week, or never (once, at trainTo). */
export type Recalibrate = 'monthly' | 'weekly' | 'none';

/**
 * TableSchedule hands out the threshold table in force at any moment: the
 * one calibrated at the latest recalibration point at or before it, from
 * history completed before that point. `periodEnd` is when that table is
 * replaced, so a search can stop at a boundary.
 */
export interface TableSchedule {
  tableAt(at: Instant): ThresholdTable;
  periodEnd(at: Instant): Instant;
}

/** ScheduleOptions say what history a schedule calibrates from and when it recalibrates. */
export interface ScheduleOptions {
  readonly policy: ThresholdPolicy;
  /** History starts here: orders purchased earlier are not used. */
  readonly trainFrom: Instant;
  /** The first calibration point; no table is calibrated earlier. */
  readonly trainTo: Instant;
  readonly recalibrate: Recalibrate;
  readonly calibration?: CalibrateOptions;
}

const WEEK_MS = 7 * 24 * 3600_000;

/**
 * tableSchedule calibrates lazily, once per period, and numbers the tables
 * by period so the versions grow with time. A moment before trainTo gets the
 * trainTo table only if nothing else exists; callers judge from trainTo on.
 */
export function tableSchedule(history: readonly OrderTimeline[], options: ScheduleOptions): TableSchedule {
  const usable = history.filter((order) => order.purchasedAt >= options.trainFrom);
  const cache = new Map<Instant, ThresholdTable>();
  const periodStart = (at: Instant): Instant => {
    if (options.recalibrate === 'none' || at < options.trainTo) return options.trainTo;
    if (options.recalibrate === 'weekly') return options.trainTo + Math.floor((at - options.trainTo) / WEEK_MS) * WEEK_MS;
    const d = new Date(at);
    return Math.max(options.trainTo, Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  };
  const periodEnd = (at: Instant): Instant => {
    if (options.recalibrate === 'none') return Infinity;
    if (at < options.trainTo) return options.trainTo;
    if (options.recalibrate === 'weekly') return periodStart(at) + WEEK_MS;
    const d = new Date(at);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  };
  return {
    tableAt(at) {
      const asOf = periodStart(at);
      let table = cache.get(asOf);
      if (!table) {
        // A rule backtest does not use the promise warning: learning it each month would only cost time.
        table = calibrate(usable, asOf, options.policy, { promiseModel: false, ...options.calibration, version: cache.size + 1 });
        cache.set(asOf, table);
      }
      return table;
    },
    periodEnd,
  };
}
