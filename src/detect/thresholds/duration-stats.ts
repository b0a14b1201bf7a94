/**
 * QUANTILE_GRID_STEPS is the resolution of a stored distribution: quantiles
 * at 0, 1/40, 2/40, …, 1. 41 numbers per segment keep a table small enough
 * to serialise while letting any quantile (and conditional quantile) be
 * interpolated.
 */
export const QUANTILE_GRID_STEPS = 40;

/**
 * DurationStats summarises the durations (hours) of one stage span in one
 * segment: raw sample count, total weight, weighted mean and the weighted
 * quantile grid (see QUANTILE_GRID_STEPS).
 */
export interface DurationStats {
  readonly count: number;
  readonly weight: number;
  readonly meanHours: number;
  readonly quantiles: readonly number[];
}

/** DurationSample is one observed duration (hours) with the number of orders it stands for. */
export interface DurationSample {
  readonly hours: number;
  readonly weight: number;
}

/** summariseDurations builds DurationStats from samples (undefined for none); the input is not modified. */
export function summariseDurations(samples: readonly DurationSample[]): DurationStats | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a.hours - b.hours);
  let total = 0;
  let sum = 0;
  for (const s of sorted) {
    total += s.weight;
    sum += s.weight * s.hours;
  }
  const quantiles: number[] = [];
  let i = 0;
  let cumulative = sorted[0]!.weight;
  for (let step = 0; step <= QUANTILE_GRID_STEPS; step += 1) {
    // Weighted "inverse CDF": the first sample whose cumulative weight reaches q.
    const target = (step / QUANTILE_GRID_STEPS) * total;
    while (cumulative < target - 1e-9 && i < sorted.length - 1) {
      i += 1;
      cumulative += sorted[i]!.weight;
    }
    quantiles.push(round(sorted[i]!.hours));
  }
  return { count: samples.length, weight: round(total), meanHours: round(sum / total), quantiles };
}

/** durationQuantile interpolates the q-quantile (0 ≤ q ≤ 1) of a distribution, in hours. */
export function durationQuantile(stats: DurationStats, q: number): number {
  const grid = stats.quantiles;
  const position = Math.min(Math.max(q, 0), 1) * (grid.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, grid.length - 1);
  return grid[low]! + (grid[high]! - grid[low]!) * (position - low);
}

/** durationCdf is the (interpolated) share of durations at or below `hours`. */
export function durationCdf(stats: DurationStats, hours: number): number {
  const grid = stats.quantiles;
  const last = grid.length - 1;
  if (hours < grid[0]!) return 0;
  if (hours >= grid[last]!) return 1;
  let i = 0;
  while (i < last && grid[i + 1]! <= hours) i += 1;
  const span = grid[i + 1]! - grid[i]!;
  return (i + (span > 0 ? (hours - grid[i]!) / span : 0)) / last;
}

/**
 * conditionalDurationQuantile is the q-quantile of the duration given that it
 * has already lasted `elapsedHours`: of the orders still in the stage after
 * that long, q finished by the returned duration. It never returns less than
 * the elapsed time, and grows with it, so a stalled order's prediction moves
 * later the longer it waits (beyond the longest observed, it is the elapsed time).
 */
export function conditionalDurationQuantile(stats: DurationStats, q: number, elapsedHours: number): number {
  if (elapsedHours <= 0) return durationQuantile(stats, q);
  const done = durationCdf(stats, elapsedHours);
  return Math.max(elapsedHours, durationQuantile(stats, done + q * (1 - done)));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
