import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { readCsv } from './csv-reader.js';
import { detectFormat, OLE_MAGIC, ZIP_MAGIC, type FileFormat } from './file-format.js';
import { FileReadError } from './file-read-error.js';
import { DEFAULT_MAX_RECORD_BYTES, type FileRecord, type ReadOptions } from './file-record.js';
import { readJson } from './json-reader.js';
import { readNdjson } from './ndjson-reader.js';
import { createProgressMeter } from './progress-meter.js';
import { SNIFF_BYTES } from './text-decoding.js';
import { readXlsx } from './xlsx-reader.js';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const XLS_HINT = 'it looks like an old Excel 97-2003 .xls file; save it as .xlsx or CSV';

/**
 * readRecords streams the records of an import file (CSV, XLSX, JSON or
 * NDJSON, detected unless `options.format` says) one at a time with
 * backpressure, so a file of any length is read in bounded memory. Bad records
 * are error records and reading goes on; a problem with the file as a whole
 * (missing, empty, not the claimed format) throws a FileReadError.
 */
export async function* readRecords(path: string, options: ReadOptions = {}): AsyncGenerator<FileRecord> {
  const { size, head } = await inspect(path);
  const format = options.format ?? detectFormat(path, head);
  if (format === undefined) {
    throw new FileReadError(path, isXls(head) ? XLS_HINT : 'cannot tell the file format; name it .csv, .xlsx, .json or .ndjson');
  }
  if (format === 'xlsx' && !head.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new FileReadError(path, `is not an .xlsx workbook (not a zip archive)${isXls(head) ? `; ${XLS_HINT}` : ''}`);
  }
  // JSON parsers do not expect a BOM; CSV decoding handles its own.
  const skipBom = (format === 'json' || format === 'ndjson') && head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  const source = openSource(path, size, skipBom, options.onProgress);
  try {
    yield* readFormat(format, source, { path, size, head: head.subarray(skipBom), options });
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(path, `could not be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    source.destroy();
  }
}

interface FormatContext {
  readonly path: string;
  readonly size: number;
  readonly head: Buffer;
  readonly options: ReadOptions;
}

function readFormat(format: FileFormat, source: Readable, context: FormatContext): AsyncGenerator<FileRecord> {
  const maxRecordBytes = context.options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  switch (format) {
    case 'csv':
      return readCsv(source, { path: context.path, encoding: context.options.encoding, maxRecordBytes });
    case 'xlsx':
      return readXlsx(source, context.path);
    case 'json':
      return readJson(source, { path: context.path, size: context.size, head: context.head });
    case 'ndjson':
      return readNdjson(source, maxRecordBytes);
  }
}

/** inspect checks that the file is there and not empty and reads its first bytes for detection. */
async function inspect(path: string): Promise<{ size: number; head: Buffer }> {
  try {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw new FileReadError(path, 'is a directory, not a file');
      if (!stat.isFile()) throw new FileReadError(path, 'is not a regular file');
      if (stat.size === 0) throw new FileReadError(path, 'the file is empty');
      const head = Buffer.alloc(Math.min(stat.size, SNIFF_BYTES));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return { size: stat.size, head: head.subarray(0, bytesRead) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(path, describeFsError(error), { cause: error });
  }
}

function openSource(
  path: string,
  size: number,
  start: number,
  onProgress: ReadOptions['onProgress'],
): Readable {
  const file = createReadStream(path, { start, highWaterMark: 64 * 1024 });
  const meter = createProgressMeter({ totalBytes: size, skippedBytes: start, onProgress });
  return pipeline(file, meter, () => {});
}

function isXls(head: Buffer): boolean {
  return head.subarray(0, 4).equals(OLE_MAGIC);
}

function describeFsError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot be opened: ${error instanceof Error ? error.message : String(error)}`;
  }
}
