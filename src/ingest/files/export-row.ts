import type { FieldError } from '../../domain/ingest-result.js';
import type { ExportRow } from '../adapter.js';

/** ROW_FIELD is the field named by errors about a whole CSV/XLSX row. */
export const ROW_FIELD = '(row)';

/**
 * headerNames turns a header row into column names: trimmed (spaces,
 * full-width spaces, a BOM), trailing empty columns dropped, an empty name in
 * the middle called "(column N)", and a repeated name given a suffix " (2)",
 * " (3)" so that no column is lost.
 */
export function headerNames(cells: readonly string[]): string[] {
  const names = cells.map((cell) => cell.trim());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const seen = new Set<string>();
  return names.map((name, index) => {
    const base = name === '' ? `(column ${index + 1})` : name;
    let unique = base;
    for (let n = 2; seen.has(unique); n += 1) unique = `${base} (${n})`;
    seen.add(unique);
    return unique;
  });
}

const EXCEL_FORMULA_TEXT = /^="(.*)"$/s;
/** What spreadsheet users protect with a leading apostrophe: ids, phone numbers, dates. */
const APOSTROPHE_PROTECTED = /^'([\d\s+\-*#().:/]*\d[\d\s+\-*#().:/]*)$/;

/**
 * cellText is a cell as the user means it: trimmed, with Excel's text
 * protection removed (`="3921874561234567890"` and `'13812345678` both become
 * the bare text). An apostrophe is only removed before number-like text, so a
 * message that happens to start with one is kept as written.
 */
export function cellText(raw: string): string {
  const text = raw.trim();
  if (text.length < 2) return text;
  const first = text.charCodeAt(0);
  if (first === 0x3d /* = */) {
    const formula = EXCEL_FORMULA_TEXT.exec(text);
    if (formula) return (formula[1] ?? '').replaceAll('""', '"').trim();
  } else if (first === 0x27 /* ' */) {
    const protectedText = APOSTROPHE_PROTECTED.exec(text);
    if (protectedText) return (protectedText[1] ?? '').trim();
  }
  return text;
}

/** isBlankRow tells whether every cell of a row is empty or whitespace. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * toExportRow pairs a data row's cells with the column names. Missing cells
 * read as ''; extra cells are an error unless they are all blank (trailing
 * delimiters that spreadsheets like to add).
 */
export function toExportRow(
  headers: readonly string[],
  cells: readonly string[],
): { readonly row: ExportRow } | { readonly error: FieldError } {
  if (cells.length > headers.length && !isBlankRow(cells.slice(headers.length))) {
    return {
      error: {
        field: ROW_FIELD,
        message: `has ${cells.length} cells but the header has ${headers.length} columns (a delimiter inside an unquoted cell?)`,
      },
    };
  }
  return { row: Object.fromEntries(headers.map((name, i) => [name, cellText(cells[i] ?? '')])) };
}
