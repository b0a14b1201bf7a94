import { daysWithData, trendChartSvg } from '../charts.js';
import { statsText } from '../duration-words.js';
import { breakdown, ownerLine, subjectOf } from '../evidence/evidence-conclusion.js';
import { AUDIT_COLUMNS, auditRows } from '../evidence/incident-sections.js';
import { stageName } from '../evidence/order-case.js';
import { clip, hours, percent, span, when, yuan } from '../format.js';
import { LABELS, PLAIN_VOCABULARY, type ReportVocabulary } from '../labels.js';
import type { ConclusionRow } from '../pdf/report-pdf.js';
import { renderFitted } from '../pdf/report-pdf.js';
import { channelOfOrder } from '../../domain/incident.js';
import type { ImprovementItem } from '../../store/report-store.js';
import { RECURRENCE_DAYS, REVIEW_PERIOD_DAYS, type ReviewData } from './review-data.js';

const IMPROVEMENT_STATES: Readonly<Record<string, string>> = { open: '未开始', in_progress: '进行中', done: '已完成', dropped: '已放弃' };

function met(value: boolean | undefined): { text: string; tone?: 'good' | 'bad' } {
  return value === undefined ? { text: '（无时限）' } : value ? { text: '达标', tone: 'good' } : { text: '超时', tone: 'bad' };
}

function improvementRows(items: readonly ImprovementItem[], now: number): Array<Array<string | { text: string; tone: 'bad' }>> {
  return items.map((i) => {
    const last = i.notes.at(-1);
    const overdue = (i.state === 'open' || i.state === 'in_progress') && i.dueAt < now;
    return [i.title, i.owner, overdue ? { text: `${when(i.dueAt).slice(0, 10)}（已逾期）`, tone: 'bad' } : when(i.dueAt).slice(0, 10), IMPROVEMENT_STATES[i.state] ?? '其他', clip(last?.text ?? '', 60), i.incidentId];
  });
}

/** headline is the review's one-line account of the incident, from its orders' own findings. */
function headline(data: ReviewData): string {
  const subject = subjectOf(data.incident, data.roster);
  const cases = data.roster.map((r) => r.case);
  if (data.incident.scope === 'order') return `${subject}：${cases[0]?.short ?? '异常'}`;
  return `${subject}：${data.orderCount} 单异常（${data.roster.length < data.orderCount ? `前 ${data.roster.length} 单中 ` : ''}${breakdown(cases)}）`;
}

function conclusion(data: ReviewData, vocabulary: ReportVocabulary): ConclusionRow[] {
  const inc = data.incident;
  const f = data.figures;
  const rc = inc.rootCause;
  const cases = data.roster.map((r) => r.case);
  const steps = [...new Set(cases.filter((c) => c.stuckStage && c.nextStep).map((c) => `「${stageName(c.stuckStage!)}」后未${c.nextStep}`))];
  const departments = [...new Set(cases.map((c) => c.department).filter((d) => d !== '—'))];
  const closer = [...data.log].reverse().find((l) => l.toState === 'closed');
  const owner = ownerLine(inc, data.people);
  const limit = (deadline: number | undefined): string => (deadline !== undefined ? `时限 ${span(deadline - inc.openedAt)}，` : '');
  const response = [
    f.toAcknowledge !== undefined ? `确认用时 ${span(f.toAcknowledge)}（${limit(inc.responseDeadline)}${met(f.responseMet).text}）` : '始终无人确认',
    f.toResolve !== undefined ? `解决用时 ${span(f.toResolve)}（${limit(inc.resolutionTarget)}${met(f.resolutionMet).text}）` : '未标记解决',
    `关闭用时 ${span(f.toClose)}`,
  ].join('；');
  const slow = f.responseMet === false || f.resolutionMet === false;
  const compare = [
    data.period.fasterAcknowledged !== null ? `确认快于本期 ${percent(data.period.fasterAcknowledged)} 的事件` : undefined,
    data.period.fasterResolved !== null ? `解决快于本期 ${percent(data.period.fasterResolved)} 的事件` : undefined,
  ].filter(Boolean);
  const open = data.improvements.filter((i) => i.state === 'open' || i.state === 'in_progress');
  const overdueItems = [...open, ...data.carriedOver].filter((i) => i.dueAt < data.generatedAt);
  const next =
    data.improvements.length === 0
      ? data.falseAlarm
        ? `1. 本次为误报：检查触发规则或阈值，避免再次误报`
        : `1. ${inc.assignee ? data.people.name(inc.assignee) : (data.people.holders(inc.ownerRole)[0] ?? LABELS.role(inc.ownerRole))}登记改进项（负责人、截止日期）`
      : open.map((i, k) => `${k + 1}. ${i.title}（${i.owner}，${when(i.dueAt).slice(0, 10)} 前${i.dueAt < data.generatedAt ? '，已逾期' : ''}）`).join('\n') || '本次改进项均已完成';
  return [
    { label: '发生了什么', value: `${headline(data)}；${when(inc.openedAt)} 打开，${when(data.closedAt)} 关闭。` },
    { label: '失败环节', value: steps.join('、') || '—' },
    { label: '责任部门', value: departments.join('、') || '—' },
    {
      label: '根因',
      value: rc ? `${vocabulary.rootCauseClass(rc.class)} / ${vocabulary.subCause(rc.subCause)}${rc.note ? `：${rc.note}` : ''}${data.falseAlarm ? '（误报）' : ''}${data.recurrences.length > 0 ? `；近 ${RECURRENCE_DAYS} 天第 ${data.recurrences.length + 1} 次出现（重复问题）` : ''}` : '未填写',
      ...(data.recurrences.length > 0 ? { tone: 'bad' as const } : {}),
    },
    { label: '负责人', value: `${owner.text}${closer ? `；由 ${data.people.name(closer.actor)} 关闭` : ''}` },
    { label: '响应', value: `${response}。`, ...(slow ? { tone: 'bad' as const } : {}) },
    { label: '通知', value: data.notified.firstAt !== undefined ? `打开后 ${span(f.toNotify)} 首次送达（${data.notified.receivers.map((r) => vocabulary.receiver(r)).join('、')}）` : '没有人收到通知', ...(data.notified.firstAt === undefined ? { tone: 'bad' as const } : {}) },
    { label: '同期对比', value: `${compare.join('，') || '本事件未确认/未解决，无法比较'}；近 ${REVIEW_PERIOD_DAYS} 天全部 ${data.period.acknowledge.n + data.period.acknowledge.excluded} 个事件的确认用时${statsText(data.period.acknowledge, '确认')}` },
    { label: '客户', value: data.satisfaction.calls === 0 ? (data.falseAlarm ? '误报不回访客户' : '尚无回访任务（关闭后由回访任务生成）') : `回访 ${data.satisfaction.calls} 个，联系上 ${data.satisfaction.reached} 个${data.satisfaction.meanScore !== null ? `，平均 ${data.satisfaction.meanScore.toFixed(1)} 分，满意率 ${percent(data.satisfaction.satisfiedShare)}` : ''}${data.satisfaction.pending > 0 ? `，待回访 ${data.satisfaction.pending} 个` : ''}` },
    { label: '下一步', value: `${next}${overdueItems.length > 0 ? `\n另有 ${overdueItems.length} 项改进已逾期（见第六节）` : ''}`, ...(overdueItems.length > 0 ? { tone: 'bad' as const } : {}) },
  ];
}

/**
 * renderReviewPdf writes a post-incident review (复盘报告) in Chinese. It
 * opens with a conclusion: what happened (from the orders' own findings),
 * the failing step and department, the root cause and whether it came
 * back, who owned it, how fast it was handled against its deadlines and
 * against every incident of the 30 days before (still-open ones counted as
 * running), who was really told, the customers' verdict and the next
 * steps. Then the facts, the root cause, the audit trail, the response
 * times with a trend chart (or "本期无数据" when there is no trend to
 * draw), the callbacks, the improvement items (its own and the unfinished
 * ones of earlier reviews) and its orders.
 */
export async function renderReviewPdf(data: ReviewData, vocabulary: ReportVocabulary = PLAIN_VOCABULARY): Promise<Buffer> {
  const inc = data.incident;
  return renderFitted({
    title: '异常事件复盘报告',
    subtitle: `事件 ${inc.id} · ${headline(data)} · ${data.trigger === 'auto' ? '关闭后自动生成' : '按需生成'}`,
    generatedAt: data.generatedAt,
    generatedBy: data.generatedBy,
    documentNo: data.documentNo,
    ...(data.owner ? { owner: data.owner } : {}),
  }, (pdf) => {
    pdf.conclusion('结论', conclusion(data, vocabulary));

    pdf.heading('一、事件概况');
    pdf.keyValues([
      ['事件编号', inc.id],
      ['级别', `${inc.grade} 级，范围 ${inc.level} 级（${LABELS.scope(inc.scope)}）`],
      ['负责', ownerLine(inc, data.people).text],
      ['涉及订单', `${data.orderCount} 单`],
      ['打开时间', when(inc.openedAt)],
      ['关闭时间', when(data.closedAt)],
      ['补偿合计', yuan(inc.compensations.filter((c) => c.state === 'granted' || c.state === 'approved').reduce((s, c) => s + c.amountFen, 0))],
      ['预案评分', inc.ratings.length ? `${(inc.ratings.reduce((s, r) => s + r.score, 0) / inc.ratings.length).toFixed(1)} 分（${inc.ratings.length} 人）` : '无人评分'],
    ]);

    pdf.heading('二、根因分析');
    const rc = inc.rootCause;
    pdf.keyValues([
      ['根因类别', rc ? vocabulary.rootCauseClass(rc.class) : '未填写'],
      ['子原因', rc ? vocabulary.subCause(rc.subCause) : '未填写'],
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
    const deliveredTo = new Map(data.messages.filter((m) => m.deliveredAt !== undefined).map((m) => [m.receiver, m.deliveredAt!]));
    pdf.table(AUDIT_COLUMNS, auditRows(data.log, { incident: inc, people: data.people, vocabulary, deliveredTo }, 200));

    pdf.heading('四、响应时效');
    const f = data.figures;
    const p = data.period;
    pdf.table(
      [
        { header: '指标', width: 20 },
        { header: '本事件', width: 12, align: 'right' },
        { header: '时限 / 结果', width: 24 },
        { header: `近 ${REVIEW_PERIOD_DAYS} 天全部事件`, width: 44 },
      ],
      [
        ['打开 → 首次送达通知', f.toNotify !== undefined ? span(f.toNotify) : { text: '无人收到', tone: 'bad' }, '', ''],
        ['打开 → 确认', f.toAcknowledge !== undefined ? span(f.toAcknowledge) : { text: '无人确认', tone: 'bad' }, { text: `${when(inc.responseDeadline)}\u3000${met(f.responseMet).text}`, ...(met(f.responseMet).tone ? { tone: met(f.responseMet).tone! } : {}) }, statsText(p.acknowledge, '确认')],
        ['打开 → 解决', span(f.toResolve), { text: `${when(inc.resolutionTarget)}\u3000${met(f.resolutionMet).text}`, ...(met(f.resolutionMet).tone ? { tone: met(f.resolutionMet).tone! } : {}) }, statsText(p.resolve, '解决')],
        ['打开 → 关闭', span(f.toClose), '', ''],
      ],
    );
    const days = p.days.map((d) => d.day);
    const chart = {
      title: `近 ${REVIEW_PERIOD_DAYS} 天每日事件与中位用时（按打开日；未确认/未解决的按至今计）`,
      days,
      axisNames: ['小时', '事件数'] as const,
      series: [
        { name: '中位确认用时（小时）', kind: 'line' as const, values: p.days.map((d) => (d.opened > 0 ? hours(d.acknowledge.medianMs) : null)) },
        { name: '中位解决用时（小时）', kind: 'line' as const, values: p.days.map((d) => (d.opened > 0 ? hours(d.resolve.medianMs) : null)) },
        { name: '新增事件', kind: 'bar' as const, axis: 1 as const, values: p.days.map((d) => d.opened) },
      ],
      ...(f.toResolve !== undefined ? { reference: { name: `本事件解决 ${span(f.toResolve)}`, value: hours(f.toResolve) ?? 0 } } : f.toAcknowledge !== undefined ? { reference: { name: `本事件确认 ${span(f.toAcknowledge)}`, value: hours(f.toAcknowledge) ?? 0 } } : {}),
    };
    const withData = daysWithData(chart);
    if (withData >= 2) {
      const size = { width: pdf.width, height: pdf.chartHeight(230) };
      pdf.chart(trendChartSvg({ ...chart, axisNames: ['小时', '事件数'] }, size), size);
    } else pdf.noData(chart.title, withData === 0 ? '本期无数据' : `本期无数据：只有 ${days.find((_d, i) => p.days[i]!.opened > 0) ?? ''} 一天有事件（${p.days.reduce((s, d) => s + d.opened, 0)} 个），画不出趋势；数字见上表`);
    pdf.note(`统计口径：${days[0]} 至 ${days.at(-1)} 打开的全部事件，未确认/未解决的按截至生成时的已用时长计入（中位数、P90 带"≥"表示仍有事件在计时，真实值至少如此）；确认指第一次由人把事件推进到已确认、处理中、已解决或已关闭。`);

    pdf.heading('五、客户满意度回访');
    const s = data.satisfaction;
    pdf.keyValues([
      ['回访任务', `${s.calls} 个`],
      ['已联系上', `${s.reached} 个（联系不上 ${s.unreachable}，待回访 ${s.pending}）`],
      ['平均满意度', s.meanScore === null ? '—' : `${s.meanScore.toFixed(1)} / 5`],
      ['满意率', `${percent(s.satisfiedShare)}（4-5 分为满意）`],
    ]);
    if (data.callbacks.length > 0) {
      // The platform's order number and the channel in words, as every other table shows an order (not the internal `jd:…` id).
      const numbers = new Map(data.roster.map((r) => [r.order.id, r.order.channelOrderId]));
      const orderName = (id: string): string => `${numbers.get(id) ?? id.slice(id.indexOf(':') + 1)}（${LABELS.channel(channelOfOrder(id)).replace('/天猫', '')}）`;
      pdf.table(
        [
          { header: '订单', width: 26 },
          { header: '状态', width: 14 },
          { header: '评分', width: 7, align: 'right' },
          { header: '客户反馈', width: 33 },
          { header: '回访人 / 时间', width: 20 },
        ],
        data.callbacks.map((c) => [
          orderName(c.orderId),
          c.state === 'done' ? '已回访' : c.state === 'unreachable' ? '联系不上' : `待回访（${when(c.dueAt)} 前）`,
          c.score !== undefined ? String(c.score) : '',
          clip(c.comment, 120),
          c.doneBy ? `${data.people.name(c.doneBy)} ${when(c.doneAt)}` : '',
        ]),
      );
    } else {
      pdf.note(data.falseAlarm ? '判定为误报的事件不回访客户。' : '该事件没有回访任务。');
    }

    pdf.heading('六、改进项');
    const columns = [
      { header: '改进项', width: 32 },
      { header: '负责人', width: 11 },
      { header: '截止日期', width: 17 },
      { header: '状态', width: 8 },
      { header: '最新进展', width: 16 },
      { header: '来源事件', width: 16 },
    ];
    if (data.improvements.length === 0) pdf.note('本次复盘尚未登记改进项。登记后（改进项、负责人、截止日期），之后每份复盘都会跟踪到完成。');
    else pdf.table(columns, improvementRows(data.improvements, data.generatedAt));
    if (data.carriedOver.length > 0) {
      pdf.table(columns, improvementRows(data.carriedOver, data.generatedAt), { title: `以往复盘未完成的改进项（${data.carriedOver.length} 项，持续跟踪至完成）` });
    }

    if (data.roster.length > 0) {
      pdf.heading('七、涉及订单');
      pdf.table(
        [
          { header: '平台订单号', width: 24 },
          { header: '渠道', width: 8 },
          { header: '下单时间', width: 17 },
          { header: '问题', width: 18 },
          { header: '当前环节', width: 11 },
          { header: '地区', width: 22 },
        ],
        data.roster.map((r) => [r.order.channelOrderId, LABELS.channel(r.order.channel).replace('/天猫', ''), when(r.order.placedAt), r.case.short, stageName(r.order.stage), r.order.province ?? '']),
        { fontSize: 8 },
      );
      if (data.roster.length < data.orderCount) pdf.note(`共 ${data.orderCount} 单，列出前 ${data.roster.length} 单。`);
    }
  });
}
