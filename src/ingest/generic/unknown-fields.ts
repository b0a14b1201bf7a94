import type { RecordReader } from '../record-reader.js';

/** rejectUnknownFields reports every field the generic format does not define, so a typo is an error, not lost data. */
export function rejectUnknownFields(reader: RecordReader, allowed: readonly string[]): void {
  if (!reader.isObject()) return;
  for (const key of reader.keys()) {
    if (!allowed.includes(key)) reader.fail(key, `is not a field of this record type (allowed: ${allowed.join(', ')})`);
  }
}
