import { formatYuan, type Fen } from './money.js';

/**
 * CURRENCY_SIGNS are the signs shown before an amount. A currency not listed
 * is shown by its ISO code ("CHF 12.30"), never with a ¥ it does not have.
 */
const CURRENCY_SIGNS: Readonly<Record<string, string>> = {
  CNY: '¥',
  RMB: '¥',
  USD: 'US$',
  CAD: 'CA$',
  AUD: 'A$',
  HKD: 'HK$',
  TWD: 'NT$',
  SGD: 'S$',
  EUR: '€',
  GBP: '£',
};

/** normaliseCurrency upper-cases an ISO 4217 code and reads the mainland's "RMB" as CNY; anything else that is not three letters is CNY. */
export function normaliseCurrency(code: string | undefined): string {
  const c = (code ?? '').trim().toUpperCase();
  if (c === 'RMB' || c === '') return 'CNY';
  return /^[A-Z]{3}$/.test(c) ? c : 'CNY';
}

/**
 * formatMoney renders an amount in its own currency: "¥12.30" for CNY,
 * "US$12.30", "CHF 12.30". Amounts are in the currency's hundredth (fen,
 * cents); currencies without a minor unit are not supported by the model.
 */
export function formatMoney(fen: Fen, currency = 'CNY'): string {
  const code = normaliseCurrency(currency);
  const sign = CURRENCY_SIGNS[code];
  const text = formatYuan(fen);
  const negative = text.startsWith('-');
  const abs = negative ? text.slice(1) : text;
  return `${negative ? '-' : ''}${sign ?? `${code} `}${abs}`;
}
