import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { query } from '../api';
import { time, yuan } from '../format';
import { useI18n } from '../i18n';
import { CHANNELS, FINDINGS, GRADE_COLORS, GRADES, STAGES, TIERS, label, splitLabel } from '../labels';
import { navigate, useLocation } from '../router';
import { useApi } from '../use-api';

interface DelayedOrder {
  readonly id: string;
  readonly channel: string;
  readonly channelOrderId: string;
  readonly placedAt: string;
  readonly stage: string;
  readonly delayStage: string;
  readonly grade: string;
  readonly region: string;
  readonly city?: string;
  readonly receiverName?: string;
  readonly customerTier: string;
  readonly paidFen: number;
  readonly codes: string[];
}

const FILTERS = ['day', 'channel', 'stage', 'grade', 'region'] as const;

/** DelayedOrdersPage lists the orders behind a dashboard bar or slice; a row opens the order 360. */
export function DelayedOrdersPage() {
  const { t, lang } = useI18n();
  const { params } = useLocation();
  const days = params.get('days') ?? '30';
  const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]).filter(([, v]) => v !== undefined)) as Partial<Record<(typeof FILTERS)[number], string>>;
  const list = useApi<{ orders: DelayedOrder[] }>(`/dashboard/orders${query({ days, ...filter, limit: 500 })}`);
  const without = (key: string) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    navigate(`/dashboard/orders?${next.toString()}`, true);
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/?days=${days}`)}>
          {t('navDashboard')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('delayedOrderList')}
        </Typography.Title>
        <Tag>{t('lastDays', { n: days })}</Tag>
        {Object.entries(filter).map(([key, value]) => (
          <Tag key={key} closable onClose={() => without(key)} color="blue" data-testid={`filter-${key}`}>
            {t(key === 'day' ? 'day' : key === 'channel' ? 'channel' : key === 'stage' ? 'delayStage' : key === 'grade' ? 'grade' : 'region')}: {key === 'day' ? value : splitLabel(key, value ?? '', lang)}
          </Tag>
        ))}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Card size="small">
        <Table<DelayedOrder>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.orders ?? []}
          pagination={{ pageSize: 20, showTotal: (n) => t('total', { n }) }}
          onRow={(o) => ({ onClick: () => navigate(`/orders/${encodeURIComponent(o.id)}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('order'), dataIndex: 'channelOrderId', render: (v: string, o) => <a href={`/orders/${encodeURIComponent(o.id)}`} onClick={(e) => e.preventDefault()}>{v}</a> },
            { title: t('channel'), dataIndex: 'channel', render: (v: string) => label(CHANNELS, v, lang) },
            { title: t('placedAt'), dataIndex: 'placedAt', render: (v: string) => time(v) },
            { title: t('delayStage'), dataIndex: 'delayStage', render: (v: string) => label(STAGES, v, lang) },
            { title: t('stage'), dataIndex: 'stage', render: (v: string) => label(STAGES, v, lang) },
            { title: t('grade'), dataIndex: 'grade', render: (v: string) => <Tag color={GRADE_COLORS[v]} style={{ color: v === 'C' || v === 'none' ? '#000' : undefined }}>{label(GRADES, v, lang)}</Tag> },
            { title: t('region'), dataIndex: 'region', render: (v: string, o) => `${v || '—'} ${o.city ?? ''}` },
            { title: t('receiver'), dataIndex: 'receiverName' },
            { title: t('tier'), dataIndex: 'customerTier', render: (v: string) => label(TIERS, v, lang) },
            { title: t('amount'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
            { title: t('findings'), dataIndex: 'codes', render: (codes: string[]) => codes.map((c) => <Tag key={c}>{label(FINDINGS, c, lang)}</Tag>) },
          ]}
        />
      </Card>
    </Space>
  );
}
