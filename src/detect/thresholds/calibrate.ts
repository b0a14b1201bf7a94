import { HOUR_MS, type Instant } from '../../domain/time.js';
import { summariseDurations, type DurationSample, type DurationStats } from './duration-stats.js';
import type { OrderTimeline } from './order-timeline.js';
import { DEFAULT_PROMISE_MODEL_OPTIONS, trainPromiseModel, type PromiseModel, type PromiseModelOptions } from './promise-model.js';
import { DEFAULT_HIERARCHIES, GLOBAL_SEGMENT, segmentKey, type SegmentHierarchy } from './segments.js';
import { STAGE_SPANS, spanEnd, spanStart, type StageSpan } from './stage-span.js';
import type { ThresholdPolicy } from './threshold-policy.js';

/** DEFAULT_MIN_SAMPLES is the fewest orders a segment needs before its own statistics are used. */
export const DEFAULT_MIN_SAMPLES = 30;

/**
 * ThresholdTable is one calibration: the policy, the moment it was computed
 * as of (only spans completed before it were used), a version number, the
 * fallback hierarchies and, per span and segment key, the duration
 * statistics; plus the regional buffers of the seed formula (hours, by
 * customer state); and the promise warning learned from the same history
 * (absent while there is too little of it). Plain data: JSON.stringify /
 * JSON.parse round-trips it.
 */
export interface ThresholdTable {
  readonly version: number;
  readonly asOf: Instant;
  readonly policy: ThresholdPolicy;
  readonly minSamples: number;
  readonly hierarchies: Readonly<Record<StageSpan, SegmentHierarchy>>;
  readonly stats: Readonly<Record<StageSpan, Readonly<Record<string, DurationStats>>>>;
  readonly regionBuffers: Readonly<Record<string, number>>;
  readonly promiseModel?: PromiseModel;
}

/** CalibrateOptions tune a calibration; every field has a default. */
export interface CalibrateOptions {
  /** The table's version (default 1); a recalibration passes the previous version + 1. */
  readonly version?: number;
  readonly minSamples?: number;
  readonly hierarchies?: Partial<Record<StageSpan, SegmentHierarchy>>;
  /** Use only spans that ended within this many days before asOf (default: all history). */
  readonly historyDays?: number;
  /** How the promise warning is learned; `false` learns none (a rule backtest that does not use it). */
  readonly promiseModel?: PromiseModelOptions | false;
}

/**
 * calibrate builds a ThresholdTable from `history` as of `asOf`: a span
 * counts only when it both started and ended before asOf, so an order that
 * completes later cannot influence the table (no look-ahead). Spans with a
 * negative duration (a carrier date before the purchase, say) are data
 * errors and are left out. Durations are weighted by each order's `weight`.
 */
export function calibrate(history: readonly OrderTimeline[], asOf: Instant, policy: ThresholdPolicy, options: CalibrateOptions = {}): ThresholdTable {
  const hierarchies = { ...DEFAULT_HIERARCHIES, ...options.hierarchies };
  const notBefore = options.historyDays === undefined ? -Infinity : asOf - options.historyDays * 24 * HOUR_MS;
  const samples = Object.fromEntries(STAGE_SPANS.map((span) => [span, new Map<string, DurationSample[]>()])) as Record<StageSpan, Map<string, DurationSample[]>>;
  const regionTransit = new Map<string, DurationSample[]>();
  for (const order of history) {
    const weight = order.weight ?? 1;
    for (const span of STAGE_SPANS) {
      const start = spanStart(order, span);
      const end = spanEnd(order, span);
      if (start === undefined || end === undefined || end >= asOf || end < notBefore || end < start) continue;
      const sample = { hours: (end - start) / HOUR_MS, weight };
      for (const level of hierarchies[span]) {
        const key = segmentKey(order.segment, level);
        if (key !== undefined) push(samples[span], key, sample);
      }
      const region = order.segment.customerState;
      if (span === 'transit' && region !== undefined) push(regionTransit, region, sample);
    }
  }
  const stats = Object.fromEntries(STAGE_SPANS.map((span) => [span, summariseAll(samples[span])])) as Record<StageSpan, Record<string, DurationStats>>;
  const minSamples = options.minSamples ?? DEFAULT_MIN_SAMPLES;
  const table: ThresholdTable = {
    version: options.version ?? 1,
    asOf,
    policy,
    minSamples,
    hierarchies,
    stats,
    regionBuffers: regionBuffers(regionTransit, stats.transit[GLOBAL_SEGMENT], minSamples),
  };
  if (options.promiseModel === false) return table;
  const promiseModel = trainPromiseModel(history, table, asOf, options.promiseModel ?? DEFAULT_PROMISE_MODEL_OPTIONS);
  return promiseModel ? { ...table, promiseModel } : table;
}

/**
 * regionBuffers is the seed formula's regional logistics buffer: how many
 * hours longer a destination's mean transit is than the global mean, floored
 * at 0; regions with fewer than minSamples transits get none (they are not
 * listed, and lookups read a missing region as 0).
 */
function regionBuffers(byRegion: Map<string, DurationSample[]>, global: DurationStats | undefined, minSamples: number): Record<string, number> {
  const buffers: Record<string, number> = {};
  if (!global) return buffers;
  for (const [region, samples] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    const stats = summariseDurations(samples);
    if (stats && stats.count >= minSamples) buffers[region] = Math.round(Math.max(0, stats.meanHours - global.meanHours) * 1000) / 1000;
  }
  return buffers;
}

function summariseAll(groups: Map<string, DurationSample[]>): Record<string, DurationStats> {
  const out: Record<string, DurationStats> = {};
  for (const key of [...groups.keys()].sort()) {
    const stats = summariseDurations(groups.get(key)!);
    if (stats) out[key] = stats;
  }
  return out;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
