import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { query } from '../api';
import { time, yuan } from '../format';
import { useI18n } from '../i18n';
import { carrierLabel, CHANNELS, FINDINGS, GRADE_COLORS, GRADES, STAGES, TIERS, label, splitLabel } from '../labels';
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
  readonly warehouse?: string;
  readonly sku?: string;
  readonly carrier?: string;
  readonly shop?: string;
}

const FILTERS = ['day', 'channel', 'stage', 'grade', 'region', 'warehouse', 'sku', 'carrier', 'shop'] as const;

const FILTER_WORDS = { day: 'day', channel: 'channel', stage: 'delayStage', grade: 'grade', region: 'region', warehouse: 'byWarehouse', sku: 'bySku', carrier: 'byCarrier', shop: 'byShop' } as const;

const PAGE_SIZE = 50;

/** DelayedOrdersPage lists the orders behind a dashboard bar or slice; a row opens the order 360. */
export function DelayedOrdersPage() {
  const { t, lang } = useI18n();
  const phone = Grid.useBreakpoint().md === false;
  const { params } = useLocation();
  const days = params.get('days') ?? '30';
  const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]).filter(([, v]) => v !== undefined)) as Partial<Record<(typeof FILTERS)[number], string>>;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const list = useApi<{ orders: DelayedOrder[]; total?: number }>(`/dashboard/orders${query({ days, ...filter, limit: PAGE_SIZE, ...(page > 1 ? { offset: (page - 1) * PAGE_SIZE } : {}) })}`);
  const rows = list.data?.orders ?? [];
  const has = (k: 'warehouse' | 'sku' | 'carrier' | 'shop') => rows.some((o) => o[k] !== undefined);
  const toPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    navigate(`/dashboard/orders?${next.toString()}`, true);
  };
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
            {t(FILTER_WORDS[key as keyof typeof FILTER_WORDS])}: {key === 'day' ? value : splitLabel(key, value ?? '', lang)}
          </Tag>
        ))}
        <Button icon={<DownloadOutlined />} href={`/api/v1/reports/export/delayed-orders?days=${days}&format=xlsx`} data-testid="export-delayed">
          {t('export')}
        </Button>
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Card size="small" styles={{ body: phone ? { padding: 8 } : {} }}>
        {phone ? (
          <List<DelayedOrder>
            loading={list.loading}
            dataSource={rows}
            pagination={list.data?.total !== undefined ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, simple: true, onChange: toPage } : { pageSize: 20, simple: true }}
            renderItem={(o) => (
              <List.Item key={o.id} className="delayed-card" data-order={o.id} onClick={() => navigate(`/orders/${encodeURIComponent(o.id)}`)} style={{ cursor: 'pointer' }}>
                <div style={{ width: '100%', minWidth: 0 }}>
                  <Space size={4} wrap>
                    <a onClick={(e) => e.preventDefault()}>{o.channelOrderId}</a>
                    <Tag color={GRADE_COLORS[o.grade]} style={{ color: o.grade === 'C' || o.grade === 'none' ? '#000' : undefined }}>
                      {label(GRADES, o.grade, lang)}
                    </Tag>
                    <Tag>{label(STAGES, o.delayStage, lang)}</Tag>
                  </Space>
                  <div style={{ overflowWrap: 'anywhere' }}>
                    {[label(CHANNELS, o.channel, lang), o.warehouse, o.carrier ? carrierLabel(o.carrier, lang) : undefined, o.receiverName].filter(Boolean).join(' · ')}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                    {time(o.placedAt)} · ¥{yuan(o.paidFen)} · {o.codes.map((c) => label(FINDINGS, c, lang)).join('、')}
                  </Typography.Text>
                </div>
              </List.Item>
            )}
          />
        ) : (
        <Table<DelayedOrder>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={list.data?.total !== undefined ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, showSizeChanger: false, showTotal: (n) => t('total', { n }), onChange: toPage } : { pageSize: 20, showTotal: (n) => t('total', { n }) }}
          onRow={(o) => ({ onClick: () => navigate(`/orders/${encodeURIComponent(o.id)}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('order'), dataIndex: 'channelOrderId', render: (v: string, o) => <a href={`/orders/${encodeURIComponent(o.id)}`} onClick={(e) => e.preventDefault()}>{v}</a> },
            { title: t('channel'), dataIndex: 'channel', render: (v: string) => label(CHANNELS, v, lang) },
            { title: t('placedAt'), dataIndex: 'placedAt', render: (v: string) => time(v) },
            { title: t('delayStage'), dataIndex: 'delayStage', render: (v: string) => label(STAGES, v, lang) },
            { title: t('stage'), dataIndex: 'stage', render: (v: string) => label(STAGES, v, lang) },
            { title: t('grade'), dataIndex: 'grade', render: (v: string) => <Tag color={GRADE_COLORS[v]} style={{ color: v === 'C' || v === 'none' ? '#000' : undefined }}>{label(GRADES, v, lang)}</Tag> },
            ...(has('warehouse') ? [{ title: t('byWarehouse'), dataIndex: 'warehouse', render: (v?: string) => v ?? '—' }] : []),
            ...(has('sku') ? [{ title: t('bySku'), dataIndex: 'sku', render: (v?: string) => v ?? '—' }] : []),
            ...(has('carrier') ? [{ title: t('byCarrier'), dataIndex: 'carrier', render: (v?: string) => carrierLabel(v, lang) }] : []),
            ...(has('shop') ? [{ title: t('byShop'), dataIndex: 'shop', render: (v?: string) => v ?? '—' }] : []),
            { title: t('region'), dataIndex: 'region', render: (v: string, o) => `${v || '—'} ${o.city ?? ''}` },
            { title: t('receiver'), dataIndex: 'receiverName' },
            { title: t('tier'), dataIndex: 'customerTier', render: (v: string) => label(TIERS, v, lang) },
            { title: t('amount'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
            { title: t('findings'), dataIndex: 'codes', render: (codes: string[]) => codes.map((c) => <Tag key={c}>{label(FINDINGS, c, lang)}</Tag>) },
          ]}
        />
        )}
      </Card>
    </Space>
  );
}
