import { CsvRowSplitter, type CsvRow } from './csv-row-splitter.js';
import { headerNames, isBlankRow, ROW_FIELD, toExportRow } from './export-row.js';
import { FileReadError } from './file-read-error.js';
import type { FileRecord } from './file-record.js';
import { decodeText, type TextEncodingName } from './text-decoding.js';

/** CsvReadOptions is what readCsv needs beyond the bytes. */
export interface CsvReadOptions {
  readonly path: string;
  readonly encoding?: 'utf-8' | 'gb18030';
  readonly maxRecordBytes: number;
}

/**
 * readCsv reads a CSV export streamed as bytes: the encoding is detected, the
 * delimiter (comma, tab or semicolon) is taken from the header line, the first
 * non-blank row names the columns, and each later non-blank row becomes one
 * record of header → cell text, or an error record naming what is wrong with
 * it. Records are numbered by data row, error rows included.
 */
export async function* readCsv(source: AsyncIterable<Buffer>, options: CsvReadOptions): AsyncGenerator<FileRecord> {
  const { encoding, chunks } = await decodeText(source, options.encoding);
  let splitter: CsvRowSplitter | undefined;
  let pending = '';
  let headers: string[] | undefined;
  let record = 0;

  function* take(rows: readonly CsvRow[]): Generator<FileRecord> {
    for (const row of rows) {
      if (headers === undefined) {
        if (row.kind === 'error') throw new FileReadError(options.path, `the header row cannot be read: ${row.message}`);
        if (!isBlankRow(row.cells)) headers = headerNames(row.cells);
        continue;
      }
      if (row.kind === 'cells' && isBlankRow(row.cells)) continue;
      record += 1;
      yield toFileRecord(record, row, headers, encoding);
    }
  }

  for await (const text of chunks) {
    if (splitter === undefined) {
      // The delimiter is read off the header line, so wait for all of it.
      pending += text;
      if (!/[\r\n]/.test(pending) && pending.length < options.maxRecordBytes) continue;
      splitter = new CsvRowSplitter(detectDelimiter(pending), options.maxRecordBytes);
      yield* take(splitter.push(pending));
      pending = '';
    } else {
      yield* take(splitter.push(text));
    }
  }
  splitter ??= new CsvRowSplitter(detectDelimiter(pending), options.maxRecordBytes);
  if (pending !== '') yield* take(splitter.push(pending));
  yield* take(splitter.end());
  if (headers === undefined) throw new FileReadError(options.path, 'the file is empty (no header row)');
}

/**
 * detectDelimiter picks the delimiter that occurs most often on the header
 * line, outside quotes: a tab or a semicolon only when it beats the comma.
 */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch] += 1;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

function toFileRecord(
  record: number,
  row: CsvRow,
  headers: readonly string[],
  encoding: TextEncodingName,
): FileRecord {
  if (row.kind === 'error') return { record, error: { field: ROW_FIELD, message: row.message } };
  if (row.cells.some((cell) => cell.includes('\uFFFD'))) {
    return {
      record,
      error: {
        field: ROW_FIELD,
        message: `the row on line ${row.line} has bytes that are not valid ${encoding.toUpperCase()}, the encoding the file was read in; save the whole file in one encoding (UTF-8 or GBK)`,
      },
    };
  }
  const result = toExportRow(headers, row.cells);
  if ('error' in result) return { record, error: { field: result.error.field, message: `line ${row.line} ${result.error.message}` } };
  return { record, value: result.row };
}
