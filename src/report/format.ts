import { formatYuan } from '../domain/money.js';
import { formatShanghai, type Instant } from '../domain/time.js';

/** when shows an instant to the minute in Beijing time ("2026-11-11 10:05"), or "—". */
export function when(at: Instant | undefined): string {
  return at === undefined ? '—' : formatShanghai(at).slice(0, 16);
}

/**
 * span shows a duration the way people say it: "45 分钟", "3.5 小时", "2 天 4 小时".
 * It rounds first and splits after, so 4 days 23.6 hours reads "5 天", never
 * "4 天 24 小时", and 59.7 minutes "1.0 小时", never "60 分钟".
 */
export function span(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  if (minutes < 60) return `${sign}${minutes} 分钟`;
  const exact = abs / 3_600_000;
  if (exact < 10 && Math.round(exact * 10) < 100) return `${sign}${(Math.round(exact * 10) / 10).toFixed(1)} 小时`;
  const wholeHours = Math.round(exact);
  if (wholeHours < 48) return `${sign}${wholeHours} 小时`;
  const days = Math.floor(wholeHours / 24);
  const rest = wholeHours - days * 24;
  return `${sign}${days} 天${rest > 0 ? ` ${rest} 小时` : ''}`;
}

/** hours is a duration in hours with one decimal, for tables and charts (null stays null). */
export function hours(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? null : Math.round(ms / 360_000) / 10;
}

/** yuan shows an amount in fen as "¥199.00". */
export function yuan(fen: number | undefined): string {
  return fen === undefined ? '—' : `¥${formatYuan(fen)}`;
}

/** percent shows a share (0..1) as "12.3%", or "—" when there is nothing to divide. */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** ratio is a / b, or null when b is 0. */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** clip shortens a text for a table cell, marking the cut. */
export function clip(text: string | undefined, max: number): string {
  if (!text) return '';
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
