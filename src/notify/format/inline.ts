/**
 * The markdown-ish subset of NotificationMessage.body: lines of plain text,
 * `**bold**`, `[text](url)` and `- ` list items. Parsed here once so that every
 * renderer (plain text, HTML, each chat dialect) and the size fitter agree on
 * where a link or a bold run starts and ends.
 */

/** InlineSpan is one run of a line: plain text, bold text, or a link. */
export type InlineSpan =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bold'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly url: string };

/** MarkupRange is where a bold run or a link sits in a line, as UTF-16 offsets [start, end). */
export interface MarkupRange {
  readonly start: number;
  readonly end: number;
}

// A link's URL has no spaces and no parentheses; a bold run does not cross a line.
const MARKUP = /\*\*([^*\n]+?)\*\*|\[([^\]\n]*)\]\(([^()\s]+)\)/g;

/** parseInline splits one line into text, bold and link spans; anything that is not well-formed markup stays text. */
export function parseInline(line: string): InlineSpan[] {
  const spans: InlineSpan[] = [];
  let last = 0;
  for (const match of line.matchAll(MARKUP)) {
    const start = match.index ?? 0;
    if (start > last) spans.push({ kind: 'text', text: line.slice(last, start) });
    if (match[1] !== undefined) spans.push({ kind: 'bold', text: match[1] });
    else spans.push({ kind: 'link', text: match[2] ?? '', url: match[3] ?? '' });
    last = start + match[0].length;
  }
  if (last < line.length) spans.push({ kind: 'text', text: line.slice(last) });
  return spans;
}

/** markupRanges lists where each bold run and link of a line starts and ends, for cutting outside them. */
export function markupRanges(line: string): MarkupRange[] {
  return [...line.matchAll(MARKUP)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

/** BodyLine is one line of a body: a list item (without its "- ") or a paragraph line. */
export interface BodyLine {
  readonly listItem: boolean;
  readonly spans: readonly InlineSpan[];
}

/** parseBody splits a body into lines; blank lines are kept as empty paragraph lines. */
export function parseBody(body: string): BodyLine[] {
  return body.split(/\r?\n/).map((raw) => {
    const listItem = /^\s*[-*] /.test(raw);
    const content = listItem ? raw.replace(/^\s*[-*] /, '') : raw;
    return { listItem, spans: parseInline(content) };
  });
}

/** isWebUrl tells whether a link target is safe to render as a clickable link (http, https, mailto). */
export function isWebUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url);
}
