import type { FieldError } from '../../domain/ingest-result.js';
import type { FileFormat } from './file-format.js';

/**
 * FileRecord is one record read from a file: its 1-based record number and
 * either its value (csv/xlsx: header → cell text; json/ndjson: the parsed JSON
 * value) or why it could not be read.
 */
export type FileRecord =
  | { readonly record: number; readonly value: unknown }
  | { readonly record: number; readonly error: FieldError };

/** ReadOptions tunes readRecords; every field has a sensible default. */
export interface ReadOptions {
  /** The file's format; detected from its name and content when absent. */
  format?: FileFormat;
  /** A CSV file's text encoding; detected (BOM, else UTF-8 if valid, else GB18030) when absent. */
  encoding?: 'utf-8' | 'gb18030';
  /** Called with the bytes read so far, at most about ten times a second and once at the end. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The longest CSV row or NDJSON line accepted; longer ones become error records. Default 16 MB. */
  maxRecordBytes?: number;
}

/** DEFAULT_MAX_RECORD_BYTES is the default of ReadOptions.maxRecordBytes. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
