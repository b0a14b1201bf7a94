import type { Channel } from '../domain/channel.js';
import type { FieldError, Normalisation } from '../domain/ingest-result.js';
import type { Instant } from '../domain/time.js';

/** AdapterContext is what an adapter may know beyond the record itself. */
export interface AdapterContext {
  /** When the record was received: the fallback version time when the source gives none. */
  readonly receivedAt: Instant;
  /** Shop name to use when the payload does not say. */
  readonly shop?: string;
}

/**
 * Split is the outcome of splitting one native document into records: the
 * records, or why the document as a whole is not this channel's shape.
 */
export type Split =
  | { readonly ok: true; readonly records: readonly unknown[] }
  | { readonly ok: false; readonly error: FieldError };

/**
 * ChannelAdapter reads one channel's native order shape. `split` accepts
 * whatever the channel's API or webhook sends (a wrapped response, an array,
 * a bare object) and lists the order records in it; `normalise` turns one
 * record into orders and events, or into every field error found. Neither
 * throws on bad input: a surprise is a field error, never a crash.
 */
export interface ChannelAdapter {
  readonly channel: Channel;
  split(document: unknown): Split;
  normalise(record: unknown, context: AdapterContext): Normalisation;
}

/** ExportRow is one data row of a back-office export: header text → cell text. */
export type ExportRow = Readonly<Record<string, string>>;
