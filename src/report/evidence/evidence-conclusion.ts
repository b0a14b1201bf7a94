import type { Incident, IncidentLogEntry, IncidentScope } from '../../domain/incident.js';
import type { Instant } from '../../domain/time.js';
import { clip, span, when } from '../format.js';
import { acknowledgedAtOf, resolvedAtOf } from '../incident-clock.js';
import { LABELS, type ReportVocabulary } from '../labels.js';
import type { People } from '../people.js';
import type { ConclusionRow } from '../pdf/report-pdf.js';
import { maskPhonesIn } from '../privacy.js';
import type { IncidentEvidence, OrderEvidence, RosterRow } from './evidence-data.js';
import { stageName, type CaseKind, type OrderCase } from './order-case.js';

/** subjectOf names what an incident's orders share, from its group key: "批次 W-1111-07", "快递 中通快递", "订单 T2026…". */
export function subjectOf(incident: Incident, roster: readonly RosterRow[]): string {
  const part = incident.groupKey.slice(incident.groupKey.indexOf('|') + 1);
  const colon = part.indexOf(':');
  const value = colon >= 0 ? part.slice(colon + 1) : part;
  switch (incident.scope) {
    case 'batch':
      return `批次 ${value}`;
    case 'warehouse':
      return `仓库 ${value}`;
    case 'carrier':
      return `快递 ${LABELS.carrier(value)}`;
    case 'sku': {
      const title = roster[0]?.order.firstItemTitle;
      return `商品 ${value}${title ? `（${clip(title, 16)}）` : ''}`;
    }
    case 'channel_sync':
      return value.startsWith('warehouse:') ? `仓库 ${value.slice(10)} 的库存同步` : `${LABELS.channel(value.replace(/^channel:/, ''))}的库存同步`;
    case 'order':
      return `订单 ${roster[0]?.order.channelOrderId ?? value.slice(value.indexOf(':') + 1)}`;
    case 'system':
      return '系统';
  }
}

function tally<T>(items: readonly T[], key: (t: T) => string | undefined): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** breakdown says what the orders' own findings are, largest group first: "6 单已超承诺、24 单已拣货后停滞". */
export function breakdown(cases: readonly OrderCase[]): string {
  return tally(cases, (c) => c.short)
    .map(([short, n]) => `${n} 单${short}`)
    .join('、');
}

/** titleOf is an incident report's headline, built from its orders' findings rather than the title the incident opened with. */
export function titleOf(ev: IncidentEvidence, roster: readonly RosterRow[]): string {
  const subject = subjectOf(ev.incident, roster);
  if (ev.incident.scope === 'order') return `${subject}：${roster[0]?.case.short ?? '异常'}`;
  const listedAll = roster.length >= ev.orderCount;
  return `${subject}：${ev.orderCount} 单异常（${listedAll ? '' : `前 ${roster.length} 单中 `}${breakdown(roster.map((r) => r.case))}）`;
}

/** ownerLine names who answers for the incident: the assignee, else the one holder of its role, else the role and that nobody is assigned. */
export function ownerLine(incident: Incident, people: People): { readonly text: string; readonly tone?: 'bad' } {
  const role = LABELS.role(incident.ownerRole);
  if (incident.assignee) return { text: `${people.name(incident.assignee)}（已指派；事件由${role}负责）` };
  const holders = people.holders(incident.ownerRole);
  if (holders.length === 1) return { text: `${holders[0]}（${role}，按角色；未单独指派）` };
  if (holders.length > 1) return { text: `未指派具体人：${role}（${holders.slice(0, 3).join('、')}${holders.length > 3 ? ' 等' : ''}）须指派`, tone: 'bad' };
  return { text: `未指派：系统中没有${role}账号`, tone: 'bad' };
}

/** deadlineLine says the incident's deadlines and whether they are met, missed or running out. */
export function deadlineLine(incident: Incident, log: readonly IncidentLogEntry[], now: Instant): { readonly text: string; readonly tone?: 'bad' | 'good' } {
  const parts: string[] = [];
  let bad = false;
  const ack = acknowledgedAtOf(incident, log);
  if (incident.responseDeadline !== undefined) {
    if (ack !== undefined) parts.push(`确认时限 ${when(incident.responseDeadline)}，${ack <= incident.responseDeadline ? '已按时确认' : `确认晚了 ${span(ack - incident.responseDeadline)}`}`);
    else if (now > incident.responseDeadline) {
      bad = true;
      parts.push(`确认时限 ${when(incident.responseDeadline)}，已超时 ${span(now - incident.responseDeadline)}，至今无人确认`);
    } else parts.push(`确认时限 ${when(incident.responseDeadline)}（还剩 ${span(incident.responseDeadline - now)}）`);
  }
  if (incident.resolutionTarget !== undefined) {
    const done = resolvedAtOf(incident, log);
    if (done !== undefined) parts.push(`解决时限 ${when(incident.resolutionTarget)}，${done <= incident.resolutionTarget ? '已按时解决' : `解决晚了 ${span(done - incident.resolutionTarget)}`}`);
    else if (now > incident.resolutionTarget) {
      bad = true;
      parts.push(`解决时限 ${when(incident.resolutionTarget)}，已超时 ${span(now - incident.resolutionTarget)}`);
    } else parts.push(`解决时限 ${when(incident.resolutionTarget)}（还剩 ${span(incident.resolutionTarget - now)}）`);
  }
  if (parts.length === 0) return { text: '策略未给该事件设时限' };
  return { text: parts.join('；'), ...(bad ? { tone: 'bad' as const } : { tone: 'good' as const }) };
}

/**
 * lifeLine says how long the incident has been open, or how long it was:
 * a closed incident is not "open for 4 days" at the time of the report.
 */
export function lifeLine(incident: Incident, log: readonly IncidentLogEntry[], now: Instant): string {
  const opened = `打开于 ${when(incident.openedAt)}`;
  if (incident.closedAt !== undefined && (incident.state === 'closed' || incident.state === 'reviewed')) return `${opened}，${when(incident.closedAt)} 关闭（历时 ${span(incident.closedAt - incident.openedAt)}）`;
  const resolved = incident.state === 'resolved' ? resolvedAtOf(incident, log) : undefined;
  if (resolved !== undefined) return `${opened}，${when(resolved)} 解决（历时 ${span(resolved - incident.openedAt)}），待关闭`;
  return `${opened}，已 ${span(now - incident.openedAt)}`;
}

/** notifiedLine says who was really told (delivered messages only). */
export function notifiedLine(ev: IncidentEvidence, vocabulary: ReportVocabulary): { readonly text: string; readonly tone?: 'bad' } {
  const n = ev.notified;
  if (n.firstAt !== undefined) {
    return { text: `已通知 ${n.receivers.map((r) => vocabulary.receiver(r)).join('、')}（首次送达 ${when(n.firstAt)}）${n.undelivered > 0 ? `；另有 ${n.undelivered} 条未送达` : ''}` };
  }
  if (n.undelivered > 0) return { text: `没有人收到通知：${n.undelivered} 条消息尚未送达（排队或发送失败）`, tone: 'bad' };
  // A higher incident covering the orders notifies for them: this one is quiet on purpose.
  const coveredBy = ev.log.find((l) => l.action === 'inhibited' && typeof l.detail?.by === 'string')?.detail?.by;
  if (typeof coveredBy === 'string') return { text: `本事件没有单独通知：它的订单由上级事件 ${coveredBy} 统一通知` };
  const decided = ev.log.some((l) => l.action === 'notify');
  return { text: decided ? '没有人收到通知：策略中没有匹配的接收方' : '没有人收到通知', tone: 'bad' };
}

/** nextActions lists what should happen next, in order: acknowledge, the playbook's open steps, then close or review. */
export function nextActions(incident: Incident, people: People, now: Instant): string {
  const steps: string[] = [];
  const role = LABELS.role(incident.ownerRole);
  const open = incident.state === 'open' || incident.state === 'acknowledged' || incident.state === 'in_progress';
  if (incident.state === 'open') steps.push(`${role}立即确认事件${incident.assignee ? '' : '并指派负责人'}`);
  if (open) {
    const todo = incident.checklist.filter((c) => !c.done).map((c) => c.label.zh);
    steps.push(...todo.slice(0, 3));
    if (todo.length > 3) steps.push(`处置清单其余 ${todo.length - 3} 项`);
    if (todo.length === 0) steps.push('处置清单已完成：确认问题消除后标记解决');
  } else if (incident.state === 'resolved') steps.push('填写根因并关闭事件');
  else if (incident.state === 'closed') steps.push('复盘：跟进改进项');
  if (incident.pause) steps.unshift(`已由 ${people.name(incident.pause.by)} 人工接管${incident.pause.until !== undefined ? `至 ${when(incident.pause.until)}` : ''}（自动升级与客户消息暂停）`);
  void now;
  return steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

/** departmentOf names the department the orders' failing step belongs to, the largest first. */
function departmentsOf(cases: readonly OrderCase[]): string {
  const rows = tally(cases, (c) => (c.department === '—' ? undefined : c.department));
  if (rows.length === 0) return '—';
  if (rows.length === 1) return rows[0]![0];
  return rows
    .slice(0, 3)
    .map(([d, n]) => `${d}（${n} 单）`)
    .join('、');
}

/** failingStepOf names the step that did not happen, the most common first: "「已拣货」后未出库（11 单）". */
function failingStepOf(cases: readonly OrderCase[]): string {
  const rows = tally(cases, (c) => (c.stuckStage && c.nextStep ? `「${stageName(c.stuckStage)}」后未${c.nextStep}` : c.kind === 'stock' ? '库存不足以发货' : c.kind === 'data' ? `订单信息有误（${c.short}）` : undefined));
  if (rows.length === 0) return '—';
  return rows
    .slice(0, 3)
    .map(([s, n]) => (rows.length === 1 && n === cases.length ? s : `${s}（${n} 单）`))
    .join('、');
}

/** incidentConclusion is the box an incident's evidence report opens with. */
export function incidentConclusion(ev: IncidentEvidence, roster: readonly RosterRow[], people: People, vocabulary: ReportVocabulary, now: Instant): ConclusionRow[] {
  const inc = ev.incident;
  const cases = roster.map((r) => r.case);
  const asking = cases.filter((c) => c.contactsIn > 0).length;
  const overdue = cases.filter((c) => c.overdueMs !== undefined).length;
  const owner = ownerLine(inc, people);
  const deadline = deadlineLine(inc, ev.log, now);
  const notified = notifiedLine(ev, vocabulary);
  const customers = asking > 0 ? `${asking} 单的客户已来询或投诉` : '暂无客户来询';
  return [
    { label: '发生了什么', value: `${titleOf(ev, roster)}。${overdue > 0 ? `${overdue} 单已过各自的截止时间；` : ''}${customers}。` },
    { label: '失败环节', value: failingStepOf(cases) },
    { label: '责任部门', value: departmentsOf(cases) },
    { label: '负责人', value: owner.text, ...(owner.tone ? { tone: owner.tone } : {}) },
    { label: '状态', value: `${LABELS.incidentState(inc.state)}；${inc.grade} 级，范围 ${inc.level} 级（${LABELS.scope(inc.scope)}）；${lifeLine(inc, ev.log, now)}` },
    { label: '时限', value: deadline.text, ...(deadline.tone ? { tone: deadline.tone } : {}) },
    { label: '通知', value: notified.text, ...(notified.tone ? { tone: notified.tone } : {}) },
    { label: '下一步', value: nextActions(inc, people, now) },
  ];
}

/** waybills names an order's waybills with their carriers: the order's own list, else the ones its logistics track names. */
function waybills(order: OrderEvidence): string {
  const listed = order.view.order.shipments.map((s) => ({ carrier: s.carrier, trackingNo: s.trackingNo }));
  const tracked = order.view.logistics.map((l) => ({ carrier: l.carrier, trackingNo: l.trackingNo }));
  const all = [...listed, ...tracked].filter((w, i, list) => list.findIndex((x) => x.trackingNo === w.trackingNo) === i);
  return all.map((w) => `${LABELS.carrier(w.carrier)} ${w.trackingNo}`).join('、');
}

/** FITTING_SCOPES are, per kind of case, the incident scopes that answer for it, the closest first. */
const FITTING_SCOPES: Readonly<Record<CaseKind, readonly IncidentScope[]>> = {
  logistics: ['carrier', 'order'],
  warehouse: ['batch', 'warehouse', 'order'],
  stock: ['sku', 'channel_sync', 'order'],
  service: ['order'],
  data: ['order'],
  none: [],
};

/**
 * byCaseFit orders the incidents covering an order the way its report
 * names them: those still open first, and among them the one whose scope
 * fits the case (a carrier case's carrier incident before the batch it
 * shipped in), so the conclusion's owner and next steps are the ones that
 * handle this trouble.
 */
export function byCaseFit(kind: CaseKind, incidents: readonly IncidentEvidence[]): IncidentEvidence[] {
  const live = (i: IncidentEvidence): number => (['open', 'acknowledged', 'in_progress'].includes(i.incident.state) ? 0 : 1);
  const fit = (i: IncidentEvidence): number => {
    const at = FITTING_SCOPES[kind].indexOf(i.incident.scope);
    return at < 0 ? FITTING_SCOPES[kind].length : at;
  };
  return [...incidents].sort((a, b) => live(a) - live(b) || fit(a) - fit(b));
}

/** orderConclusion is the box an order's evidence report opens with. */
export function orderConclusion(order: OrderEvidence, incidents: readonly IncidentEvidence[], people: People, vocabulary: ReportVocabulary, now: Instant): ConclusionRow[] {
  const c = order.case;
  const o = order.view.order;
  const current = byCaseFit(c.kind, incidents)[0];
  const rows: ConclusionRow[] = [{ label: '发生了什么', value: c.summary, ...(c.kind !== 'none' ? { tone: 'bad' as const } : {}) }];
  if (c.kind !== 'none') {
    const step =
      c.kind === 'logistics'
        ? `${waybills(order) || '没有运单'}；最新轨迹：${order.view.logistics.at(-1) ? `${LABELS.logistics(order.view.logistics.at(-1)!.state)}（${when(order.view.logistics.at(-1)!.occurredAt)}）` : '无'}`
        : c.kind === 'stock'
          ? `下单时库存不足${o.warehouse ? `（${o.warehouse} 仓）` : ''}`
          : c.kind === 'data'
            ? `订单信息有误（${c.short}）`
          : c.stuckStage
            ? `「${stageName(c.stuckStage)}」后未${c.nextStep ?? '推进'}${o.warehouse ? `（${o.warehouse} 仓${o.batch ? `，批次 ${o.batch}` : ''}）` : ''}`
            : '—';
    rows.push({ label: '失败环节', value: step }, { label: '责任部门', value: c.department });
  } else {
    rows.push({ label: '失败环节', value: '无：各环节都在时限内' }, { label: '责任部门', value: '无需处理' });
  }
  if (c.kind !== 'none') {
    if (c.deadline !== undefined) {
      rows.push({
        label: '时限',
        value: `${c.deadlineFor ? `${c.deadlineFor}：` : ''}${c.overdueMs !== undefined ? `截止 ${when(c.deadline)}，已超 ${span(c.overdueMs)}` : `截止 ${when(c.deadline)}（还剩 ${span(c.deadline - now)}）`}`,
        ...(c.overdueMs !== undefined ? { tone: 'bad' as const } : {}),
      });
    }
  }
  if (current) {
    const owner = ownerLine(current.incident, people);
    rows.push({ label: '事件', value: `${current.incident.id}（${LABELS.incidentState(current.incident.state)}，${current.incident.grade} 级）${incidents.length > 1 ? `；共涉及 ${incidents.length} 个事件` : ''}` });
    rows.push({ label: '负责人', value: owner.text, ...(owner.tone ? { tone: owner.tone } : {}) });
    const notified = notifiedLine(current, vocabulary);
    rows.push({ label: '通知', value: notified.text, ...(notified.tone ? { tone: notified.tone } : {}) });
  } else if (c.kind !== 'none') {
    rows.push({ label: '事件', value: c.kind === 'data' ? '数据问题进入待修正清单，不单独立案' : '尚未立案：没有事件负责人，也没有发出通知', tone: 'bad' });
  }
  rows.push({ label: '客户', value: c.lastContact ? `来询 ${c.contactsIn} 次${c.complaints > 0 ? `（投诉 ${c.complaints} 次）` : ''}；最近 ${when(c.lastContact.occurredAt)}：「${clip(maskPhonesIn(c.lastContact.text), 40)}」` : '客户没有来询' });
  rows.push({ label: '下一步', value: current && current.incident.state !== 'closed' && current.incident.state !== 'reviewed' ? nextActions(current.incident, people, now) : orderNextStep(c) });
  return rows;
}

function orderNextStep(c: OrderCase): string {
  switch (c.kind) {
    case 'stock':
      return '1. 核对实物库存与在途补货\n2. 告知客户准确发货时间，或协商换货/退款';
    case 'logistics':
      return '1. 联系快递核查运单、催促揽收或派送\n2. 必要时补发并告知客户';
    case 'warehouse':
      return `1. 仓库核查包裹并完成${c.nextStep ?? '下一环节'}\n2. 向客户说明新的发货时间`;
    case 'service':
      return `1. 客服完成${c.nextStep ?? '处理'}\n2. 必要时联系客户`;
    case 'data':
      return '1. 在待修正清单中核实并修正订单信息';
    case 'none':
      return '无需处理';
  }
}
