import type { Readable, Transform, TransformCallback } from 'node:stream';
import Parser from 'stream-json/Parser.js';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import { FileReadError } from './file-read-error.js';
import { losslessNumberTokens, parseJsonLossless } from './lossless-json.js';
import type { FileRecord } from './file-record.js';

/** JSON_FIELD is the field named by errors about malformed JSON. */
export const JSON_FIELD = '(json)';

/** MAX_WHOLE_JSON_BYTES is the largest JSON document that is not an array, which must be parsed whole. */
export const MAX_WHOLE_JSON_BYTES = 256 * 1024 * 1024;

/** JsonReadOptions is what readJson needs beyond the bytes. */
export interface JsonReadOptions {
  readonly path: string;
  /** The file's size, to refuse a document too large to parse whole. */
  readonly size: number;
  /** The first bytes of the file (after any BOM), to see whether the top level is an array. */
  readonly head: Buffer;
}

/**
 * readJson reads a JSON file. A top-level array is streamed one element at a
 * time, each element one record; any other document (a wrapped API response)
 * is parsed whole and is one record, which the channel adapter then splits.
 * Integers too large for a double keep every digit as a string (see
 * parseJsonLossless). Malformed JSON yields the records read before it and then one error record
 * with the parser's reason, and reading stops there.
 */
export async function* readJson(source: Readable, options: JsonReadOptions): AsyncGenerator<FileRecord> {
  const first = options.head.toString('utf8').trimStart()[0];
  if (first === '[') yield* readArray(source);
  else yield* readWhole(source, options);
}

async function* readArray(source: Readable): AsyncGenerator<FileRecord> {
  let parseError: unknown;
  const parser = tolerantParser((error) => {
    parseError = error;
    source.unpipe(parser);
    parser.end();
  });
  const elements = StreamArray.streamArray();
  source.on('error', (error) => elements.destroy(error));
  // Integers past 2^53 (19-digit ids) keep every digit as text.
  source.pipe(parser).pipe(losslessNumberTokens()).pipe(elements);
  let read = 0;
  for await (const element of elements as AsyncIterable<unknown>) {
    read += 1;
    yield { record: read, value: elementValue(element) };
  }
  if (parseError !== undefined) {
    yield {
      record: read + 1,
      error: { field: JSON_FIELD, message: `the JSON array is malformed after element ${read}: ${reasonOf(parseError)}` },
    };
  }
}

/**
 * tolerantParser is stream-json's parser with its syntax errors passed to
 * `onError` instead of destroying the stream. Destroying would drop the tokens
 * of good elements still buffered between the stages (in a test, 81 of 100
 * elements before a syntax error were lost), and the contract is to yield
 * every good element before the error.
 */
function tolerantParser(onError: (error: Error) => void): Transform {
  const parser = Parser.parser({ streamValues: false });
  const transform = parser._transform.bind(parser);
  const flush = parser._flush.bind(parser);
  let failed = false;
  const fail = (error: Error | null | undefined): void => {
    if (error && !failed) {
      failed = true;
      onError(error);
    }
  };
  parser._transform = (chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback) => {
    if (failed) return callback();
    transform(chunk, encoding, (error) => {
      callback();
      fail(error);
    });
  };
  parser._flush = (callback: TransformCallback) => {
    if (failed) return callback();
    flush((error) => {
      callback();
      fail(error);
    });
  };
  return parser;
}

async function* readWhole(source: Readable, options: JsonReadOptions): AsyncGenerator<FileRecord> {
  if (options.size > MAX_WHOLE_JSON_BYTES) {
    source.destroy();
    throw new FileReadError(
      options.path,
      `is a JSON document of ${options.size} bytes that is not an array; documents over ${MAX_WHOLE_JSON_BYTES} bytes can only be read as a top-level array or as NDJSON`,
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of source as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new FileReadError(options.path, 'the file is empty (only white space)');
  try {
    yield { record: 1, value: parseJsonLossless(text) };
  } catch (error) {
    yield { record: 1, error: { field: JSON_FIELD, message: `the file is not valid JSON: ${reasonOf(error)}` } };
  }
}

function elementValue(element: unknown): unknown {
  return typeof element === 'object' && element !== null && 'value' in element ? element.value : undefined;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
