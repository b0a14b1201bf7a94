import { glue, wrapLines } from './text-glue.js';

/** Advance widths at 1 pt by face and text, shared by every document of the process (see TextSetter.widthOf). */
const UNIT_WIDTHS = new Map<string, number>();

/**
 * TextSetter sets a report's text on its pdfkit document: it measures
 * pieces of text, wraps them by the report's rules (text-glue: never inside
 * an id, a number or a date) and draws them line by line, so what is
 * measured is what is drawn. Fonts are named as registered on the document.
 */
export class TextSetter {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private readonly wrapped = new Map<string, string[]>();

  /**
   * widthOf measures a piece of text at 1 pt and scales it: pdfkit lays
   * every string out through fontkit, which is most of a report's time, and
   * a report measures the same characters and ids over and over. Widths are
   * the same in every document (same faces), so they are kept per process.
   */
  widthOf(text: string, font: string, size: number): number {
    const key = `${font}|${text}`;
    let w = UNIT_WIDTHS.get(key);
    if (w === undefined) {
      if (UNIT_WIDTHS.size > 200_000) UNIT_WIDTHS.clear();
      w = this.doc.font(font).fontSize(1).widthOfString(text);
      UNIT_WIDTHS.set(key, w);
    }
    return w * size;
  }

  /** lines wraps a text for a box `width` wide by the report's rules (text-glue): never inside an id, a number or a date. */
  lines(text: string, width: number, font: string, size: number): string[] {
    const key = `${font}|${size}|${width}|${text}`;
    let lines = this.wrapped.get(key);
    if (lines === undefined) {
      lines = wrapLines(glue(text), width, (piece) => this.widthOf(piece, font, size));
      this.wrapped.set(key, lines);
    }
    return lines;
  }

  lineHeight(font: string, size: number): number {
    return this.doc.font(font).fontSize(size).currentLineHeight(true);
  }

  /** blockHeight is how tall `text` is, wrapped into `width`. */
  blockHeight(text: string, width: number, font: string, size: number): number {
    return this.lines(text, width, font, size).length * this.lineHeight(font, size);
  }

  /** block draws `text` wrapped into `width` at (x, y), line by line; returns its height. */
  block(text: string, x: number, y: number, width: number, style: { readonly font: string; readonly size: number; readonly color: string; readonly align?: 'left' | 'right' | 'center' }): number {
    const lines = this.lines(text, width, style.font, style.size);
    const h = this.lineHeight(style.font, style.size);
    // Measure first: measuring may change the document's font size (widthOf), drawing sets it back.
    const offsets = lines.map((line) => {
      if (style.align !== 'right' && style.align !== 'center') return 0;
      const w = this.widthOf(line, style.font, style.size);
      return style.align === 'right' ? Math.max(0, width - w) : Math.max(0, (width - w) / 2);
    });
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color);
    lines.forEach((line, i) => this.doc.text(line, x + offsets[i]!, y + i * h, { lineBreak: false }));
    return lines.length * h;
  }
}
