import { markupRanges } from './format/inline.js';

/**
 * Size fitting. Every platform limits its message in UTF-8 bytes (WeCom 4096
 * for markdown, 2048 for text; Feishu 20 KB for the whole body), while a
 * digest or an evidence-heavy incident can be far longer. A truncated
 * message must stay readable and honest: it is cut at a line if that keeps
 * at least half of the room, otherwise at a character, never inside a
 * multi-byte character, an emoji sequence, a `**bold**` run or a
 * `[text](url)` link, and it ends by saying where the rest is.
 */

/** TRUNCATION_NOTICE ends every truncated message, followed by ": <link>" when the message has one. */
export const TRUNCATION_NOTICE = '…… 内容过长，完整内容请在控制台查看';

/** FitOptions: `link` is where the full content can be read (the message's console URL). */
export interface FitOptions {
  readonly link?: string;
}

/** utf8Bytes is the size of a string as the platforms count it. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** truncationNotice is the last line of a truncated message. */
export function truncationNotice(link?: string): string {
  return link === undefined || link === '' ? TRUNCATION_NOTICE : `${TRUNCATION_NOTICE}: ${link}`;
}

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * prefixWithin is the longest prefix of `text` of at most `maxBytes` UTF-8
 * bytes that ends on a grapheme boundary, so neither a Chinese character nor
 * an emoji (surrogate pair, skin tone, ZWJ family, flag) is split.
 *
 * Intl.Segmenter costs tens of microseconds per grapheme in Node, too slow
 * for a 20 KB card, so the byte count walks code points and the segmenter
 * only looks at the few characters around the cut.
 */
export function prefixWithin(text: string, maxBytes: number): string {
  let bytes = 0;
  let cut = 0;
  while (cut < text.length) {
    const codePoint = text.codePointAt(cut) ?? 0;
    const size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    cut += codePoint > 0xffff ? 2 : 1;
  }
  return cut >= text.length ? text : text.slice(0, graphemeBoundaryAtOrBefore(text, cut));
}

/**
 * The last grapheme boundary at or before `index`. Segmentation starts from
 * an anchor where a boundary is certain: just before a plain character (ASCII
 * other than a LF after CR, CJK ideographs and punctuation), which no
 * Unicode rule joins to what precedes it.
 */
function graphemeBoundaryAtOrBefore(text: string, index: number): number {
  let anchor = index;
  while (anchor > 0 && index - anchor < 256 && !startsCluster(text, anchor)) anchor--;
  if (!startsCluster(text, anchor)) anchor = 0;
  let boundary = anchor;
  for (const { index: at } of graphemes.segment(text.slice(anchor, index + 64))) {
    if (anchor + at > index) break;
    boundary = anchor + at;
  }
  return boundary;
}

function startsCluster(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charCodeAt(at);
  if (c === 0x0a) return text.charCodeAt(at - 1) !== 0x0d;
  return (c >= 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff60);
}

/**
 * fitText returns `text` unchanged when it fits in `maxBytes`, otherwise a
 * prefix of it cut at a safe boundary followed by a new line holding the
 * truncation notice and the link. The result never exceeds `maxBytes`; if
 * even the notice does not fit, it is a bare safe prefix.
 */
export function fitText(text: string, maxBytes: number, options: FitOptions = {}): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const notice = truncationNotice(options.link);
  const budget = maxBytes - utf8Bytes(`\n${notice}`);
  if (budget < 0) return utf8Bytes(notice) <= maxBytes ? notice : prefixWithin(text, maxBytes);

  const head = text.slice(0, safeCut(text, prefixWithin(text, budget).length, budget)).trimEnd();
  return head === '' ? notice : `${head}\n${notice}`;
}

/** safeCut moves a cut back to the end of the previous line, or out of a link or bold run it would split. */
function safeCut(text: string, cut: number, budget: number): number {
  if (cut >= text.length || text[cut] === '\n' || text[cut] === '\r') return cut; // the line is complete
  const lineStart = text.lastIndexOf('\n', cut - 1) + 1;
  if (lineStart > 0 && utf8Bytes(text.slice(0, lineStart)) >= budget / 2) return lineStart - 1;

  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  let safe = cut;
  for (const range of markupRanges(line)) {
    const start = lineStart + range.start;
    if (start < safe && safe < lineStart + range.end) safe = start;
  }
  return safe;
}

/**
 * fitSerialized fits `text` so that the whole serialised request built from
 * it stays within `maxBytes` (Feishu and DingTalk limit the body, and JSON
 * escaping makes it longer than the text). `serialise` must grow with its
 * input; the answer is the fitted text, '' if nothing fits.
 */
export function fitSerialized(
  text: string,
  maxBytes: number,
  serialise: (fitted: string) => string,
  options: FitOptions = {},
): string {
  if (utf8Bytes(serialise(text)) <= maxBytes) return text;
  let budget = maxBytes - utf8Bytes(serialise(''));
  // Each round removes at least the measured excess; escaping costs at most a
  // few bytes per byte, so this converges in two or three rounds.
  for (let round = 0; round < 10 && budget > 0; round++) {
    const fitted = fitText(text, budget, options);
    const excess = utf8Bytes(serialise(fitted)) - maxBytes;
    if (excess <= 0) return fitted;
    budget -= Math.max(excess, 1);
  }
  return '';
}
