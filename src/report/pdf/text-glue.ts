/**
 * Line breaking for reports. A reader searches a PDF for an order number,
 * a tracking number, a batch or a date; a line break inside one
 * ("202|6-12-07", "W-20261201-|GZ03") makes the search fail and the figure
 * misread. pdfkit's own wrapping breaks after any hyphen and, when a word
 * is too long, anywhere; so reports wrap their text here, by these rules:
 *
 * - a run of Latin letters, digits and ASCII punctuation (an id, an order
 *   or tracking number, an amount, a code) is never broken, nor is a run
 *   `glue` joined with no-break spaces (a date and its time, a number and
 *   its unit); only a run wider than the whole line is cut, as a last resort;
 * - Chinese text breaks between any two characters, except before closing
 *   punctuation (，。）」 …) and after opening punctuation (（「 …), as in print;
 * - spaces are break points and vanish at a line's end; "\n" always breaks.
 *
 * `unbreakableRuns` tells the table layout how wide each column must be.
 */

const NBSP = '\u00a0';
const DATE_TIME = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)/g;
const UNITS = ['分钟', '小时', '天', '单', '个', '项', '次', '人', '级', '件', '条', '页', '秒', '毫秒', 'KB', 'MB'];
const NUMBER_UNIT = new RegExp(`(\\d) (${UNITS.join('|')})(?![A-Za-z])`, 'g');
const WORD_NUMBER = /(第|共|近|超|前|约) (\d)/g;

/** glue joins a date and its time, and a number and its unit, with no-break spaces. */
export function glue(text: string): string {
  return text.replace(DATE_TIME, `$1${NBSP}$2`).replace(NUMBER_UNIT, `$1${NBSP}$2`).replace(WORD_NUMBER, `$1${NBSP}$2`);
}

// A run: Latin letters, digits, ASCII punctuation and no-break spaces, as one piece.
const RUN = /[\x21-\x7e\u00a0¥]+/g;

/** unbreakableRuns lists the pieces of a text that must not be broken across lines. */
export function unbreakableRuns(text: string): string[] {
  return text.match(RUN) ?? [];
}

const NO_LINE_START = new Set([...'，。、；：！？）」』】》〉”’…%·,.;:!?)]}*']);
const NO_LINE_END = new Set([...'（「『【《〈“‘([{¥']);

/** Piece is a unit of wrapping: a run (never split), a space (a break point), or one other character. */
type Piece = { readonly text: string; readonly space: boolean };

function piecesOf(line: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\u3000' || ch === '\t') {
      pieces.push({ text: ch === '\t' ? ' ' : ch, space: true });
      i++;
      continue;
    }
    RUN.lastIndex = i;
    const run = RUN.exec(line);
    if (run && run.index === i) {
      // A number glued to its unit ("5\u00a0小时") keeps the unit on its line.
      const unit = run[0].endsWith(NBSP) ? UNITS.find((u) => line.startsWith(u, i + run[0].length)) : undefined;
      pieces.push({ text: run[0] + (unit ?? ''), space: false });
      i += run[0].length + (unit?.length ?? 0);
      continue;
    }
    const cp = line.codePointAt(i)!;
    const char = String.fromCodePoint(cp);
    pieces.push({ text: char, space: false });
    i += char.length;
  }
  return pieces;
}

/**
 * wrapLines breaks a text into lines no wider than `width`, measured by
 * `widthOf`, by the rules above. Returns at least one line.
 */
export function wrapLines(text: string, width: number, widthOf: (s: string) => number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line: Piece[] = [];
    let lineWidth = 0;
    const put = (p: Piece): void => {
      line.push(p);
      lineWidth += widthOf(p.text);
    };
    const flush = (): void => {
      while (line.length > 0 && line.at(-1)!.space) line.pop();
      out.push(line.map((p) => p.text).join(''));
      line = [];
      lineWidth = 0;
    };
    for (const p of piecesOf(paragraph)) {
      if (p.space && line.length === 0) continue;
      const w = widthOf(p.text);
      if (p.space || lineWidth + w <= width) {
        put(p);
        continue;
      }
      // Kinsoku: a closing mark takes the piece before it down to the next line;
      // an opening mark at a line's end goes down with what it opens.
      const carry: Piece[] = [];
      // A run of closing marks ("）；") goes down together with the character before the first of them.
      let head = p.text[0]!;
      while (NO_LINE_START.has(head) && line.length > 1 && !line.at(-1)!.space) {
        const last = line.pop()!;
        carry.unshift(last);
        head = last.text[0]!;
      }
      if (line.length > 1 && NO_LINE_END.has(line.at(-1)!.text)) carry.unshift(line.pop()!);
      if (line.length > 0) flush();
      for (const c of carry) put(c);
      if (lineWidth + w <= width || line.length > 0) {
        put(p);
        continue;
      }
      // A run wider than the whole line: cut it where it must be cut.
      let part = '';
      for (const c of p.text) {
        if (part !== '' && widthOf(part + c) > width) {
          out.push(part);
          part = '';
        }
        part += c;
      }
      put({ text: part, space: false });
    }
    flush();
  }
  return out.length > 0 ? out : [''];
}
