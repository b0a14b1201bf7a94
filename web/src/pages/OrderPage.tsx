import { ArrowLeftOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Image, Input, List, Modal, Progress, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { duration, time, yuan } from '../format';
import { EvidenceButton } from '../components/EvidenceButton';
import { useI18n, type Bilingual } from '../i18n';
import type { Incident } from '../incident';
import { carrierLabel, CHANNELS, CONTACT_CHANNELS, EVENT_KINDS, EVENT_SOURCES, FINDINGS, LOGISTICS_STATES, MESSAGE_KINDS, OUTBOX_STATES, STAGES, STATES, STOCK_REASONS, TIERS, label } from '../labels';
import { GradeTag } from '../components/GradeTag';
import { ScriptPanel } from '../components/ScriptPanel';
import { navigate } from '../router';
import { useApi } from '../use-api';

interface Attachment {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
}

interface Event {
  readonly id: string;
  readonly kind: string;
  readonly source: string;
  readonly occurredAt: string;
  readonly stage?: string;
  readonly state?: string;
  readonly detail?: string;
  readonly location?: string;
  readonly trackingNo?: string;
  readonly carrier?: string;
  readonly channel?: string;
  readonly direction?: string;
  readonly text?: string;
  readonly agent?: string;
  readonly attachments?: Attachment[];
  readonly sku?: string;
  readonly warehouse?: string;
  readonly delta?: number;
  readonly reason?: string;
  readonly available?: number;
  readonly reserved?: number;
  readonly operator?: string;
  readonly note?: string;
}

interface Finding {
  readonly code: string;
  readonly key: string;
  readonly severity: string;
  readonly status: string;
  readonly firstSeenAt: string;
  readonly explanation: Bilingual;
  readonly threshold?: { hours: number; deadline: string; policy: string; segment: string; sampleSize?: number; derivation: Bilingual };
}

interface Order360 {
  readonly order: {
    id: string;
    channel: string;
    shop?: string;
    channelOrderId: string;
    channelStatus?: string;
    placedAt: string;
    paidAt?: string;
    promisedShipBy?: string;
    promisedDeliveryBy?: string;
    paidFen: number;
    shippingFen: number;
    discountFen: number;
    customer: { tier: string; nick?: string };
    receiver: { name?: string; phone?: { raw: string }; province?: string; city?: string; district?: string; detail?: string };
    items: Array<{ sku: string; title?: string; quantity: number; unitPriceFen: number; category?: string }>;
    tags: string[];
    buyerNote?: string;
    sellerNote?: string;
    shipments: Array<{ carrier?: string; trackingNo: string }>;
    warehouse?: string;
    batch?: string;
    stage: string;
    stageEnteredAt: string;
  };
  readonly timeline: Event[];
  readonly logistics: Event[];
  readonly contacts: Event[];
  readonly inventory: { levels: Array<{ sku: string; warehouse: string; available: number; reserved: number; syncedAt: string }>; changes: Event[] };
  readonly findings: Finding[];
  readonly exemptions: Array<{ code: string; reason: Bilingual; matched: string; newDeadline: string }>;
  readonly incidents?: Incident[];
  readonly messages?: Array<{ id: string; incidentId?: string; receiver: string; kind: string; state: string; createdAt: string; sentAt?: string; title?: string }>;
  readonly pause?: { by: string; reason: string; at: string; until?: string };
}

function describe(e: Event, lang: 'zh' | 'en'): string {
  switch (e.kind) {
    case 'stage':
      return `${label(STAGES, e.stage, lang)}${e.warehouse ? ` · ${e.warehouse}` : ''}${e.operator ? ` · ${e.operator}` : ''}${e.note ? ` · ${e.note}` : ''}`;
    case 'logistics':
      return `${carrierLabel(e.carrier, lang)} ${e.trackingNo ?? ''} ${e.state ? label(LOGISTICS_STATES, e.state, lang) : ''} ${e.location ?? ''} ${e.detail ?? ''}`;
    case 'contact':
      return `${e.channel ? label(CONTACT_CHANNELS, e.channel, lang) : ''} ${e.direction === 'inbound' ? '←' : '→'} ${e.text ?? ''}`;
    case 'inventory_change':
      return `${e.sku} @ ${e.warehouse}: ${e.delta && e.delta > 0 ? '+' : ''}${e.delta} (${label(STOCK_REASONS, e.reason, lang)})`;
    case 'inventory_level':
      return `${e.sku} @ ${e.warehouse}: ${e.available} / ${e.reserved}`;
    default:
      return e.text ?? '';
  }
}

/** OrderPage is the order 360: facts, stage against its threshold, timeline, stock, logistics, contacts, findings, incidents and messages. */
export function OrderPage({ id }: { id: string }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const view = useApi<Order360>(`/orders/${encodeURIComponent(id)}`);
  const fixed = useApi<{ fixed: Array<{ stage: string; hours: number }> }>('/thresholds');
  const [pausing, setPausing] = useState(false);
  const [reason, setReason] = useState('');

  if (view.error) return <Alert type="error" showIcon title={view.error.message} />;
  if (!view.data) return <Card loading />;
  const { order, timeline, logistics, contacts, inventory, findings, exemptions, pause } = view.data;
  const incidents = view.data.incidents ?? [];
  const messages = view.data.messages ?? [];
  const activeIncident = incidents.find((i) => ['open', 'acknowledged', 'in_progress'].includes(i.state)) ?? incidents[0];
  const now = Date.now();
  const hoursInStage = (now - Date.parse(order.stageEnteredAt)) / 3_600_000;
  const stageFinding = findings.find((f) => f.threshold && f.status === 'open' && (f.code !== 'stage.stalled' || f.key === order.stage)) ?? findings.find((f) => f.threshold);
  const thresholdHours = stageFinding?.threshold?.hours ?? fixed.data?.fixed.find((f) => f.stage === order.stage)?.hours;
  const r = order.receiver;
  const takeOver = async () => {
    try {
      await api(`/orders/${encodeURIComponent(id)}/pause`, { body: { reason } });
      void message.success(t('actionDone', { a: t('pauseOrder') }));
      setPausing(false);
      view.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const handBack = async () => {
    try {
      await api(`/orders/${encodeURIComponent(id)}/resume`, { method: 'POST' });
      void message.success(t('actionDone', { a: t('resumeOrder') }));
      view.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => window.history.back()}>
          {t('back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-title">
          {t('order360')} · {label(CHANNELS, order.channel, lang)} {order.channelOrderId}
        </Typography.Title>
        <Tag color="blue">{label(STAGES, order.stage, lang)}</Tag>
        <EvidenceButton id={order.id} />
        {pause ? (
          <>
            <Tag color="purple" data-testid="order-paused">
              {t('paused')}: {pause.by} · {pause.reason}
              {pause.until ? ` → ${time(pause.until)}` : ''}
            </Tag>
            <Button icon={<PlayCircleOutlined />} onClick={() => void handBack()}>
              {t('resumeOrder')}
            </Button>
          </>
        ) : (
          <Button icon={<PauseCircleOutlined />} onClick={() => setPausing(true)}>
            {t('pauseOrder')}
          </Button>
        )}
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('orderFacts')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('channel')}>
                {label(CHANNELS, order.channel, lang)} {order.shop ?? ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('placedAt')}>{time(order.placedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('customer')}>
                {order.customer.nick ?? '—'} <Tag>{label(TIERS, order.customer.tier, lang)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('amount')}>{yuan(order.paidFen)}</Descriptions.Item>
              <Descriptions.Item label={t('receiver')}>
                {r.name ?? '—'} {r.phone?.raw ?? ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('address')}>{[r.province, r.city, r.district, r.detail].filter(Boolean).join(' ')}</Descriptions.Item>
              <Descriptions.Item label={t('promisedShipBy')}>{time(order.promisedShipBy)}</Descriptions.Item>
              <Descriptions.Item label={t('promisedDeliveryBy')}>{time(order.promisedDeliveryBy)}</Descriptions.Item>
              <Descriptions.Item label={t('warehouse')}>
                {order.warehouse ?? '—'} {order.batch ? `· ${order.batch}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('logistics')}>{order.shipments.map((s) => `${carrierLabel(s.carrier, lang)} ${s.trackingNo}`).join(', ') || '—'}</Descriptions.Item>
              {(order.buyerNote || order.sellerNote) && <Descriptions.Item label={t('notes')}>{[order.buyerNote, order.sellerNote].filter(Boolean).join(' / ')}</Descriptions.Item>}
              {order.tags.length > 0 && <Descriptions.Item label={t('tags')}>{order.tags.map((x) => <Tag key={x}>{x}</Tag>)}</Descriptions.Item>}
            </Descriptions>
            <Table
              size="small"
              rowKey={(i) => `${i.sku}${i.title}`}
              pagination={false}
              dataSource={order.items}
              columns={[
                { title: t('items'), dataIndex: 'title', render: (v: string | undefined, i) => v ?? i.sku },
                { title: 'SKU', dataIndex: 'sku' },
                { title: '×', dataIndex: 'quantity' },
                { title: t('amount'), dataIndex: 'unitPriceFen', render: (f: number) => yuan(f) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <ScriptPanel orderId={order.id} {...(activeIncident ? { incidentId: activeIncident.id } : {})} onSent={view.reload} />
            <Card size="small" title={t('stageVsThreshold')} data-testid="stage-threshold">
              <Space direction="vertical" style={{ width: '100%' }}>
                <span>
                  {label(STAGES, order.stage, lang)} · {t('inStageFor', { h: hoursInStage.toFixed(1) })}
                  {thresholdHours !== undefined ? ` · ${t('thresholdIs', { h: thresholdHours })}` : ''}
                </span>
                {thresholdHours !== undefined && !['delivered', 'cancelled', 'returned'].includes(order.stage) && (
                  <Progress percent={Math.min(100, Math.round((hoursInStage / thresholdHours) * 100))} status={hoursInStage > thresholdHours ? 'exception' : 'active'} format={() => `${Math.round((hoursInStage / thresholdHours) * 100)}%`} />
                )}
                {stageFinding?.threshold && <Typography.Text type="secondary">{pick(stageFinding.threshold.derivation)}</Typography.Text>}
              </Space>
            </Card>
            <Card size="small" title={`${t('findings')} (${findings.length})`}>
              <List
                size="small"
                dataSource={findings}
                locale={{ emptyText: t('noData') }}
                renderItem={(f) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <Space>
                        <Tag color={f.status === 'open' ? (f.severity === 'critical' ? 'red' : 'orange') : 'default'}>{label(FINDINGS, f.code, lang)}</Tag>
                        <Typography.Text type="secondary">{time(f.firstSeenAt)}</Typography.Text>
                      </Space>
                      <span>{pick(f.explanation)}</span>
                    </Space>
                  </List.Item>
                )}
              />
              {exemptions.map((e) => (
                <Alert key={e.code} type="info" style={{ marginTop: 8 }} title={`${t('exemptions')}: ${pick(e.reason)} (${e.matched}) → ${time(e.newDeadline)}`} />
              ))}
            </Card>
            <Card size="small" title={`${t('incidents')} (${incidents.length})`}>
              <List
                size="small"
                dataSource={incidents}
                locale={{ emptyText: t('noData') }}
                renderItem={(i) => (
                  <List.Item>
                    <Space wrap>
                      <GradeTag grade={i.grade} level={i.level} />
                      <a href={`/incidents/${i.id}`} onClick={(e) => (e.preventDefault(), navigate(`/incidents/${i.id}`))}>
                        {pick(i.title)}
                      </a>
                      <Tag>{label(STATES, i.state, lang)}</Tag>
                      {i.pause && <Tag color="purple">{t('paused')}</Tag>}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={`${t('timeline')} (${timeline.length})`}>
            <Timeline
              items={timeline.map((e) => ({
                color: e.kind === 'stage' ? 'blue' : e.kind === 'logistics' ? 'green' : e.kind === 'contact' ? 'orange' : 'gray',
                content: (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {time(e.occurredAt)} · {label(EVENT_KINDS, e.kind, lang)} · {label(EVENT_SOURCES, e.source, lang)}
                    </Typography.Text>
                    <div>{describe(e, lang)}</div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={`${t('logistics')} (${logistics.length})`}>
              {logistics.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <Table size="small" rowKey="id" pagination={false} dataSource={logistics} columns={[{ title: t('time'), dataIndex: 'occurredAt', render: (v: string) => time(v) }, { title: t('state'), dataIndex: 'state', render: (v: string) => label(LOGISTICS_STATES, v, lang) }, { title: t('content'), render: (_v, e: Event) => `${e.location ?? ''} ${e.detail ?? ''}` }]} />
              )}
            </Card>
            <Card size="small" title={`${t('contacts')} (${contacts.length})`}>
              <List
                size="small"
                dataSource={contacts}
                locale={{ emptyText: t('noData') }}
                renderItem={(c) => (
                  <List.Item>
                    <div>
                      <Typography.Text type="secondary">
                        {time(c.occurredAt)} · {label(CONTACT_CHANNELS, c.channel, lang)} · {label(CONTACT_CHANNELS, c.direction, lang)} {c.agent ?? ''}
                      </Typography.Text>
                      <div>{c.text}</div>
                      <Space wrap>
                        {(c.attachments ?? []).map((a) =>
                          a.contentType.startsWith('image/') ? <Image key={a.id} src={`/api/v1/attachments/${a.id}`} alt={a.filename} width={96} /> : <a key={a.id} href={`/api/v1/attachments/${a.id}`}>{a.filename}</a>,
                        )}
                      </Space>
                    </div>
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={t('inventoryLog')}>
              <Table size="small" rowKey={(l) => `${l.sku}${l.warehouse}`} pagination={false} dataSource={inventory.levels} columns={[{ title: 'SKU', dataIndex: 'sku' }, { title: t('warehouse'), dataIndex: 'warehouse' }, { title: t('available'), dataIndex: 'available' }, { title: t('reserved'), dataIndex: 'reserved' }, { title: t('syncedAt'), dataIndex: 'syncedAt', render: (v: string) => `${time(v)} (${duration(now - Date.parse(v), lang)})` }]} />
              <Table size="small" style={{ marginTop: 8 }} rowKey="id" pagination={{ pageSize: 8 }} dataSource={inventory.changes} columns={[{ title: t('time'), dataIndex: 'occurredAt', render: (v: string) => time(v) }, { title: t('kind'), dataIndex: 'kind', render: (v: string) => label(EVENT_KINDS, v, lang) }, { title: t('change'), render: (_v, e: Event) => describe(e, lang) }]} />
            </Card>
            <Card size="small" title={`${t('messagesSent')} (${messages.length})`}>
              <List
                size="small"
                dataSource={messages}
                locale={{ emptyText: t('noData') }}
                renderItem={(m) => (
                  <List.Item>
                    <Space wrap>
                      <Tag>{label(MESSAGE_KINDS, m.kind, lang)}</Tag>
                      {m.receiver}
                      <Tag color={m.state === 'sent' ? 'green' : 'default'}>{label(OUTBOX_STATES, m.state, lang)}</Tag>
                      {time(m.sentAt ?? m.createdAt)} {m.title}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      <Modal open={pausing} title={t('pauseOrder')} okText={t('ok')} cancelText={t('cancel')} onOk={() => void takeOver()} okButtonProps={{ disabled: !reason.trim() }} onCancel={() => setPausing(false)}>
        <label htmlFor="order-pause-reason">{t('pauseReason')}</label>
        <Input.TextArea id="order-pause-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Space>
  );
}
