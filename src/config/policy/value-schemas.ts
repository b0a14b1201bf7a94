import { z } from 'zod';

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const DURATION_MESSAGE = 'expected a duration like "30m", "2h" or "1h30m"';

/** parseDuration reads "30m", "2h", "1h30m", "1d", "45s" as milliseconds; undefined for anything else or zero. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0)) as [number, number, number, number];
  const ms = ((d * 24 + h) * 60 + min) * 60_000 + s * 1000;
  return ms > 0 ? ms : undefined;
}

/** DurationSchema is a positive duration string in the file, milliseconds once parsed. */
export const DurationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `${DURATION_MESSAGE}, got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return ms;
});

/**
 * HoursDurationSchema is a duration without days, milliseconds once parsed:
 * on the business clock "1d" would be ambiguous (24 working hours, or one
 * working day?), so grading durations are written in hours and minutes.
 */
export const HoursDurationSchema = z.string().transform((text, ctx) => {
  const ms = /d/.test(text) ? undefined : parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a duration in hours and minutes like "30m", "2h" or "9h" (no days: a business day is the warehouse day), got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return ms;
});

/** YuanSchema is an amount in yuan (元, at most two decimals) in the file, integer fen once parsed. */
export const YuanSchema = z
  .number()
  .nonnegative()
  .refine((y) => Math.abs(y * 100 - Math.round(y * 100)) < 1e-6, 'expected an amount in yuan with at most two decimals')
  .transform((y) => Math.round(y * 100));

/** LocalTimeSchema is an Asia/Shanghai time of day "HH:mm" ("24:00" ends a day). */
export const LocalTimeSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time of day like "08:00"');

/** localTimeMs converts a checked "HH:mm" to milliseconds after local midnight. */
export function localTimeMs(text: string): number {
  const [h, m] = text.split(':').map(Number) as [number, number];
  return (h * 60 + m) * 60_000;
}

/** oneOrMany accepts a single value or a non-empty list of them (`grade: A` or `grade: [A, B]`). */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).min(1, 'expected at least one value')]);
}

/** OneOrMany is a matcher value: one value or a list of them. */
export type OneOrMany<T> = T | readonly T[];

/** matchesOneOrMany tells whether `value` is (one of) the matcher's values; an absent matcher matches anything. */
export function matchesOneOrMany<T>(matcher: OneOrMany<T> | undefined, value: T): boolean {
  if (matcher === undefined) return true;
  return Array.isArray(matcher) ? (matcher as readonly T[]).includes(value) : matcher === value;
}

/** rangeSchema is an inclusive `{ min?, max? }` range of numbers; min must not exceed max. */
export function rangeSchema<T extends z.ZodType<number, number>>(bound: T) {
  return z
    .object({ min: bound.optional(), max: bound.optional() })
    .strict()
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not be greater than max');
}

/** NameSchema is an identifier people write in the file: letters, digits, `-`, `_`, `.`. */
export const NameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a name of letters, digits, "-", "_" or "."');
