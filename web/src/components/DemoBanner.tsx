import { Alert, Progress } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { demoPercent, type DemoProgress } from '../demo-progress';
import { useI18n } from '../i18n';

const MANAGERS = ['admin', 'supervisor', 'ops_manager', 'executive'];

/**
 * DemoBanner says "正在载入演示数据… N%" while the server loads the demo
 * business in the background (GET /worker: a worker's heartbeat carries
 * `demo` progress), and goes away when it is done. Only roles that may read
 * the worker status ask; it polls every 3 s until the demo is done.
 */
export function DemoBanner({ role }: { role: string }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<DemoProgress>();
  useEffect(() => {
    if (!MANAGERS.includes(role)) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const r = await api<{ workers: Array<{ demo?: DemoProgress }> }>('/worker');
        const demo = r.workers.map((w) => w.demo).find((d) => d !== undefined);
        if (stopped) return;
        setProgress(demo);
        if (demo && demo.phase !== 'done') timer = setTimeout(() => void poll(), 3000);
      } catch {
        // No worker status for this server: no banner.
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [role]);
  if (!progress || progress.phase === 'done') return null;
  const p = demoPercent(progress);
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="demo-banner"
      title={t('demoLoading', { p })}
      description={
        <>
          {t('demoLoadingDetail')}
          <Progress percent={p} size="small" showInfo={false} />
        </>
      }
    />
  );
}
