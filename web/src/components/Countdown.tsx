import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { duration } from '../format';
import { useI18n } from '../i18n';

let offsetMs = 0;

/** syncClock aligns countdowns with the server's clock (`now` of an API answer). */
export function syncClock(serverNow: string | undefined): void {
  if (!serverNow) return;
  const t = Date.parse(serverNow);
  if (Number.isFinite(t)) offsetMs = t - Date.now();
}

/** serverNow is the server's time as this browser estimates it. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const id = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** Countdown shows the time left to a deadline, ticking each second; past it, how long it is overdue, in red. */
export function Countdown({ deadline, stopped }: { deadline: string | undefined; stopped?: boolean }) {
  const { lang, t } = useI18n();
  const now = useNow(1000);
  if (!deadline) return <span>—</span>;
  const left = Date.parse(deadline) - now;
  if (stopped) return <span style={{ color: '#8c8c8c' }}>{t('acknowledged')}</span>;
  if (left < 0) {
    return (
      <Tag color="red" data-breached="true">
        {t('overdueBy', { d: duration(-left, lang) })}
      </Tag>
    );
  }
  return <span style={{ color: left < 15 * 60_000 ? '#d46b08' : undefined, fontVariantNumeric: 'tabular-nums' }}>{duration(left, lang)}</span>;
}
