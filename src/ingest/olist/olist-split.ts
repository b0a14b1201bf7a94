import type { Split } from '../adapter.js';
import { describe } from '../record-reader.js';

/** splitOlist lists the joined records in a document: one OlistRecord (with `order`) or an array of them. */
export function splitOlist(document: unknown): Split {
  if (Array.isArray(document)) return { ok: true, records: document };
  if (typeof document === 'object' && document !== null && 'order' in document) return { ok: true, records: [document] };
  return { ok: false, error: { field: '', message: `must be a joined Olist record (from readOlistDataset) or an array of them, got ${describe(document)}` } };
}
