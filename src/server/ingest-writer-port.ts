import type { ImportSummary } from '../domain/ingest-result.js';

/**
 * IngestWriter is where signed ingest bodies are parsed, normalised and
 * written when the server runs one (serve's writer thread): the request
 * thread only checks the signature and forwards the exact bytes.
 */
export interface IngestWriter {
  importRaw(channel: string, raw: Buffer, receivedAt: number): Promise<ImportSummary>;
}

/** IngestBusy says the writer holds more waiting bodies than it may: the client tries again shortly (503, Retry-After). */
export class IngestBusy extends Error {}

/** IngestBodyError is a body the writer could not read (not UTF-8, not JSON, empty): an answer with the reason. */
export class IngestBodyError extends Error {
  constructor(
    readonly status: 400 | 500,
    message: string,
  ) {
    super(message);
  }
}
