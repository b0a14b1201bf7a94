import { Alert, Card, Grid, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, query } from '../api';
import { time, yuan } from '../format';
import { useI18n } from '../i18n';
import { CHANNELS, STAGES, label } from '../labels';
import { navigate, useLocation } from '../router';

interface OrderSummary {
  readonly id: string;
  readonly channel: string;
  readonly channelOrderId: string;
  readonly stage: string;
  readonly placedAt: string;
  readonly paidFen: number;
  readonly receiverName?: string;
  readonly phone?: string;
  readonly province?: string;
  readonly city?: string;
  readonly firstItemTitle?: string;
  readonly trackingNos: string[];
}

/** SearchPage is the one search box of every channel: order number, phone, last 4 digits, name, tracking number. */
export function SearchPage() {
  const { t, lang } = useI18n();
  const { params } = useLocation();
  const phone = Grid.useBreakpoint().md === false;
  const [q, setQ] = useState(params.get('q') ?? '');
  const [result, setResult] = useState<{ query: string; orders: OrderSummary[] }>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const run = async (text: string) => {
    const value = text.trim();
    if (!value) return;
    navigate(`/search?q=${encodeURIComponent(value)}`, true);
    setLoading(true);
    try {
      const r = await api<{ query: string; orders: OrderSummary[] }>(`/orders${query({ q: value, limit: 100 })}`);
      setResult(r);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    const initial = params.get('q');
    if (initial) void run(initial);
    // Only the query the page was opened with; later searches go through the box.
  }, []);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('searchLabel')}
      </Typography.Title>
      <Card size="small">
        <label htmlFor="order-search" style={{ display: 'block', marginBottom: 6 }}>
          {t('searchPlaceholder')}
        </label>
        <Input.Search id="order-search" aria-label={t('searchLabel')} size="large" value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => void run(v)} enterButton={t('search')} loading={loading} allowClear autoFocus maxLength={100} />
        <Typography.Text type="secondary">{t('searchHint')}</Typography.Text>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <Card size="small" title={t('results', { n: result.orders.length })} styles={{ body: phone ? { padding: 8 } : {} }}>
          {phone ? (
            <List<OrderSummary>
              dataSource={result.orders}
              pagination={result.orders.length > 20 ? { pageSize: 20, simple: true } : false}
              renderItem={(o) => (
                <List.Item key={o.id} onClick={() => navigate(`/orders/${encodeURIComponent(o.id)}`)} style={{ cursor: 'pointer' }} data-order={o.id} className="search-card">
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <Space size={4} wrap>
                      <a onClick={(e) => e.preventDefault()}>{o.channelOrderId}</a>
                      <Tag>{label(STAGES, o.stage, lang)}</Tag>
                    </Space>
                    <div style={{ overflowWrap: 'anywhere' }}>
                      {o.receiverName ?? '—'} · {o.phone ?? '—'} · {label(CHANNELS, o.channel, lang)}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                      {o.firstItemTitle ?? ''} · ¥{yuan(o.paidFen)} · {time(o.placedAt)}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          ) : (
          <Table<OrderSummary>
            rowKey="id"
            size="small"
            dataSource={result.orders}
            pagination={{ pageSize: 20 }}
            onRow={(o) => ({ onClick: () => navigate(`/orders/${encodeURIComponent(o.id)}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('order'), dataIndex: 'channelOrderId', render: (v: string) => <a onClick={(e) => e.preventDefault()}>{v}</a> },
              { title: t('channel'), dataIndex: 'channel', render: (v: string) => label(CHANNELS, v, lang) },
              { title: t('receiver'), dataIndex: 'receiverName' },
              { title: t('phone'), dataIndex: 'phone' },
              { title: t('region'), render: (_v, o) => `${o.province ?? ''} ${o.city ?? ''}` },
              { title: t('items'), dataIndex: 'firstItemTitle' },
              { title: t('stage'), dataIndex: 'stage', render: (v: string) => <Tag>{label(STAGES, v, lang)}</Tag> },
              { title: t('placedAt'), dataIndex: 'placedAt', render: (v: string) => time(v) },
              { title: t('amount'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
            ]}
          />
          )}
        </Card>
      )}
    </Space>
  );
}
