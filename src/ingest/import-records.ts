import type { AttachmentUpload, OrderEvent } from '../domain/event.js';
import {
  emptySummary,
  MAX_REPORTED_ERRORS,
  type FieldError,
  type ImportSummary,
  type IngestBatch,
  type IngestOutcome,
  type IngestResult,
  type Normalisation,
} from '../domain/ingest-result.js';
import type { Order } from '../domain/order.js';
import { validateOrder } from '../domain/order-validation.js';
import type { Instant } from '../domain/time.js';
import type { AdapterContext, Split } from './adapter.js';
import { withShapeGuess } from './shape-guess.js';

/** SourceItem is one item read from a file or request body: a value, or why it could not be read. */
export type SourceItem = { readonly value: unknown } | { readonly error: FieldError };

/** RecordNormaliser is whatever turns source values into normalised records: a channel adapter or an export profile. */
export interface RecordNormaliser {
  /** split lists the records inside one source value (a wrapped API response holds many); absent means one record per value. */
  split?(value: unknown): Split;
  normalise(record: unknown, context: AdapterContext): Normalisation;
  /** The channel a payload adapter reads: a document that looks like another channel's says so. */
  readonly channel?: string;
}

/** IngestSink is where normalised batches go: the store, seen from ingest. */
export interface IngestSink {
  ingest(batch: IngestBatch, receivedAt: Instant): Promise<IngestResult>;
}

export interface ImportOptions {
  readonly receivedAt: Instant;
  readonly shop?: string;
  /** Orders + events per transaction. */
  readonly batchSize?: number;
  /** Called after each batch with the number of records processed so far. */
  readonly onBatch?: (summary: Readonly<ImportSummary>) => void;
}

interface Pending {
  readonly record: number;
  readonly orders: number;
  readonly events: number;
}

/**
 * importRecords is the one import pipeline behind files, HTTP and the demo:
 * it numbers records (1-based, in source order), normalises each, validates
 * every order, and writes batches in transactions. A bad record is reported
 * with its number, field and reason and never stops the good ones; a record
 * is written whole or not at all.
 */
export async function importRecords(
  source: AsyncIterable<SourceItem> | Iterable<SourceItem>,
  normaliser: RecordNormaliser,
  sink: IngestSink,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary = emptySummary();
  const batchSize = options.batchSize ?? 1000;
  const context: AdapterContext = { receivedAt: options.receivedAt, ...(options.shop !== undefined ? { shop: options.shop } : {}) };
  let recordNo = 0;
  let orders: Order[] = [];
  let events: OrderEvent[] = [];
  let attachments = new Map<string, AttachmentUpload>();
  let pending: Pending[] = [];

  const reject = (record: number, errors: readonly FieldError[]): void => {
    summary.rejected += 1;
    for (const e of errors) {
      if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push({ record, field: e.field, message: e.message });
    }
  };

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const result = await sink.ingest({ orders, events, attachments }, options.receivedAt);
    let o = 0;
    let e = 0;
    for (const p of pending) {
      const outcomes: IngestOutcome[] = [...result.orders.slice(o, o + p.orders), ...(p.orders === 0 ? result.events.slice(e, e + p.events) : [])];
      o += p.orders;
      e += p.events;
      if (outcomes.includes('updated')) {
        summary.accepted += 1;
        summary.updated += 1;
      } else if (outcomes.includes('accepted')) summary.accepted += 1;
      else summary.duplicates += 1;
    }
    orders = [];
    events = [];
    attachments = new Map();
    pending = [];
    options.onBatch?.(summary);
  };

  for await (const item of source) {
    if ('error' in item) {
      reject(++recordNo, [item.error]);
      continue;
    }
    const split: Split = normaliser.split ? normaliser.split(item.value) : { ok: true, records: [item.value] };
    if (!split.ok) {
      reject(++recordNo, [withShapeGuess(split.error, item.value, normaliser.channel)]);
      continue;
    }
    for (const record of split.records) {
      recordNo += 1;
      const result = safeNormalise(normaliser, record, context);
      if (!result.ok) {
        const [first, ...rest] = result.errors;
        reject(recordNo, first === undefined ? result.errors : [withShapeGuess(first, record, normaliser.channel), ...rest]);
        continue;
      }
      const invalid = result.value.orders.flatMap((order) => validateOrder(order, options.receivedAt));
      if (invalid.length > 0) {
        reject(recordNo, invalid);
        continue;
      }
      for (const w of result.value.warnings ?? []) {
        summary.warnings ??= [];
        if (summary.warnings.length < MAX_REPORTED_ERRORS) summary.warnings.push({ record: recordNo, field: w.field, message: w.message });
      }
      orders.push(...result.value.orders);
      events.push(...result.value.events);
      for (const [id, a] of result.value.attachments ?? []) attachments.set(id, a);
      pending.push({ record: recordNo, orders: result.value.orders.length, events: result.value.events.length });
      if (orders.length + events.length >= batchSize) await flush();
    }
  }
  await flush();
  return summary;
}

// An adapter must not throw, but if one does on some input nobody foresaw,
// that input is one rejected record, not a failed import.
function safeNormalise(normaliser: RecordNormaliser, record: unknown, context: AdapterContext): Normalisation {
  try {
    return normaliser.normalise(record, context);
  } catch (error) {
    return { ok: false, errors: [{ field: '(record)', message: `could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
