import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Grid, List, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { query } from '../api';
import { duration, percent, time } from '../format';
import { useI18n } from '../i18n';
import { CALLBACK_STATES, CHANNELS, label, ROOT_CAUSE_CLASSES, SUB_CAUSES } from '../labels';
import { navigate, useLocation } from '../router';
import { useApi } from '../use-api';

interface Kpi {
  readonly documentNo: string;
  readonly totals: { orders: number; delayed: number; delayedShare: number | null; complained: number; complaintRate: number | null };
  readonly incidents: { opened: number; acknowledge: { medianMs: number | null }; resolve: { medianMs: number | null } };
  readonly falseAlarmShare: number | null;
  readonly rootCauses: Array<{ cls: string; subCause: string; count: number; falseAlarm: boolean }>;
  readonly delayedByChannel: Array<{ key: string; orders: number }>;
  readonly days: Array<{ day: string; orders: number; delayed: number; incidents: number }>;
}

interface Review {
  readonly incidentId: string;
  readonly closedAt: string;
  readonly generatedAt: string;
  readonly trigger: string;
  readonly generatedBy: string;
  readonly summary: { title?: { zh: string; en: string } | string; grade?: string } & Record<string, unknown>;
}

interface CallbackTask {
  readonly id: string;
  readonly incidentId: string;
  readonly orderId: string;
  readonly dueAt: string;
  readonly state: string;
  readonly score?: number;
  readonly comment?: string;
}

/** ReportsPage makes the KPI report, the post-incident review PDFs and the satisfaction callbacks reachable from the console. */
export function ReportsPage() {
  const { t, lang, pick } = useI18n();
  const { params } = useLocation();
  const phone = Grid.useBreakpoint().md === false;
  const days = Number(params.get('days') ?? 30);
  const kpi = useApi<Kpi>(`/reports/kpi${query({ days })}`);
  const reviews = useApi<{ reviews: Review[] }>(`/reports/reviews${query({ days, limit: 200 })}`);
  const callbacks = useApi<{ callbacks: CallbackTask[] }>(`/callbacks${query({ limit: 200 })}`);
  const link = (to: string, text: string) => (
    <a href={to} onClick={(e) => (e.preventDefault(), navigate(to))}>
      {text}
    </a>
  );
  const reviewTitle = (r: Review) => (typeof r.summary.title === 'string' ? r.summary.title : r.summary.title ? pick(r.summary.title) : r.incidentId);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('navReports')}
        </Typography.Title>
        <Select aria-label={t('period')} value={days} style={{ width: 130 }} onChange={(v) => navigate(`/reports?days=${v}`, true)} options={[7, 30, 60, 90].map((n) => ({ value: n, label: t('lastDays', { n }) }))} />
      </Space>
      <Card
        size="small"
        title={t('kpiReport')}
        loading={!kpi.data && !kpi.error}
        extra={
          <Space wrap>
            <Button size="small" icon={<FilePdfOutlined />} href={`/api/v1/reports/kpi?days=${days}&format=pdf`} target="_blank" data-testid="kpi-pdf">
              PDF
            </Button>
            <Button size="small" icon={<DownloadOutlined />} href={`/api/v1/reports/kpi?days=${days}&format=xlsx`}>
              XLSX
            </Button>
          </Space>
        }
      >
        {kpi.error && <Alert type="error" showIcon title={kpi.error.message} />}
        {kpi.data && (
          <>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}>
                <Statistic title={t('delayedOrders')} value={kpi.data.totals.delayed} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{percent(kpi.data.totals.delayedShare)}</Typography.Text>} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('kpiOpenedInPeriod')} value={kpi.data.incidents.opened} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('kpiMtta')} value={duration(kpi.data.incidents.acknowledge.medianMs, lang)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('kpiFalseAlarm')} value={percent(kpi.data.falseAlarmShare)} />
              </Col>
            </Row>
            <Typography.Text type="secondary">
              {t('kpiDocument')} {kpi.data.documentNo} · {kpi.data.delayedByChannel.slice(0, 4).map((c) => `${label(CHANNELS, c.key, lang)} ${c.orders}`).join(' · ')}
            </Typography.Text>
            {kpi.data.rootCauses.length > 0 && (
              <div style={{ marginTop: 8 }}>
                {kpi.data.rootCauses.slice(0, 8).map((r) => (
                  <Tag key={`${r.cls}${r.subCause}`} color={r.falseAlarm ? 'default' : 'blue'}>
                    {label(ROOT_CAUSE_CLASSES, r.cls, lang)} / {label(SUB_CAUSES, r.subCause, lang)}: {r.count}
                  </Tag>
                ))}
              </div>
            )}
          </>
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={`${t('reviews')} (${reviews.data?.reviews.length ?? 0})`} extra={<Button size="small" icon={<DownloadOutlined />} href="/api/v1/reports/export/improvements?format=xlsx">{t('improvements')}</Button>}>
            {reviews.error && <Alert type="error" showIcon title={reviews.error.message} />}
            <List<Review>
              size="small"
              loading={reviews.loading}
              dataSource={reviews.data?.reviews ?? []}
              pagination={{ pageSize: 10, size: 'small', simple: phone }}
              locale={{ emptyText: t('noData') }}
              renderItem={(r) => (
                <List.Item actions={[<a key="pdf" href={`/api/v1/reports/review/${encodeURIComponent(r.incidentId)}`} target="_blank" rel="noreferrer"><FilePdfOutlined /> PDF</a>]}>
                  <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {link(`/incidents/${encodeURIComponent(r.incidentId)}`, reviewTitle(r))}
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                      {t('closedAt')} {time(r.closedAt)} · {r.generatedBy}
                    </div>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={`${t('callbacks')} (${callbacks.data?.callbacks.length ?? 0})`} extra={<Button size="small" icon={<DownloadOutlined />} href="/api/v1/reports/export/callbacks?format=xlsx">{t('export')}</Button>}>
            {callbacks.error && <Alert type="error" showIcon title={callbacks.error.message} />}
            <Table<CallbackTask>
              size="small"
              rowKey="id"
              loading={callbacks.loading}
              dataSource={callbacks.data?.callbacks ?? []}
              pagination={{ pageSize: 10, size: 'small', simple: phone }}
              scroll={phone ? undefined : { x: true }}
              columns={[
                { title: t('order'), dataIndex: 'orderId', render: (o: string) => link(`/orders/${encodeURIComponent(o)}`, o.split(':').pop() ?? o) },
                { title: t('state'), dataIndex: 'state', render: (s: string) => <Tag color={s === 'done' ? 'green' : s === 'pending' ? 'orange' : 'default'}>{label(CALLBACK_STATES, s, lang)}</Tag> },
                { title: t('due'), dataIndex: 'dueAt', render: (v: string) => time(v), responsive: ['md'] },
                { title: t('rating'), dataIndex: 'score', render: (v?: number) => (v ? `${v} / 5` : '—') },
                { title: t('incident'), dataIndex: 'incidentId', render: (i: string) => link(`/incidents/${encodeURIComponent(i)}`, t('open')), responsive: ['md'] },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
