import { BUSINESS_UTC_OFFSET_MS, DAY_MS, HOUR_MS, type Instant } from '../domain/time.js';

/** shanghaiMidnight returns the instant at which the Asia/Shanghai day containing `at` began. */
export function shanghaiMidnight(at: Instant): Instant {
  const local = at + BUSINESS_UTC_OFFSET_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - BUSINESS_UTC_OFFSET_MS;
}

/** localHour returns the hour of day (fractional) of an instant in Asia/Shanghai. */
export function localHour(at: Instant): number {
  return (at - shanghaiMidnight(at)) / HOUR_MS;
}

/** atLocalHour returns the instant at `hour` (fractional) on the Shanghai day starting at `midnight`. */
export function atLocalHour(midnight: Instant, hour: number): Instant {
  return midnight + Math.round(hour * HOUR_MS);
}

const DATES = new Map<number, string>();
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * shanghaiText renders an instant as `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai,
 * like the domain's formatShanghai but with the date part cached: the demo
 * formats tens of millions of times, and Date#toISOString dominated the run.
 */
export function shanghaiText(at: Instant): string {
  return render(at, ' ', '');
}

function render(at: Instant, separator: string, zone: string): string {
  const local = at + BUSINESS_UTC_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  let date = DATES.get(day);
  if (date === undefined) {
    if (DATES.size > 4096) DATES.clear();
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    DATES.set(day, date);
  }
  const seconds = Math.floor((local - day * DAY_MS) / 1000);
  return `${date}${separator}${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor((seconds % 3600) / 60))}:${pad2(seconds % 60)}${zone}`;
}

/** isoShanghai renders an instant as ISO-8601 with the +08:00 zone, the generic format's time. */
export function isoShanghai(at: Instant): string {
  return render(at, 'T', '+08:00');
}

/** compactDate renders the Shanghai date of an instant as yyyyMMdd (batch ids, event ids). */
export function compactDate(at: Instant): string {
  const s = shanghaiText(at);
  return s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10);
}

/** unixSeconds renders an instant as whole unix seconds, Douyin's time unit. */
export function unixSeconds(at: Instant): number {
  return Math.floor(at / 1000);
}

/** nextWorkingTime moves an instant into the working hours [open, close) of its or the next day. */
export function nextWorkingTime(at: Instant, open: number, close: number): Instant {
  const midnight = shanghaiMidnight(at);
  const hour = localHour(at);
  if (hour < open) return atLocalHour(midnight, open);
  if (hour >= close) return atLocalHour(midnight + DAY_MS, open);
  return at;
}

/** nextSlot returns the first slot (hour of day from a sorted list) at or after `at`, on this or later days. */
export function nextSlot(at: Instant, slots: readonly number[]): { readonly at: Instant; readonly index: number } {
  const midnight = shanghaiMidnight(at);
  const hour = localHour(at);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] ?? 0;
    if (slot >= hour) return { at: atLocalHour(midnight, slot), index: i };
  }
  return { at: atLocalHour(midnight + DAY_MS, slots[0] ?? 0), index: 0 };
}
