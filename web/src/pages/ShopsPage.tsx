import { Alert, Card, Descriptions, Empty, Grid, List, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { time } from '../format';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';

interface Shop {
  readonly name: string;
  readonly platform: string;
  readonly enabled: boolean;
  readonly interval: number;
  readonly lastSuccessAt?: string;
  readonly cursor?: { readonly windowStartAt: string; readonly windowEndAt?: string; readonly page?: string };
  readonly ordersLastHour: number;
  readonly lastError?: { readonly at: string; readonly outcome: string; readonly message: string; readonly current: boolean; readonly words: { readonly zh: string; readonly en: string } };
  /** Kuaidi100 subscriptions of the shop's shipped orders, when the shop has them. */
  readonly logistics?: { readonly paused?: { readonly zh: string; readonly en: string; readonly setting: string }; readonly pending: number; readonly subscribed: number; readonly refused: number; readonly failed: number; readonly lastError?: { readonly failedAt: string; readonly trackingNo: string; readonly message: string } };
}

// Kept here, not in i18n.tsx, while the console's messages belong to another change: Chinese first, English second.
const TEXT = {
  title: { zh: '店铺对接', en: 'Connected shops' },
  shop: { zh: '店铺', en: 'Shop' },
  platform: { zh: '平台', en: 'Platform' },
  every: { zh: '同步间隔', en: 'Every' },
  lastGood: { zh: '最近成功同步', en: 'Last good sync' },
  cursor: { zh: '同步进度', en: 'Cursor' },
  lastHour: { zh: '近1小时订单', en: 'Orders, last hour' },
  lastError: { zh: '最近错误', en: 'Last error' },
  logistics: { zh: '快递100订阅', en: 'Kuaidi100' },
  subscribed: { zh: '已订阅', en: 'subscribed' },
  pending: { zh: '待订阅', en: 'pending' },
  refused: { zh: '未能订阅', en: 'not subscribable' },
  none: { zh: '设置文件中没有店铺（shops: 一节，见 docs/connectors.md）', en: 'No shops in the settings file (its shops: section, see docs/connectors.md)' },
  off: { zh: '已停用', en: 'off' },
  never: { zh: '尚未同步', en: 'not synced yet' },
  page: { zh: '页', en: 'page' },
  minutes: { zh: '分钟', en: 'min' },
} as const;

const PLATFORM: Record<string, { zh: string; en: string }> = {
  taobao: { zh: '淘宝/天猫', en: 'Taobao/Tmall' },
  pdd: { zh: '拼多多', en: 'Pinduoduo' },
  douyin: { zh: '抖店', en: 'Douyin shop' },
  jd: { zh: '京东', en: 'JD' },
  youzan: { zh: '有赞', en: 'Youzan' },
  shopify: { zh: 'Shopify', en: 'Shopify' },
};

/** ShopsPage is the admin's view of the connected shops (GET /api/v1/shops): sync status and the last error in words; cards on a phone. */
export function ShopsPage() {
  const { lang } = useI18n();
  const say = (k: keyof typeof TEXT): string => TEXT[k][lang];
  const shops = useApi<{ shops: Shop[] }>('/shops');
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  // One rendering per field, for the laptop's table and the phone's cards alike.
  const fields: ReadonlyArray<{ key: string; title: string; render: (s: Shop) => ReactNode }> = [
    { key: 'name', title: say('shop'), render: (s) => (s.enabled ? s.name : <span>{s.name} <Tag>{say('off')}</Tag></span>) },
    { key: 'platform', title: say('platform'), render: (s) => <Tag>{PLATFORM[s.platform]?.[lang] ?? s.platform}</Tag> },
    { key: 'interval', title: say('every'), render: (s) => `${Math.round(s.interval / 60_000)} ${say('minutes')}` },
    { key: 'lastSuccessAt', title: say('lastGood'), render: (s) => time(s.lastSuccessAt, true) },
    { key: 'cursor', title: say('cursor'), render: ({ cursor: c }) => (c ? `${time(c.windowStartAt, true)}${c.page !== undefined ? ` · ${say('page')} ${c.page.slice(0, 12)}` : ''}` : say('never')) },
    { key: 'ordersLastHour', title: say('lastHour'), render: (s) => s.ordersLastHour },
    {
      key: 'logistics',
      title: say('logistics'),
      render: ({ logistics: l }) =>
        l === undefined ? (
          '—'
        ) : (
          <Space direction="vertical" size={0}>
            {l.paused && (
              <Typography.Text type="warning" data-testid="kuaidi100-paused">
                {l.paused[lang]}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, overflowWrap: 'anywhere' }}>
                  {l.paused.setting}
                </Typography.Text>
              </Typography.Text>
            )}
            <span>
              {l.subscribed} {say('subscribed')} · {l.pending} {say('pending')}
              {l.refused + l.failed > 0 ? ` · ${l.refused + l.failed} ${say('refused')}` : ''}
            </span>
            {l.lastError && (
              <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                {time(l.lastError.failedAt, true)} {l.lastError.trackingNo}: {l.lastError.message}
              </Typography.Text>
            )}
          </Space>
        ),
    },
    {
      key: 'lastError',
      title: say('lastError'),
      render: ({ lastError: e }) =>
        e?.current ? (
          <Space direction="vertical" size={0}>
            <Typography.Text type="danger">{e.words[lang]}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
              {time(e.at, true)} {e.message}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
  ];
  const list = shops.data?.shops ?? [];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {say('title')}
      </Typography.Title>
      {shops.error && <Alert type="error" title={shops.error.message} />}
      {phone ? (
        <List<Shop>
          loading={shops.loading}
          dataSource={list}
          locale={{ emptyText: <Empty description={say('none')} /> }}
          renderItem={(s) => (
            <List.Item key={s.name} data-shop={s.name} style={{ padding: '4px 0' }}>
              <Card size="small" style={{ width: '100%' }} title={fields[0]!.render(s)} extra={fields[1]!.render(s)}>
                <Descriptions size="small" column={1} items={fields.slice(2).map((f) => ({ key: f.key, label: f.title, children: f.render(s) }))} />
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Card size="small">
          <Table<Shop>
            size="small"
            rowKey="name"
            loading={shops.loading}
            pagination={false}
            locale={{ emptyText: say('none') }}
            dataSource={list}
            onRow={(s) => ({ 'data-shop': s.name }) as React.HTMLAttributes<HTMLElement>}
            columns={fields.map((f) => ({ key: f.key, title: f.title, render: (_v: unknown, s: Shop) => f.render(s) }))}
          />
        </Card>
      )}
    </Space>
  );
}
