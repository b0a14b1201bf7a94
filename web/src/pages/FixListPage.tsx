import { CheckOutlined, DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Grid, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, query } from '../api';
import { time } from '../format';
import { useI18n } from '../i18n';
import { CHANNELS, FINDINGS, label } from '../labels';
import { navigate, useLocation } from '../router';
import { useApi } from '../use-api';

interface FixCase {
  readonly id: string;
  readonly cause: string;
  readonly channel: string;
  readonly shop?: string;
  readonly day: string;
  readonly buyer?: string;
  readonly state: 'open' | 'done';
  readonly openItems: number;
  readonly items: number;
  readonly orders: number;
  readonly lastAt: string;
  readonly codes: string[];
  readonly sampleOrderIds: string[];
}

const PAGE_SIZE = 50;

/** FixListPage is the data-quality fix list, apart from the incident queue: cases by cause, shop and day, fixed or dismissed in bulk. */
export function FixListPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { params } = useLocation();
  const phone = Grid.useBreakpoint().md === false;
  const state = params.get('state') === 'done' ? 'done' : 'open';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const list = useApi<{ total: number; cases: FixCase[] }>(`/fix-list${query({ state, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`);
  const [busy, setBusy] = useState<string>();
  const cause = (c: FixCase) => (c.cause === 'buyer' ? t('fixBuyer', { b: c.buyer ?? '' }) : label(FINDINGS, c.cause, lang));
  const handle = async (c: FixCase, type: 'fixed' | 'dismissed') => {
    setBusy(c.id);
    try {
      const r = await api<{ changed: number }>(`/fix-list/${encodeURIComponent(c.id)}/actions`, { body: { type } });
      void message.success(t('fixDone', { n: r.changed }));
      list.reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? ((lang === 'zh' ? e.zh : e.en) ?? e.message) : String(e));
    } finally {
      setBusy(undefined);
    }
  };
  const actions = (c: FixCase) =>
    c.state === 'open' ? (
      <Space size={4}>
        <Button size="small" icon={<CheckOutlined />} loading={busy === c.id} onClick={() => void handle(c, 'fixed')}>
          {t('fixFixed')}
        </Button>
        <Button size="small" icon={<StopOutlined />} loading={busy === c.id} onClick={() => void handle(c, 'dismissed')}>
          {t('fixDismiss')}
        </Button>
      </Space>
    ) : null;
  const orders = (c: FixCase) =>
    c.sampleOrderIds.slice(0, 3).map((o) => (
      <a key={o} href={`/orders/${encodeURIComponent(o)}`} onClick={(e) => (e.preventDefault(), navigate(`/orders/${encodeURIComponent(o)}`))} style={{ marginInlineEnd: 6 }}>
        {o.split(':').pop()}
      </a>
    ));
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('fixListLink')}
        </Typography.Title>
        <Segmented value={state} onChange={(v) => navigate(`/fix-list?state=${v}`, true)} options={[{ value: 'open', label: t('fixOpen') }, { value: 'done', label: t('fixHandled') }]} />
        <Button icon={<DownloadOutlined />} href="/api/v1/reports/export/findings?format=xlsx">
          {t('export')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('fixListHint')}</Typography.Text>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Card size="small">
        {phone ? (
          <List<FixCase>
            loading={list.loading}
            dataSource={list.data?.cases ?? []}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, simple: true, onChange: (p) => navigate(`/fix-list?state=${state}&page=${p}`, true) }}
            renderItem={(c) => (
              <List.Item key={c.id}>
                <div style={{ width: '100%', minWidth: 0 }}>
                  <Space wrap size={4}>
                    <Tag color="gold">{cause(c)}</Tag>
                    <span>{label(CHANNELS, c.channel, lang)}</span>
                    <span>{c.day}</span>
                  </Space>
                  <div style={{ fontSize: 12, color: '#595959', overflowWrap: 'anywhere' }}>
                    {t('fixCounts', { open: c.openItems, items: c.items, orders: c.orders })} · {orders(c)}
                  </div>
                  <div style={{ marginTop: 4 }}>{actions(c)}</div>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<FixCase>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={list.data?.cases ?? []}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => t('total', { n }), onChange: (p) => navigate(`/fix-list?state=${state}&page=${p}`, true) }}
            columns={[
              { title: t('fixCause'), dataIndex: 'cause', render: (_v, c) => <Tag color="gold">{cause(c)}</Tag> },
              { title: t('channel'), dataIndex: 'channel', render: (v: string, c) => `${label(CHANNELS, v, lang)}${c.shop ? ` · ${c.shop}` : ''}` },
              { title: t('day'), dataIndex: 'day', width: 110 },
              { title: t('fixItems'), width: 200, render: (_v, c) => t('fixCounts', { open: c.openItems, items: c.items, orders: c.orders }) },
              { title: t('order'), render: (_v, c) => orders(c) },
              { title: t('time'), dataIndex: 'lastAt', width: 140, render: (v: string) => time(v) },
              { title: t('actions'), width: 200, render: (_v, c) => actions(c) },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
