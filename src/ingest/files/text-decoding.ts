/** TextEncodingName lists the encodings a CSV file may come in. */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** SNIFF_BYTES is how much of a file the encoding guess looks at. */
export const SNIFF_BYTES = 64 * 1024;

/** DecodedText is a byte stream turned into text, with the encoding it was read in. */
export interface DecodedText {
  readonly encoding: TextEncodingName;
  readonly chunks: AsyncIterable<string>;
}

/**
 * detectEncoding names the encoding of a text file from its first bytes: a
 * byte-order mark decides; else the sample is UTF-8 if it decodes strictly as
 * UTF-8, and GB18030 (a superset of GBK, what Chinese Excel writes) if not.
 * `complete` says the sample is the whole file; otherwise a multi-byte
 * character cut at the sample's end is not held against UTF-8.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): TextEncodingName {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * decodeText reads the first ~64 KB of `source` to choose the encoding (unless
 * `forced`), then decodes the whole stream chunk by chunk, never holding more
 * than a chunk. The decoder's own BOM handling drops a leading BOM.
 *
 * Decoding is not fatal: bytes that are invalid in the chosen encoding (a file
 * that looked like UTF-8 for 64 KB and then is not) become U+FFFD, and the CSV
 * reader turns any row containing U+FFFD into an error record for that row,
 * so nothing is garbled silently and the rest of the file is still read.
 */
export async function decodeText(
  source: AsyncIterable<Buffer>,
  forced?: 'utf-8' | 'gb18030',
): Promise<DecodedText> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const sample = Buffer.concat(head);
  const encoding = forced ?? detectEncoding(sample, done);
  return { encoding, chunks: decodeRest(encoding, sample, done ? undefined : iterator) };
}

async function* decodeRest(
  encoding: TextEncodingName,
  sample: Buffer,
  rest: AsyncIterator<Buffer> | undefined,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  try {
    yield decoder.decode(sample, { stream: true });
    if (rest) {
      for (let next = await rest.next(); !next.done; next = await rest.next()) {
        yield decoder.decode(next.value, { stream: true });
      }
    }
    yield decoder.decode();
  } finally {
    // Stopped early (the consumer broke off): release the file.
    await rest?.return?.();
  }
}
