import { pieChartSvg, trendChartSvg } from '../charts.js';
import { percent, span, when } from '../format.js';
import { LABELS, PLAIN_VOCABULARY, type ReportVocabulary } from '../labels.js';
import { ReportPdf } from '../pdf/report-pdf.js';
import { RECURRENCE_DAYS } from '../review/review-data.js';
import type { KpiData } from './kpi-data.js';

/**
 * renderKpiPdf writes the KPI report of a period in Chinese: the headline
 * figures (delayed orders, mean time to acknowledge and resolve, false-alarm
 * share, complaint rate, repeated-mistake rate, satisfaction), the daily
 * trend as vector charts, root causes, and the day-by-day table.
 */
export async function renderKpiPdf(data: KpiData, vocabulary: ReportVocabulary = PLAIN_VOCABULARY): Promise<Buffer> {
  const first = data.days[0]?.day ?? when(data.window.from).slice(0, 10);
  const last = data.days.at(-1)?.day ?? when(data.window.to - 1).slice(0, 10);
  const pdf = new ReportPdf({ title: '订单异常 KPI 报告', subtitle: `统计期间 ${first} 至 ${last}（${data.days.length} 天，北京时间）`, generatedAt: data.generatedAt });
  const k = data.incidents;

  pdf.heading('一、核心指标');
  pdf.table(
    [
      { header: '指标', width: 30 },
      { header: '数值', width: 22, align: 'right' },
      { header: '口径', width: 48 },
    ],
    [
      ['订单量', String(data.totals.orders), '期间内下单的订单'],
      ['延迟订单', `${data.totals.delayed}（${percent(data.totals.delayedShare)}）`, '期间内下单、出现停滞/超时/物流异常的订单'],
      ['日均延迟订单', data.days.length ? (data.totals.delayed / data.days.length).toFixed(1) : '—', '延迟订单 ÷ 天数'],
      ['异常事件', String(k.opened), '期间内打开的事件'],
      ['平均确认用时（MTTA）', span(k.mttaMs), `期间内打开并已确认的 ${k.acknowledged} 个事件`],
      ['平均解决用时（MTTR）', span(k.mttrMs), `期间内打开并已解决的 ${k.resolved} 个事件`],
      ['误报率', percent(data.falseAlarmShare), `期间内关闭的 ${k.closed} 个事件中，根因判定为"非异常"的 ${k.falseAlarms} 个`],
      ['投诉率', percent(data.totals.complaintRate), `期间内下单且被投诉的订单 ${data.totals.complained} 单 ÷ 订单量`],
      ['重复问题率', percent(data.repeated.share), `关闭且有真实根因的 ${data.repeated.closedWithCause} 个事件中，同一子原因在此前 ${RECURRENCE_DAYS} 天内已出现过的 ${data.repeated.repeated} 个`],
      [
        '客户满意度',
        data.satisfaction.meanScore === null ? '—' : `${data.satisfaction.meanScore.toFixed(2)} / 5`,
        `期间内完成的回访 ${data.satisfaction.calls} 个，联系上 ${data.satisfaction.reached} 个，满意率 ${percent(data.satisfaction.satisfiedShare)}`,
      ],
      ['当前未关闭事件', `${k.open}（超时未确认 ${k.breached}）`, `截至 ${when(data.generatedAt)}`],
    ],
    { fontSize: 9 },
  );

  const days = data.days.map((d) => d.day);
  const size = { width: pdf.width, height: 240 };
  pdf.heading('二、趋势');
  pdf.chart(
    trendChartSvg(
      {
        title: '每日延迟订单与投诉',
        days,
        axisNames: ['订单数', '投诉率 %'],
        series: [
          { name: '延迟订单', kind: 'bar', values: data.days.map((d) => d.delayed) },
          { name: '被投诉订单', kind: 'bar', values: data.days.map((d) => d.complained) },
          { name: '投诉率 %', kind: 'line', axis: 1, values: data.days.map((d) => (d.orders > 0 ? Math.round((d.complained / d.orders) * 10000) / 100 : null)) },
        ],
      },
      size,
    ),
    size,
  );
  pdf.chart(
    trendChartSvg(
      {
        title: '每日响应时效（按事件打开日）',
        days,
        axisNames: ['小时', '事件数'],
        series: [
          { name: '平均确认用时（小时）', kind: 'line', values: data.days.map((d) => d.mttaHours) },
          { name: '平均解决用时（小时）', kind: 'line', values: data.days.map((d) => d.mttrHours) },
          { name: '新增事件', kind: 'bar', axis: 1, values: data.days.map((d) => d.incidents) },
        ],
      },
      size,
    ),
    size,
  );

  pdf.heading('三、根因与重复问题');
  if (data.rootCauses.length === 0) pdf.note('期间内没有关闭的事件。');
  else {
    const pieSize = { width: pdf.width, height: 230 };
    pdf.chart(pieChartSvg('关闭事件的根因分布', data.rootCauses.slice(0, 10).map((r) => ({ name: vocabulary.subCause(r.subCause), value: r.count })), pieSize), pieSize);
    pdf.table(
      [
        { header: '根因类别', width: 25 },
        { header: '子原因', width: 35 },
        { header: '事件数', width: 20, align: 'right' },
        { header: '其中重复', width: 20, align: 'right' },
      ],
      data.rootCauses.map((r) => [vocabulary.rootCauseClass(r.cls), vocabulary.subCause(r.subCause), String(r.count), String(data.repeated.bySubCause.find((b) => b.subCause === r.subCause)?.repeated ?? 0)]),
    );
  }
  if (data.delayedByChannel.length > 0) {
    pdf.subheading('延迟订单按渠道');
    pdf.table(
      [
        { header: '渠道', width: 50 },
        { header: '延迟订单', width: 25, align: 'right' },
        { header: '占比', width: 25, align: 'right' },
      ],
      data.delayedByChannel.map((c) => [LABELS.channel(c.key), String(c.orders), percent(data.totals.delayed ? c.orders / data.totals.delayed : null)]),
    );
  }

  pdf.heading('四、每日明细');
  pdf.table(
    [
      { header: '日期', width: 16 },
      { header: '订单量', width: 13, align: 'right' },
      { header: '延迟订单', width: 13, align: 'right' },
      { header: '被投诉', width: 12, align: 'right' },
      { header: '新增事件', width: 12, align: 'right' },
      { header: '平均确认（小时）', width: 17, align: 'right' },
      { header: '平均解决（小时）', width: 17, align: 'right' },
    ],
    data.days.map((d) => [d.day, String(d.orders), String(d.delayed), String(d.complained), String(d.incidents), d.mttaHours === null ? '—' : d.mttaHours.toFixed(1), d.mttrHours === null ? '—' : d.mttrHours.toFixed(1)]),
  );
  pdf.note('导出本表：orderwatch report kpi --csv FILE 或 --xlsx FILE；API GET /api/v1/reports/kpi?format=csv|xlsx。');
  return pdf.finish();
}
