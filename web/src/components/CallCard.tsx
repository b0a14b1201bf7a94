import { PhoneOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { time, yuan } from '../format';
import { useI18n, type Bilingual } from '../i18n';
import { waitsForResponse, type Incident } from '../incident';
import { CHANNELS, FINDINGS, TIERS, label } from '../labels';
import { navigate } from '../router';
import { useApi } from '../use-api';
import { Countdown } from './Countdown';

/** OrderFacts is what the call needs of GET /orders/:id (the phone comes masked for roles that do not call customers). */
interface OrderFacts {
  readonly order: {
    id: string;
    channel: string;
    channelOrderId: string;
    paidFen: number;
    promisedShipBy?: string;
    promisedDeliveryBy?: string;
    customer: { tier: string; nick?: string };
    receiver: { name?: string; phone?: { raw: string } | string; province?: string; city?: string };
    items: Array<{ sku: string; title?: string; quantity: number }>;
  };
  readonly findings: Array<{ code: string; status: string; explanation: Bilingual }>;
  /** The platform's late-shipment penalty while the order is unshipped: fen (null when the platform's rule is unknown), by when to ship, whether it is owed already. */
  readonly penalty?: { amountFen: number | null; deadlineAt: string; incurred: boolean; rule: { id: string; label: Bilingual } };
}

/** CallCard puts at the top of an incident what a person on the phone needs first: who, which order, the number, the product, why it is late, by when. */
export function CallCard({ orderId, incident }: { orderId: string; incident: Incident }) {
  const { t, lang, pick } = useI18n();
  const view = useApi<OrderFacts>(`/orders/${encodeURIComponent(orderId)}`);
  const o = view.data?.order;
  const phone = o ? (typeof o.receiver.phone === 'string' ? o.receiver.phone : o.receiver.phone?.raw) : undefined;
  const open = view.data?.findings.filter((f) => f.status === 'open') ?? [];
  const penalty = view.data?.penalty;

  return (
    <Card size="small" title={t('callCard')} loading={!view.data && !view.error} data-testid="call-card" styles={{ body: { paddingBottom: 4 } }}>
      {view.error && <Typography.Text type="danger">{view.error.message}</Typography.Text>}
      {o && (
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('customer')}>
            <Space size={4} wrap>
              <span data-testid="call-customer">{o.receiver.name ?? o.customer.nick ?? '—'}</span>
              <Tag color={o.customer.tier === 'vip' ? 'gold' : undefined}>{label(TIERS, o.customer.tier, lang)}</Tag>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('order')}>
            <a href={`/orders/${encodeURIComponent(o.id)}`} onClick={(e) => (e.preventDefault(), navigate(`/orders/${encodeURIComponent(o.id)}`))} data-testid="call-order">
              {label(CHANNELS, o.channel, lang)} {o.channelOrderId}
            </a>{' '}
            · ¥{yuan(o.paidFen)}
          </Descriptions.Item>
          <Descriptions.Item label={t('phone')}>
            {phone ? (
              <a href={/\*/.test(phone) ? undefined : `tel:${phone}`} data-testid="call-phone">
                <PhoneOutlined /> {phone}
              </a>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('product')}>{o.items.map((i) => `${i.title ?? i.sku} × ${i.quantity}`).join('；') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reasonLate')}>
            <span data-testid="call-reason">{open.length > 0 ? open.map((f) => `${label(FINDINGS, f.code, lang)}：${pick(f.explanation)}`).join('；') : pick(incident.title)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('deadline')}>
            <Space size={4} wrap>
              <Countdown deadline={incident.responseDeadline} stopped={!waitsForResponse(incident)} />
              {o.promisedShipBy && (
                <Typography.Text type="secondary">
                  {t('promisedShipBy')} {time(o.promisedShipBy)}
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
          {penalty && (
            <Descriptions.Item label={t('penaltyAtStake')}>
              <span data-testid="call-penalty">
                {penalty.amountFen === null ? t('penaltyUnknown') : `¥${yuan(penalty.amountFen)}`}
                {penalty.incurred ? ` · ${t('penaltyIncurred')}` : ` · ${t('penaltyShipBy', { t: time(penalty.deadlineAt) })}`}
                {` · ${pick(penalty.rule.label)}`}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
