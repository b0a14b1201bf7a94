/** CsvRow is one physical CSV record: its cells, or why it could not be split. */
export type CsvRow =
  | { readonly kind: 'cells'; readonly cells: readonly string[]; readonly line: number }
  | { readonly kind: 'error'; readonly message: string; readonly line: number };

const enum Mode {
  FieldStart,
  Unquoted,
  Quoted,
  AfterQuote,
  SkipLine,
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * CsvRowSplitter turns decoded CSV text, pushed in chunks of any size, into
 * rows of raw cells. It follows RFC 4180 (quoted cells may hold delimiters,
 * line breaks and doubled quotes) with the leniency real exports need: a quote
 * inside an unquoted cell is literal, so Excel's `="3921874561234567890"`
 * survives.
 *
 * It exists instead of csv-parse because csv-parse 6, even with
 * `skip_records_with_error`, drops every row after an unclosed quote or a
 * `max_record_size` error, while an import must lose only the bad row. Here a
 * malformed row becomes one error row and splitting resumes at the line after
 * the row's first line: the row text is kept (at most `maxRecordChars`) while a
 * quoted cell spans lines, so that it can be re-read as ordinary lines when the
 * quote turns out never to close properly. An over-long unquoted row is
 * skipped to its line end without being kept.
 */
export class CsvRowSplitter {
  private mode = Mode.FieldStart;
  private cells: string[] = [];
  private field = '';
  /** The current record's text from earlier chunks, for recovery and its length. */
  private carry = '';
  private line = 1;
  private recordLine = 1;
  private pendingCR = false;

  constructor(
    private readonly delimiter: string,
    private readonly maxRecordChars: number,
  ) {}

  /** push splits the next chunk of text and returns the rows completed by it. */
  push(chunk: string): CsvRow[] {
    const rows: CsvRow[] = [];
    this.run(chunk, rows);
    return rows;
  }

  /** end returns the rows left when the text ends, including an unclosed quote's error. */
  end(): CsvRow[] {
    const rows: CsvRow[] = [];
    while (this.mode === Mode.Quoted) {
      const raw = this.carry;
      const rest = this.restartAfterFirstLine(raw, rows, `a quote opened in the row on line ${this.recordLine} is never closed`);
      if (rest === undefined) return rows;
      this.run(rest, rows);
    }
    if (this.mode === Mode.SkipLine) return rows;
    if (this.mode !== Mode.FieldStart || this.cells.length > 0 || this.carry !== '') {
      this.cells.push(this.field);
      rows.push({ kind: 'cells', cells: this.cells, line: this.recordLine });
    }
    this.resetRecord();
    return rows;
  }

  private run(input: string, rows: CsvRow[]): void {
    const delimiter = this.delimiter.charCodeAt(0);
    let text = input;
    let i = 0;
    if (this.pendingCR && text.charCodeAt(0) === LF) i = 1;
    this.pendingCR = false;
    let recordStart = i;
    let segmentStart = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (this.mode !== Mode.SkipLine && this.carry.length + (i - recordStart) > this.maxRecordChars) {
        const message = `the row on line ${this.recordLine} is longer than ${this.maxRecordChars} characters`;
        if (this.mode === Mode.Quoted) {
          const rest = this.restartAfterFirstLine(this.carry + text.slice(recordStart, i), rows, `${message}; a quote in it is probably never closed`);
          if (rest !== undefined) {
            text = rest + text.slice(i);
            i = recordStart = segmentStart = 0;
            continue;
          }
        } else {
          rows.push({ kind: 'error', message, line: this.recordLine });
        }
        this.resetRecord();
        this.mode = Mode.SkipLine;
      }
      switch (this.mode) {
        case Mode.FieldStart:
          if (c === QUOTE) {
            this.mode = Mode.Quoted;
            segmentStart = i + 1;
          } else if (c === delimiter) {
            this.cells.push('');
          } else if (c === LF || c === CR) {
            this.cells.push('');
            i = this.endRecord(text, i, rows);
            recordStart = segmentStart = i;
            continue;
          } else if (c !== SPACE && c !== TAB) {
            this.mode = Mode.Unquoted;
            segmentStart = i;
          }
          break;
        case Mode.Unquoted:
          if (c === delimiter) {
            this.cells.push(this.field + text.slice(segmentStart, i));
            this.field = '';
            this.mode = Mode.FieldStart;
          } else if (c === LF || c === CR) {
            this.cells.push(this.field + text.slice(segmentStart, i));
            i = this.endRecord(text, i, rows);
            recordStart = segmentStart = i;
            continue;
          }
          break;
        case Mode.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(segmentStart, i);
            this.mode = Mode.AfterQuote;
          } else if (c === LF) {
            this.line += 1;
          }
          break;
        case Mode.AfterQuote:
          if (c === QUOTE) {
            this.field += '"';
            this.mode = Mode.Quoted;
            segmentStart = i + 1;
          } else if (c === delimiter) {
            this.cells.push(this.field);
            this.field = '';
            this.mode = Mode.FieldStart;
          } else if (c === LF || c === CR) {
            this.cells.push(this.field);
            i = this.endRecord(text, i, rows);
            recordStart = segmentStart = i;
            continue;
          } else if (c !== SPACE && c !== TAB) {
            const message = `in the row on line ${this.recordLine}, a quoted cell is followed by ${JSON.stringify(text[i])} instead of a delimiter or the line end`;
            const rest = this.restartAfterFirstLine(this.carry + text.slice(recordStart, i), rows, message);
            if (rest !== undefined) {
              text = rest + text.slice(i);
              i = recordStart = segmentStart = 0;
              continue;
            }
            this.resetRecord();
            this.mode = Mode.SkipLine;
          }
          break;
        case Mode.SkipLine:
          if (c === LF || c === CR) {
            i = this.endLine(text, i);
            this.recordLine = this.line;
            this.mode = Mode.FieldStart;
            recordStart = segmentStart = i;
            continue;
          }
          break;
      }
      i += 1;
    }
    if (this.mode === Mode.SkipLine) return;
    this.carry += text.slice(recordStart);
    if (this.mode === Mode.Unquoted || this.mode === Mode.Quoted) this.field += text.slice(segmentStart);
  }

  /** endRecord emits the completed record ending at the line break at `i` and returns where the next starts. */
  private endRecord(text: string, i: number, rows: CsvRow[]): number {
    rows.push({ kind: 'cells', cells: this.cells, line: this.recordLine });
    this.resetRecord();
    const next = this.endLine(text, i);
    this.recordLine = this.line;
    return next;
  }

  /** endLine steps over the line break at `i` (LF, CRLF or CR, possibly split across chunks). */
  private endLine(text: string, i: number): number {
    this.line += 1;
    if (text.charCodeAt(i) === CR) {
      if (i + 1 === text.length) this.pendingCR = true;
      else if (text.charCodeAt(i + 1) === LF) return i + 2;
    }
    return i + 1;
  }

  /**
   * restartAfterFirstLine reports the malformed record whose text so far is
   * `raw` and returns the text after its first line, to be split again as new
   * rows; undefined when the record is still on its first line.
   */
  private restartAfterFirstLine(raw: string, rows: CsvRow[], message: string): string | undefined {
    const lf = raw.indexOf('\n');
    const cr = raw.indexOf('\r');
    const lineEnd = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    const firstLine = this.recordLine;
    rows.push({ kind: 'error', message, line: firstLine });
    this.resetRecord();
    if (lineEnd < 0) return undefined;
    const skip = raw.charCodeAt(lineEnd) === CR && raw.charCodeAt(lineEnd + 1) === LF ? 2 : 1;
    this.line = this.recordLine = firstLine + 1;
    return raw.slice(lineEnd + skip);
  }

  private resetRecord(): void {
    this.cells = [];
    this.field = '';
    this.carry = '';
    this.mode = Mode.FieldStart;
  }
}
