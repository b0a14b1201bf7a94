import type { DurationStats } from '../store/incident-timings.js';
import { percent, span } from './format.js';

/** quantileText shows a median or P90, "> 3 天" when still-running incidents hold it up (the true value is at least that). */
export function quantileText(ms: number | null, atLeast: boolean): string {
  if (ms === null) return '—';
  return `${atLeast ? '≥ ' : ''}${span(ms)}`;
}

/** count writes a count with thousands separators: 1,365. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * statsText says a time-to-acknowledge or time-to-resolve figure with its
 * basis, so no one reads a mean of a lucky few: "中位 2.5 小时，P90 ≥ 3 天；
 * 按时 40.0%（n=1,365，其中 1,358 个仍未确认，计至今）".
 */
export function statsText(s: DurationStats, verb: '确认' | '解决'): string {
  if (s.n === 0) return `本期没有事件（n=0）`;
  const basis = [`n=${count(s.n)}`];
  if (s.running > 0) basis.push(`其中 ${count(s.running)} 个仍未${verb}，按至今计`);
  if (s.excluded > 0) basis.push(`另 ${count(s.excluded)} 个未经${verb}即已自动消除，不计入`);
  const onTime = s.deadlines > 0 ? `；按时${verb} ${percent(s.onTimeShare)}（${count(s.onTime)}/${count(s.onTime + s.late)}${s.undecided > 0 ? `，${count(s.undecided)} 个未到时限` : ''}）` : '';
  return `中位 ${quantileText(s.medianMs, s.medianAtLeast)}，P90 ${quantileText(s.p90Ms, s.p90AtLeast)}${onTime}（${basis.join('；')}）`;
}
