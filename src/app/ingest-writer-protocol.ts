import type { ImportSummary } from '../domain/ingest-result.js';

/** IngestWriterData is what the ingest writer thread is started with: where the store is. */
export interface IngestWriterData {
  readonly db: string;
  /** SQLite's sync setting is per connection: the writer's follows the settings (storage.durability). */
  readonly durability?: 'normal' | 'full';
}

/** IngestRequest is one request body for the writer: the channel, the exact bytes, when it arrived. */
export interface IngestRequest {
  readonly id: number;
  readonly channel: string;
  readonly raw: Uint8Array;
  readonly receivedAt: number;
}

/** IngestAnswer is the writer's answer to one request: the per-record summary, or why the body could not be read. */
export type IngestAnswer =
  | { readonly id: number; readonly ok: true; readonly summary: ImportSummary }
  | { readonly id: number; readonly ok: false; readonly status: 400 | 500; readonly error: string };
