import ExcelJS from 'exceljs';
import { maskerFor, SHARED_DOCUMENT } from '../domain/masking.js';

/** ExportFormat is a spreadsheet format people open: CSV (UTF-8 with BOM, so Excel reads the Chinese) or XLSX. */
export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

/** ExportColumn is one column of an exported list: its header and how a row gives its cell. */
export interface ExportColumn<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | null | undefined;
  /** Width in characters in XLSX (default from the header). */
  readonly width?: number;
}

/** ExportedFile is a list written out, with what to call it on the wire. */
export interface ExportedFile {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly extension: ExportFormat;
}

/**
 * A cell a spreadsheet could run as a formula (CSV injection): one that
 * starts, after any blanks or quotes, with = + - @ (or their fullwidth
 * forms, which spreadsheets in Chinese locales read as the same), a tab or a
 * line break. It is written with a leading apostrophe, which spreadsheets
 * show as text.
 */
const FORMULA_START = /^[\s"'\u3000]*[=+\-@＝＋－＠\t\r\n]/;
/** Separators a spreadsheet may split a CSV line on besides the comma (a locale's `;`, tab, `|`): a cell holding one is quoted, so no part of it becomes a cell of its own. */
const NEEDS_QUOTES = /[",;\t|\r\n；]/;

/** neutralise makes a text cell inert in any spreadsheet. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Exports leave orderwatch as files people forward: whoever asked, they
 * carry customers' data as a shared document may (phones masked, also in
 * free text).
 */
const exportMask = maskerFor(SHARED_DOCUMENT);

function cellText(value: string): string {
  return neutralise(exportMask.text(value));
}

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = cellText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * exportTable writes rows as CSV (RFC 4180, CRLF, UTF-8 BOM) or XLSX (a
 * bold frozen header, numbers as numbers). Text that a spreadsheet would run
 * as a formula is written as text, and phones in any text are masked.
 */
export async function exportTable<T>(columns: ReadonlyArray<ExportColumn<T>>, rows: readonly T[], format: ExportFormat, sheetName = 'orderwatch'): Promise<ExportedFile> {
  if (format === 'csv') {
    const lines = [columns.map((c) => csvCell(c.header)).join(','), ...rows.map((r) => columns.map((c) => csvCell(c.value(r))).join(','))];
    return { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'orderwatch';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, [...c.header].length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(r);
        if (v === null || v === undefined) return null;
        return typeof v === 'string' ? cellText(v) : v;
      }),
    );
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
}
