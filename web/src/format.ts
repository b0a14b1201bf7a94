const SHANGHAI = 'Asia/Shanghai';

/** time shows an instant in Beijing time: `2026-11-11 10:00`. */
export function time(iso: string | undefined | null, withSeconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: SHANGHAI, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}${withSeconds ? `:${get('second')}` : ''}`;
}

/** yuan shows integer fen as yuan: `199.00`. */
export function yuan(fen: number | undefined | null): string {
  if (fen === undefined || fen === null) return '—';
  return (fen / 100).toFixed(2);
}

/** duration shows milliseconds as `1 h 05 min`, `2 d 3 h` or `45 s`. */
export function duration(ms: number | null | undefined, lang: 'zh' | 'en'): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const u = lang === 'zh' ? { d: '天', h: '小时', m: '分', s: '秒' } : { d: 'd', h: 'h', m: 'min', s: 's' };
  const sep = lang === 'zh' ? '' : ' ';
  if (d > 0) return `${sign}${d}${sep}${u.d} ${h}${sep}${u.h}`;
  if (h > 0) return `${sign}${h}${sep}${u.h} ${String(m).padStart(2, '0')}${sep}${u.m}`;
  if (m > 0) return `${sign}${m}${sep}${u.m} ${String(s).padStart(2, '0')}${sep}${u.s}`;
  return `${sign}${s}${sep}${u.s}`;
}

/** percent shows a share: `5.9 %`. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(1)} %`;
}
