import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Instant } from '../domain/time.js';
import type { FileImportSummary } from './import-files.js';
import { ImportFileError } from './import-files.js';
import { importRecords, type IngestSink, type SourceItem } from './import-records.js';
import { OLIST_FILES, olistAdapter, readOlistDataset } from './olist/index.js';

/**
 * olistDirectory finds the data set's folder from what the user named: the
 * folder itself, or any of its CSV files (the adapter joins them all).
 */
async function olistDirectory(paths: readonly string[]): Promise<string> {
  const first = paths[0];
  if (first === undefined) throw new ImportFileError('name the Olist data set folder (e.g. ../shared/data/olist)');
  const info = await stat(first).catch(() => undefined);
  if (!info) throw new ImportFileError(`${first}: no such file or folder`);
  const dir = info.isDirectory() ? first : dirname(first);
  for (const p of paths) {
    const pInfo = await stat(p).catch(() => undefined);
    if (!pInfo || (pInfo.isFile() && dirname(p) !== dir)) throw new ImportFileError(`${p}: the Olist files must sit in one folder`);
  }
  for (const file of Object.values(OLIST_FILES)) {
    if (!(await stat(`${dir}/${file}`).catch(() => undefined))) throw new ImportFileError(`${dir}: ${file} is missing (the Olist data set needs all of ${Object.values(OLIST_FILES).join(', ')})`);
  }
  return dir;
}

/** importOlist imports the Olist data set (orders joined with items, customers, products, sellers) for backtests. */
export async function importOlist(paths: readonly string[], sink: IngestSink, options: { receivedAt: Instant }): Promise<FileImportSummary> {
  const dir = await olistDirectory(paths);
  async function* items(): AsyncGenerator<SourceItem> {
    for await (const record of readOlistDataset(dir)) yield { value: record };
  }
  const summary = await importRecords(items(), olistAdapter, sink, { receivedAt: options.receivedAt, batchSize: 4000 });
  return { ...summary, files: [{ file: `${dir}/${basename(OLIST_FILES.orders)}`, format: 'csv', accepted: summary.accepted, rejected: summary.rejected, duplicates: summary.duplicates }] };
}
