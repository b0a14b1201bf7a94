import { FINDING_LABELS } from '../../domain/finding-labels.js';
import type { FindingCode } from '../../domain/finding.js';
import { trendChartSvg } from '../charts.js';
import { describeLog } from '../evidence/incident-sections.js';
import { clip, hours, percent, span, when, yuan } from '../format.js';
import { LABELS, PLAIN_VOCABULARY, type ReportVocabulary } from '../labels.js';
import { daysOf, spread } from '../period.js';
import { ReportPdf } from '../pdf/report-pdf.js';
import type { ImprovementItem } from '../../store/report-store.js';
import { RECURRENCE_DAYS, REVIEW_PERIOD_DAYS, type ReviewData } from './review-data.js';

const IMPROVEMENT_STATES: Readonly<Record<string, string>> = { open: '未开始', in_progress: '进行中', done: '已完成', dropped: '已放弃' };

function met(value: boolean | undefined): string {
  return value === undefined ? '（无时限）' : value ? '达标' : '超时';
}

function improvementRows(items: readonly ImprovementItem[], now: number): string[][] {
  return items.map((i) => {
    const last = i.notes.at(-1);
    const overdue = (i.state === 'open' || i.state === 'in_progress') && i.dueAt < now;
    return [i.title, i.owner, `${when(i.dueAt).slice(0, 10)}${overdue ? '（已逾期）' : ''}`, IMPROVEMENT_STATES[i.state] ?? i.state, clip(last?.text ?? '', 60), i.incidentId];
  });
}

/**
 * renderReviewPdf writes a post-incident review (复盘报告) in Chinese: the
 * incident, its root cause (and whether the same sub-cause came back), the
 * timeline, its response times against its deadlines and against the
 * period's trend (a chart), the customers' satisfaction callbacks, and the
 * improvement items with owner, due date and state, including the unfinished
 * ones of earlier reviews.
 */
export async function renderReviewPdf(data: ReviewData, vocabulary: ReportVocabulary = PLAIN_VOCABULARY): Promise<Buffer> {
  const inc = data.incident;
  const pdf = new ReportPdf({
    title: '异常事件复盘报告',
    subtitle: `事件 ${inc.id} · ${inc.title.zh} · ${data.trigger === 'auto' ? '关闭后自动生成' : '按需生成'}`,
    generatedAt: data.generatedAt,
    generatedBy: data.trigger === 'auto' ? '系统（自动复盘）' : data.generatedBy,
  });

  pdf.heading('一、事件概况');
  pdf.keyValues([
    ['事件编号', inc.id],
    ['标题', inc.title.zh],
    ['级别', `${inc.grade} 级 / 范围 ${inc.level} 级（${LABELS.scope(inc.scope)}）`],
    ['负责角色', `${LABELS.role(inc.ownerRole)}${inc.assignee ? `，指派 ${inc.assignee}` : ''}`],
    ['异常类型', inc.codes.map((c) => (Object.hasOwn(FINDING_LABELS, c) ? FINDING_LABELS[c as FindingCode].zh : c)).join('、') || '—'],
    ['涉及订单', `${data.orderCount} 单`],
    ['打开时间', when(inc.openedAt)],
    ['关闭时间', when(data.closedAt)],
    ['补偿合计', yuan(inc.compensations.filter((c) => c.state === 'granted' || c.state === 'approved').reduce((s, c) => s + c.amountFen, 0))],
    ['预案评分', inc.ratings.length ? `${(inc.ratings.reduce((s, r) => s + r.score, 0) / inc.ratings.length).toFixed(1)} 分（${inc.ratings.length} 人）` : '—'],
  ]);

  pdf.heading('二、根因分析');
  const rc = inc.rootCause;
  pdf.keyValues([
    ['根因类别', rc ? vocabulary.rootCauseClass(rc.class) : '—'],
    ['子原因', rc ? `${vocabulary.subCause(rc.subCause)}（${rc.subCause}）` : '—'],
    ['说明', rc?.note ?? '—'],
    ['同类复发', data.recurrences.length === 0 ? `近 ${RECURRENCE_DAYS} 天首次出现` : `近 ${RECURRENCE_DAYS} 天第 ${data.recurrences.length + 1} 次（重复问题）`],
  ]);
  if (data.recurrences.length > 0) {
    pdf.table(
      [
        { header: '此前同因事件', width: 40 },
        { header: '关闭时间', width: 30 },
        { header: '当前状态', width: 30 },
      ],
      data.recurrences.map((r) => [r.incidentId, when(r.at), LABELS.incidentState(r.state)]),
    );
  }

  pdf.heading('三、时间线');
  pdf.table(
    [
      { header: '时间', width: 17 },
      { header: '操作人', width: 12 },
      { header: '操作', width: 16 },
      { header: '状态变化', width: 17 },
      { header: '说明', width: 38 },
    ],
    data.log.map((l) => [
      when(l.at),
      LABELS.actor(l.actor),
      LABELS.action(l.action),
      l.fromState || l.toState ? `${l.fromState ? LABELS.incidentState(l.fromState) : ''} → ${l.toState ? LABELS.incidentState(l.toState) : ''}` : '',
      clip(describeLog(l, vocabulary), 200),
    ]),
  );

  pdf.heading('四、响应时效');
  const f = data.figures;
  const days = daysOf(data.period);
  const totals = data.period.days.reduce((s, d) => ({ acked: s.acked + d.acknowledged, ack: s.ack + (d.mttaMs ?? 0) * d.acknowledged, resolved: s.resolved + d.resolved, res: s.res + (d.mttrMs ?? 0) * d.resolved, opened: s.opened + d.opened }), { acked: 0, ack: 0, resolved: 0, res: 0, opened: 0 });
  const periodMtta = totals.acked > 0 ? totals.ack / totals.acked : null;
  const periodMttr = totals.resolved > 0 ? totals.res / totals.resolved : null;
  pdf.table(
    [
      { header: '指标', width: 22 },
      { header: '本事件', width: 20, align: 'right' },
      { header: '时限 / 结果', width: 30 },
      { header: `近 ${REVIEW_PERIOD_DAYS} 天平均`, width: 28, align: 'right' },
    ],
    [
      ['打开 → 首次通知', span(f.toNotify), '', ''],
      ['打开 → 确认', span(f.toAcknowledge), `${when(inc.responseDeadline)}\u3000${met(f.responseMet)}`, span(periodMtta)],
      ['打开 → 解决', span(f.toResolve), `${when(inc.resolutionTarget)}\u3000${met(f.resolutionMet)}`, span(periodMttr)],
      ['打开 → 关闭', span(f.toClose), '', ''],
    ],
  );
  pdf.chart(
    trendChartSvg(
      {
        title: `近 ${REVIEW_PERIOD_DAYS} 天响应时效趋势（按事件打开日）`,
        days,
        axisNames: ['小时', '事件数'],
        series: [
          { name: '平均确认用时（小时）', kind: 'line', values: spread(days, data.period.days, (d) => hours(d.mttaMs), null) },
          { name: '平均解决用时（小时）', kind: 'line', values: spread(days, data.period.days, (d) => hours(d.mttrMs), null) },
          { name: '新增事件', kind: 'bar', axis: 1, values: spread(days, data.period.days, (d) => d.opened) },
        ],
        ...(f.toResolve !== undefined ? { reference: { name: `本事件解决 ${hours(f.toResolve)} 小时`, value: hours(f.toResolve) ?? 0 } } : {}),
      },
      { width: pdf.width, height: 250 },
    ),
    { width: pdf.width, height: 250 },
  );
  pdf.note(`统计口径：${days[0]} 至 ${days.at(-1)} 打开的 ${totals.opened} 个事件；确认/解决用时为审计记录中首次进入该状态的时间。`);

  pdf.heading('五、客户满意度回访');
  const s = data.satisfaction;
  pdf.keyValues([
    ['回访任务', `${s.calls} 个`],
    ['已联系上', `${s.reached} 个（联系不上 ${s.unreachable}，待回访 ${s.pending}）`],
    ['平均满意度', s.meanScore === null ? '—' : `${s.meanScore.toFixed(1)} / 5`],
    ['满意率（4-5 分）', percent(s.satisfiedShare)],
  ]);
  if (data.callbacks.length > 0) {
    pdf.table(
      [
        { header: '订单', width: 26 },
        { header: '状态', width: 12 },
        { header: '评分', width: 8, align: 'right' },
        { header: '客户反馈', width: 34 },
        { header: '回访人 / 时间', width: 20 },
      ],
      data.callbacks.map((c) => [
        c.orderId,
        c.state === 'done' ? '已回访' : c.state === 'unreachable' ? '联系不上' : `待回访（${when(c.dueAt)} 前）`,
        c.score !== undefined ? String(c.score) : '',
        clip(c.comment, 120),
        c.doneBy ? `${c.doneBy} ${when(c.doneAt)}` : '',
      ]),
    );
  } else {
    pdf.note('该事件没有回访任务（判定为误报的事件不回访客户）。');
  }

  pdf.heading('六、改进项');
  const columns = [
    { header: '改进项', width: 34 },
    { header: '负责人', width: 11 },
    { header: '截止日期', width: 17 },
    { header: '状态', width: 9 },
    { header: '最新进展', width: 17 },
    { header: '来源事件', width: 12 },
  ];
  if (data.improvements.length === 0) pdf.note('本次复盘尚未登记改进项（可在控制台或 `orderwatch report improvement add` 添加）。');
  else pdf.table(columns, improvementRows(data.improvements, data.generatedAt));
  if (data.carriedOver.length > 0) {
    pdf.subheading(`以往复盘未完成的改进项（${data.carriedOver.length} 项，持续跟踪至完成）`);
    pdf.table(columns, improvementRows(data.carriedOver, data.generatedAt));
  }

  if (data.orders.length > 0) {
    pdf.heading('七、涉及订单');
    pdf.table(
      [
        { header: '订单编号', width: 32 },
        { header: '下单时间', width: 22 },
        { header: '当前环节', width: 16 },
        { header: '地区', width: 30 },
      ],
      data.orders.map((o) => [o.id, when(o.placedAt), LABELS.stage(o.stage), [o.province, o.city].filter(Boolean).join(' ')]),
    );
    if (data.orders.length < data.orderCount) pdf.note(`共 ${data.orderCount} 单，列出前 ${data.orders.length} 单。`);
  }
  return pdf.finish();
}
