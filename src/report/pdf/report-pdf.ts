import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { formatShanghai, type Instant } from '../../domain/time.js';
import { reportFonts } from './fonts.js';
import { imageSize } from './image-size.js';
import { fontsShared, shareFonts } from './shared-fonts.js';
import { TextSetter } from './text-setter.js';
import { glue, unbreakableRuns } from './text-glue.js';

/** ReportPdfOptions name a report and stamp it: the running header and the footer of every page repeat them. */
export interface ReportPdfOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly generatedAt: Instant;
  readonly generatedBy?: string;
  /** The document number in the running header (e.g. `EV-20261207-68D28B68`), so a forwarded copy can be quoted. */
  readonly documentNo: string;
  /** Whose data it is (the shops), in the running header. */
  readonly owner?: string;
  /** Tight spacing (smaller cell padding, less space between blocks): the second layout of a document whose last page came out nearly empty (see renderFitted). */
  readonly tight?: boolean;
}

/** TableColumn is one column of a table: its header, its share of the width, its alignment. */
export interface TableColumn {
  readonly header: string;
  readonly width: number;
  readonly align?: 'left' | 'right' | 'center';
}

/** Tone colours a value: bad (overdue, missing), warn, good (met), muted (a remark). */
export type Tone = 'bad' | 'warn' | 'good' | 'muted';

/** Cell is a table cell: its text, and optionally a tone or bold face. */
export interface Cell {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
}

/** CellInput is a plain string or a styled cell. */
export type CellInput = string | Cell;

/** ConclusionRow is one line of a conclusion box. */
export interface ConclusionRow {
  readonly label: string;
  readonly value: string;
  readonly tone?: Tone;
}

const REGULAR = 'zh';
const BOLD = 'zh-bold';
const MARGIN = { top: 50, bottom: 56, left: 48, right: 48 };
const INK = '#1f2329';
const MUTED = '#646a73';
const ACCENT = '#1d4ed8';
const RULE = '#d0d3d9';
const HEADER_FILL = '#eef2fb';
const ZEBRA_FILL = '#f7f8fa';
const HIGHLIGHT_FILL = '#fff4d6';
const BOX_FILL = '#f3f6fd';
const TONES: Readonly<Record<Tone, string>> = { bad: '#c62828', warn: '#b35c00', good: '#1e7d4f', muted: MUTED };
const MIN_TABLE_FONT = 6.5;
/** Spacing of the normal layout and of the tight one (see renderFitted). */
const SPACING = {
  normal: { cellPad: 4, densePad: 2.5, afterTable: 0.4, beforeHeading: 0.4, beforeSubheading: 0.3, keyRow: 3, afterBlock: 0.3, afterNote: 0.2 },
  tight: { cellPad: 2.75, densePad: 1, afterTable: 0.2, beforeHeading: 0.2, beforeSubheading: 0.15, keyRow: 1.5, afterBlock: 0.15, afterNote: 0.1 },
} as const;

/** NEAR_EMPTY is the share of its last page under which a document of several pages is laid out again, tighter. */
export const NEAR_EMPTY = 0.2;

const cellOf = (c: CellInput): Cell => (typeof c === 'string' ? { text: c } : c);


/**
 * ReportPdf is the one place that knows pdfkit: A4 pages in the Chinese
 * font, a conclusion box, section headings that are also the document's
 * bookmarks, key/value blocks, tables that break across pages and repeat
 * their header, embedded screenshots, charts drawn from SVG as vectors,
 * file attachments, and on every page a running header (whose data, 内部资料,
 * the document number) and a footer with the report's name, time and
 * "page i / n". No line breaks inside an id, a number or a date: columns
 * are sized to their widest unbroken run (see text-glue). Reports describe
 * content; this lays it out. The creation date is the report's own
 * generation time, so the same data at the same time gives the same document.
 */
export class ReportPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly text: TextSetter;
  private readonly bytes: Promise<Buffer>;
  private section: PDFKit.PDFOutline | undefined;
  private readonly spacing: (typeof SPACING)['normal'] | (typeof SPACING)['tight'];
  private tail: { readonly pages: number; readonly fill: number } | undefined;

  constructor(private readonly options: ReportPdfOptions) {
    this.spacing = options.tight ? SPACING.tight : SPACING.normal;
    const fonts = reportFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      info: { Title: options.title, Author: 'orderwatch', Creator: 'orderwatch', Subject: options.documentNo, CreationDate: new Date(options.generatedAt) },
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.bytes = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.registerFont(REGULAR, fonts.regular);
    this.doc.registerFont(BOLD, fonts.bold);
    this.text = new TextSetter(this.doc);
    const reuse = fontsShared();
    if (reuse) shareFonts(this.doc, [REGULAR, BOLD]);
    this.doc.font(BOLD).fontSize(19).fillColor(INK).text(options.title, MARGIN.left, MARGIN.top);
    if (!reuse) shareFonts(this.doc, [REGULAR, BOLD]);
    let y = this.doc.y + 2;
    if (options.subtitle) y += this.text.block(options.subtitle, MARGIN.left, y, this.width, { font: REGULAR, size: 10.5, color: MUTED });
    y += this.text.block(`文档编号 ${options.documentNo}\u3000生成时间 ${formatShanghai(options.generatedAt).slice(0, 16)}（北京时间）${options.generatedBy ? `\u3000生成人 ${options.generatedBy}` : ''}`, MARGIN.left, y, this.width, { font: REGULAR, size: 8.5, color: MUTED });
    this.doc.y = y + 8;
    this.doc.x = MARGIN.left;
  }

  /** chartHeight is the height a chart gets: `normal` in the normal layout, 15 % less in the tight one (charts are drawn to this size, not squeezed). */
  chartHeight(normal: number): number {
    return this.options.tight ? Math.round(normal * 0.85) : normal;
  }

  /** The width between the margins, in points. */
  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** room is the height left on this page, in points. */
  get room(): number {
    return this.bottom - this.doc.y;
  }

  /** ensureSpace starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  /** newPage starts a page (a section that should open on its own page). */
  newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
  }

  /**
   * heading starts a section: bold, with a rule under it, and a bookmark.
   * It never sits alone at a page's foot: `keep` is how much of what
   * follows must fit under it (a chart's height), else it starts a page.
   */
  heading(text: string, options: { readonly keep?: number } = {}): void {
    this.ensureSpace(40 + (options.keep ?? 60));
    this.doc.moveDown(this.spacing.beforeHeading);
    this.section = this.doc.outline.addItem(text);
    const y = this.doc.y + this.text.block(text, MARGIN.left, this.doc.y, this.width, { font: BOLD, size: 13.5, color: ACCENT }) + 2;
    this.doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + this.width, y).lineWidth(0.8).strokeColor(ACCENT).stroke();
    this.doc.y = y + 6;
    this.doc.fillColor(INK);
  }

  /** subheading is a smaller bold line inside a section; with `bookmark` it is listed under the section's bookmark. */
  subheading(text: string, options: { readonly bookmark?: boolean; readonly keep?: number } = {}): void {
    this.ensureSpace(24 + (options.keep ?? 56));
    this.drawSubheading(text, options.bookmark === true);
  }

  private subheadingHeight(text: string): number {
    return this.text.blockHeight(text, this.width, BOLD, 10.5) + 3 + this.text.lineHeight(REGULAR, 10) * this.spacing.beforeSubheading;
  }

  private drawSubheading(text: string, bookmark: boolean): void {
    this.doc.moveDown(this.spacing.beforeSubheading);
    if (bookmark) (this.section ?? this.doc.outline).addItem(text);
    this.doc.y += this.text.block(text, MARGIN.left, this.doc.y, this.width, { font: BOLD, size: 10.5, color: INK }) + 3;
    this.doc.x = MARGIN.left;
  }

  /** paragraph writes wrapped text across the page. */
  paragraph(text: string, style: { readonly size?: number; readonly tone?: Tone; readonly bold?: boolean } = {}): void {
    const font = style.bold ? BOLD : REGULAR;
    const size = style.size ?? 9.5;
    // A paragraph may cross a page: place it line by line; a short one (up to three lines) is kept
    // whole, so no page starts or ends with one stray line of it.
    const h = this.text.lineHeight(font, size);
    const lines = this.text.lines(text, this.width, font, size);
    if (lines.length <= 3) this.ensureSpace(h * lines.length);
    for (const line of lines) {
      this.ensureSpace(h);
      this.text.block(line, MARGIN.left, this.doc.y, this.width, { font, size, color: style.tone ? TONES[style.tone] : INK });
      this.doc.y += h;
    }
    this.doc.x = MARGIN.left;
    this.doc.fillColor(INK);
  }

  /** note writes a small grey remark (where the data stops, what was left out). */
  note(text: string): void {
    this.paragraph(text, { size: 8, tone: 'muted' });
    this.doc.moveDown(this.spacing.afterNote);
  }

  /**
   * conclusion draws the boxed summary a report opens with: a title and
   * label/value lines (what happened, who, by when, what next), each value
   * coloured by its tone. The box is kept whole on one page.
   */
  conclusion(title: string, rows: readonly ConclusionRow[]): void {
    const labelWidth = 86;
    const inner = this.width - 24;
    const valueWidth = inner - labelWidth;
    const valueFont = (r: ConclusionRow): string => (r.tone === 'bad' ? BOLD : REGULAR);
    const heights = rows.map((r) => Math.max(this.text.blockHeight(r.label, labelWidth - 6, BOLD, 9.5), this.text.blockHeight(r.value || '—', valueWidth, valueFont(r), 9.5)) + 3);
    const titleHeight = this.text.blockHeight(title, inner, BOLD, 11.5) + 6;
    const height = titleHeight + heights.reduce((s, h) => s + h, 0) + 16;
    this.ensureSpace(height + 8);
    const top = this.doc.y;
    this.doc.rect(MARGIN.left, top, this.width, height).fill(BOX_FILL);
    this.doc.rect(MARGIN.left, top, 3.5, height).fill(ACCENT);
    this.text.block(title, MARGIN.left + 12, top + 8, inner, { font: BOLD, size: 11.5, color: ACCENT });
    let y = top + 8 + titleHeight;
    rows.forEach((r, i) => {
      this.text.block(r.label, MARGIN.left + 12, y, labelWidth - 6, { font: BOLD, size: 9.5, color: MUTED });
      this.text.block(r.value || '—', MARGIN.left + 12 + labelWidth, y, valueWidth, { font: valueFont(r), size: 9.5, color: r.tone ? TONES[r.tone] : INK });
      y += heights[i]!;
    });
    this.doc.y = top + height + 8;
    this.doc.x = MARGIN.left;
    this.doc.fillColor(INK);
  }

  /**
   * keyValues writes label/value pairs in two columns; a pair whose value
   * holds a run too wide for half the page (a long order number) gets a
   * row of its own rather than a break inside the number.
   */
  keyValues(pairs: ReadonlyArray<readonly [string, string]>): void {
    const labelWidth = 70;
    const half = this.width / 2;
    const size = 9;
    this.doc.font(REGULAR).fontSize(size);
    const fitsHalf = (value: string): boolean => unbreakableRuns(glue(value)).every((run) => this.text.widthOf(run, REGULAR, size) <= half - labelWidth - 10);
    const rows: Array<ReadonlyArray<readonly [string, string]>> = [];
    let pending: Array<readonly [string, string]> = [];
    for (const pair of pairs) {
      if (!fitsHalf(pair[1])) {
        if (pending.length > 0) rows.push(pending);
        rows.push([pair]);
        pending = [];
        continue;
      }
      pending.push(pair);
      if (pending.length === 2) {
        rows.push(pending);
        pending = [];
      }
    }
    if (pending.length > 0) rows.push(pending);
    for (const row of rows) {
      const valueWidth = row.length === 1 && !fitsHalf(row[0]![1]) ? this.width - labelWidth - 10 : half - labelWidth - 10;
      const h = Math.max(...row.map(([label, value]) => Math.max(this.text.blockHeight(label, labelWidth - 4, BOLD, size), this.text.blockHeight(value || '—', valueWidth, REGULAR, size)))) + this.spacing.keyRow;
      this.ensureSpace(h);
      const y = this.doc.y;
      row.forEach(([label, value], k) => {
        const x = MARGIN.left + k * half;
        this.text.block(label, x, y, labelWidth - 4, { font: BOLD, size, color: MUTED });
        this.text.block(value || '—', x + labelWidth, y, valueWidth, { font: REGULAR, size, color: INK });
      });
      this.doc.y = y + h;
    }
    this.doc.x = MARGIN.left;
    this.doc.moveDown(this.spacing.afterBlock);
  }

  /**
   * fitColumns gives each column its share of the width, but never less
   * than its widest unbroken run (an order number stays on one line);
   * when the runs cannot all fit, the font shrinks (down to 6.5 pt).
   */
  private fitColumns(columns: readonly TableColumn[], rows: ReadonlyArray<ReadonlyArray<Cell>>, size: number, pad: number): { readonly widths: number[]; readonly size: number } {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const shares = columns.map((c) => (c.width / total) * this.width);
    // The widest unbroken run of each column at 1 pt: widths scale with the font size.
    const unit = columns.map((c, i) => {
      let max = 0;
      for (const run of unbreakableRuns(glue(c.header))) max = Math.max(max, this.text.widthOf(run, BOLD, 1));
      for (const row of rows) {
        const cell = row[i];
        if (!cell) continue;
        for (const run of unbreakableRuns(glue(cell.text))) max = Math.max(max, this.text.widthOf(run, cell.bold ? BOLD : REGULAR, 1));
      }
      return max;
    });
    const widest = (fontSize: number): number[] => unit.map((u) => u * fontSize + 2 * pad + 1);
    let fontSize = size;
    let mins = widest(fontSize);
    while (mins.reduce((s, m) => s + m, 0) > this.width && fontSize > MIN_TABLE_FONT) {
      fontSize = Math.max(MIN_TABLE_FONT, fontSize - 0.5);
      mins = widest(fontSize);
    }
    // Columns below their minimum take it; the others give up width in proportion to their slack.
    const widths = shares.map((s, i) => Math.max(s, mins[i]!));
    for (let round = 0; round < 4; round++) {
      const excess = widths.reduce((s, w) => s + w, 0) - this.width;
      if (excess <= 0.01) break;
      const slack = widths.map((w, i) => Math.max(0, w - mins[i]!));
      const totalSlack = slack.reduce((s, x) => s + x, 0);
      if (totalSlack <= 0) {
        // Nothing left to give: scale everything (the widest runs will wrap).
        const k = this.width / widths.reduce((s, w) => s + w, 0);
        widths.forEach((w, i) => (widths[i] = w * k));
        break;
      }
      widths.forEach((w, i) => (widths[i] = w - (excess * slack[i]!) / totalSlack));
    }
    return { widths, size: fontSize };
  }

  /**
   * table draws rows under a header (and an optional `title`, kept with
   * it); a row that does not fit goes to the next page with the header
   * repeated, a short table is kept whole. Cells wrap between words and
   * Chinese characters, never inside an id; rows alternate shading, and
   * `highlight` marks rows that matter (the order's own stock movements).
   */
  table(
    columns: readonly TableColumn[],
    input: ReadonlyArray<ReadonlyArray<CellInput>>,
    options: { readonly fontSize?: number; readonly highlight?: (row: number) => boolean; readonly dense?: boolean; readonly title?: string; readonly bookmark?: boolean } = {},
  ): void {
    const rows = input.map((r) => r.map(cellOf));
    const pad = options.dense ? this.spacing.densePad : this.spacing.cellPad;
    const { widths, size } = this.fitColumns(columns, rows, options.fontSize ?? 8.5, pad);
    const measure = (cells: readonly Cell[], headerRow: boolean): number => Math.max(...cells.map((cell, i) => this.text.blockHeight(cell.text || ' ', widths[i]! - 2 * pad, headerRow || cell.bold ? BOLD : REGULAR, size))) + 2 * pad;
    const drawRow = (cells: readonly Cell[], headerRow: boolean, fill: string | undefined, h: number): void => {
      const y = this.doc.y;
      if (fill) this.doc.rect(MARGIN.left, y, this.width, h).fill(fill);
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        if (cell.text) this.text.block(cell.text, x + pad, y + pad, widths[i]! - 2 * pad, { font: headerRow || cell.bold ? BOLD : REGULAR, size, color: cell.tone ? TONES[cell.tone] : INK, align: columns[i]?.align ?? 'left' });
        x += widths[i]!;
      });
      this.doc.moveTo(MARGIN.left, y + h).lineTo(MARGIN.left + this.width, y + h).lineWidth(0.4).strokeColor(RULE).stroke();
      this.doc.y = y + h;
    };
    const header = columns.map((c) => ({ text: c.header }));
    const headerHeight = measure(header, true);
    const heights = rows.map((r) => measure(r, false));
    const total = headerHeight + heights.reduce((a, b) => a + b, 0);
    // A short table is kept on one page, with its title; a long one starts wherever its title, header and first row fit.
    const titleHeight = options.title ? this.subheadingHeight(options.title) : 0;
    this.ensureSpace(titleHeight + (total <= 150 ? total : headerHeight + (heights[0] ?? 0)));
    if (options.title) this.drawSubheading(options.title, options.bookmark === true);
    drawRow(header, true, HEADER_FILL, headerHeight);
    rows.forEach((row, i) => {
      const h = heights[i]!;
      if (this.doc.y + h > this.bottom) {
        this.newPage();
        drawRow(header, true, HEADER_FILL, headerHeight);
      }
      drawRow(row, false, options.highlight?.(i) ? HIGHLIGHT_FILL : i % 2 === 1 ? ZEBRA_FILL : undefined, h);
    });
    this.doc.x = MARGIN.left;
    this.doc.fillColor(INK);
    this.doc.moveDown(this.spacing.afterTable);
  }

  /**
   * images lays screenshots out side by side, each with its caption, scaled
   * to fit a box (small ones enlarged so they can be read). A file that is
   * not a readable PNG/JPEG is named instead of drawn.
   */
  images(items: ReadonlyArray<{ readonly bytes: Uint8Array; readonly caption: string }>, box: { readonly width: number; readonly height: number } = { width: 152, height: 230 }): void {
    const gap = 12;
    const perRow = Math.max(1, Math.floor((this.width + gap) / (box.width + gap)));
    for (let i = 0; i < items.length; i += perRow) {
      const row = items.slice(i, i + perRow).map((item) => {
        const size = imageSize(item.bytes);
        if (!size) return { item, w: 0, h: 0 };
        const scale = Math.min(box.width / size.width, box.height / size.height);
        return { item, w: size.width * scale, h: size.height * scale };
      });
      const h = Math.max(...row.map((r) => r.h), 12) + 16;
      this.ensureSpace(h);
      const y = this.doc.y;
      row.forEach((r, k) => {
        const x = MARGIN.left + k * (box.width + gap);
        if (r.w > 0) {
          try {
            this.doc.image(Buffer.from(r.item.bytes.buffer, r.item.bytes.byteOffset, r.item.bytes.byteLength), x, y, { width: r.w, height: r.h });
            this.doc.rect(x, y, r.w, r.h).lineWidth(0.5).strokeColor(RULE).stroke();
          } catch (error) {
            this.doc.font(REGULAR).fontSize(8).fillColor(MUTED).text(`（无法显示：${error instanceof Error ? error.message : String(error)}）`, x, y, { width: box.width });
          }
        } else {
          this.doc.font(REGULAR).fontSize(8).fillColor(MUTED).text('（不是可显示的 PNG/JPEG 图片）', x, y, { width: box.width });
        }
        this.doc.font(REGULAR).fontSize(7.5).fillColor(MUTED).text(r.item.caption, x, y + Math.max(r.h, 12) + 3, { width: box.width, height: 12, ellipsis: true });
      });
      this.doc.y = y + h;
      this.doc.x = MARGIN.left;
    }
    this.doc.fillColor(INK);
    this.doc.moveDown(this.spacing.afterBlock);
  }

  /** chart draws an SVG (ECharts' server-side rendering) as vector paths, its text in the Chinese font. */
  chart(svg: string, size: { readonly width: number; readonly height: number }): void {
    this.ensureSpace(size.height + 8);
    const y = this.doc.y;
    SVGtoPDF(this.doc, svg, MARGIN.left, y, { width: size.width, height: size.height, assumePt: true, fontCallback: (_family, bold) => (bold ? BOLD : REGULAR) });
    this.doc.y = y + size.height + 8;
    this.doc.x = MARGIN.left;
    this.doc.font(REGULAR).fillColor(INK);
  }

  /** noData stands in for a chart with nothing to draw: its title and "本期无数据", in a small frame, not an empty plot. */
  noData(title: string, why = '本期无数据'): void {
    const h = 46;
    this.ensureSpace(h + 8);
    const y = this.doc.y;
    this.doc.rect(MARGIN.left, y, this.width, h).lineWidth(0.5).strokeColor(RULE).stroke();
    this.text.block(title, MARGIN.left + 8, y + 8, this.width - 16, { font: BOLD, size: 10, color: INK, align: 'center' });
    this.text.block(why, MARGIN.left + 8, y + 25, this.width - 16, { font: REGULAR, size: 9, color: MUTED, align: 'center' });
    this.doc.y = y + h + 8;
    this.doc.x = MARGIN.left;
    this.doc.fillColor(INK);
  }

  /** attach embeds a file (e.g. a PDF a customer sent) in the document, listed in the reader's attachments panel. */
  attach(bytes: Uint8Array, name: string, contentType: string, description: string): void {
    this.doc.file(Buffer.from(bytes), { name, type: contentType, description, creationDate: new Date(this.options.generatedAt), modifiedDate: new Date(this.options.generatedAt) });
  }

  /** space moves down by `lines` lines of the current font. */
  space(lines = 0.5): void {
    this.doc.moveDown(lines);
  }

  /** finish writes every page's running header and footer and returns the document's bytes. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    // Pages are only ever added at the end: the current page is the last one.
    this.tail = { pages: range.count, fill: (this.doc.y - MARGIN.top) / (this.bottom - MARGIN.top) };
    const owner = `${this.options.owner ? `${this.options.owner} · ` : ''}内部资料 请勿外传`;
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Writing outside the margins would start a new page: lift them while drawing header and footer.
      const margins = this.doc.page.margins;
      this.doc.page.margins = { ...margins, top: 0, bottom: 0 };
      this.doc.font(REGULAR).fontSize(7.5).fillColor(MUTED);
      this.doc.text(owner, MARGIN.left, 24, { width: this.width * 0.65, lineBreak: false, ellipsis: true, height: 10 });
      this.doc.text(`文档编号 ${this.options.documentNo}`, MARGIN.left + this.width * 0.65, 24, { width: this.width * 0.35, align: 'right', lineBreak: false });
      this.doc.moveTo(MARGIN.left, 36).lineTo(MARGIN.left + this.width, 36).lineWidth(0.4).strokeColor(RULE).stroke();
      const y = this.doc.page.height - MARGIN.bottom + 20;
      this.doc.moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + this.width, y - 6).lineWidth(0.4).strokeColor(RULE).stroke();
      this.doc.font(REGULAR).fontSize(8).fillColor(MUTED);
      this.doc.text(`${this.options.title} · orderwatch · ${formatShanghai(this.options.generatedAt).slice(0, 16)}`, MARGIN.left, y, { width: this.width * 0.75, lineBreak: false });
      this.doc.text(`第 ${i - range.start + 1} / ${range.count} 页`, MARGIN.left + this.width * 0.75, y, { width: this.width * 0.25, align: 'right', lineBreak: false });
      this.doc.page.margins = margins;
    }
    this.doc.end();
    return this.bytes;
  }

  /** laidOut is, once finished, the number of pages and how much of the last page's height the content takes (0..1). */
  get laidOut(): { readonly pages: number; readonly fill: number } {
    if (!this.tail) throw new Error('laidOut: the document is not finished');
    return this.tail;
  }
}

/**
 * renderFitted lays a document out and, when its last page came out nearly
 * empty (a line or two, a table's last rows: under NEAR_EMPTY of the
 * page), lays it out again with tight spacing and keeps that one if it
 * needs fewer pages. A reader should not turn to a page that holds one
 * stray line. `draw` builds the whole document on the ReportPdf it is given
 * the options for.
 */
export async function renderFitted(options: ReportPdfOptions, draw: (pdf: ReportPdf) => void): Promise<Buffer> {
  const loose = new ReportPdf(options);
  draw(loose);
  const bytes = await loose.finish();
  if (loose.laidOut.pages < 2 || loose.laidOut.fill >= NEAR_EMPTY) return bytes;
  const tight = new ReportPdf({ ...options, tight: true });
  draw(tight);
  const tightBytes = await tight.finish();
  return tight.laidOut.pages < loose.laidOut.pages ? tightBytes : bytes;
}
