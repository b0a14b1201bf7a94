/**
 * Fen is an amount in the smallest currency unit (fen for CNY, cents elsewhere),
 * always an integer, so sums never drift the way floating-point yuan do.
 */
export type Fen = number;

const DECIMAL = /^\s*(-)?(\d{1,13})(?:\.(\d{0,2})\d*)?\s*$/;

/**
 * parseYuan converts a decimal yuan amount ("12.30", "12.3", 12.3) to fen, or
 * returns undefined when the text is not a plain decimal number. Digits beyond
 * the second decimal are truncated, as the platforms never send them.
 */
export function parseYuan(value: unknown): Fen | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return Math.round(value * 100);
  }
  if (typeof value !== 'string') return undefined;
  const m = DECIMAL.exec(value.replace(/[,，¥￥]/g, ''));
  if (!m) return undefined;
  const whole = Number(m[2]);
  const frac = Number(((m[3] ?? '') + '00').slice(0, 2));
  const fen = whole * 100 + frac;
  return m[1] ? -fen : fen;
}

/** parseFen reads an integer fen amount given as a number or digit string. */
export function parseFen(value: unknown): Fen | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

/** formatYuan renders fen as a yuan string with two decimals ("12.30"). */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
