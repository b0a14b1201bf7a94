import { extname } from 'node:path';

/** FileFormat names the import file formats the readers understand. */
export type FileFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

const BY_EXTENSION: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'csv',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/** ZIP_MAGIC starts every zip archive, and so every .xlsx file. */
export const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** OLE_MAGIC starts the Excel 97-2003 .xls files that some back offices still export. */
export const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * detectFormat names a file's format from its extension, else from the first
 * bytes of its content (`head`): a zip is xlsx, JSON text is json or ndjson,
 * other text is csv. It returns undefined when neither tells (an empty head,
 * an old binary .xls).
 */
export function detectFormat(path: string, head: Buffer): FileFormat | undefined {
  const byExtension = BY_EXTENSION[extname(path).toLowerCase()];
  if (byExtension) return byExtension;
  if (head.length === 0 || head.subarray(0, 4).equals(OLE_MAGIC)) return undefined;
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  const text = head.subarray(head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0).toString('utf8').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) return looksLikeNdjson(text) ? 'ndjson' : 'json';
  return 'csv';
}

/**
 * NDJSON's first line is a complete JSON value with more content after it;
 * pretty-printed JSON's first line ("{" alone) is not, and a one-line JSON
 * document has nothing after it.
 */
function looksLikeNdjson(text: string): boolean {
  const newline = text.indexOf('\n');
  if (newline < 0 || text.slice(newline + 1).trim() === '') return false;
  try {
    JSON.parse(text.slice(0, newline));
    return true;
  } catch {
    return false;
  }
}
