import { CheckOutlined, PauseCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, query } from '../api';
import { Countdown, syncClock } from '../components/Countdown';
import { time } from '../format';
import { useI18n } from '../i18n';
import { ACTIVE_STATES, channelsOf, waitsForResponse, type Incident } from '../incident';
import { CHANNELS, ROLES, STATES, label } from '../labels';
import { GradeTag } from '../components/GradeTag';
import { useLiveIncidents } from '../live';
import { navigate, useLocation } from '../router';

interface Filters {
  state: string[];
  grade: string[];
  level: string[];
  ownerRole: string[];
  channel: string[];
}

function filtersOf(params: URLSearchParams): Filters {
  const list = (k: string, fallback: string[] = []) => (params.has(k) ? (params.get(k) ?? '').split(',').filter(Boolean) : fallback);
  return { state: list('state', ACTIVE_STATES), grade: list('grade'), level: list('level'), ownerRole: list('ownerRole'), channel: list('channel') };
}

function matches(i: Incident, f: Filters): boolean {
  return (
    (f.state.length === 0 || f.state.includes(i.state)) &&
    (f.grade.length === 0 || f.grade.includes(i.grade)) &&
    (f.level.length === 0 || f.level.includes(String(i.level))) &&
    (f.ownerRole.length === 0 || f.ownerRole.includes(i.ownerRole)) &&
    (f.channel.length === 0 || channelsOf(i).some((c) => f.channel.includes(c)))
  );
}

/** IncidentsPage is the queue: filters, live countdowns to each response deadline, bulk acknowledge, live updates. */
export function IncidentsPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { params } = useLocation();
  const filters = useMemo(() => filtersOf(params), [params]);
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const [fresh, setFresh] = useState<Set<string>>(new Set());

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api<{ total: number; now: string; incidents: Incident[] }>(
        `/incidents${query({ state: filters.state, grade: filters.grade, level: filters.level, ownerRole: filters.ownerRole, limit: 500 })}`,
      );
      syncClock(r.now);
      setIncidents(r.incidents);
      setTotal(r.total);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }, [filters]);
  useEffect(() => void load(), [load]);

  const connected = useLiveIncidents((changed) => {
    setIncidents((list) => {
      const byId = new Map(list.map((i) => [i.id, i]));
      const added: Incident[] = [];
      for (const c of changed) {
        if (byId.has(c.id)) byId.set(c.id, c);
        else if (matches(c, filters)) added.push(c);
      }
      return [...added, ...[...byId.values()]];
    });
    setFresh(new Set(changed.map((c) => c.id)));
  });

  const shown = useMemo(() => incidents.filter((i) => matches(i, filters)), [incidents, filters]);
  const setFilter = (key: keyof Filters, value: string[]) => {
    const next = new URLSearchParams(params);
    next.set(key, value.join(','));
    navigate(`/incidents?${next.toString()}`, true);
    setSelected([]);
  };
  const bulkAcknowledge = async () => {
    const r = await api<{ results: Array<{ id: string; ok: boolean; error?: string }> }>('/incidents/bulk-actions', { body: { ids: selected, action: { type: 'acknowledge' } } });
    const ok = r.results.filter((x) => x.ok).length;
    const failed = r.results.filter((x) => !x.ok);
    if (failed.length) void message.warning(`${t('actionDone', { a: `${t('acknowledge')} ${ok}` })}; ${failed.map((f) => `${f.id}: ${f.error}`).join('; ')}`);
    else void message.success(t('actionDone', { a: `${t('acknowledge')} × ${ok}` }));
    setSelected([]);
    await load();
  };

  const select = (key: keyof Filters, labelKey: Parameters<typeof t>[0], placeholder: Parameters<typeof t>[0], options: Array<{ value: string; label: string }>) => (
    <Space size={4}>
      <label htmlFor={`filter-${key}`}>{t(labelKey)}</label>
      <Select id={`filter-${key}`} aria-label={t(labelKey)} mode="multiple" allowClear placeholder={t(placeholder)} value={filters[key]} onChange={(v) => setFilter(key, v)} options={options} style={{ minWidth: key === 'state' ? 300 : 150 }} maxTagCount="responsive" />
    </Space>
  );

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
      </Space>
      <Card size="small">
        <Space wrap size={[16, 8]}>
          {select('state', 'state', 'allStates', Object.keys(STATES).map((s) => ({ value: s, label: label(STATES, s, lang) })))}
          {select('grade', 'grade', 'anyGrade', ['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g })))}
          {select('level', 'level', 'anyLevel', ['1', '2', '3'].map((l) => ({ value: l, label: `L${l}` })))}
          {select('ownerRole', 'owner', 'anyOwner', ['agent', 'supervisor', 'ops_manager', 'warehouse', 'executive'].map((r) => ({ value: r, label: label(ROLES, r, lang) })))}
          {select('channel', 'channel', 'anyChannel', ['taobao', 'jd', 'douyin', 'pdd', 'kuaishou', 'wechat_shop', 'youzan', 'shopify', 'generic'].map((c) => ({ value: c, label: label(CHANNELS, c, lang) })))}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <Card size="small">
        <Space style={{ marginBottom: 8 }}>
          <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} onClick={() => void bulkAcknowledge()} data-testid="bulk-ack">
            {t('bulkAcknowledge')}
          </Button>
          <span>{selected.length > 0 ? t('selectedN', { n: selected.length }) : t('total', { n: filters.channel.length ? shown.length : total })}</span>
        </Space>
        <Table<Incident>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={shown}
          pagination={{ pageSize: 25, showSizeChanger: false }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (i) => ({ disabled: i.state !== 'open', 'aria-label': i.id }) }}
          rowClassName={(i) => (fresh.has(i.id) ? 'row-fresh' : '')}
          onRow={(i) => ({ 'data-incident': i.id, 'data-state': i.state }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('grade'),
              dataIndex: 'grade',
              width: 70,
              render: (g: string, i) => (
<GradeTag grade={g} level={i.level} />
              ),
            },
            {
              title: t('title'),
              dataIndex: 'title',
              render: (v: Incident['title'], i) => (
                <Space size={4} wrap>
                  <a href={`/incidents/${i.id}`} onClick={(e) => (e.preventDefault(), navigate(`/incidents/${i.id}`))}>
                    {pick(v)}
                  </a>
                  {i.pause && (
                    <Tooltip title={`${i.pause.by}: ${i.pause.reason}`}>
                      <Tag icon={<PauseCircleOutlined />} color="purple">
                        {t('paused')}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            { title: t('state'), dataIndex: 'state', width: 90, render: (s: string) => label(STATES, s, lang) },
            { title: t('owner'), dataIndex: 'ownerRole', width: 100, render: (r: string, i) => `${label(ROLES, r, lang)}${i.assignee ? ` · ${i.assignee}` : ''}` },
            { title: t('ordersCovered'), dataIndex: 'orderIds', width: 90, render: (ids: string[]) => ids.length },
            { title: t('openedAt'), dataIndex: 'openedAt', width: 140, render: (v: string) => time(v) },
            {
              title: t('countdown'),
              dataIndex: 'responseDeadline',
              width: 150,
              sorter: (a, b) => Date.parse(a.responseDeadline ?? '9999') - Date.parse(b.responseDeadline ?? '9999'),
              render: (v: string | undefined, i) => <Countdown deadline={v} stopped={!waitsForResponse(i)} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
