import { CheckOutlined, CloseCircleOutlined, DownloadOutlined, PauseCircleOutlined, ReloadOutlined, SoundOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Checkbox, Empty, Form, Grid, Input, List, Modal, Pagination, Select, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { announce, seen, setSound, soundOn } from '../announce';
import { ApiError } from '../api';
import { Countdown, serverNow, syncClock } from '../components/Countdown';
import { GradeTag } from '../components/GradeTag';
import { DEFAULT_ROOT_CAUSE_CLASS, RootCauseFields } from '../components/RootCauseFields';
import { time } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { ROLES, STATES, label, levelLabel } from '../labels';
import { useLiveIncidents } from '../live';
import { assignable, bulkAct, loadQueue, QUEUE_TABS, type Assignable, type BulkAction, type QueuePage, type QueueRow, type QueueSort, type QueueTab } from '../queue';
import { navigate, useLocation } from '../router';
import { useMe } from '../session';

const PAGE_SIZE = 50;

const TAB_LABELS: Record<QueueTab, MessageKey> = { open: 'tabOpen', breached: 'tabBreached', mine: 'tabMine', A: 'tabA', B: 'tabB', all: 'tabAll' };

function listParam(params: URLSearchParams, key: string): string[] | undefined {
  const v = params.get(key);
  return v ? v.split(',').filter(Boolean) : undefined;
}

/** IncidentsPage is the triage workbench: tabs with counts, search, server paging and sort, bulk assign/acknowledge/close, live updates announced in the tab title. */
export function IncidentsPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const { params } = useLocation();
  const tab = (QUEUE_TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as QueueTab) : 'open';
  const sort = (params.get('sort') as QueueSort | null) ?? 'default';
  const pageNo = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const q = params.get('q') ?? '';
  const grade = listParam(params, 'grade');
  const level = listParam(params, 'level');
  const owner = listParam(params, 'owner');
  const [data, setData] = useState<QueuePage & { key: string }>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [people, setPeople] = useState<Assignable[]>();
  const [dialog, setDialog] = useState<'assign' | 'close'>();
  const [sound, setSoundState] = useState(soundOn);
  const [search, setSearch] = useState(q);
  const [form] = Form.useForm();
  const announced = useRef<Set<string>>(new Set());
  const key = `${tab}|${sort}|${pageNo}|${q}|${grade}|${level}|${owner}`;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const page = await loadQueue({ tab, sort, q, ...(grade ? { grade } : {}), ...(level ? { level } : {}), ...(owner ? { owner } : {}), limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE, me: me.name });
      syncClock(page.now);
      setData({ ...page, key });
      setError(undefined);
      // What is on screen now is known: only later arrivals are announced.
      for (const r of page.rows) if (r.grade === 'A' || r.breached) announced.current.add(`${r.id}|${r.breached ? 'b' : 'a'}`);
    } catch (e) {
      setError(e instanceof ApiError ? ((lang === 'zh' ? e.zh : e.en) ?? e.message) : String(e));
    } finally {
      setLoading(false);
    }
    // key holds every input of the request.
  }, [key, me.name]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    void assignable().then(setPeople);
    seen();
  }, []);

  // Live changes: announce a new grade A or a breach, then re-read the page (at most every 2 s).
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const connected = useLiveIncidents((changed) => {
    let news = 0;
    for (const c of changed) {
      const breached = c.state === 'open' && !c.acknowledgedAt && c.responseDeadline !== undefined && Date.parse(c.responseDeadline) < serverNow();
      const k = `${c.id}|${breached ? 'b' : 'a'}`;
      if ((c.grade === 'A' && c.state === 'open') || breached) {
        if (!announced.current.has(k)) news++;
        announced.current.add(k);
      }
    }
    announce(news, lang === 'zh' ? '新的 A 级或超时事件' : 'new grade A or breach');
    setFresh(new Set(changed.map((c) => c.id)));
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void load(), 2000);
  });
  // A deadline that passes while the page is open is a breach too.
  useEffect(() => {
    const timer = setInterval(() => {
      let news = 0;
      for (const r of data?.rows ?? []) {
        if (r.state === 'open' && !r.acknowledgedAt && r.deadlineAt && Date.parse(r.deadlineAt) < serverNow() && !announced.current.has(`${r.id}|b`)) {
          announced.current.add(`${r.id}|b`);
          news++;
        }
      }
      announce(news, lang === 'zh' ? '事件响应超时' : 'response deadline passed');
    }, 15_000);
    return () => clearInterval(timer);
  }, [data, lang]);

  const go = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    navigate(`/incidents?${next.toString()}`, true);
    setSelected([]);
  };

  const runBulk = async (action: BulkAction, doneKey: MessageKey) => {
    try {
      const results = await bulkAct(selected, action);
      const ok = results.filter((r) => r.ok).length;
      const failed = results.filter((r) => !r.ok);
      const why = (r: (typeof failed)[number]) => (typeof r.reason === 'string' ? r.reason : pick(r.reason));
      if (failed.length > 0) void message.warning({ content: `${t('actionDone', { a: `${t(doneKey)} × ${ok}` })}; ${t('bulkFailed', { n: failed.length })}: ${failed.map((f) => `${f.id} ${why(f)}`).join('；')}`, duration: 8 });
      else void message.success(t('actionDone', { a: `${t(doneKey)} × ${ok}` }));
      setSelected([]);
      setDialog(undefined);
      form.resetFields();
      await load();
    } catch (e) {
      void message.error(e instanceof ApiError ? ((lang === 'zh' ? e.zh : e.en) ?? e.message) : String(e));
    }
  };
  const submitDialog = async () => {
    const v = (await form.validateFields()) as Record<string, string>;
    if (dialog === 'assign') await runBulk({ type: 'assign', assignee: v.assignee! }, 'assign');
    if (dialog === 'close') await runBulk({ type: 'close', rootCause: { class: v.class!, subCause: v.subCause!, ...(v.note ? { note: v.note } : {}) } }, 'close');
  };

  // Rows of another tab or page are never shown under this one's heading.
  const rows = data?.key === key ? data.rows : [];
  const open = (r: QueueRow) => navigate(`/incidents/${encodeURIComponent(r.id)}`);
  const ownersText = (r: QueueRow) => `${r.owners.map((o) => label(ROLES, o, lang)).join('、') || '—'}${r.assignee ? ` · ${r.assignee}` : ''}`;
  const countdown = (r: QueueRow) => <Countdown deadline={r.deadlineAt} stopped={!(r.state === 'open' && !r.acknowledgedAt)} />;
  const exportHref = `/api/v1/reports/export/incidents?format=xlsx${tab === 'open' ? '&state=open' : ''}`;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('incidentQueue')}
        </Typography.Title>
        <Badge status={connected ? 'success' : 'warning'} text={connected ? t('live') : t('liveOff')} data-testid="live-status" />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('refresh')}
        </Button>
        <Tooltip title={t('soundHint')}>
          <Space size={4}>
            <SoundOutlined />
            <Switch
              size="small"
              checked={sound}
              aria-label={t('sound')}
              onChange={(on) => {
                setSound(on);
                setSoundState(on);
              }}
            />
          </Space>
        </Tooltip>
        <Button icon={<DownloadOutlined />} href={exportHref}>
          {t('export')}
        </Button>
        <a href="/fix-list" onClick={(e) => (e.preventDefault(), navigate('/fix-list'))}>
          {t('fixListLink')}
        </a>
      </Space>
      {phone ? (
        // On a phone every tab stays in sight: they wrap instead of scrolling away.
        <Space wrap size={[6, 6]} data-testid="queue-tabs">
          {QUEUE_TABS.filter((k) => !(data?.legacy && k === 'breached')).map((k) => (
            <Button key={k} size="small" type={k === tab ? 'primary' : 'default'} onClick={() => go({ tab: k })} data-testid={`tab-${k}`}>
              {t(TAB_LABELS[k])}
              {data?.tabs?.[k] !== undefined ? ` ${data.tabs[k]}` : ''}
            </Button>
          ))}
        </Space>
      ) : (
      <Tabs
        activeKey={tab}
        onChange={(k) => go({ tab: k })}
        size={phone ? 'small' : 'middle'}
        data-testid="queue-tabs"
        items={QUEUE_TABS.filter((k) => !(data?.legacy && k === 'breached')).map((k) => ({
          key: k,
          label: (
            <span data-testid={`tab-${k}`}>
              {t(TAB_LABELS[k])}
              {data?.tabs?.[k] !== undefined && <Badge count={data.tabs[k]} overflowCount={9999} showZero color={k === 'breached' || k === 'A' ? '#cf1322' : '#8c8c8c'} style={{ marginInlineStart: 6 }} />}
            </span>
          ),
        }))}
        style={{ marginBottom: -12 }}
      />
      )}
      <Card size="small">
        <Space wrap size={[12, 8]} style={{ width: '100%' }}>
          {!data?.legacy && (
            <Input.Search
              aria-label={t('queueSearch')}
              placeholder={t('queueSearch')}
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(v) => go({ q: v.trim() })}
              style={{ width: phone ? '100%' : 320 }}
              data-testid="queue-search"
            />
          )}
          <Select aria-label={t('grade')} mode="multiple" allowClear placeholder={t('anyGrade')} value={grade ?? []} onChange={(v: string[]) => go({ grade: v.join(',') })} options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: `${g} ${lang === 'zh' ? '级' : ''}`.trim() }))} style={{ minWidth: 130 }} maxTagCount="responsive" />
          <Select aria-label={t('level')} mode="multiple" allowClear placeholder={t('anyLevel')} value={level ?? []} onChange={(v: string[]) => go({ level: v.join(',') })} options={['1', '2', '3'].map((l) => ({ value: l, label: levelLabel(l, lang) }))} style={{ minWidth: 130 }} maxTagCount="responsive" />
          <Select aria-label={t('owner')} mode="multiple" allowClear placeholder={t('anyOwner')} value={owner ?? []} onChange={(v: string[]) => go({ owner: v.join(',') })} options={['agent', 'supervisor', 'ops_manager', 'warehouse', 'executive'].map((r) => ({ value: r, label: label(ROLES, r, lang) }))} style={{ minWidth: 140 }} maxTagCount="responsive" />
          {!data?.legacy && (
            <Select
              aria-label={t('sortBy')}
              value={sort}
              onChange={(v) => go({ sort: v === 'default' ? undefined : v })}
              style={{ width: 190 }}
              options={(['default', 'deadline', 'opened', 'grade'] as const).map((s) => ({ value: s, label: t(s === 'default' ? 'sortDefault' : s === 'deadline' ? 'sortDeadline' : s === 'opened' ? 'sortOpened' : 'sortGrade') }))}
            />
          )}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <Card size="small" styles={{ body: phone ? { padding: 8 } : {} }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} onClick={() => void runBulk({ type: 'acknowledge' }, 'acknowledge')} data-testid="bulk-ack">
            {t('bulkAcknowledge')}
          </Button>
          {people !== undefined && (
            <Button icon={<UserAddOutlined />} disabled={selected.length === 0} onClick={() => setDialog('assign')} data-testid="bulk-assign">
              {t('bulkAssign')}
            </Button>
          )}
          <Button icon={<CloseCircleOutlined />} disabled={selected.length === 0} onClick={() => setDialog('close')} data-testid="bulk-close">
            {t('bulkClose')}
          </Button>
          <span data-testid="queue-total">{selected.length > 0 ? t('selectedN', { n: selected.length }) : t('total', { n: data?.total ?? 0 })}</span>
        </Space>
        {phone ? (
          <>
            <List<QueueRow>
              loading={loading}
              dataSource={rows}
              locale={{ emptyText: <Empty description={t('noData')} /> }}
              renderItem={(r) => (
                <List.Item key={r.id} data-incident={r.id} data-state={r.state} className={fresh.has(r.id) ? 'row-fresh queue-card' : 'queue-card'} style={{ padding: '8px 4px', alignItems: 'flex-start' }}>
                  <Checkbox checked={selected.includes(r.id)} aria-label={r.id} onChange={(e) => setSelected((s) => (e.target.checked ? [...s, r.id] : s.filter((x) => x !== r.id)))} style={{ marginInlineEnd: 8 }} />
                  <div style={{ flex: 1, minWidth: 0 }} onClick={() => open(r)} role="link">
                    <Space size={4} wrap>
                      <GradeTag grade={r.grade} level={r.level} />
                      <Tag>{label(STATES, r.state, lang)}</Tag>
                      {countdown(r)}
                    </Space>
                    <div style={{ fontWeight: 500, marginTop: 4, overflowWrap: 'anywhere' }}>
                      <a href={`/incidents/${r.id}`} onClick={(e) => e.preventDefault()}>
                        {pick(r.title)}
                      </a>
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {ownersText(r)} · {t('ordersN', { n: r.orderCount })} · {time(r.openedAt)}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
            <Pagination size="small" simple current={pageNo} pageSize={PAGE_SIZE} total={data?.total ?? 0} onChange={(p) => go({ page: String(p) })} style={{ marginTop: 8, textAlign: 'center' }} />
          </>
        ) : (
          <Table<QueueRow>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={rows}
            pagination={{ current: pageNo, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => go({ page: String(p) }) }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: ['closed', 'reviewed'].includes(r.state), 'aria-label': r.id }) }}
            rowClassName={(r) => (fresh.has(r.id) ? 'row-fresh' : r.breached ? 'row-breached' : '')}
            onRow={(r) => ({ 'data-incident': r.id, 'data-state': r.state, 'data-breached': String(r.breached), 'data-may': (r.allowedActions ?? []).join(' ') }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('grade'), dataIndex: 'grade', width: 130, render: (g: string, r) => <GradeTag grade={g} level={r.level} /> },
              {
                title: t('title'),
                dataIndex: 'title',
                render: (v: QueueRow['title'], r) => (
                  <Space size={4} wrap>
                    <a href={`/incidents/${r.id}`} onClick={(e) => (e.preventDefault(), open(r))}>
                      {pick(v)}
                    </a>
                    {r.pause && (
                      <Tooltip title={`${r.pause.by}: ${r.pause.reason}`}>
                        <Tag icon={<PauseCircleOutlined />} color="purple">
                          {t('paused')}
                        </Tag>
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
              { title: t('state'), dataIndex: 'state', width: 90, render: (s: string) => label(STATES, s, lang) },
              { title: t('owner'), dataIndex: 'owners', width: 170, render: (_v, r) => ownersText(r) },
              { title: t('ordersCovered'), dataIndex: 'orderCount', width: 90 },
              { title: t('openedAt'), dataIndex: 'openedAt', width: 140, render: (v: string) => time(v) },
              { title: t('countdown'), dataIndex: 'deadlineAt', width: 150, render: (_v, r) => countdown(r) },
            ]}
          />
        )}
      </Card>
      <Modal
        open={dialog !== undefined}
        title={dialog === 'assign' ? t('bulkAssign') : t('bulkClose')}
        okText={t('ok')}
        cancelText={t('cancel')}
        onOk={() => void submitDialog()}
        onCancel={() => setDialog(undefined)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('selectedN', { n: selected.length })}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ class: DEFAULT_ROOT_CAUSE_CLASS }}>
          {dialog === 'assign' && (
            <Form.Item name="assignee" label={t('assignee')} rules={[{ required: true, message: t('required') }]}>
              <Select showSearch optionFilterProp="label" aria-label={t('assignee')} options={(people ?? []).map((p) => ({ value: p.name, label: `${p.displayName ?? p.name}（${label(ROLES, p.role, lang)}）` }))} />
            </Form.Item>
          )}
          {dialog === 'close' && (
            <>
              <RootCauseFields form={form} />
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
