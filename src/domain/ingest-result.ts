import type { OrderEvent, AttachmentUpload } from './event.js';
import type { Order } from './order.js';

/**
 * RecordError says exactly why one input record was rejected: its 1-based
 * record number (data row of a file, element of a payload), the field at fault
 * (a dotted path in the source's own names) and a reason a person can act on.
 */
export interface RecordError {
  readonly record: number;
  readonly field: string;
  readonly message: string;
}

/** FieldError is a RecordError before the record number is known. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Normalised is what one input record becomes: usually one order plus the
 * stage events its own timestamps imply, or one or more events.
 */
export interface Normalised {
  readonly orders: readonly Order[];
  readonly events: readonly OrderEvent[];
  /** Attachment bytes keyed by the attachment id used in contact events. */
  readonly attachments?: ReadonlyMap<string, AttachmentUpload>;
  /**
   * Things a person should look at in a record that is still stored whole
   * (a Taobao 宝贝报表's lines that do not add up to the order's 总金额).
   */
  readonly warnings?: readonly FieldError[];
}

/** Normalisation is either the normalised record or every field error found in it. */
export type Normalisation =
  | { readonly ok: true; readonly value: Normalised }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** ImportSummary is the per-batch answer to an import, file or HTTP. */
export interface ImportSummary {
  /** Records stored: new orders/events, and newer versions of known orders. */
  accepted: number;
  rejected: number;
  /** Records already known (same or older version): nothing changed. */
  duplicates: number;
  /** Of the accepted, how many replaced an older version of an order. */
  updated: number;
  errors: RecordError[];
  /** Stored records with something to check, in the errors' form; absent when there is none. */
  warnings?: RecordError[];
}

/** emptySummary starts a summary at zero. */
export function emptySummary(): ImportSummary {
  return { accepted: 0, rejected: 0, duplicates: 0, updated: 0, errors: [] };
}

/** MAX_REPORTED_ERRORS caps the per-record errors kept in one summary; the counts stay exact. */
export const MAX_REPORTED_ERRORS = 10_000;

/** IngestBatch is a group of normalised records written in one transaction. */
export interface IngestBatch {
  readonly orders: readonly Order[];
  readonly events: readonly OrderEvent[];
  readonly attachments: ReadonlyMap<string, AttachmentUpload>;
}

/**
 * IngestOutcome is what happened to one order or event: stored new, stored as
 * a newer version of a known order, or already known (nothing changed).
 */
export type IngestOutcome = 'accepted' | 'updated' | 'duplicate';

/** IngestResult lists one outcome per order and per event of the batch, in batch order. */
export interface IngestResult {
  readonly orders: readonly IngestOutcome[];
  readonly events: readonly IngestOutcome[];
}

