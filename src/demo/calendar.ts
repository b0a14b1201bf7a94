import { DAY_MS, HOUR_MS, type Instant } from '../domain/time.js';
import { Rng, hash32 } from './prng.js';
import { localHour, shanghaiMidnight, shanghaiText } from './local-time.js';

/** DemoDay is one Shanghai calendar day of the demo window with its planned order volume. */
export interface DemoDay {
  readonly index: number;
  /** Local midnight that starts the day. */
  readonly start: Instant;
  /** The day's end: the next midnight, or the business's `end` on the last day. */
  readonly end: Instant;
  /** yyyy-MM-dd in Asia/Shanghai. */
  readonly date: string;
  readonly orders: number;
  /** 'main' for the 11.11 peak (or its stand-in), 'lift' for the days around it. */
  readonly peak?: 'main' | 'lift';
  /** Relative order weights of the 24 hours of this day. */
  readonly hourWeights: readonly number[];
}

// An ordinary day: quiet at night, a late-morning and a strong evening peak (20-22 h).
const HOUR_WEIGHTS = [2, 1, 0.6, 0.4, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4.2, 4.5, 4, 3.8, 4, 4.2, 4.1, 4, 4.2, 4.8, 5.5, 6, 5.2, 3.5];
// 11.11 opens at midnight: the first hour takes a big share of the day.
const PEAK_HOUR_WEIGHTS = HOUR_WEIGHTS.map((w, h) => (h === 0 ? 30 : h === 1 ? 10 : h === 2 ? 4 : w));
// Monday … Sunday, averaging 1: weekends bump.
const WEEKDAY_FACTOR = [0.95, 0.93, 0.95, 0.97, 1.0, 1.1, 1.1];

const PEAK_FACTOR = 10;
const LIFT_FACTOR = 2;

/**
 * planCalendar lays out the window [end - days, end] as Shanghai calendar
 * days, the last one ending at `end`, and sizes each day's orders. The peak is
 * the latest 11.11 in the window; when the window holds none, a day two thirds
 * into it stands in, so every demo contains its big day.
 */
export function planCalendar(options: { readonly seed: number; readonly days: number; readonly ordersPerDay: number; readonly end: Instant }): DemoDay[] {
  const lastStart = shanghaiMidnight(options.end - 1);
  const firstStart = lastStart - (options.days - 1) * DAY_MS;
  const dates: string[] = [];
  for (let i = 0; i < options.days; i++) dates.push(shanghaiText(firstStart + i * DAY_MS).slice(0, 10));
  let peakIndex = -1;
  dates.forEach((d, i) => {
    if (d.endsWith('-11-11')) peakIndex = i;
  });
  if (peakIndex < 0) peakIndex = Math.min(options.days - 1, Math.floor((options.days * 2) / 3));
  const days: DemoDay[] = [];
  for (let i = 0; i < options.days; i++) {
    const start = firstStart + i * DAY_MS;
    const end = Math.min(start + DAY_MS, options.end);
    const date = dates[i] ?? '';
    const isPeak = i === peakIndex || date.endsWith('-11-11');
    const peak = isPeak ? 'main' : Math.abs(i - peakIndex) === 1 ? 'lift' : undefined;
    const hourWeights = isPeak ? PEAK_HOUR_WEIGHTS : HOUR_WEIGHTS;
    const weekday = (new Date(start + 8 * HOUR_MS).getUTCDay() + 6) % 7;
    const noise = new Rng(hash32(options.seed, i, 0xda7)).between(0.94, 1.06);
    const factor = (WEEKDAY_FACTOR[weekday] ?? 1) * noise * (isPeak ? PEAK_FACTOR : peak === 'lift' ? LIFT_FACTOR : 1);
    const covered = coveredShare(hourWeights, (end - start) / HOUR_MS);
    days.push({ index: i, start, end, date, orders: Math.round(options.ordersPerDay * factor * covered), hourWeights, ...(peak ? { peak } : {}) });
  }
  return days;
}

/** mainPeak returns the index of the day carrying the peak's trouble (the latest main peak). */
export function mainPeak(days: readonly DemoDay[]): number {
  let found = 0;
  for (const day of days) if (day.peak === 'main') found = day.index;
  return found;
}

function coveredShare(weights: readonly number[], hours: number): number {
  let total = 0;
  let covered = 0;
  weights.forEach((w, h) => {
    total += w;
    covered += w * Math.max(0, Math.min(1, hours - h));
  });
  return covered / total;
}

/** orderTimes draws the day's order times from its hour weights, sorted, all before the day's end. */
export function orderTimes(day: DemoDay, rng: Rng): Instant[] {
  const hours = (day.end - day.start) / HOUR_MS;
  const weights = day.hourWeights.map((w, h) => w * Math.max(0, Math.min(1, hours - h)));
  const times: Instant[] = [];
  for (let i = 0; i < day.orders; i++) {
    const h = rng.weighted(weights);
    const span = Math.min(1, hours - h);
    times.push(day.start + Math.floor((h + rng.next() * span) * HOUR_MS / 1000) * 1000);
  }
  return times.sort((a, b) => a - b);
}

/** hourOf returns the hour of the day (0-23) at which an instant of that day falls. */
export function hourOf(at: Instant): number {
  return Math.min(23, Math.floor(localHour(at)));
}
