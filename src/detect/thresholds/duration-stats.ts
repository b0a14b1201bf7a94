/**
 * QUANTILE_GRID_STEPS is the resolution of a stored distribution: quantiles
 * at 0, 1/40, 2/40, …, 1. 41 numbers per segment keep a table small enough
 * to serialise while letting any quantile (and conditional quantile) be
 * interpolated.
 */
export const QUANTILE_GRID_STEPS = 40;

/**
 * TAIL_FROM is where the stored tail grid starts: quantiles at 0.975,
 * 0.9775, …, 1. Between the main grid's last two points (P97.5 and the
 * maximum) one stuck order would otherwise set the P99: 552 orders that all
 * left within 15 h and one that waited 58 h gave a P99 of 41 h.
 */
export const TAIL_FROM = 1 - 1 / QUANTILE_GRID_STEPS;
const TAIL_STEPS = 10;

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
  /** The upper tail at a finer grid: quantiles at TAIL_FROM, …, 1 in TAIL_STEPS steps (absent in tables calibrated before it). */
  readonly tail?: readonly number[];
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
  // Weighted "inverse CDF": the first sample whose cumulative weight reaches q of the total.
  const inverseCdf = (qs: readonly number[]): number[] => {
    const out: number[] = [];
    let i = 0;
    let cumulative = sorted[0]!.weight;
    for (const q of qs) {
      const target = q * total;
      while (cumulative < target - 1e-9 && i < sorted.length - 1) {
        i += 1;
        cumulative += sorted[i]!.weight;
      }
      out.push(round(sorted[i]!.hours));
    }
    return out;
  };
  const quantiles = inverseCdf(Array.from({ length: QUANTILE_GRID_STEPS + 1 }, (_, step) => step / QUANTILE_GRID_STEPS));
  const tail = inverseCdf(Array.from({ length: TAIL_STEPS + 1 }, (_, step) => TAIL_FROM + ((1 - TAIL_FROM) * step) / TAIL_STEPS));
  return { count: samples.length, weight: round(total), meanHours: round(sum / total), quantiles, tail };
}

/** durationQuantile interpolates the q-quantile (0 ≤ q ≤ 1) of a distribution, in hours. */
export function durationQuantile(stats: DurationStats, q: number): number {
  const clamped = Math.min(Math.max(q, 0), 1);
  if (stats.tail && stats.tail.length > 1 && clamped > TAIL_FROM) {
    const position = ((clamped - TAIL_FROM) / (1 - TAIL_FROM)) * (stats.tail.length - 1);
    const low = Math.floor(position);
    const high = Math.min(low + 1, stats.tail.length - 1);
    return stats.tail[low]! + (stats.tail[high]! - stats.tail[low]!) * (position - low);
  }
  const grid = stats.quantiles;
  const position = clamped * (grid.length - 1);
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
