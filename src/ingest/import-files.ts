import { stat } from 'node:fs/promises';
import type { FieldError, ImportSummary, RecordError } from '../domain/ingest-result.js';
import type { Instant } from '../domain/time.js';
import { CHANNEL_ADAPTERS, isPayloadChannel, type PayloadChannel } from './channels.js';
import { BUILT_IN_PROFILE_CHANNELS, builtInProfile, checkHeaders, guessLayout, normaliseExportRow, withLayoutGuess, type BuiltInProfileChannel, type ExportProfile } from './exports/index.js';
import { groupOrderRows, inheritOrderCells, isOrderRows, mergeOrderRows } from './exports/order-rows.js';
import { keepItemReportLines } from './exports/replace-order-lines.js';
import { isTaobaoItemReport, ITEM_REPORT_ORDER_NO } from './exports/taobao-item-report.js';
import { detectFormat, readRecords, type FileFormat } from './files/index.js';
import { importItemReport, type StoredOrderReader } from './import-item-report.js';
import { importRecords, type IngestSink, type RecordNormaliser, type SourceItem } from './import-records.js';

/** FileImportSummary is an import's summary; each error also names its file. */
export interface FileImportSummary extends ImportSummary {
  errors: Array<RecordError & { file?: string }>;
  warnings?: Array<RecordError & { file?: string }>;
  files: Array<{ file: string; format: FileFormat; accepted: number; rejected: number; duplicates: number }>;
}

export interface ImportFilesOptions {
  readonly channel: PayloadChannel;
  readonly format?: FileFormat;
  /** A user's export profile (CSV/XLSX), replacing the channel's built-in one. */
  readonly profile?: ExportProfile;
  readonly shop?: string;
  readonly receivedAt: Instant;
  readonly onProgress?: (file: string, bytesRead: number, totalBytes: number, records: number) => void;
}

/** ImportFileError is a file that cannot be imported at all (the reason names the file). */
export class ImportFileError extends Error {}

function isBuiltInProfileChannel(channel: string): channel is BuiltInProfileChannel {
  return (BUILT_IN_PROFILE_CHANNELS as readonly string[]).includes(channel);
}

/**
 * exportRowNormaliser reads a back-office export with a profile. The first
 * row's headers are checked once: a file whose headers lack a required column
 * is reported on every row with the columns found, so nothing is half read.
 */
function exportRowNormaliser(profile: ExportProfile): RecordNormaliser {
  let headerErrors: FieldError[] | undefined;
  return {
    normalise(record, context) {
      // Rows of one order come grouped (one row per SKU line): one order of all its lines.
      const rows = isOrderRows(record) ? inheritOrderCells(record.rows) : [record as Readonly<Record<string, string>>];
      // A file the profile cannot read is told which known layout it looks like instead, as a JSON document is.
      const headers = Object.keys(rows[0] ?? {});
      headerErrors ??= withLayoutGuess(checkHeaders(profile, headers), headers, profile);
      if (headerErrors.length > 0) return { ok: false, errors: headerErrors };
      return mergeOrderRows(rows.map((row) => normaliseExportRow(profile, row, context)), { paidPerLine: profile.paidPerLine === true });
    },
  };
}

async function* fileItems(path: string, format: FileFormat, options: ImportFilesOptions, records: () => number): AsyncGenerator<SourceItem> {
  for await (const item of readRecords(path, {
    format,
    onProgress: (bytes, total) => options.onProgress?.(path, bytes, total, records()),
  })) {
    yield 'error' in item ? { error: item.error } : { value: item.value };
  }
}

async function formatOf(path: string, forced: FileFormat | undefined): Promise<FileFormat> {
  if (forced) return forced;
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ImportFileError(`${path}: cannot open (${error.code ?? error.message})`);
  });
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const format = detectFormat(path, head.subarray(0, bytesRead));
    if (!format) throw new ImportFileError(`${path}: cannot tell the format; name it .csv, .xlsx, .json or .ndjson, or pass --format`);
    return format;
  } finally {
    await handle.close();
  }
}

/** PlannedFile is a file to import, its format, and whether it is a Taobao 宝贝报表 (lines of stored orders). */
interface PlannedFile {
  readonly path: string;
  readonly format: FileFormat;
  readonly itemReport: boolean;
}

/** headersOf reads a tabular file's header row (the keys of its first readable row); [] when it has none. */
async function headersOf(path: string, format: FileFormat): Promise<readonly string[]> {
  let looked = 0;
  for await (const item of readRecords(path, { format })) {
    if ('value' in item && typeof item.value === 'object' && item.value !== null) return Object.keys(item.value);
    if (++looked >= 10) break;
  }
  return [];
}

function canRead(sink: IngestSink): sink is IngestSink & StoredOrderReader {
  return typeof (sink as Partial<StoredOrderReader>).getOrders === 'function';
}

/**
 * withStoredLines is the sink for a Taobao 订单报表 when the store can be
 * read: an order whose lines the store has from a 宝贝报表 keeps them when a
 * newer row of it (one made-up line) arrives alone.
 */
function withStoredLines(sink: IngestSink & StoredOrderReader): IngestSink {
  return {
    async ingest(batch, receivedAt) {
      const stored = await sink.getOrders(batch.orders.map((o) => o.id));
      return sink.ingest({ ...batch, orders: batch.orders.map((o) => keepItemReportLines(o, stored.get(o.id))) }, receivedAt);
    },
  };
}

/** layoutHint names the known export layout a tabular file's header row looks like, and how to import it ('' for none). */
async function layoutHint(path: string, format: FileFormat): Promise<string> {
  const guess = guessLayout(await headersOf(path, format));
  if (guess === undefined) return '';
  const how = guess.how.startsWith('--') ? `import it with ${guess.how}` : guess.how;
  return `. It looks most like the ${guess.name} layout (${guess.matched} of its columns match): ${how}`;
}

/**
 * importFiles imports files of one channel: native JSON/NDJSON payloads
 * through the channel's adapter, CSV/XLSX back-office exports through its
 * export profile. Each file's records are numbered from 1; errors name their
 * file. A file that cannot be read at all throws ImportFileError before any
 * of it is written.
 *
 * A Taobao 宝贝报表 (told by its header row) is imported after every other
 * file, whatever the order given: its rows are the lines of the orders the
 * 订单报表 of the same import (or an earlier one) stored, and replace their
 * one made-up line. The sink must then also read stored orders (the store).
 */
export async function importFiles(paths: readonly string[], sink: IngestSink | (IngestSink & StoredOrderReader), options: ImportFilesOptions): Promise<FileImportSummary> {
  const total: FileImportSummary = { accepted: 0, rejected: 0, duplicates: 0, updated: 0, errors: [], files: [] };
  const plan: PlannedFile[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new ImportFileError(`${path}: no such file`);
    const format = await formatOf(path, options.format);
    const tabular = format === 'csv' || format === 'xlsx';
    const itemReport = tabular && options.channel === 'taobao' && options.profile === undefined && isTaobaoItemReport(await headersOf(path, format));
    if (itemReport && !canRead(sink)) throw new ImportFileError(`${path}: a 宝贝报表 adds lines to stored orders, and this import cannot read the store`);
    plan.push({ path, format, itemReport });
  }
  // Orders first, then their lines: stable, so files of one kind keep their order.
  plan.sort((a, b) => Number(a.itemReport) - Number(b.itemReport));
  for (const { path, format, itemReport } of plan) {
    const tabular = format === 'csv' || format === 'xlsx';
    const profile = tabular ? options.profile ?? (isBuiltInProfileChannel(options.channel) ? builtInProfile(options.channel) : undefined) : undefined;
    if (tabular && !profile) throw new ImportFileError(`${path}: ${options.channel} has no export profile for ${format.toUpperCase()} files; import JSON/NDJSON, or pass --profile FILE.json${await layoutHint(path, format)}`);
    let processed = 0;
    const items = fileItems(path, format, options, () => processed);
    const importOptions = {
      receivedAt: options.receivedAt,
      // Big transactions: a commit (and its WAL sync) per few thousand orders, not per hundred.
      batchSize: 10_000,
      ...(options.shop !== undefined ? { shop: options.shop } : {}),
      onBatch: (s: Readonly<ImportSummary>) => (processed = s.accepted + s.rejected + s.duplicates),
    };
    let summary: ImportSummary;
    if (itemReport && canRead(sink)) {
      summary = await importItemReport(groupOrderRows(items, ITEM_REPORT_ORDER_NO), sink, sink, importOptions);
    } else if (profile) {
      const target = profile.channel === 'taobao' && canRead(sink) ? withStoredLines(sink) : sink;
      summary = await importRecords(groupOrderRows(items, profile), exportRowNormaliser(profile), target, importOptions);
    } else {
      summary = await importRecords(items, CHANNEL_ADAPTERS[options.channel], sink, importOptions);
    }
    total.accepted += summary.accepted;
    total.rejected += summary.rejected;
    total.duplicates += summary.duplicates;
    total.updated += summary.updated;
    for (const e of summary.errors) total.errors.push(paths.length > 1 ? { ...e, file: path } : e);
    for (const w of summary.warnings ?? []) (total.warnings ??= []).push(paths.length > 1 ? { ...w, file: path } : w);
    total.files.push({ file: path, format, accepted: summary.accepted, rejected: summary.rejected, duplicates: summary.duplicates });
  }
  return total;
}

export { isPayloadChannel };
