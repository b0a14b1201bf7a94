import { Alert, Card, Col, Collapse, Descriptions, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { EChart } from '../components/EChart';
import { percent, time } from '../format';
import { useI18n, type Bilingual } from '../i18n';
import { CHANNELS, COMPENSATIONS, FINDINGS, GRADE_COLORS, levelLabel, ROLES, ROOT_CAUSE_CLASSES, RULES, SCOPES, STAGES, TIERS, label } from '../labels';
import { usePolicy } from '../policy';
import { useApi } from '../use-api';

interface ThresholdRow {
  readonly span: string;
  readonly spanName: Bilingual;
  readonly segment: string;
  readonly label: string;
  readonly level: string;
  readonly orders: number;
  readonly meanHours: number;
  readonly p50Hours: number;
  readonly p90Hours: number;
  readonly p99Hours: number;
  readonly allowanceHours: number | null;
  readonly used: boolean;
}

interface Thresholds {
  readonly calibrated: boolean;
  readonly fixed: Array<{ stage: string; hours: number }>;
  readonly version?: number;
  readonly asOf?: string;
  readonly policy?: string;
  readonly margin?: number;
  readonly minSamples?: number;
  readonly rows?: ThresholdRow[];
}

interface Quality {
  readonly judged: number;
  readonly late: number;
  readonly alerted: number;
  readonly precision: number | null;
  readonly falseAlarmShare: number | null;
  readonly recall: number | null;
  readonly recallBeforeBreach: number | null;
  readonly leadTimeHoursMedian: number | null;
}

interface CodeQuality extends Quality {
  readonly code: string;
  readonly key?: string;
  readonly against: 'late-delivery' | 'ship-by';
  readonly alerts: number;
}

interface Backtest extends Quality {
  readonly policy: string;
  /** `live`: the live detector replayed (with baseline and every code); `rule`: a comparison rule. */
  readonly detector?: 'live' | 'rule';
  readonly alerts: number;
  readonly leadHours?: number;
  readonly tunedOn?: { readonly from: string; readonly to: string };
  readonly baseline?: Quality & { readonly alerts: number };
  readonly codes?: CodeQuality[];
  readonly stalls?: { readonly stalledDelivered: number; readonly deliveredOnTimeShare: number | null };
  readonly bySegment: Array<Quality & { segment: string }>;
  readonly curve: Array<{ label: string; alerts: number; falseAlarmShare: number | null; recall: number | null; leadTimeHoursMedian: number | null }>;
  readonly seconds: number;
}

const hours = (h: number | null) => (h === null ? '—' : `${h.toFixed(0)} h`);

/** within shows a policy duration: `30 分钟`, `2 小时`. */
function within(ms: number, lang: 'zh' | 'en'): string {
  if (ms % 3_600_000 === 0) return lang === 'zh' ? `${ms / 3_600_000} 小时` : `${ms / 3_600_000} h`;
  return lang === 'zh' ? `${Math.round(ms / 60_000)} 分钟` : `${Math.round(ms / 60_000)} min`;
}

/** MatchTags shows a grading rule's conditions as short tags. */
/** MATCH_KEYS name what a grading rule matches on. */
const MATCH_KEYS: Readonly<Record<string, { zh: string; en: string }>> = {
  code: { zh: '异常', en: 'finding' },
  tier: { zh: '客户等级', en: 'customer tier' },
  scope: { zh: '范围', en: 'scope' },
  batchSize: { zh: '订单数', en: 'orders' },
  delayDays: { zh: '延迟天数', en: 'days late' },
  orderValueYuan: { zh: '订单金额(元)', en: 'order value (¥)' },
  orderValueFen: { zh: '订单金额', en: 'order value' },
  channel: { zh: '渠道', en: 'channel' },
  stage: { zh: '阶段', en: 'stage' },
  level: { zh: '级别', en: 'level' },
  grade: { zh: '等级', en: 'grade' },
  ownerRole: { zh: '负责角色', en: 'owner' },
  penaltyYuan: { zh: '违约金(元)', en: 'penalty (¥)' },
};

function MatchTags({ match, lang }: { match: Record<string, unknown>; lang: 'zh' | 'en' }) {
  const entries = Object.entries(match);
  if (entries.length === 0) return <Tag>{lang === 'zh' ? '任意' : 'any'}</Tag>;
  const value = (key: string, v: unknown): string => {
    if (Array.isArray(v)) return v.map((x) => value(key, x)).join(' / ');
    if (v && typeof v === 'object') {
      const r = v as { min?: number; max?: number };
      const f = (n: number) => (key === 'orderValueFen' ? `¥${n / 100}` : String(n));
      return r.max === undefined ? `≥ ${f(r.min ?? 0)}` : r.min === undefined ? `≤ ${f(r.max)}` : `${f(r.min)}–${f(r.max)}`;
    }
    if (key === 'code') return label(FINDINGS, String(v), lang);
    if (key === 'tier') return label(TIERS, String(v), lang);
    if (key === 'scope') return label(SCOPES, String(v), lang);
    if (key === 'channel') return label(CHANNELS, String(v), lang);
    if (key === 'stage') return label(STAGES, String(v), lang);
    if (key === 'ownerRole') return label(ROLES, String(v), lang);
    if (key === 'level') return levelLabel(String(v), lang);
    return String(v);
  };
  return (
    <Space size={[4, 4]} wrap>
      {entries.map(([k, v]) => (
        <Tag key={k} style={{ whiteSpace: 'normal' }}>
          {MATCH_KEYS[k]?.[lang] ?? k}: {value(k, v)}
        </Tag>
      ))}
    </Space>
  );
}

/** RulesPage shows the thresholds in effect with their derivation, the backtest with its curve, and the policy (read only). */
export function RulesPage() {
  const { t, lang, pick } = useI18n();
  const thresholds = useApi<Thresholds>('/thresholds');
  const [policyName, setPolicyName] = useState<'dynamic' | 'fixed'>('dynamic');
  const backtest = useApi<Backtest>(`/backtest?policy=${policyName}`);
  const policy = usePolicy();
  const curveOption = useMemo(() => {
    const points = (backtest.data?.curve ?? []).filter((p) => p.recall !== null && p.falseAlarmShare !== null);
    return {
      tooltip: { trigger: 'item', formatter: (p: { data: [number, number, string] }) => `${p.data[2]}<br/>${t('recall')}: ${(p.data[0] * 100).toFixed(1)}%<br/>${t('kpiFalseAlarm')}: ${(p.data[1] * 100).toFixed(1)}%` },
      grid: { left: 56, right: 20, top: 20, bottom: 44 },
      xAxis: { type: 'value', name: t('recall'), nameLocation: 'middle', nameGap: 28, min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      yAxis: { type: 'value', name: t('kpiFalseAlarm'), min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      series: [
        { type: 'scatter', symbolSize: 9, data: points.map((p) => [p.recall, p.falseAlarmShare, p.label]), itemStyle: { color: '#1664ff' } },
        ...(backtest.data && backtest.data.recall !== null && backtest.data.falseAlarmShare !== null
          ? [{ type: 'scatter', symbolSize: 16, symbol: 'diamond', data: [[backtest.data.recall, backtest.data.falseAlarmShare, backtest.data.policy]], itemStyle: { color: '#cf1322' } }]
          : []),
      ],
    };
  }, [backtest.data, t]);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('navRules')}
      </Typography.Title>
      <Card size="small" title={t('thresholds')} loading={!thresholds.data && !thresholds.error}>
        {thresholds.error && <Alert type="error" title={thresholds.error.message} />}
        {thresholds.data && !thresholds.data.calibrated && <Alert type="info" showIcon title={t('notCalibrated')} style={{ marginBottom: 8 }} />}
        {thresholds.data?.calibrated && (
          <>
            <Typography.Paragraph>{t('calibratedAs', { v: thresholds.data.version ?? '', t: time(thresholds.data.asOf), p: thresholds.data.policy ?? '', m: thresholds.data.margin ?? '', n: thresholds.data.minSamples ?? '' })}</Typography.Paragraph>
            <Table<ThresholdRow>
              size="small"
              rowKey={(r) => `${r.span}|${r.segment}`}
              dataSource={thresholds.data.rows ?? []}
              pagination={{ pageSize: 12 }}
              columns={[
                { title: t('span'), dataIndex: 'spanName', render: (v: Bilingual) => pick(v), filters: [...new Set((thresholds.data.rows ?? []).map((r) => r.span))].map((s) => ({ text: s, value: s })), onFilter: (v, r) => r.span === v },
                { title: t('segment'), dataIndex: 'label', render: (v: string, r) => <span title={r.segment}>{v}</span> },
                { title: t('samples'), dataIndex: 'orders', align: 'right', sorter: (a, b) => a.orders - b.orders },
                { title: t('meanH'), dataIndex: 'meanHours', align: 'right' },
                { title: 'P50', dataIndex: 'p50Hours', align: 'right' },
                { title: 'P90', dataIndex: 'p90Hours', align: 'right' },
                { title: t('allowanceH'), dataIndex: 'allowanceHours', align: 'right', render: (v: number | null) => v ?? '—' },
                { title: t('usedHere'), dataIndex: 'used', render: (u: boolean) => (u ? <Tag color="green">{t('usedHere')}</Tag> : <Tag>{t('fallsBack')}</Tag>) },
              ]}
            />
          </>
        )}
        {thresholds.data && (
          <Descriptions size="small" title={t('fixedAllowances')} column={{ xs: 2, md: 4 }} style={{ marginTop: 8 }}>
            {thresholds.data.fixed.map((f) => (
              <Descriptions.Item key={f.stage} label={label(STAGES, f.stage, lang)}>
                {f.hours} h
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
      <Card
        size="small"
        title={t('backtest')}
        extra={
          <Segmented
            aria-label={t('backtestPolicy')}
            value={policyName}
            onChange={(v) => setPolicyName(v as 'dynamic' | 'fixed')}
            options={[
              { value: 'dynamic', label: t('policyDynamic') },
              { value: 'fixed', label: t('policyFixed') },
            ]}
          />
        }
      >
        {backtest.loading && !backtest.data && <Alert type="info" showIcon title={t('backtestComputing')} data-testid="backtest-computing" />}
        {backtest.error && <Alert type="warning" showIcon title={`${t('backtestUnavailable')}: ${backtest.error.message}`} />}
        {backtest.data?.detector === 'live' && backtest.data.tunedOn && (
          <Typography.Paragraph type="secondary">{t('backtestBasis', { h: backtest.data.leadHours ?? 48, from: backtest.data.tunedOn.from, to: backtest.data.tunedOn.to })}</Typography.Paragraph>
        )}
        {backtest.data && (
          <Row gutter={12}>
            <Col xs={24} lg={12}>
              <Table
                size="small"
                rowKey="policy"
                pagination={false}
                dataSource={[
                  { ...backtest.data, policy: backtest.data.detector === 'live' ? t('promiseWarning') : backtest.data.policy },
                  ...(backtest.data.baseline ? [{ ...backtest.data.baseline, policy: t('baselineRule', { h: backtest.data.leadHours ?? 48 }) }] : []),
                ]}
                columns={[
                  { title: t('backtestPolicy'), dataIndex: 'policy' },
                  { title: t('alerts'), dataIndex: 'alerts' },
                  { title: t('precision'), dataIndex: 'precision', render: percent },
                  { title: t('kpiFalseAlarm'), dataIndex: 'falseAlarmShare', render: percent },
                  { title: t('recall'), dataIndex: 'recall', render: percent },
                  { title: t('leadTime'), dataIndex: 'leadTimeHoursMedian', render: hours },
                ]}
              />
              {backtest.data.codes && (
                <>
                  <Typography.Title level={5} style={{ marginTop: 12 }}>
                    {t('byCode')}
                  </Typography.Title>
                  <Table
                    size="small"
                    rowKey={(c) => `${c.code}|${c.key ?? ''}|${c.against}`}
                    pagination={false}
                    dataSource={backtest.data.codes}
                    columns={[
                      { title: t('findingCode'), render: (_v, c) => `${label(FINDINGS, c.code, lang)}${c.key ? `（${c.key === 'ship' ? t('keyShip') : t('keyDelivery')}）` : ''}` },
                      { title: t('against'), dataIndex: 'against', render: (a: CodeQuality['against']) => (a === 'ship-by' ? t('againstShipBy') : t('againstLate')) },
                      { title: t('alerts'), dataIndex: 'alerts' },
                      { title: t('kpiFalseAlarm'), dataIndex: 'falseAlarmShare', render: percent },
                      { title: t('recall'), dataIndex: 'recall', render: percent },
                      { title: t('leadTime'), dataIndex: 'leadTimeHoursMedian', render: hours },
                    ]}
                  />
                  {backtest.data.stalls && <Typography.Paragraph type="secondary">{t('stallsOnTime', { n: backtest.data.stalls.stalledDelivered, share: percent(backtest.data.stalls.deliveredOnTimeShare) })}</Typography.Paragraph>}
                </>
              )}
              <Typography.Title level={5} style={{ marginTop: 12 }}>
                {t('bySegment')}
              </Typography.Title>
              <Table
                size="small"
                rowKey="segment"
                pagination={{ pageSize: 8 }}
                dataSource={[...backtest.data.bySegment].sort((a, b) => b.judged - a.judged)}
                columns={[
                  { title: t('segment'), dataIndex: 'segment' },
                  { title: t('samples'), dataIndex: 'judged' },
                  { title: t('alerts'), dataIndex: 'alerted' },
                  { title: t('kpiFalseAlarm'), dataIndex: 'falseAlarmShare', render: percent },
                  { title: t('recall'), dataIndex: 'recall', render: percent },
                ]}
              />
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>{t('curve')}</Typography.Title>
              <EChart option={curveOption} height={320} label={t('curve')} testId="curve-chart" />
            </Col>
          </Row>
        )}
      </Card>
      {policy && (
        <Card size="small" title={t('policyInEffect')}>
          <Collapse
            defaultActiveKey={['grading']}
            items={[
              {
                key: 'grading',
                label: t('gradingRules'),
                children: (
                  <Table
                    size="small"
                    rowKey="name"
                    pagination={false}
                    dataSource={policy.grading.rules}
                    columns={[
                      { title: t('name'), dataIndex: 'name', width: 160, render: (n: string) => label(RULES, n, lang) },
                      { title: t('match'), dataIndex: 'match', render: (m: Record<string, unknown>) => <MatchTags match={m} lang={lang} /> },
                      { title: t('grade'), render: (_v, r) => <Tag color={GRADE_COLORS[r.then.grade]}>{r.then.grade} · {levelLabel(r.then.level, lang)}</Tag> },
                      { title: t('owner'), width: 100, render: (_v, r) => label(ROLES, r.then.ownerRole, lang) },
                      { title: t('respondWithin'), width: 130, render: (_v, r) => `${within(r.then.respondWithin, lang)}${r.then.responseClock === 'business' ? (lang === 'zh' ? '（工作时间）' : ' (business)') : ''}` },
                      { title: t('playbook'), render: (_v, r) => pick(policy.playbooks[r.then.playbook]?.title) || r.then.playbook },
                    ]}
                  />
                ),
              },
              {
                key: 'playbooks',
                label: t('playbooks'),
                children: Object.entries(policy.playbooks).map(([name, p]) => (
                  <div key={name} style={{ marginBottom: 8 }}>
                    <Typography.Text strong>
                      {pick(p.title) || name}
                    </Typography.Text>
                    <ol style={{ margin: '4px 0' }}>
                      {p.items.map((i) => (
                        <li key={i.id}>{lang === 'zh' ? i.zh : i.en}</li>
                      ))}
                    </ol>
                  </div>
                )),
              },
              {
                key: 'roots',
                label: t('rootCauses'),
                children: (['system', 'human', 'external', 'notAbnormal'] as const).map((c) => (
                  <div key={c}>
                    <Typography.Text strong>{label(ROOT_CAUSE_CLASSES, c === 'notAbnormal' ? 'not_abnormal' : c, lang)}: </Typography.Text>
                    {policy.rootCauses[c].map((s) => (
                      <Tag key={s.id}>{lang === 'zh' ? s.zh : s.en}</Tag>
                    ))}
                  </div>
                )),
              },
              {
                key: 'compensation',
                label: t('compensationLimits'),
                children: (
                  <Table
                    size="small"
                    rowKey="role"
                    pagination={false}
                    dataSource={Object.entries(policy.compensation.limitsFen).map(([role, limits]) => ({ role, ...limits }))}
                    columns={[{ title: t('role'), dataIndex: 'role', render: (r: string) => label(ROLES, r, lang) }, ...['coupon', 'gift', 'shipping_refund', 'refund'].map((k) => ({ title: label(COMPENSATIONS, k, lang), dataIndex: k, render: (v: number | 'unlimited' | undefined) => (v === undefined ? '—' : v === 'unlimited' ? '∞' : (v / 100).toFixed(0)) }))]}
                  />
                ),
              },
              { key: 'templates', label: t('templates'), children: <pre style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>{JSON.stringify(policy.templates, null, 2)}</pre> },
              ...(policy.routes ? [{ key: 'routes', label: `${t('routes')} / ${t('receivers')}`, children: <pre style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>{JSON.stringify({ routes: policy.routes, receivers: policy.receivers }, null, 2)}</pre> }] : []),
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
