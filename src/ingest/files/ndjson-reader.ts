import type { FileRecord } from './file-record.js';
import { JSON_FIELD } from './json-reader.js';
import { parseJsonLossless } from './lossless-json.js';

const LF = 0x0a;

/**
 * readNdjson reads newline-delimited JSON: each non-empty line is one record
 * (numbered by non-empty lines), a line that is not valid JSON or not UTF-8 is
 * an error record and reading goes on. A line longer than `maxRecordBytes` is
 * an error record and is skipped without being held in memory.
 */
export async function* readNdjson(source: AsyncIterable<Buffer>, maxRecordBytes: number): AsyncGenerator<FileRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipping = false;
  let line = 0;
  let record = 0;

  function lineRecord(bytes: Buffer): FileRecord | undefined {
    line += 1;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      record += 1;
      return { record, error: { field: JSON_FIELD, message: `line ${line} is not valid UTF-8` } };
    }
    text = text.replace(/^\uFEFF/, '').trim();
    if (text === '') return undefined;
    record += 1;
    try {
      return { record, value: parseJsonLossless(text) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { record, error: { field: JSON_FIELD, message: `line ${line} is not valid JSON: ${reason}` } };
    }
  }

  function tooLong(): FileRecord {
    line += 1;
    record += 1;
    skipping = true;
    parts = [];
    partBytes = 0;
    return { record, error: { field: JSON_FIELD, message: `line ${line} is longer than ${maxRecordBytes} bytes` } };
  }

  for await (const chunk of source) {
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(LF, start);
      const piece = chunk.subarray(start, end < 0 ? chunk.length : end);
      if (!skipping) {
        partBytes += piece.length;
        if (partBytes > maxRecordBytes) yield tooLong();
        else if (end >= 0) {
          const result = lineRecord(parts.length === 0 ? piece : Buffer.concat([...parts, piece]));
          parts = [];
          partBytes = 0;
          if (result) yield result;
        } else parts.push(piece);
      }
      if (end < 0) break;
      // A skipped line ends here; its number was counted when it was found too long.
      skipping = false;
      start = end + 1;
    }
  }
  if (!skipping && partBytes > 0) {
    const result = lineRecord(Buffer.concat(parts));
    if (result) yield result;
  }
}
