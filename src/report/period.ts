import { BUSINESS_UTC_OFFSET_MS, DAY_MS, type Instant } from '../domain/time.js';
import type { ReportWindow } from '../store/report-store.js';

/** dayStart is the start of the Asia/Shanghai calendar day holding `at`. */
export function dayStart(at: Instant): Instant {
  return Math.floor((at + BUSINESS_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - BUSINESS_UTC_OFFSET_MS;
}

/** dayName is the Shanghai calendar day of `at` as `2026-11-11`. */
export function dayName(at: Instant): string {
  return new Date(at + BUSINESS_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** daysOf lists the Shanghai days a window touches, in order. */
export function daysOf(window: ReportWindow): string[] {
  const days: string[] = [];
  for (let t = dayStart(window.from); t < window.to; t += DAY_MS) days.push(dayName(t));
  return days;
}

/** lastDays is the `days` whole Shanghai days before the day of `now` (yesterday and earlier): complete days only. */
export function lastDays(now: Instant, days: number): ReportWindow {
  const to = dayStart(now);
  return { from: to - days * DAY_MS, to };
}

/** monthWindow is a calendar month in Shanghai time, `2026-10` → [Oct 1, Nov 1); undefined for a malformed month. */
export function monthWindow(month: string): ReportWindow | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month.trim());
  if (!m) return undefined;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) return undefined;
  return { from: Date.UTC(y, mo - 1, 1) - BUSINESS_UTC_OFFSET_MS, to: Date.UTC(y, mo, 1) - BUSINESS_UTC_OFFSET_MS };
}

/** previousMonth is the calendar month before the one holding `now` ("last month"). */
export function previousMonth(now: Instant): ReportWindow {
  const d = new Date(now + BUSINESS_UTC_OFFSET_MS);
  return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1) - BUSINESS_UTC_OFFSET_MS, to: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - BUSINESS_UTC_OFFSET_MS };
}

/** spread puts per-day counts on the list of days (0 where a day has none). */
export function spread<T extends { readonly day: string }>(days: readonly string[], rows: readonly T[], value: (row: T) => number | null, empty: number | null = 0): Array<number | null> {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return days.map((d) => {
    const row = byDay.get(d);
    return row ? value(row) : empty;
  });
}
