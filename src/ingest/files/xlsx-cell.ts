import type { Cell, CellValue } from 'exceljs';

/**
 * xlsxCellText renders one worksheet cell as the text the sheet shows:
 * strings as they are, integers in full (never with an exponent), dates as
 * "yyyy-MM-dd HH:mm:ss" wall-clock time, rich text and hyperlinks as their
 * text, formulas as their cached result, errors as their code ("#N/A").
 */
export function xlsxCellText(cell: Pick<Cell, 'value' | 'numFmt'>): string {
  return valueText(cell.value, cell.numFmt);
}

function valueText(value: CellValue | { sharedString: number }, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return wallClockText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return valueText(value.text, numFmt);
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    // The streaming reader leaves a formula's date result as an Excel serial number.
    if (typeof result === 'number' && isDateFormat(numFmt)) return wallClockText(excelSerialToDate(result));
    return valueText(result, numFmt);
  }
  return '';
}

/** Integers print in full: 3921874561234567890 rather than 3.921874561234568e+18. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
}

/**
 * exceljs hands out a sheet's date as a Date whose UTC fields are the sheet's
 * wall-clock time (a sheet has no time zone), so the UTC fields are printed.
 */
function wallClockText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  // Serial day fractions carry float noise: 10:00:00 can arrive as 09:59:59.999.
  const d = new Date(Math.round(date.getTime() / 1000) * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare);
}
