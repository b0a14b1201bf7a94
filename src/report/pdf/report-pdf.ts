import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { formatShanghai, type Instant } from '../../domain/time.js';
import { reportFonts } from './fonts.js';
import { imageSize } from './image-size.js';

/** ReportPdfOptions name a report and stamp it: the footer of every page repeats them. */
export interface ReportPdfOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly generatedAt: Instant;
  readonly generatedBy?: string;
}

/** TableColumn is one column of a table: its header, its share of the width, its alignment. */
export interface TableColumn {
  readonly header: string;
  readonly width: number;
  readonly align?: 'left' | 'right' | 'center';
}

/**
 * pdfkit parses a font file for every document that uses it: for an 8 MB
 * CFF font that is most of a report's time (~300 ms of ~450). The parsed
 * font (a fontkit object, read-only once parsed) is safe to share; only
 * each document's subset must be its own. pdfkit has no public way to hand
 * it a parsed font, so the first document's embedded fonts are kept and
 * later documents get a fresh embedded font (own subset, own id) around the
 * same parsed face. Should pdfkit's internals ever differ, `shareFonts`
 * finds nothing and every document parses its own, as before: slower, not
 * wrong.
 */
interface PdfkitFonts {
  _fontFamilies?: Record<string, { font?: object; constructor: unknown } | undefined>;
  _fontCount?: number;
}
type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, font: object, id: string) => object;
let sharedFaces: { readonly make: EmbeddedFontClass; readonly faces: ReadonlyMap<string, object> } | undefined;

function shareFonts(doc: PDFKit.PDFDocument, names: readonly string[]): void {
  const internals = doc as unknown as PdfkitFonts;
  if (typeof internals._fontFamilies !== 'object' || typeof internals._fontCount !== 'number') return;
  if (sharedFaces) {
    for (const [name, face] of sharedFaces.faces) internals._fontFamilies[name] = new sharedFaces.make(doc, face, `F${++internals._fontCount}`) as never;
    return;
  }
  const used = names.map((n) => internals._fontFamilies?.[n]);
  if (used.every((f) => f !== undefined && typeof f.font === 'object' && typeof f.constructor === 'function')) {
    sharedFaces = { make: used[0]!.constructor as EmbeddedFontClass, faces: new Map(names.map((n, i) => [n, used[i]!.font!])) };
  }
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

/**
 * ReportPdf is the one place that knows pdfkit: A4 pages in the Chinese
 * font, section headings, key/value blocks, tables that break across pages
 * and repeat their header, embedded screenshots, charts drawn from SVG as
 * vectors, file attachments, and a footer with the report's name, time and
 * "page i / n" on every page. Reports describe content; this lays it out.
 * The creation date is the report's own generation time, so the same data
 * at the same time gives the same document.
 */
export class ReportPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly bytes: Promise<Buffer>;

  constructor(private readonly options: ReportPdfOptions) {
    const fonts = reportFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      info: { Title: options.title, Author: 'orderwatch', Creator: 'orderwatch', CreationDate: new Date(options.generatedAt) },
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.bytes = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.registerFont(REGULAR, fonts.regular);
    this.doc.registerFont(BOLD, fonts.bold);
    const reuse = sharedFaces !== undefined;
    if (reuse) shareFonts(this.doc, [REGULAR, BOLD]);
    this.doc.font(BOLD).fontSize(20).fillColor(INK).text(options.title);
    if (options.subtitle) this.doc.font(REGULAR).fontSize(11).fillColor(MUTED).text(options.subtitle);
    this.doc
      .font(REGULAR)
      .fontSize(9)
      .fillColor(MUTED)
      .text(`生成时间 ${formatShanghai(options.generatedAt)}（北京时间）${options.generatedBy ? `\u3000生成人 ${options.generatedBy}` : ''}`);
    if (!reuse) shareFonts(this.doc, [REGULAR, BOLD]);
    this.doc.moveDown(0.6);
  }

  /** The width between the margins, in points. */
  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** ensureSpace starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** heading starts a numbered section: bold, with a rule under it; it never sits alone at a page's foot. */
  heading(text: string): void {
    this.ensureSpace(90);
    this.doc.moveDown(0.5);
    this.doc.font(BOLD).fontSize(14).fillColor(ACCENT).text(text, MARGIN.left, this.doc.y);
    const y = this.doc.y + 2;
    this.doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + this.width, y).lineWidth(0.8).strokeColor(ACCENT).stroke();
    this.doc.y = y + 6;
    this.doc.fillColor(INK);
  }

  /** subheading is a smaller bold line inside a section. */
  subheading(text: string): void {
    this.ensureSpace(50);
    this.doc.moveDown(0.3);
    this.doc.font(BOLD).fontSize(11).fillColor(INK).text(text, MARGIN.left, this.doc.y);
    this.doc.moveDown(0.2);
  }

  /** paragraph writes wrapped text across the page. */
  paragraph(text: string, style: { readonly size?: number; readonly color?: string; readonly bold?: boolean } = {}): void {
    this.doc
      .font(style.bold ? BOLD : REGULAR)
      .fontSize(style.size ?? 10)
      .fillColor(style.color ?? INK)
      .text(text, MARGIN.left, this.doc.y, { width: this.width });
    this.doc.fillColor(INK);
  }

  /** note writes a small grey remark (where the data stops, what was left out). */
  note(text: string): void {
    this.paragraph(text, { size: 8.5, color: MUTED });
    this.doc.moveDown(0.2);
  }

  /** keyValues writes label/value pairs in two columns of pairs. */
  keyValues(pairs: ReadonlyArray<readonly [string, string]>): void {
    const half = this.width / 2;
    const labelWidth = 78;
    this.doc.fontSize(9.5);
    for (let i = 0; i < pairs.length; i += 2) {
      const row = pairs.slice(i, i + 2);
      const heights = row.map(([label, value]) =>
        Math.max(this.doc.font(BOLD).heightOfString(label, { width: labelWidth }), this.doc.font(REGULAR).heightOfString(value || '—', { width: half - labelWidth - 8 })),
      );
      const h = Math.max(...heights) + 4;
      this.ensureSpace(h);
      const y = this.doc.y;
      row.forEach(([label, value], k) => {
        const x = MARGIN.left + k * half;
        this.doc.font(BOLD).fillColor(MUTED).text(label, x, y, { width: labelWidth });
        this.doc.font(REGULAR).fillColor(INK).text(value || '—', x + labelWidth, y, { width: half - labelWidth - 8 });
      });
      this.doc.y = y + h;
    }
    this.doc.x = MARGIN.left;
    this.doc.moveDown(0.3);
  }

  /**
   * table draws rows under a header; a row that does not fit goes to the
   * next page with the header repeated. Cells wrap; rows alternate shading.
   */
  table(columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>, options: { readonly fontSize?: number } = {}): void {
    const size = options.fontSize ?? 8.5;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 4;
    const measure = (cells: readonly string[], font: string): number => {
      this.doc.font(font).fontSize(size);
      return Math.max(...cells.map((cell, i) => this.doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (cells: readonly string[], font: string, fill: string | undefined, color: string): void => {
      const h = measure(cells, font);
      const y = this.doc.y;
      if (fill) this.doc.rect(MARGIN.left, y, this.width, h).fill(fill);
      let x = MARGIN.left;
      this.doc.font(font).fontSize(size).fillColor(color);
      cells.forEach((cell, i) => {
        this.doc.text(cell || '', x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]?.align ?? 'left' });
        x += widths[i]!;
      });
      this.doc.moveTo(MARGIN.left, y + h).lineTo(MARGIN.left + this.width, y + h).lineWidth(0.4).strokeColor(RULE).stroke();
      this.doc.y = y + h;
    };
    const header = columns.map((c) => c.header);
    const headerHeight = measure(header, BOLD);
    this.ensureSpace(headerHeight + (rows[0] ? measure(rows[0], REGULAR) : 0));
    drawRow(header, BOLD, HEADER_FILL, INK);
    rows.forEach((row, i) => {
      const h = measure(row, REGULAR);
      if (this.doc.y + h > this.bottom) {
        this.doc.addPage();
        drawRow(header, BOLD, HEADER_FILL, INK);
      }
      drawRow(row, REGULAR, i % 2 === 1 ? ZEBRA_FILL : undefined, INK);
    });
    this.doc.x = MARGIN.left;
    this.doc.fillColor(INK);
    this.doc.moveDown(0.4);
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
    this.doc.moveDown(0.3);
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

  /** attach embeds a file (e.g. a PDF a customer sent) in the document, listed in the reader's attachments panel. */
  attach(bytes: Uint8Array, name: string, contentType: string, description: string): void {
    this.doc.file(Buffer.from(bytes), { name, type: contentType, description, creationDate: new Date(this.options.generatedAt), modifiedDate: new Date(this.options.generatedAt) });
  }

  /** space moves down by `lines` lines of the current font. */
  space(lines = 0.5): void {
    this.doc.moveDown(lines);
  }

  /** finish writes every page's footer and returns the document's bytes. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Writing below the bottom margin would start a new page: lift it while drawing the footer.
      const margins = this.doc.page.margins;
      this.doc.page.margins = { ...margins, bottom: 0 };
      const y = this.doc.page.height - MARGIN.bottom + 20;
      this.doc.moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + this.width, y - 6).lineWidth(0.4).strokeColor(RULE).stroke();
      this.doc.font(REGULAR).fontSize(8).fillColor(MUTED);
      this.doc.text(`${this.options.title} · orderwatch · ${formatShanghai(this.options.generatedAt)}`, MARGIN.left, y, { width: this.width * 0.75, lineBreak: false });
      this.doc.text(`第 ${i - range.start + 1} / ${range.count} 页`, MARGIN.left + this.width * 0.75, y, { width: this.width * 0.25, align: 'right', lineBreak: false });
      this.doc.page.margins = margins;
    }
    this.doc.end();
    return this.bytes;
  }
}
