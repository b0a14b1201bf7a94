import { span, when } from '../format.js';
import { acknowledgedAtOf, resolvedAtOf } from '../incident-clock.js';
import { LABELS, PLAIN_VOCABULARY, type ReportVocabulary } from '../labels.js';
import { renderFitted, type ReportPdf } from '../pdf/report-pdf.js';
import type { EvidenceData, IncidentEvidence, OrderEvidence, RosterRow } from './evidence-data.js';
import { byCaseFit, incidentConclusion, orderConclusion, ownerLine, subjectOf, titleOf } from './evidence-conclusion.js';
import { writeHandling } from './incident-sections.js';
import { stageName } from './order-case.js';
import { writeOrderBody, writeStockAppendix } from './order-sections.js';

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numbered = (i: number, text: string): string => `${CN_NUMBERS[i] ?? String(i + 1)}、${text}`;

function writeIncidentFacts(pdf: ReportPdf, ev: IncidentEvidence, data: EvidenceData, vocabulary: ReportVocabulary): void {
  const inc = ev.incident;
  const rc = inc.rootCause;
  const ack = acknowledgedAtOf(inc, ev.log);
  const resolved = resolvedAtOf(inc, ev.log);
  pdf.keyValues([
    ['事件编号', inc.id],
    ['状态', LABELS.incidentState(inc.state)],
    ['级别', `${inc.grade} 级，范围 ${inc.level} 级（${LABELS.scope(inc.scope)}）`],
    ['负责', ownerLine(inc, data.people).text],
    ['打开', when(inc.openedAt)],
    ['确认', ack !== undefined ? `${when(ack)}（用时 ${span(ack - inc.openedAt)}）` : '尚未确认'],
    ['解决', resolved !== undefined ? `${when(resolved)}（用时 ${span(resolved - inc.openedAt)}）` : '尚未解决'],
    ['关闭', inc.closedAt !== undefined ? when(inc.closedAt) : '尚未关闭'],
    ['根因', rc ? `${vocabulary.rootCauseClass(rc.class)} / ${vocabulary.subCause(rc.subCause)}${rc.note ? `：${rc.note}` : ''}` : '尚未填写'],
    ['升级', inc.escalations > 0 ? `${inc.escalations} 次` : '未升级'],
    ['涉及订单', `${ev.orderCount} 单`],
    ['首次送达通知', ev.notified.firstAt !== undefined ? when(ev.notified.firstAt) : '无人收到'],
  ]);
}

/** ROSTER_ON_PAGE is how many orders the order table lists in the body: one page; the rest go to the appendix. */
export const ROSTER_ON_PAGE = 40;

/** writeDistribution sums an incident's orders up: how many of each problem, past their deadline, asked about; by channel and placing day. */
function writeDistribution(pdf: ReportPdf, data: EvidenceData): void {
  const groups = new Map<string, RosterRow[]>();
  for (const r of data.roster) groups.set(r.case.short, [...(groups.get(r.case.short) ?? []), r]);
  const rows = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  const line = (label: string, list: readonly RosterRow[]): string[] => [label, String(list.length), String(list.filter((r) => r.case.overdueMs !== undefined).length), String(list.filter((r) => r.case.contactsIn > 0).length), String(list.filter((r) => r.case.complaints > 0).length)];
  pdf.table(
    [
      { header: '问题（取自每单的异常发现）', width: 40 },
      { header: '订单', width: 15, align: 'right' },
      { header: '已过截止', width: 15, align: 'right' },
      { header: '客户来询', width: 15, align: 'right' },
      { header: '其中投诉', width: 15, align: 'right' },
    ],
    [...rows.map(([label, list]) => line(label, list)), line(data.roster.length < data.totalOrders ? `合计（已读取的 ${data.roster.length} 单）` : '合计', data.roster).map((c) => ({ text: c, bold: true }))],
    { title: '订单分布' },
  );
  const count = (key: (r: RosterRow) => string): string => {
    const m = new Map<string, number>();
    for (const r of data.roster) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n} 单`).join('、');
  };
  const placed = data.roster.map((r) => r.order.placedAt).sort((a, b) => a - b);
  pdf.note(`渠道：${count((r) => LABELS.channel(r.order.channel))}。下单时间 ${when(placed[0])} 至 ${when(placed.at(-1))}。`);
}

/** writeRoster is the table of an incident's orders: one line each, its own problem, deadline and the customer, most overdue first. */
function writeRoster(pdf: ReportPdf, data: EvidenceData, limit: number): void {
  const all: readonly RosterRow[] = [...data.roster].sort((a, b) => (b.case.overdueMs ?? -1) - (a.case.overdueMs ?? -1) || a.order.placedAt - b.order.placedAt);
  const rows = all.slice(0, limit);
  pdf.table(
    [
      { header: '#', width: 3, align: 'right' },
      { header: '平台订单号', width: 19 },
      { header: '渠道', width: 5 },
      { header: '下单时间', width: 13 },
      { header: '问题', width: 11 },
      { header: '环节', width: 6 },
      { header: '已停留', width: 10 },
      { header: '截止时间', width: 13 },
      { header: '超时', width: 10 },
      { header: '客户', width: 6 },
    ],
    rows.map((r, i) => [
      String(i + 1),
      r.order.channelOrderId,
      LABELS.channel(r.order.channel).replace('/天猫', ''),
      when(r.order.placedAt),
      r.case.short,
      stageName(r.order.stage),
      span(data.generatedAt - r.order.stageEnteredAt),
      r.case.deadline !== undefined ? when(r.case.deadline) : '—',
      r.case.overdueMs !== undefined ? { text: span(r.case.overdueMs), tone: 'bad' } : '未超',
      r.case.complaints > 0 ? { text: `投诉 ${r.case.complaints}`, tone: 'bad' } : r.case.contactsIn > 0 ? `来询 ${r.case.contactsIn}` : '—',
    ]),
    { fontSize: 7, dense: true },
  );
  const notes: string[] = ['按超时长短排列；"问题"取自每单自己的异常发现'];
  if (rows.length < all.length) notes.push(data.appendixOn ? `共 ${data.totalOrders} 单，此处列出超时最久的 ${rows.length} 单，全部名单见附录` : `共 ${data.totalOrders} 单，此处列出超时最久的 ${rows.length} 单；全部名单在附录中（生成时选择附带附录）`);
  if (data.roster.length < data.totalOrders) notes.push(`附录最多列出 ${data.roster.length} 单，其余可在控制台导出`);
  pdf.note(`${notes.join('；')}。`);
}

function writeOrderSection(pdf: ReportPdf, data: EvidenceData, order: OrderEvidence, title: string, compact: boolean): void {
  pdf.subheading(title, { bookmark: true });
  pdf.paragraph(order.case.summary, { size: 9, tone: order.case.kind === 'none' ? 'good' : 'bad' });
  pdf.space(0.3);
  writeOrderBody(pdf, order, { prefix: '', compact, now: data.generatedAt }, data.appendixOn);
}

function renderIncident(pdf: ReportPdf, data: EvidenceData, ev: IncidentEvidence, vocabulary: ReportVocabulary): void {
  let section = 0;
  pdf.conclusion('结论', incidentConclusion(ev, data.roster, data.people, vocabulary, data.generatedAt));
  // The order table on one page: right under the conclusion when it fits, else the facts fill
  // the first page and the table has the second to itself.
  const needed = data.totalOrders > 1 ? 70 + Math.min(data.roster.length, ROSTER_ON_PAGE) * 15 : 0;
  const factsFirst = pdf.room < needed;
  if (factsFirst) {
    pdf.heading(numbered(section++, '事件概况'));
    writeIncidentFacts(pdf, ev, data, vocabulary);
    writeDistribution(pdf, data);
    pdf.newPage();
  }
  // One order needs no table of orders: its evidence follows.
  if (data.totalOrders > 1) {
    pdf.heading(numbered(section++, `涉及订单一览（${data.totalOrders} 单）`));
    writeRoster(pdf, data, ROSTER_ON_PAGE);
  }
  pdf.heading(numbered(section++, factsFirst ? '处置记录' : '事件概况与处置记录'));
  if (!factsFirst) {
    writeIncidentFacts(pdf, ev, data, vocabulary);
    if (data.totalOrders > 1) writeDistribution(pdf, data);
  }
  writeHandling(pdf, ev, { people: data.people, vocabulary }, data.generatedAt);
  if (data.focus.length > 0) {
    if (pdf.room < 260) pdf.newPage();
    pdf.heading(numbered(section++, data.focus.length < data.totalOrders ? `重点订单（最严重的 ${data.focus.length} 单）` : '订单证据'));
    data.focus.forEach((o, i) => {
      if (i > 0 && pdf.room < 220) pdf.newPage();
      writeOrderSection(pdf, data, o, `${i + 1}. 订单 ${o.view.order.channelOrderId}：${o.case.short}`, true);
    });
  }
  if (data.appendixOn) {
    pdf.newPage();
    if (data.roster.length > ROSTER_ON_PAGE) {
      pdf.heading(`附录：全部订单（${data.roster.length} 单）`);
      writeRoster(pdf, data, data.roster.length);
    }
    pdf.heading('附录：逐单证据与库存明细');
    for (const o of data.focus) writeStockAppendix(pdf, o, `订单 ${o.view.order.channelOrderId} 的库存读数与变动`);
    data.appendix.forEach((o) => {
      writeOrderSection(pdf, data, o, `订单 ${o.view.order.channelOrderId}：${o.case.short}`, true);
      writeStockAppendix(pdf, o, `订单 ${o.view.order.channelOrderId} 的库存读数与变动`);
    });
    if (data.focus.length + data.appendix.length < data.roster.length) pdf.note(`附录详列前 ${data.focus.length + data.appendix.length} 单；其余订单见"涉及订单一览"，逐单报告可单独生成。`);
  }
}

function renderOrder(pdf: ReportPdf, data: EvidenceData, order: OrderEvidence, vocabulary: ReportVocabulary): void {
  pdf.conclusion('结论', orderConclusion(order, data.incidents, data.people, vocabulary, data.generatedAt));
  pdf.heading('一、订单与证据');
  writeOrderBody(pdf, order, { prefix: '', compact: false, now: data.generatedAt }, data.appendixOn);
  pdf.heading('二、处置记录');
  if (data.incidents.length === 0) pdf.note(order.case.kind === 'none' ? '本单没有进入任何异常事件。' : '本单尚未进入任何异常事件：没有负责人，没有处置记录，也没有通知任何人。');
  for (const ev of byCaseFit(order.case.kind, data.incidents)) {
    pdf.subheading(`事件 ${ev.incident.id}：${subjectOf(ev.incident, [])}，涉及 ${ev.orderCount} 单`, { bookmark: true });
    writeIncidentFacts(pdf, ev, data, vocabulary);
    writeHandling(pdf, ev, { people: data.people, vocabulary }, data.generatedAt);
  }
  // The appendix lists what the stock check left out; when it left nothing out there is no appendix.
  const checkShows = order.stock.checks.length + order.stock.rows.filter((r) => r.own).length;
  if (data.appendixOn && order.stock.rows.length > checkShows) {
    pdf.heading('附录：库存读数与变动');
    writeStockAppendix(pdf, order, `${order.view.order.channelOrderId} 的库存读数与本单变动`);
  }
}

/**
 * renderEvidencePdf writes the evidence chain (证据链) as a PDF in Chinese.
 * It opens with a conclusion: what happened (from each order's own
 * findings), the step that failed, the department and the named person
 * responsible, the deadlines and whether they are missed, who was really
 * told, and what to do next. An incident's report then gives its facts, a
 * table of all its orders, its handling, and the evidence of its most
 * telling orders; an order's report gives its facts and findings and then
 * its evidence in the order its case calls for (the logistics first for a
 * carrier case, the stock first for a stock case). The appendix (stock
 * readings; an incident's other orders in full) is on for an order and
 * off for an incident unless asked for. Customer data is masked: it goes
 * to other departments.
 */
export async function renderEvidencePdf(data: EvidenceData, vocabulary: ReportVocabulary = PLAIN_VOCABULARY): Promise<Buffer> {
  const incident = data.target.kind === 'incident' ? data.incidents[0] : undefined;
  const order = data.focus[0];
  return renderFitted({
    title: incident ? '异常事件证据报告' : '订单异常证据报告',
    subtitle: incident ? `事件 ${incident.incident.id} · ${titleOf(incident, data.roster)}` : order ? `订单 ${order.view.order.channelOrderId}（${LABELS.channel(order.view.order.channel)}）· ${order.case.short}` : undefined,
    generatedAt: data.generatedAt,
    documentNo: data.documentNo,
    ...(data.owner !== undefined ? { owner: data.owner } : {}),
    ...(data.generatedBy !== undefined ? { generatedBy: data.generatedBy } : {}),
  }, (pdf) => {
    if (incident) renderIncident(pdf, data, incident, vocabulary);
    else if (order) renderOrder(pdf, data, order, vocabulary);
  });
}
