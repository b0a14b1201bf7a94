import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Rate, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { api as apiCall, query } from '../api';
import { CallCard } from '../components/CallCard';
import { ScriptPanel } from '../components/ScriptPanel';
import { api, ApiError } from '../api';
import { Countdown, syncClock } from '../components/Countdown';
import { EvidenceButton } from '../components/EvidenceButton';
import { time, yuan } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { waitsForResponse, type Incident } from '../incident';
import { ACTIONS, COMPENSATION_STATES, COMPENSATIONS, FINDINGS, MESSAGE_KINDS, OUTBOX_STATES, PLAYBOOKS, ROLES, ROOT_CAUSE_CLASSES, RULES, STATES, SUB_CAUSES, label } from '../labels';
import { GradeTag } from '../components/GradeTag';
import { DEFAULT_ROOT_CAUSE_CLASS, RootCauseFields } from '../components/RootCauseFields';
import { usePolicy } from '../policy';
import { navigate, useLocation } from '../router';
import { useApi } from '../use-api';

interface Detail {
  readonly now: string;
  readonly incident: Incident;
  readonly members: Array<{ orderId: string; code: string; key: string; addedAt: string; removedAt?: string }>;
  readonly log: Array<{ at: string; actor: string; action: string; fromState?: string; toState?: string; reason?: string; detail?: Record<string, unknown> }>;
  readonly outbox: Array<{ id: string; receiver: string; kind: string; state: string; createdAt: string; sentAt?: string; lastError?: string; problem?: { zh: string; en: string }; message: { title?: string; body?: string } }>;
  readonly allowedActions: string[];
  /** A page of the orders it covers, as summaries (newer servers). */
  readonly orders?: { total: number; items: OrderSummary[] };
  readonly owners?: string[];
  /** Money at stake: the platforms' late-shipment penalties summed over its orders (fen). */
  readonly penalty?: { amountFen: number; incurredFen: number; nextDeadlineAt?: string; unknownOrders: number };
  readonly compensation?: { requests: Array<{ id: string; mayDecide?: boolean }> };
}

interface OrderSummary {
  readonly id: string;
  readonly channelOrderId?: string;
  readonly receiver?: { name?: string; phone?: string };
  readonly product?: string;
}

function orderOption(o: OrderSummary): { value: string; label: string } {
  return { value: o.id, label: [o.channelOrderId ?? o.id.split(':').pop(), o.receiver?.name, o.receiver?.phone, o.product].filter(Boolean).join(' · ') };
}


const SIMPLE_ACTIONS: ReadonlyArray<[string, MessageKey]> = [
  ['acknowledge', 'acknowledge'],
  ['start', 'start'],
  ['resume', 'resume'],
  ['escalate', 'escalate'],
  ['resolve', 'resolve'],
  ['review', 'review'],
];

/** IncidentPage is one incident: what it covers, its history, its checklist, the customer message, compensation and every action the role may take. */
export function IncidentPage({ id }: { id: string }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const detail = useApi<Detail>(`/incidents/${encodeURIComponent(id)}`);
  const policy = usePolicy();
  const [busy, setBusy] = useState<string>();
  const [dialog, setDialog] = useState<'pause' | 'close' | 'reopen' | 'assign' | undefined>();
  const [form] = Form.useForm();
  const { params } = useLocation();
  const [orderId, setOrderId] = useState<string | undefined>(params.get('order') ?? undefined);
  const [askedTemplate, setAskedTemplate] = useState<string>();
  const [found, setFound] = useState<Array<{ value: string; label: string }>>();
  const scriptRef = useRef<HTMLDivElement>(null);
  const [force, setForce] = useState(false);
  useEffect(() => setOrderId(params.get('order') ?? undefined), [params]);
  const [compensation, setCompensation] = useState<{ kind: string; yuan: number | null }>({ kind: 'coupon', yuan: 10 });
  const [rating, setRating] = useState<{ score: number; comment: string }>({ score: 0, comment: '' });
  const [comment, setComment] = useState('');

  if (detail.error) return <Alert type="error" showIcon title={detail.error.message} action={<Button onClick={detail.reload}>{t('retry')}</Button>} />;
  if (!detail.data) return <Card loading />;
  syncClock(detail.data.now);
  const { incident, members, log, outbox, allowedActions } = detail.data;
  // allowedActions is what this person may do here, by ownership and role.
  // An older server listed only the workflow moves: ticking, compensating,
  // rating and commenting were then always offered (refusals come in words).
  const listsAll = allowedActions.some((a) => ['check', 'compensate', 'comment'].includes(a));
  const can = (a: string) => allowedActions.includes(a) || (!listsAll && ['check', 'compensate', 'decide_compensation', 'rate', 'comment'].includes(a));
  const orderIds = [...new Set([...(detail.data.orders?.items.map((o) => o.id) ?? []), ...incident.orderIds, ...members.map((m) => m.orderId)])];
  const orderCount = detail.data.orders?.total ?? orderIds.length;
  const mayDecide = (compensationId: string) => detail.data?.compensation?.requests.find((r) => r.id === compensationId)?.mayDecide ?? can('decide_compensation');
  const currentOrder = orderId && orderIds.includes(orderId) ? orderId : (orderId ?? orderIds[0]);
  const pending = incident.compensations.filter((c) => c.state === 'pending_approval');
  const findOrder = async (text: string) => {
    const q = text.trim();
    if (q.length < 2) return setFound(undefined);
    try {
      // The incident's own order search (every order it covers); an older server: the global search kept to this incident's orders.
      if (detail.data?.orders) {
        const r = await apiCall<{ items: OrderSummary[] }>(`/incidents/${encodeURIComponent(incident.id)}/orders${query({ q, limit: 50 })}`);
        setFound(r.items.map(orderOption));
        return;
      }
      const r = await apiCall<{ orders: Array<{ id: string; channelOrderId: string; receiverName?: string; phone?: string }> }>(`/orders${query({ q, limit: 100 })}`);
      const inside = new Set(orderIds);
      setFound(r.orders.filter((o) => inside.has(o.id)).map((o) => orderOption({ id: o.id, channelOrderId: o.channelOrderId, receiver: { ...(o.receiverName ? { name: o.receiverName } : {}), ...(o.phone ? { phone: o.phone } : {}) } })));
    } catch {
      setFound([]);
    }
  };
  const pickOrder = (id: string) => {
    setOrderId(id);
    const next = new URLSearchParams(params);
    next.set('order', id);
    navigate(`/incidents/${encodeURIComponent(incident.id)}?${next.toString()}`, true);
  };
  const errorText = (e: unknown) => (e instanceof ApiError ? ((lang === 'zh' ? e.zh : e.en) ?? e.message) : e instanceof Error ? e.message : String(e));

  const act = async (action: Record<string, unknown>, doneLabel: string): Promise<boolean> => {
    setBusy(String(action.type));
    try {
      await api(`/incidents/${encodeURIComponent(id)}/actions`, { body: action });
      void message.success(t('actionDone', { a: doneLabel }));
      detail.reload();
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    } finally {
      setBusy(undefined);
    }
  };
  const submitDialog = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    let ok = false;
    if (dialog === 'pause') ok = await act({ type: 'pause', reason: v.reason, ...(v.until ? { until: (v.until as Dayjs).toISOString() } : {}) }, t('pause'));
    if (dialog === 'close') {
      // One dialog: an incident not yet resolved is resolved, then closed.
      if (!['resolved'].includes(incident.state) && can('resolve')) ok = await act({ type: 'resolve' }, t('resolve'));
      else ok = true;
      if (ok) ok = await act({ type: 'close', rootCause: { class: v.class, subCause: v.subCause, ...(v.note ? { note: v.note } : {}) }, ...(force ? { force: true, reason: v.forceReason } : {}) }, t('close'));
    }
    if (dialog === 'reopen') ok = await act({ type: 'reopen', reason: v.reason }, t('reopen'));
    if (dialog === 'assign') ok = await act({ type: 'assign', assignee: v.assignee }, t('assign'));
    if (ok) {
      setDialog(undefined);
      form.resetFields();
    }
  };
  const breached = waitsForResponse(incident) && incident.responseDeadline !== undefined && Date.parse(incident.responseDeadline) < Date.parse(detail.data.now);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/incidents')}>
          {t('incidentQueue')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="incident-title">
          {pick(incident.title)}
        </Typography.Title>
        <GradeTag grade={incident.grade} level={incident.level} />
        <Tag color="blue" data-testid="incident-state">
          {label(STATES, incident.state, lang)}
        </Tag>
        {incident.pause && (
          <Tag color="purple" data-testid="incident-paused">
            {t('paused')}: {incident.pause.by} · {incident.pause.reason}
            {incident.pause.until ? ` → ${time(incident.pause.until)}` : ''}
          </Tag>
        )}
        {breached && <Tag color="red">{t('breached')}</Tag>}
        {detail.data.penalty && detail.data.penalty.amountFen > 0 && (
          <Tag color="volcano" data-testid="incident-penalty">
            {t('penaltyAtStake')} ¥{yuan(detail.data.penalty.amountFen)}
            {detail.data.penalty.nextDeadlineAt ? ` · ${t('penaltyShipBy', { t: time(detail.data.penalty.nextDeadlineAt) })}` : ` · ${t('penaltyIncurred')}`}
          </Tag>
        )}
      </Space>
      {incident.suggestResolve && <Alert type="info" showIcon title={t('suggestResolve')} />}
      <Card size="small" title={t('actions')}>
        <Space wrap>
          {SIMPLE_ACTIONS.filter(([a]) => can(a)).map(([a, k]) => (
            <Button key={a} type={a === 'acknowledge' ? 'primary' : 'default'} loading={busy === a} onClick={() => void act({ type: a }, t(k))}>
              {t(k)}
            </Button>
          ))}
          {can('pause') && (
            <Button danger onClick={() => setDialog('pause')}>
              {t('pause')}
            </Button>
          )}
          {can('assign') && <Button onClick={() => setDialog('assign')}>{t('assign')}</Button>}
          {(can('close') || (can('resolve') && incident.state !== 'resolved')) && (
            <Button type="primary" onClick={() => (setForce(false), setDialog('close'))} data-testid="close-incident">
              {incident.state === 'resolved' ? t('close') : t('resolveAndClose')}
            </Button>
          )}
          {can('reopen') && <Button onClick={() => setDialog('reopen')}>{t('reopen')}</Button>}
          <EvidenceButton id={incident.id} />
        </Space>
      </Card>
      {currentOrder && <CallCard orderId={currentOrder} incident={incident} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('owner')}>
                  {(detail.data.owners ?? [incident.ownerRole]).map((r) => label(ROLES, r, lang)).join('、')}
                  {incident.assignee ? ` · ${incident.assignee}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('openedAt')}>{time(incident.openedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('deadline')}>
                  <Space>
                    {time(incident.responseDeadline)}
                    <Countdown deadline={incident.responseDeadline} stopped={!waitsForResponse(incident)} />
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('resolutionTarget')}>{time(incident.resolutionTarget)}</Descriptions.Item>
                <Descriptions.Item label={t('rule')}>{incident.rule ? label(RULES, incident.rule, lang) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('playbook')}>{policy && incident.playbook ? pick(policy.playbooks[incident.playbook]?.title) || label(PLAYBOOKS, incident.playbook, lang) : incident.playbook ? label(PLAYBOOKS, incident.playbook, lang) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('escalations')}>{incident.escalations}</Descriptions.Item>
                <Descriptions.Item label={t('rootCause')}>
                  {incident.rootCause ? `${label(ROOT_CAUSE_CLASSES, incident.rootCause.class, lang)} / ${label(SUB_CAUSES, incident.rootCause.subCause, lang)}${incident.rootCause.note ? ` — ${incident.rootCause.note}` : ''}` : '—'}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('checklist')}>
              <List
                size="small"
                dataSource={incident.checklist}
                locale={{ emptyText: t('noData') }}
                renderItem={(item) => (
                  <List.Item
                    actions={
                      item.template
                        ? [
                            <Button key="tpl" size="small" onClick={() => (setAskedTemplate(item.template), scriptRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }))}>
                              {t('customerMessage')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <Checkbox checked={item.done} disabled={!['open', 'acknowledged', 'in_progress'].includes(incident.state)} onChange={(e) => void act({ type: 'check', itemId: item.id, done: e.target.checked }, pick(item.label))}>
                      {pick(item.label)}
                    </Checkbox>
                    {item.done && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {item.doneBy} {time(item.doneAt)}
                      </Typography.Text>
                    )}
                  </List.Item>
                )}
              />
            </Card>
            <div ref={scriptRef}>
              <ScriptPanel
                incidentId={incident.id}
                {...(currentOrder ? { orderId: currentOrder } : {})}
                {...(askedTemplate ? { template: askedTemplate } : {})}
                onSent={detail.reload}
                orderPicker={
                  orderCount > 1 ? (
                    <Select
                      showSearch
                      aria-label={t('scriptFor')}
                      placeholder={t('findInIncident')}
                      style={{ width: 'min(360px, calc(100vw - 64px))' }}
                      value={currentOrder}
                      filterOption={false}
                      onSearch={(v) => void findOrder(v)}
                      onChange={pickOrder}
                      options={found ?? detail.data.orders?.items.map(orderOption) ?? orderIds.slice(0, 50).map((o) => ({ value: o, label: o.split(':').pop() ?? o }))}
                      data-testid="script-order"
                    />
                  ) : undefined
                }
              />
            </div>
            <Card size="small" title={t('compensation')}>
              <Space wrap>
                <label htmlFor="comp-kind">{t('compensationKind')}</label>
                <Select id="comp-kind" aria-label={t('compensationKind')} style={{ width: 130 }} value={compensation.kind} onChange={(v) => setCompensation((c) => ({ ...c, kind: v }))} options={Object.keys(COMPENSATIONS).map((k) => ({ value: k, label: label(COMPENSATIONS, k, lang) }))} />
                <label htmlFor="comp-amount">{t('amountYuan')}</label>
                <InputNumber id="comp-amount" aria-label={t('amountYuan')} min={0} step={5} value={compensation.yuan} onChange={(v) => setCompensation((c) => ({ ...c, yuan: v }))} />
                <Button disabled={!can('compensate') || compensation.yuan === null} onClick={() => void act({ type: 'compensate', kind: compensation.kind, amountFen: Math.round((compensation.yuan ?? 0) * 100) }, t('compensation'))}>
                  {t('grant')}
                </Button>
              </Space>
              {incident.compensations.length > 0 && (
                <Table
                  style={{ marginTop: 8 }}
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={incident.compensations}
                  columns={[
                    { title: t('compensationKind'), dataIndex: 'kind', render: (k: string) => label(COMPENSATIONS, k, lang) },
                    { title: t('amountYuan'), dataIndex: 'amountFen', render: (f: number) => yuan(f) },
                    { title: t('state'), dataIndex: 'state', render: (s: string, c) => (s === 'pending_approval' ? <Tag color="orange">{t('pendingApproval')} ({label(ROLES, c.approverRole, lang)})</Tag> : <Tag color={s === 'rejected' ? 'red' : 'green'}>{label(COMPENSATION_STATES, s, lang)}</Tag>) },
                    { title: t('requestedBy'), dataIndex: 'requestedBy' },
                    {
                      title: t('actions'),
                      render: (_v, c) =>
                        c.state === 'pending_approval' && mayDecide(c.id) ? (
                          <Space>
                            <Button size="small" onClick={() => void act({ type: 'decide_compensation', compensationId: c.id, approve: true }, t('approve'))}>
                              {t('approve')}
                            </Button>
                            <Button size="small" danger onClick={() => void act({ type: 'decide_compensation', compensationId: c.id, approve: false }, t('reject'))}>
                              {t('reject')}
                            </Button>
                          </Space>
                        ) : null,
                    },
                  ]}
                />
              )}
            </Card>
            <Card size="small" title={t('rating')}>
              <Space wrap>
                <Rate value={rating.score} onChange={(score) => setRating((r) => ({ ...r, score }))} aria-label={t('rating')} />
                <Input aria-label={t('comment')} placeholder={t('comment')} value={rating.comment} onChange={(e) => setRating((r) => ({ ...r, comment: e.target.value }))} style={{ width: 240 }} />
                <Button disabled={!can('rate') || rating.score === 0} onClick={() => void act({ type: 'rate', score: rating.score, ...(rating.comment ? { comment: rating.comment } : {}) }, t('rate'))}>
                  {t('rate')}
                </Button>
              </Space>
              {incident.ratings.map((r) => (
                <div key={`${r.by}${r.at}`}>
                  <Rate disabled value={r.score} style={{ fontSize: 12 }} /> {r.by} {time(r.at)} {r.comment}
                </div>
              ))}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={`${t('members')} (${members.length})`}>
              <Table
                size="small"
                rowKey={(m) => `${m.orderId}|${m.code}|${m.key}`}
                pagination={members.length > 8 ? { pageSize: 8 } : false}
                dataSource={members}
                columns={[
                  { title: t('order'), dataIndex: 'orderId', render: (o: string) => <a href={`/orders/${encodeURIComponent(o)}`} onClick={(e) => (e.preventDefault(), navigate(`/orders/${encodeURIComponent(o)}`))}>{o}</a> },
                  { title: t('findings'), dataIndex: 'code', render: (c: string, m) => <Tag color={m.removedAt ? undefined : 'volcano'}>{label(FINDINGS, c, lang)}</Tag> },
                  { title: t('time'), dataIndex: 'addedAt', render: (v: string) => time(v) },
                ]}
              />
            </Card>
            <Card size="small" title={t('timelineLog')}>
              <Timeline
                items={[...log].reverse().map((l) => ({
                  color: l.toState === 'closed' ? 'green' : l.action === 'escalate' || l.action === 'escalated' ? 'red' : 'blue',
                  content: (
                    <div>
                      <Typography.Text strong>{label(ACTIONS, l.action, lang)}</Typography.Text> {l.fromState && l.toState ? `${label(STATES, l.fromState, lang)} → ${label(STATES, l.toState, lang)}` : ''}
                      <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                        {time(l.at, true)} · {l.actor}
                      </div>
                      {l.reason && <div>{l.reason}</div>}
                    </div>
                  ),
                }))}
              />
              <Space.Compact style={{ width: '100%' }}>
                <Input aria-label={t('comment')} placeholder={t('comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
                <Button disabled={!comment.trim() || !can('comment')} onClick={() => void act({ type: 'comment', text: comment }, t('comment')).then((ok) => ok && setComment(''))}>
                  {t('comment')}
                </Button>
              </Space.Compact>
            </Card>
            <Card size="small" title={`${t('messagesSent')} (${outbox.length})`}>
              <List
                size="small"
                dataSource={outbox}
                locale={{ emptyText: t('noData') }}
                renderItem={(o) => (
                  <List.Item>
                    <div style={{ width: '100%' }}>
                      <Space wrap>
                        <Tag>{label(MESSAGE_KINDS, o.kind, lang)}</Tag>
                        <span>{o.receiver}</span>
                        <Tag color={o.state === 'sent' ? 'green' : o.state === 'dead' ? 'red' : 'default'}>{label(OUTBOX_STATES, o.state, lang)}</Tag>
                        <Typography.Text type="secondary">{time(o.sentAt ?? o.createdAt)}</Typography.Text>
                      </Space>
                      <div style={{ fontSize: 12 }}>{o.message.title}</div>
                      {o.lastError && (
                        <div data-testid="delivery-problem">
                          <Typography.Text type="danger">{o.problem ? pick(o.problem) : t('sendFailed')}</Typography.Text>
                          {/* The sender's own line (platform codes, the SMS OutId to look up) for whoever checks with the platform. */}
                          <details style={{ fontSize: 12 }}>
                            <summary>{t('technicalDetails')}</summary>
                            <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                              {o.lastError}
                            </Typography.Text>
                          </details>
                        </div>
                      )}
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      <Modal
        open={dialog !== undefined}
        title={dialog === 'pause' ? t('pause') : dialog === 'close' ? (incident.state === 'resolved' ? t('close') : t('resolveAndClose')) : dialog === 'reopen' ? t('reopen') : t('assign')}
        okText={t('ok')}
        cancelText={t('cancel')}
        confirmLoading={busy !== undefined}
        onOk={() => void submitDialog()}
        onCancel={() => setDialog(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ class: DEFAULT_ROOT_CAUSE_CLASS }}>
          {(dialog === 'pause' || dialog === 'reopen') && (
            <Form.Item name="reason" label={dialog === 'pause' ? t('pauseReason') : t('reason')} rules={[{ required: true, message: t('required') }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          )}
          {dialog === 'pause' && (
            <Form.Item name="until" label={t('pauseUntil')}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          )}
          {dialog === 'assign' && (
            <Form.Item name="assignee" label={t('assignee')} rules={[{ required: true, message: t('required') }]}>
              <Input />
            </Form.Item>
          )}
          {dialog === 'close' && (
            <>
              {pending.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  data-testid="close-pending-warning"
                  title={t('closePendingWarn', { n: pending.length })}
                  description={
                    <Checkbox checked={force} onChange={(e) => setForce(e.target.checked)}>
                      {t('forceClose')}
                    </Checkbox>
                  }
                />
              )}
              {force && (
                <Form.Item name="forceReason" label={t('forceReason')} rules={[{ required: true, message: t('required') }]}>
                  <Input />
                </Form.Item>
              )}
              <RootCauseFields form={form} />
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
