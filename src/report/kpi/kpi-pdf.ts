import type { DurationStats } from '../../store/incident-timings.js';
import { daysWithData, pieChartSvg, trendChartSvg } from '../charts.js';
import { count, quantileText } from '../duration-words.js';
import { percent, span, when } from '../format.js';
import { LABELS, PLAIN_VOCABULARY, type ReportVocabulary } from '../labels.js';
import { renderFitted, type ConclusionRow, type Tone } from '../pdf/report-pdf.js';
import { RECURRENCE_DAYS } from '../review/review-data.js';
import type { KpiData, KpiFigures } from './kpi-data.js';

/** Headline is one KPI of the report: this period, the one before, the target, with its basis (n). */
interface Headline {
  readonly name: string;
  readonly value: string;
  readonly previous: string;
  readonly target: string;
  /** met / missed against the target; undefined without a target, or when running incidents leave it open. */
  readonly verdict?: 'met' | 'missed' | 'open';
  /** Compared with the previous period. */
  readonly change?: 'better' | 'worse' | 'same';
  readonly basis: string;
}

function compare(now: number | null, before: number | null, lowerIsBetter: boolean): Headline['change'] {
  if (now === null || before === null) return undefined;
  if (Math.abs(now - before) < 1e-9) return 'same';
  return now < before === lowerIsBetter ? 'better' : 'worse';
}

const pct = (v: number | null): string => percent(v);

function medianHeadline(name: string, s: DurationStats, before: DurationStats, verb: '确认' | '解决', targetMs: number | undefined): Headline {
  const value = `${quantileText(s.medianMs, s.medianAtLeast)}（P90 ${quantileText(s.p90Ms, s.p90AtLeast)}）`;
  let verdict: Headline['verdict'];
  if (targetMs !== undefined && s.medianMs !== null) verdict = s.medianMs > targetMs ? 'missed' : s.medianAtLeast ? 'open' : 'met';
  return {
    name,
    value,
    previous: before.n > 0 ? `${quantileText(before.medianMs, before.medianAtLeast)}（n=${count(before.n)}）` : '—（n=0）',
    target: targetMs !== undefined ? `≤ ${span(targetMs)}` : '—',
    ...(verdict ? { verdict } : {}),
    ...(compare(s.medianMs, before.n > 0 ? before.medianMs : null, true) ? { change: compare(s.medianMs, before.n > 0 ? before.medianMs : null, true)! } : {}),
    basis: `期间内打开的全部 ${count(s.n)} 个事件${s.running > 0 ? `，其中 ${count(s.running)} 个仍未${verb}（按至今计）` : ''}${s.excluded > 0 ? `；${count(s.excluded)} 个未经${verb}即自动消除，不计入` : ''}`,
  };
}

/** headlines are the report's KPIs, each with its basis, previous value and target. */
function headlines(k: KpiData): Headline[] {
  const p: KpiFigures = k.previous;
  const ack = k.incidents.acknowledge;
  const t = k.targets;
  const change = (now: number | null, before: number | null, lower: boolean) => {
    const c = compare(now, before, lower);
    return c ? { change: c } : {};
  };
  return [
    { name: '延迟订单率', value: `${pct(k.totals.delayedShare)}（${count(k.totals.delayed)} 单）`, previous: `${pct(p.totals.delayedShare)}（n=${count(p.totals.orders)}）`, target: '—', ...change(k.totals.delayedShare, p.totals.delayedShare, true), basis: `期间内下单的 ${count(k.totals.orders)} 单中出现停滞/超时/物流异常的` },
    {
      name: '按时确认率',
      value: pct(ack.onTimeShare),
      previous: `${pct(p.incidents.acknowledge.onTimeShare)}（n=${count(p.incidents.acknowledge.onTime + p.incidents.acknowledge.late)}）`,
      target: `≥ ${percent(t.acknowledgeOnTimeShare)}`,
      ...(ack.onTimeShare !== null ? { verdict: ack.onTimeShare >= t.acknowledgeOnTimeShare ? ('met' as const) : ('missed' as const) } : {}),
      ...change(ack.onTimeShare, p.incidents.acknowledge.onTimeShare, false),
      basis: `有确认时限且已见分晓的 ${count(ack.onTime + ack.late)} 个事件（按时 ${count(ack.onTime)}，超时 ${count(ack.late)}${ack.undecided > 0 ? `；另 ${count(ack.undecided)} 个未到时限` : ''}）`,
    },
    medianHeadline('确认用时（中位）', ack, p.incidents.acknowledge, '确认', undefined),
    medianHeadline('解决用时（中位）', k.incidents.resolve, p.incidents.resolve, '解决', t.resolveMedianMs),
    {
      name: '误报率',
      value: pct(k.falseAlarmShare),
      previous: `${pct(p.falseAlarmShare)}（n=${count(p.incidents.closed)}）`,
      target: `< ${percent(t.falseAlarmShare)}`,
      ...(k.falseAlarmShare !== null ? { verdict: k.falseAlarmShare < t.falseAlarmShare ? ('met' as const) : ('missed' as const) } : {}),
      ...change(k.falseAlarmShare, p.falseAlarmShare, true),
      basis: `期间内关闭的 ${count(k.incidents.closed)} 个事件中判定为误报的 ${count(k.incidents.falseAlarms)} 个（根因"非异常"及策略列为误报的子原因）`,
    },
    { name: '投诉率', value: pct(k.totals.complaintRate), previous: `${pct(p.totals.complaintRate)}（n=${count(p.totals.orders)}）`, target: '—', ...change(k.totals.complaintRate, p.totals.complaintRate, true), basis: `期间内下单且被投诉的 ${count(k.totals.complained)} 单 ÷ ${count(k.totals.orders)} 单` },
    { name: '重复问题率', value: pct(k.repeated.share), previous: `${pct(p.repeated.share)}（n=${count(p.repeated.closedWithCause)}）`, target: '—', ...change(k.repeated.share, p.repeated.share, true), basis: `关闭且有真实根因的 ${count(k.repeated.closedWithCause)} 个事件中，同一子原因此前 ${RECURRENCE_DAYS} 天内出现过的 ${count(k.repeated.repeated)} 个` },
    {
      name: '客户满意度',
      value: k.satisfaction.meanScore === null ? '—' : `${k.satisfaction.meanScore.toFixed(2)} / 5`,
      previous: `${p.satisfaction.meanScore === null ? '—' : `${p.satisfaction.meanScore.toFixed(2)} / 5`}（n=${count(p.satisfaction.reached)}）`,
      target: '—',
      ...change(k.satisfaction.meanScore, p.satisfaction.meanScore, false),
      basis: `期间内完成的回访 ${count(k.satisfaction.reached)} 个（共 ${count(k.satisfaction.calls)} 个），满意率 ${pct(k.satisfaction.satisfiedShare)}`,
    },
  ];
}

const VERDICT: Readonly<Record<NonNullable<Headline['verdict']>, { readonly text: string; readonly tone: Tone }>> = {
  met: { text: '达标', tone: 'good' },
  missed: { text: '未达标', tone: 'bad' },
  open: { text: '未定（仍有事件在计时）', tone: 'warn' },
};
const CHANGE: Readonly<Record<NonNullable<Headline['change']>, string>> = { better: '好转', worse: '变差', same: '持平' };

function conclusion(k: KpiData, rows: readonly Headline[]): ConclusionRow[] {
  const missed = rows.filter((r) => r.verdict === 'missed');
  const met = rows.filter((r) => r.verdict === 'met');
  const worse = rows.filter((r) => r.change === 'worse');
  const out: ConclusionRow[] = [
    {
      label: '总体',
      value: `本期下单 ${count(k.totals.orders)} 单，延迟 ${count(k.totals.delayed)} 单（${pct(k.totals.delayedShare)}，上期 ${pct(k.previous.totals.delayedShare)}）；新增事件 ${count(k.incidents.opened)} 个，关闭 ${count(k.incidents.closed)} 个。`,
    },
  ];
  for (const r of rows.filter((x) => x.target !== '—')) {
    const v = r.verdict ? VERDICT[r.verdict] : undefined;
    out.push({ label: r.name, value: `${r.value}；目标 ${r.target}${v ? `：${v.text}` : '：本期无数据'}；上期 ${r.previous}${r.change ? `（${CHANGE[r.change]}）` : ''}。${r.basis}`, ...(v ? { tone: v.tone } : {}) });
  }
  // Without figures of the previous period nothing can be said to have got worse, nor to have held.
  const compared = rows.filter((r) => r.change !== undefined).length;
  const worseText = worse.length > 0 ? worse.map((r) => `${r.name} ${r.value}（上期 ${r.previous}）`).join('；') : compared > 0 ? `与上期相比没有变差的指标（可比的 ${compared} 项）` : '上期没有数据，无法比较';
  out.push({ label: '变差的指标', value: worseText, ...(worse.length > 0 ? { tone: 'warn' as const } : {}) });
  out.push({ label: '此刻', value: `未关闭事件 ${count(k.incidents.open)} 个，其中超过确认时限仍无人确认的 ${count(k.incidents.breached)} 个（截至 ${when(k.generatedAt)}）`, ...(k.incidents.breached > 0 ? { tone: 'bad' as const } : {}) });
  out.push({ label: '结论', value: missed.length === 0 ? (met.length > 0 ? '有目标的指标全部达标。' : '本期数据不足以判断是否达标。') : `${missed.map((r) => r.name).join('、')}未达标，需要负责人跟进。` , tone: missed.length === 0 ? 'good' : 'bad' });
  return out;
}

/**
 * renderKpiPdf writes the KPI report of a period in Chinese: a conclusion
 * (the figures with a target against it and against the previous period,
 * what got worse, what is open now), the KPIs each with its basis (n),
 * the daily trend as vector charts ("本期无数据" where there is nothing to
 * draw), root causes, and the day-by-day table.
 */
export async function renderKpiPdf(data: KpiData, vocabulary: ReportVocabulary = PLAIN_VOCABULARY): Promise<Buffer> {
  const first = data.days[0]?.day ?? when(data.window.from).slice(0, 10);
  const last = data.days.at(-1)?.day ?? when(data.window.to - 1).slice(0, 10);
  const prevFirst = data.previous.days[0]?.day ?? '';
  const prevLast = data.previous.days.at(-1)?.day ?? '';
  return renderFitted({ title: '订单异常 KPI 报告', subtitle: `统计期间 ${first} 至 ${last}（${data.days.length} 天，北京时间）；对比上期 ${prevFirst} 至 ${prevLast}`, generatedAt: data.generatedAt, documentNo: data.documentNo, owner: '全部店铺' }, (pdf) => {
    const rows = headlines(data);
    pdf.conclusion('本期结论', conclusion(data, rows));

    pdf.heading('一、核心指标');
    pdf.table(
      [
        { header: '指标', width: 18 },
        { header: '本期', width: 17, align: 'right' },
        { header: '上期', width: 11, align: 'right' },
        { header: '目标', width: 10, align: 'right' },
        { header: '判定', width: 10 },
        { header: '口径（样本数）', width: 34 },
      ],
      rows.map((r) => [
        { text: r.name, bold: true },
        r.value,
        `${r.previous}${r.change ? `\n${CHANGE[r.change]}` : ''}`,
        r.target,
        r.verdict ? { text: VERDICT[r.verdict].text, tone: VERDICT[r.verdict].tone } : '—',
        r.basis,
      ]),
      { fontSize: 8.5 },
    );

    const days = data.days.map((d) => d.day);
    const size = { width: pdf.width, height: pdf.chartHeight(220) };
    pdf.heading('二、趋势', { keep: 230 });
    const delayChart = {
      title: '每日延迟订单与投诉（按下单日）',
      days,
      axisNames: ['订单数', '投诉率 %'] as [string, string],
      series: [
        { name: '延迟订单', kind: 'bar' as const, values: data.days.map((d) => d.delayed) },
        { name: '被投诉订单', kind: 'bar' as const, values: data.days.map((d) => d.complained) },
        { name: '投诉率 %', kind: 'line' as const, axis: 1 as const, values: data.days.map((d) => (d.orders > 0 ? Math.round((d.complained / d.orders) * 10000) / 100 : null)) },
      ],
    };
    if (daysWithData(delayChart) >= 2) pdf.chart(trendChartSvg(delayChart, size), size);
    else pdf.noData(delayChart.title, daysWithData(delayChart) === 0 ? '本期无数据' : '本期无数据：只有一天有延迟或投诉，画不出趋势');
    const responseChart = {
      title: '每日新增事件与中位用时（按打开日；未确认/未解决的按至今计）',
      days,
      axisNames: ['小时', '事件数'] as [string, string],
      series: [
        { name: '中位确认用时（小时）', kind: 'line' as const, values: data.days.map((d) => d.ackMedianHours) },
        { name: '中位解决用时（小时）', kind: 'line' as const, values: data.days.map((d) => d.resolveMedianHours) },
        { name: '新增事件', kind: 'bar' as const, axis: 1 as const, values: data.days.map((d) => d.incidents) },
      ],
      reference: { name: `解决目标 ${span(data.targets.resolveMedianMs)}`, value: data.targets.resolveMedianMs / 3_600_000 },
    };
    const incidentDays = data.days.filter((d) => d.incidents > 0).length;
    if (incidentDays >= 2) pdf.chart(trendChartSvg(responseChart, size), size);
    else pdf.noData(responseChart.title, incidentDays === 0 ? '本期无数据：期间内没有新增事件' : `本期无数据：只有 ${data.days.find((d) => d.incidents > 0)?.day} 一天有新增事件（${count(data.incidents.opened)} 个），画不出趋势`);

    pdf.heading('三、根因与重复问题');
    if (data.rootCauses.length === 0) pdf.note('期间内没有关闭的事件。');
    else {
      const pieSize = { width: pdf.width, height: pdf.chartHeight(200) };
      pdf.chart(pieChartSvg('关闭事件的根因分布', data.rootCauses.slice(0, 10).map((r) => ({ name: vocabulary.subCause(r.subCause), value: r.count })), pieSize), pieSize);
      pdf.table(
        [
          { header: '根因类别', width: 25 },
          { header: '子原因', width: 35 },
          { header: '事件数', width: 13, align: 'right' },
          { header: '其中重复', width: 13, align: 'right' },
          { header: '误报', width: 14 },
        ],
        data.rootCauses.map((r) => [vocabulary.rootCauseClass(r.cls), vocabulary.subCause(r.subCause), String(r.count), String(data.repeated.bySubCause.find((b) => b.subCause === r.subCause)?.repeated ?? 0), r.falseAlarm ? '计为误报' : '']),
      );
    }
    if (data.delayedByChannel.length > 0) {
      pdf.table(
        [
          { header: '渠道', width: 50 },
          { header: '延迟订单', width: 25, align: 'right' },
          { header: '占比', width: 25, align: 'right' },
        ],
        data.delayedByChannel.map((c) => [LABELS.channel(c.key), String(c.orders), percent(data.totals.delayed ? c.orders / data.totals.delayed : null)]),
        { title: '延迟订单按渠道' },
      );
    }

    pdf.heading('四、每日明细');
    pdf.table(
      [
        { header: '日期', width: 16 },
        { header: '订单量', width: 12, align: 'right' },
        { header: '延迟订单', width: 12, align: 'right' },
        { header: '被投诉', width: 11, align: 'right' },
        { header: '新增事件', width: 12, align: 'right' },
        { header: '中位确认（小时）', width: 18, align: 'right' },
        { header: '中位解决（小时）', width: 18, align: 'right' },
      ],
      data.days.map((d) => [d.day, String(d.orders), String(d.delayed), String(d.complained), String(d.incidents), d.ackMedianHours === null ? '—' : d.ackMedianHours.toFixed(1), d.resolveMedianHours === null ? '—' : d.resolveMedianHours.toFixed(1)]),
      { fontSize: 8, dense: true },
    );
    pdf.note('中位用时：当天打开的事件里，未确认/未解决的按截至生成时的已用时长计入。本表可另行导出为 CSV 或 Excel 文件。');
  });
}
