/**
 * Instant is a point in time as milliseconds since the Unix epoch (UTC). The
 * business timezone (Asia/Shanghai) is applied only at the edges: when parsing
 * a platform's local time and when showing a time to a person.
 */
export type Instant = number;

/** Clock is the only way domain code learns the time, so tests can replay a timeline. */
export interface Clock {
  now(): Instant;
}

/** systemClock reads the machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** fixedClock always answers the same instant: for "as of" judgements and tests. */
export function fixedClock(at: Instant): Clock {
  return { now: () => at };
}

/** BUSINESS_UTC_OFFSET_MS is China Standard Time (UTC+8, no daylight saving). */
export const BUSINESS_UTC_OFFSET_MS = 8 * 3600_000;

const LOCAL = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * parseShanghaiTime reads "yyyy-MM-dd HH:mm:ss" (also "/" separators, no
 * seconds, or a date alone) as Asia/Shanghai local time. Returns undefined for
 * anything else, including impossible dates such as 2024-02-30.
 */
export function parseShanghaiTime(text: string): Instant | undefined {
  const m = LOCAL.exec(text.trim());
  if (!m) return undefined;
  const num = (i: number): number => Number(m[i] ?? 0);
  const [y, mo, d, h, mi, s] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return utc - BUSINESS_UTC_OFFSET_MS;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * parseInstant reads an ISO-8601 time with a zone ("2026-11-11T08:00:00Z",
 * "+08:00"), or a zone-less local time which is taken as Asia/Shanghai.
 */
export function parseInstant(text: string): Instant | undefined {
  const t = text.trim();
  if (ISO_WITH_ZONE.test(t)) {
    const v = Date.parse(t);
    return Number.isNaN(v) ? undefined : v;
  }
  return parseShanghaiTime(t);
}

/** parseUnixSeconds reads a unix-seconds timestamp (number or digit string); 0 means "not set". */
export function parseUnixSeconds(value: unknown): Instant | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) return undefined;
  return n * 1000;
}

/** toIso renders an instant as an ISO-8601 UTC string, the wire format of the API. */
export function toIso(at: Instant): string {
  return new Date(at).toISOString();
}

/** formatShanghai renders an instant as "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai. */
export function formatShanghai(at: Instant): string {
  return new Date(at + BUSINESS_UTC_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;
