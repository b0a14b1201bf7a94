import { parseFen, parseYuan, type Fen } from '../../domain/money.js';
import { BUSINESS_UTC_OFFSET_MS, DAY_MS, parseShanghaiTime, parseUnixSeconds, type Instant } from '../../domain/time.js';
import { TEXT_LIMIT } from '../record-reader.js';
import type { ValueKind } from './profile.js';

/**
 * headerKey is the form headers and status texts are compared in: NFKC
 * (full-width letters, digits, spaces and punctuation become half-width, so
 * "买家已付款，等待卖家发货" equals "买家已付款,等待卖家发货"), without any
 * whitespace or byte-order mark, without a trailing colon, lower-cased.
 */
export function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s\ufeff]+/g, '').replace(/:+$/, '').toLowerCase();
}

/**
 * PROTECTED_NUMBER is an apostrophe-protected number or code ('13812345678,
 * '138****5678, 'SF1234567890): free text that starts with an apostrophe keeps it.
 */
const PROTECTED_NUMBER = /^'[0-9A-Za-z+*#$-]+$/;

/**
 * cleanCell undoes what spreadsheets do to a cell: surrounding spaces
 * (including full-width and non-breaking ones, and tabs), the Excel
 * protection of long numbers `="3921874561234567890"`, and a leading
 * apostrophe on a number or code (`'13812345678`).
 */
export function cleanCell(text: string): string {
  let cell = trimAll(text);
  const formula = /^=\s*"(.*)"$/s.exec(cell);
  if (formula) cell = trimAll(formula[1]!);
  if (PROTECTED_NUMBER.test(cell)) cell = trimAll(cell.slice(1));
  return cell;
}

function trimAll(text: string): string {
  return text.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g, '');
}

/** BLANK_VALUES are what exports put in an empty typed cell (Taobao writes "null" for an unpaid order's pay time). */
const BLANK_VALUES = new Set(['', 'null', 'NULL', '-', '--', '—']);

/** isBlankTyped tells whether a cleaned cell of an amount, time or integer column means "no value". */
export function isBlankTyped(cell: string): boolean {
  return BLANK_VALUES.has(cell);
}

/** CellValue is a typed cell: its value, or why the text is not one. */
export type CellValue<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** readText checks a cleaned text cell: blank is no value (an error when required), and text longer than `max` is refused. */
export function readText(cell: string, options: { readonly required?: boolean; readonly max?: number } = {}): CellValue<string | undefined> {
  if (cell === '') return options.required ? { ok: false, message: 'is required' } : { ok: true, value: undefined };
  const max = options.max ?? TEXT_LIMIT;
  return cell.length > max ? { ok: false, message: `is too long (${cell.length} characters, at most ${max})` } : { ok: true, value: cell };
}

/** EXCEL_EPOCH_MS is Excel's day zero (1899-12-30) as a UTC instant; its serial dates count local days from it. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * readTime reads a time cell: "yyyy-MM-dd HH:mm:ss" (also "/" separators,
 * no seconds, a date alone) or an Excel serial date such as 46337.5, both as
 * Asia/Shanghai local time; or unix seconds when the column says so.
 */
export function readTime(cell: string, kind: ValueKind): CellValue<Instant> {
  if (kind === 'unix_seconds') {
    const at = parseUnixSeconds(cell);
    return at === undefined ? { ok: false, message: `must be unix seconds, got "${short(cell)}"` } : { ok: true, value: at };
  }
  const at = parseShanghaiTime(cell) ?? withOffset(cell) ?? excelSerial(cell);
  return at === undefined ? { ok: false, message: `must be a time like "2026-11-11 10:00:00", got "${short(cell)}"` } : { ok: true, value: at };
}

/** withOffset reads a time that carries its own UTC offset ("2026-11-11 10:00:00 -0500", Shopify's export): the offset wins over Shanghai. */
function withOffset(cell: string): Instant | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*([+-])(\d{2}):?(\d{2})$/.exec(cell.trim());
  if (!m) return undefined;
  const at = Date.parse(`${m[1]}T${m[2]!.length === 5 ? `${m[2]}:00` : m[2]}${m[3]}${m[4]}:${m[5]}`);
  return Number.isFinite(at) ? at : undefined;
}

function excelSerial(cell: string): Instant | undefined {
  if (!/^\d{5}(\.\d+)?$/.test(cell)) return undefined;
  const days = Number(cell);
  if (days < 20000 || days > 80000) return undefined;
  return EXCEL_EPOCH_MS + Math.round(days * DAY_MS) - BUSINESS_UTC_OFFSET_MS;
}

/** readAmount reads an amount cell: yuan "1,299.00", "¥12.3", "12.30元", or integer fen when the column says so. */
export function readAmount(cell: string, kind: ValueKind): CellValue<Fen> {
  if (kind === 'fen') {
    const fen = parseFen(cell);
    return fen === undefined ? { ok: false, message: `must be an integer amount in fen, got "${short(cell)}"` } : { ok: true, value: fen };
  }
  const fen = parseYuan(cell.replace(/元$/, ''));
  return fen === undefined ? { ok: false, message: `must be an amount in yuan like "12.30", got "${short(cell)}"` } : { ok: true, value: fen };
}

/** readInteger reads a whole number cell ("2", "2.0" as Excel writes it). */
export function readInteger(cell: string): CellValue<number> {
  const m = /^(-?\d{1,9})(?:\.0+)?$/.exec(cell);
  return m ? { ok: true, value: Number(m[1]) } : { ok: false, message: `must be a whole number, got "${short(cell)}"` };
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
