import { BUSINESS_UTC_OFFSET_MS, DAY_MS, HOUR_MS, type Instant } from '../../domain/time.js';
import type { RecordReader } from '../record-reader.js';

/**
 * OLIST_UTC_OFFSET_MS is the offset of the Olist timestamps: local Brazil
 * time, taken as UTC-3 (America/Sao_Paulo without its daylight saving, which
 * Brazil had until 2019). A time in the DST weeks is thus one hour off; the
 * data set does not say which zone each store used, so exactness is not
 * possible anyway.
 */
export const OLIST_UTC_OFFSET_MS = -3 * HOUR_MS;

/**
 * readOlistTime reads an Olist "yyyy-MM-dd HH:mm:ss" field as UTC-3. It reuses
 * the reader's Shanghai-time parsing (format checks and error messages) and
 * moves the result from UTC+8 to UTC-3.
 */
export function readOlistTime(reader: RecordReader, field: string, required = false): Instant | undefined {
  const shanghai = reader.shanghaiTime(field, required);
  return shanghai === undefined ? undefined : shanghai + BUSINESS_UTC_OFFSET_MS - OLIST_UTC_OFFSET_MS;
}

/** olistLocalDate is the calendar date (yyyy-MM-dd) of an instant in Olist's UTC-3. */
export function olistLocalDate(at: Instant): string {
  return new Date(at + OLIST_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** olistEndOfDay is the last millisecond of the UTC-3 calendar day an instant falls in. */
export function olistEndOfDay(at: Instant): Instant {
  const local = at + OLIST_UTC_OFFSET_MS;
  const dayStart = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  return dayStart + DAY_MS - 1 - OLIST_UTC_OFFSET_MS;
}
