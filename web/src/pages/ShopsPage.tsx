import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
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
  readonly logistics?: { readonly pending: number; readonly subscribed: number; readonly refused: number; readonly failed: number; readonly lastError?: { readonly failedAt: string; readonly trackingNo: string; readonly message: string } };
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

/** ShopsPage is the admin's view of the connected shops (GET /api/v1/shops): sync status and the last error in words. */
export function ShopsPage() {
  const { lang } = useI18n();
  const say = (k: keyof typeof TEXT): string => TEXT[k][lang];
  const shops = useApi<{ shops: Shop[] }>('/shops');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {say('title')}
      </Typography.Title>
      <Card size="small">
        {shops.error && <Alert type="error" title={shops.error.message} />}
        <Table
          size="small"
          rowKey="name"
          loading={shops.loading}
          pagination={false}
          locale={{ emptyText: say('none') }}
          dataSource={shops.data?.shops ?? []}
          columns={[
            { title: say('shop'), dataIndex: 'name', render: (v: string, s: Shop) => (s.enabled ? v : <span>{v} <Tag>{say('off')}</Tag></span>) },
            { title: say('platform'), dataIndex: 'platform', render: (v: string) => <Tag>{PLATFORM[v]?.[lang] ?? v}</Tag> },
            { title: say('every'), dataIndex: 'interval', render: (ms: number) => `${Math.round(ms / 60_000)} ${say('minutes')}` },
            { title: say('lastGood'), dataIndex: 'lastSuccessAt', render: (v?: string) => time(v, true) },
            { title: say('cursor'), dataIndex: 'cursor', render: (c?: Shop['cursor']) => (c ? `${time(c.windowStartAt, true)}${c.page !== undefined ? ` · ${say('page')} ${c.page.slice(0, 12)}` : ''}` : say('never')) },
            { title: say('lastHour'), dataIndex: 'ordersLastHour' },
            {
              title: say('logistics'),
              dataIndex: 'logistics',
              render: (l?: Shop['logistics']) =>
                l === undefined ? (
                  '—'
                ) : (
                  <Space direction="vertical" size={0}>
                    <span>
                      {l.subscribed} {say('subscribed')} · {l.pending} {say('pending')}
                      {l.refused + l.failed > 0 ? ` · ${l.refused + l.failed} ${say('refused')}` : ''}
                    </span>
                    {l.lastError && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {time(l.lastError.failedAt, true)} {l.lastError.trackingNo}: {l.lastError.message}
                      </Typography.Text>
                    )}
                  </Space>
                ),
            },
            {
              title: say('lastError'),
              dataIndex: 'lastError',
              render: (e?: Shop['lastError']) =>
                e?.current ? (
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="danger">{e.words[lang]}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {time(e.at, true)} {e.message}
                    </Typography.Text>
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
