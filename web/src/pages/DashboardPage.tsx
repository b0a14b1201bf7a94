import { ReloadOutlined } from '@ant-design/icons';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Grid, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { EChart, type ChartClick } from '../components/EChart';
import { duration, percent } from '../format';
import { useI18n } from '../i18n';
import { GRADE_COLORS, GRADES, label, splitLabel } from '../labels';
import { navigate, useLocation } from '../router';
import { useApi } from '../use-api';

type Split = 'channel' | 'stage' | 'grade' | 'region';

/** Where is a split that answers "where is the trouble": top-N rows of GET /dashboard `splits.warehouse|sku|carrier|shop`. */
type Where = 'warehouse' | 'sku' | 'carrier' | 'shop';

/** WhereRow is one warehouse, SKU, carrier or shop with its delayed orders (label in words). */
interface WhereRow {
  readonly key: string;
  /** The value in words (one carrier, one name; a SKU with its product; a shop with its channel). */
  readonly label?: string | { zh: string; en: string };
  /** The SKU's product title (sku split). */
  readonly title?: string;
  readonly delayed: number;
  readonly atRisk?: number;
  readonly orders?: number;
  readonly share?: number | null;
  readonly today?: number;
  readonly yesterday?: number;
}

/** Trend is GET /dashboard. */
export interface Trend {
  readonly now: string;
  readonly days: string[];
  readonly total: number[];
  readonly splits: Record<Split, Array<{ key: string; total: number; perDay: number[] }>> & Partial<Record<Where, WhereRow[]>>;
  /** Today's figures against yesterday's, where the server gives them. */
  readonly compare?: { today: Record<string, number | string>; yesterday: Record<string, number | string> };
}

const WHERE: readonly Where[] = ['warehouse', 'sku', 'carrier', 'shop'];

/** DurationStats is how long incidents took over every incident of the period, still-running ones counted as running (the server's definition). */
interface DurationStats {
  readonly n: number;
  readonly running: number;
  readonly onTimeShare: number | null;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  readonly medianAtLeast: boolean;
  readonly p90AtLeast: boolean;
}

interface Kpis {
  readonly openByGrade: Record<string, number>;
  readonly open: number;
  readonly breached: number;
  readonly opened: number;
  readonly acknowledge: DurationStats;
  readonly resolve: DurationStats;
  readonly closed: number;
  readonly falseAlarms: number;
  readonly falseAlarmShare: number | null;
}

/** atLeast shows a quantile that running incidents hold up as "≥ 3 天". */
function atLeast(ms: number | null, bound: boolean, lang: 'zh' | 'en'): string {
  return ms === null ? '—' : `${bound ? '≥ ' : ''}${duration(ms, lang)}`;
}

const TOP = 8;

const WHERE_WORDS = { warehouse: 'byWarehouse', sku: 'bySku', carrier: 'byCarrier', shop: 'byShop' } as const;

/** COMPARE_WORDS name the figures of today against yesterday. */
const COMPARE_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  delayed: { zh: '延迟订单', en: 'Delayed orders' },
  atRisk: { zh: '有风险订单', en: 'Orders at risk' },
  opened: { zh: '新增事件', en: 'Incidents opened' },
  breached: { zh: '响应超时', en: 'Breached' },
  orders: { zh: '订单', en: 'Orders' },
  closed: { zh: '已关闭事件', en: 'Incidents closed' },
  gradeA: { zh: 'A 级事件', en: 'Grade A incidents' },
  incidentsOpened: { zh: '新增事件', en: 'Incidents opened' },
};

/** whereName names a warehouse, SKU (with its product), carrier (one name) or shop (`channel:shop`) for people. */
function whereName(where: Where, r: WhereRow, lang: 'zh' | 'en'): string {
  if (r.label) return typeof r.label === 'string' ? r.label : r.label[lang];
  if (!r.key) return lang === 'zh' ? '未知' : 'unknown';
  if (where === 'sku') return r.title ? `${r.title}（${r.key}）` : r.key;
  if (where === 'shop' && r.key.includes(':')) {
    const [channel = '', ...shop] = r.key.split(':');
    return `${splitLabel('channel', channel, lang)} · ${shop.join(':')}`;
  }
  return splitLabel(where, r.key, lang);
}
const PALETTE = ['#1664ff', '#14c9c9', '#78d3f8', '#9a6ef7', '#f5a623', '#f76965', '#45c27e', '#ff9a2e', '#b5bdc9'];

/** seriesOf keeps the largest values of a split and folds the rest into one "other" series. */
function seriesOf(trend: Trend, split: Split, lang: 'zh' | 'en') {
  const all = trend.splits[split];
  const top = split === 'grade' ? all : all.slice(0, TOP);
  const rest = split === 'grade' ? [] : all.slice(TOP);
  const series = top.map((s, i) => ({ key: s.key, name: splitLabel(split, s.key, lang), data: s.perDay, color: (split === 'grade' ? GRADE_COLORS[s.key] : PALETTE[i % PALETTE.length]) ?? '#b5bdc9' }));
  if (rest.length > 0) series.push({ key: '', name: lang === 'zh' ? '其他' : 'other', data: trend.days.map((_d, i) => rest.reduce((n, s) => n + (s.perDay[i] ?? 0), 0)), color: '#b5bdc9' });
  return series;
}

/** DashboardPage shows delayed orders per day split four ways, and the response KPIs; clicks drill down to the orders. */
export function DashboardPage() {
  const { t, lang } = useI18n();
  const { params } = useLocation();
  const days = Number(params.get('days') ?? 30);
  const [split, setSplit] = useState<Split>((params.get('split') as Split | null) ?? 'channel');
  const trend = useApi<Trend>(`/dashboard?days=${days}`);
  const kpis = useApi<Kpis>(`/dashboard/kpis?days=${days}`);
  const series = useMemo(() => (trend.data ? seriesOf(trend.data, split, lang) : []), [trend.data, split, lang]);
  const phone = Grid.useBreakpoint().md === false;
  const [where, setWhere] = useState<Where>((params.get('where') as Where | null) ?? 'warehouse');
  const whereRows = trend.data?.splits[where];
  const hasWhere = WHERE.some((w) => trend.data?.splits[w] !== undefined);
  const queue = (q: string) => navigate(`/incidents?${q}`);
  const drill = (filter: Record<string, string>) => navigate(`/dashboard/orders?${new URLSearchParams({ days: String(days), ...filter }).toString()}`);

  const barOption = useMemo(
    () =>
      trend.data && {
        color: series.map((s) => s.color),
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: trend.data.days.map((d) => d.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'delayed', emphasis: { focus: 'series' }, data: s.data, barMaxWidth: 28 })),
      },
    [trend.data, series],
  );
  const pieOption = useMemo(
    () =>
      trend.data && {
        color: series.map((s) => s.color),
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        series: [
          {
            type: 'pie',
            radius: ['34%', '58%'],
            center: ['50%', '54%'],
            // Labels sit at the chart's edges, so long names (淘宝/天猫, 黑龙江省) are not cut off.
            label: { formatter: '{b}\n{c}', alignTo: 'edge', edgeDistance: 8, lineHeight: 16 },
            labelLine: { length: 10, length2: 0, maxSurfaceAngle: 80 },
            data: series.map((s) => ({ name: s.name, value: s.data.reduce((a, b) => a + b, 0) })),
          },
        ],
      },
    [trend.data, series],
  );
  const totalDelayed = trend.data?.total.reduce((a, b) => a + b, 0) ?? 0;
  const onBar = (e: ChartClick) => {
    const s = series.find((x) => x.name === e.seriesName);
    const day = trend.data?.days[e.dataIndex];
    if (!day) return;
    drill({ day, ...(s && s.key !== '' ? { [split]: s.key } : {}) });
  };
  const onSlice = (e: ChartClick) => {
    const s = series[e.dataIndex];
    if (s) drill(s.key !== '' ? { [split]: s.key } : {});
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('navDashboard')}
        </Typography.Title>
        <label htmlFor="period">{t('period')}</label>
        <Select
          id="period"
          aria-label={t('period')}
          value={days}
          style={{ width: 130 }}
          onChange={(v) => navigate(`/?days=${v}&split=${split}`, true)}
          options={[7, 14, 30, 60, 90].map((n) => ({ value: n, label: t('lastDays', { n }) }))}
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            trend.reload();
            kpis.reload();
          }}
        >
          {t('refresh')}
        </Button>
      </Space>
      {(trend.error || kpis.error) && <Alert type="error" showIcon title={(trend.error ?? kpis.error)!.message} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" loading={!kpis.data} hoverable onClick={() => queue('tab=open')} data-testid="kpi-open">
            <Statistic title={t('kpiOpenIncidents')} value={kpis.data?.open ?? 0} />
            <Space size={4} wrap>
              {(['A', 'B', 'C', 'D'] as const).map((g) => (
                <Tag
                  key={g}
                  color={GRADE_COLORS[g]}
                  style={{ color: g === 'C' ? '#000' : undefined, cursor: 'pointer' }}
                  data-testid={`kpi-grade-${g}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    queue(g === 'A' || g === 'B' ? `tab=${g}` : `tab=all&grade=${g}`);
                  }}
                >
                  {label(GRADES, g, lang)}: {kpis.data?.openByGrade[g] ?? 0}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card size="small" loading={!kpis.data} hoverable onClick={() => queue('tab=breached')} data-testid="kpi-breached">
            <Statistic title={t('kpiBreached')} value={kpis.data?.breached ?? 0} valueStyle={{ color: (kpis.data?.breached ?? 0) > 0 ? '#cf1322' : undefined }} />
            <Typography.Text type="secondary">{t('kpiOpenedInPeriod')}: {kpis.data?.opened ?? 0}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Card size="small" loading={!kpis.data}>
            <Statistic title={t('kpiMtta')} value={atLeast(kpis.data?.acknowledge.medianMs ?? null, kpis.data?.acknowledge.medianAtLeast ?? false, lang)} />
            <Typography.Text type="secondary">
              {t('kpiP90', { v: atLeast(kpis.data?.acknowledge.p90Ms ?? null, kpis.data?.acknowledge.p90AtLeast ?? false, lang) })} · {t('kpiOnTime', { p: percent(kpis.data?.acknowledge.onTimeShare) })}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">{t('kpiBasis', { n: kpis.data?.acknowledge.n ?? 0, r: kpis.data?.acknowledge.running ?? 0 })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Card size="small" loading={!kpis.data}>
            <Statistic title={t('kpiMttr')} value={atLeast(kpis.data?.resolve.medianMs ?? null, kpis.data?.resolve.medianAtLeast ?? false, lang)} />
            <Typography.Text type="secondary">{t('kpiP90', { v: atLeast(kpis.data?.resolve.p90Ms ?? null, kpis.data?.resolve.p90AtLeast ?? false, lang) })}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{t('kpiBasis', { n: kpis.data?.resolve.n ?? 0, r: kpis.data?.resolve.running ?? 0 })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card size="small" loading={!kpis.data}>
            <Statistic title={t('kpiFalseAlarm')} value={percent(kpis.data?.falseAlarmShare)} />
            <Typography.Text type="secondary">{t('kpiOf', { a: kpis.data?.falseAlarms ?? 0, b: kpis.data?.closed ?? 0 })}</Typography.Text>
          </Card>
        </Col>
      </Row>
      {trend.data?.compare && (
        <Card size="small" title={t('todayVsYesterday')} data-testid="compare">
          <Space wrap size={[24, 8]}>
            {Object.entries(trend.data.compare.today).flatMap(([k, v]) => {
              if (typeof v !== 'number') return [];
              const b = trend.data!.compare!.yesterday[k];
              const before = typeof b === 'number' ? b : 0;
              const up = v > before;
              return (
                <Statistic
                  key={k}
                  title={label(COMPARE_WORDS, k, lang)}
                  value={v}
                  suffix={
                    <Typography.Text type={up ? 'danger' : 'success'} style={{ fontSize: 13 }}>
                      {up ? '▲' : v < before ? '▼' : '＝'} {t('yesterdayN', { n: before })}
                    </Typography.Text>
                  }
                />
              );
            })}
          </Space>
        </Card>
      )}
      {hasWhere && (
        <Card
          size="small"
          data-testid="where-card"
          title={t('whereTitle')}
          extra={
            <Space wrap>
              <Segmented<Where> value={where} onChange={setWhere} options={WHERE.map((w) => ({ value: w, label: t(WHERE_WORDS[w]) }))} data-testid="where-split" />
              <Button size="small" icon={<DownloadOutlined />} href={`/api/v1/reports/export/delayed-orders?days=${days}&format=xlsx`}>
                {t('export')}
              </Button>
            </Space>
          }
        >
          <Table<WhereRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={whereRows ?? []}
            onRow={(r) => ({ onClick: () => drill({ [where]: r.key }), style: { cursor: 'pointer' }, 'data-where': r.key }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t(WHERE_WORDS[where]), dataIndex: 'key', render: (k: string, r) => <a onClick={(e) => e.preventDefault()}>{whereName(where, r, lang)}</a> },
              { title: t('delayedOrders'), dataIndex: 'delayed', align: 'right' },
              { title: t('share'), dataIndex: 'share', align: 'right', render: (v: number | null | undefined, r) => percent(v ?? (totalDelayed > 0 ? r.delayed / totalDelayed : null)) },
              ...(phone
                ? []
                : [
                    { title: t('atRisk'), dataIndex: 'atRisk', align: 'right' as const, render: (v?: number) => v ?? '—' },
                    { title: t('today'), dataIndex: 'today', align: 'right' as const, render: (v?: number) => v ?? '—' },
                    { title: t('yesterday'), dataIndex: 'yesterday', align: 'right' as const, render: (v?: number) => v ?? '—' },
                  ]),
            ]}
          />
        </Card>
      )}
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{t('delayTrend')}</span>
            <Tag color="blue" data-testid="delayed-total">
              {t('totalDelayed')}: {totalDelayed}
            </Tag>
          </Space>
        }
        extra={
          <Space>
            <span id="split-label">{t('splitBy')}</span>
            <Segmented
              aria-labelledby="split-label"
              value={split}
              onChange={(v) => setSplit(v as Split)}
              options={[
                { value: 'channel', label: t('byChannel') },
                { value: 'stage', label: t('byStage') },
                { value: 'grade', label: t('byGrade') },
                { value: 'region', label: t('byRegion') },
              ]}
            />
          </Space>
        }
        loading={!trend.data}
      >
        <Typography.Text type="secondary">{t('delayTrendHint')}</Typography.Text>
        <Row gutter={12}>
          <Col xs={24} lg={16}>
            {barOption && <EChart option={barOption} height={340} onClick={onBar} label={`${t('delayTrend')}: ${totalDelayed}`} testId="trend-chart" />}
          </Col>
          <Col xs={24} lg={8}>
            {pieOption && <EChart option={pieOption} height={340} onClick={onSlice} label={`${t('splitBy')}: ${t(split === 'channel' ? 'byChannel' : split === 'stage' ? 'byStage' : split === 'grade' ? 'byGrade' : 'byRegion')}`} testId="split-chart" />}
          </Col>
        </Row>
      </Card>
    </Space>
  );
}
