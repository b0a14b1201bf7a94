import type { Incident, IncidentLogEntry } from '../../domain/incident.js';
import { deliveryProblem } from '../../domain/delivery-problem.js';
import { ROLES } from '../../domain/role.js';
import { clip, span, when, yuan } from '../format.js';
import { LABELS, type ReportVocabulary } from '../labels.js';
import type { People } from '../people.js';
import type { ReportPdf } from '../pdf/report-pdf.js';
import type { IncidentEvidence } from './evidence-data.js';

const MEDIA: Readonly<Record<string, string>> = { sms: '短信', phone: '电话话术', email: '邮件', script: '电话话术' };

/** chinese keeps the Chinese half of a bilingual "中文 / English" reason. */
export function chinese(text: string): string {
  const cut = text.indexOf(' / ');
  return cut > 0 && /[\u4e00-\u9fff]/.test(text.slice(0, cut)) ? text.slice(0, cut) : text;
}

const ROLE_CODE = new RegExp(`(?<![A-Za-z_])(${ROLES.join('|')})(?![A-Za-z_])`, 'g');

/**
 * reasonInWords is the Chinese half of a reason with any role code in it
 * said in words: the system writes "升级至 executive" into the audit trail,
 * a reader should see "升级至 副总".
 */
export function reasonInWords(text: string): string {
  return chinese(text).replace(ROLE_CODE, (code) => LABELS.role(code));
}

/** LogContext is what describing an audit line needs: the incident (its checklist's words), people's names, the policy's words. */
export interface LogContext {
  readonly incident: Incident;
  readonly people: People;
  readonly vocabulary: ReportVocabulary;
  /** When each message to a receiver arrived, to tell a decided notification from a delivered one. */
  readonly deliveredTo?: ReadonlyMap<string, number>;
}

/** describeLog turns an audit line's detail into words: the root cause of a close, the assignee, who was told, the compensation … */
export function describeLog(entry: IncidentLogEntry, context: LogContext): string {
  const { people, vocabulary } = context;
  const d = entry.detail ?? {};
  const parts: string[] = [];
  const rc = d.rootCause as { class?: string; subCause?: string; note?: string } | undefined;
  if (rc?.class) parts.push(`根因：${vocabulary.rootCauseClass(rc.class)} / ${vocabulary.subCause(rc.subCause ?? '')}${rc.note ? `（${rc.note}）` : ''}`);
  if (typeof d.assignee === 'string') parts.push(`指派给 ${people.name(d.assignee)}`);
  if (entry.action === 'graded') {
    if (typeof d.grade === 'string') parts.push(`${d.grade} 级`);
    if (typeof d.ownerRole === 'string') parts.push(`由${LABELS.role(d.ownerRole)}负责`);
    if (typeof d.responseDeadline === 'number') parts.push(`确认时限 ${when(d.responseDeadline)}`);
  } else if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(`${LABELS.role(d.from)} → ${LABELS.role(d.to)}`);
  if (typeof d.from === 'number' && typeof d.to === 'number') parts.push(`范围 ${d.from} 级 → ${d.to} 级`);
  if (entry.action === 'open' && typeof d.orders === 'number') parts.push(`涉及 ${d.orders} 单`);
  if (entry.action === 'join' && Array.isArray(d.findings)) parts.push(`并入 ${d.findings.length} 个异常`);
  if (Array.isArray(d.receivers)) {
    const names = d.receivers.filter((r): r is string => typeof r === 'string');
    if (entry.action === 'notify') {
      parts.push(
        names.length === 0
          ? '没有匹配的接收方：未通知任何人'
          : `通知 ${names.map((n) => `${vocabulary.receiver(n)}${context.deliveredTo?.has(n) ? '（已送达）' : '（未送达）'}`).join('、')}`,
      );
    } else if (names.length > 0) parts.push(`发给 ${names.map((n) => vocabulary.receiver(n)).join('、')}`);
  }
  if (typeof d.report === 'string') parts.push(d.report === 'evidence' ? '证据报告' : d.report === 'review' ? '复盘报告' : 'KPI 报告');
  if (typeof d.kind === 'string' && typeof d.amountFen === 'number') parts.push(`${LABELS.compensation(d.kind)} ${yuan(d.amountFen)}`);
  if (typeof d.item === 'string') parts.push(`清单项「${context.incident.checklist.find((c) => c.id === d.item)?.label.zh ?? '（已删除的清单项）'}」`);
  if (typeof d.score === 'number') parts.push(`评分 ${d.score}`);
  if (typeof d.medium === 'string') parts.push(MEDIA[d.medium] ?? '客户消息');
  if (typeof d.receiver === 'string' && entry.action !== 'customer_message') parts.push(`经 ${vocabulary.receiver(d.receiver)}`);
  if (typeof d.orderId === 'string') parts.push(`订单 ${d.orderId}`);
  if (typeof d.by === 'string') parts.push(`上级事件 ${d.by}`);
  if (typeof d.reminder === 'number') parts.push(`第 ${d.reminder} 次提醒`);
  if (entry.reason && !(typeof d.by === 'string')) parts.push(reasonInWords(entry.reason));
  return parts.join('；');
}

/** auditRows are the audit trail as table rows: time, who, what, state change, details. */
export function auditRows(log: readonly IncidentLogEntry[], context: LogContext, max = 300): string[][] {
  return log.map((l) => [
    when(l.at),
    context.people.name(l.actor),
    LABELS.action(l.action),
    l.fromState || l.toState ? `${l.fromState ? LABELS.incidentState(l.fromState) : ''} → ${l.toState ? LABELS.incidentState(l.toState) : ''}` : '',
    clip(describeLog(l, context), max),
  ]);
}

/** AUDIT_COLUMNS are the audit table's columns. */
export const AUDIT_COLUMNS = [
  { header: '时间', width: 16 },
  { header: '操作人', width: 11 },
  { header: '操作', width: 14 },
  { header: '状态变化', width: 15 },
  { header: '说明', width: 44 },
] as const;

/**
 * writeHandling writes what was done about an incident: the audit trail
 * (who did what, when, why), compensation, the checklist and the
 * messages with whether each arrived.
 */
export function writeHandling(pdf: ReportPdf, ev: IncidentEvidence, context: Omit<LogContext, 'incident' | 'deliveredTo'>, now: number): void {
  const inc = ev.incident;
  const deliveredTo = new Map(ev.messages.filter((m) => m.deliveredAt !== undefined).map((m) => [m.receiver, m.deliveredAt!]));
  const ctx: LogContext = { ...context, incident: inc, deliveredTo };
  pdf.table(AUDIT_COLUMNS, auditRows(ev.log, ctx), { title: '处置记录（谁、何时、做了什么）' });
  if (inc.checklist.length > 0) {
    pdf.table(
      [
        { header: '步骤', width: 44 },
        { header: '完成', width: 10 },
        { header: '完成人 / 时间', width: 26 },
        { header: '备注', width: 20 },
      ],
      inc.checklist.map((c) => [c.label.zh, c.done ? { text: '已完成', tone: 'good' } : { text: '未完成', tone: 'warn' }, c.done ? `${context.people.name(c.doneBy)} ${when(c.doneAt)}` : '', c.note ?? '']),
      { title: '处置清单' },
    );
  }
  if (inc.compensations.length > 0) {
    pdf.table(
      [
        { header: '方式', width: 14 },
        { header: '金额', width: 12, align: 'right' },
        { header: '状态', width: 12 },
        { header: '申请人 / 时间', width: 31 },
        { header: '审批', width: 31 },
      ],
      inc.compensations.map((c) => [
        LABELS.compensation(c.kind),
        yuan(c.amountFen),
        LABELS.compensationState(c.state),
        `${context.people.name(c.requestedBy)} ${when(c.requestedAt)}`,
        c.decidedBy ? `${context.people.name(c.decidedBy)} ${when(c.decidedAt)}` : c.approverRole ? `待${LABELS.role(c.approverRole)}审批` : '—',
      ]),
      { title: '补偿' },
    );
  }
  if (ev.messages.length === 0) {
    pdf.subheading('通知与送达', { keep: 20 });
    const decided = ev.log.some((l) => l.action === 'notify');
    pdf.note(decided ? '系统决定通知时没有匹配的接收方：没有发出任何消息，没有人收到通知。' : '没有为该事件发出任何消息。');
    return;
  }
  pdf.table(
    [
      { header: '决定时间', width: 16 },
      { header: '接收方', width: 20 },
      { header: '类型', width: 11 },
      { header: '送达', width: 22 },
      { header: '标题', width: 31 },
    ],
    ev.messages.map((m) => [
      when(m.createdAt),
      context.vocabulary.receiver(m.receiver),
      LABELS.messageKind(m.kind),
      m.deliveredAt !== undefined
        ? { text: `已送达 ${when(m.deliveredAt)}${m.viaDigest ? '（汇总）' : ''}`, tone: 'good' }
        : { text: m.state === 'dead' ? `发送失败${m.lastError ? `：${deliveryProblem(m.lastError, m.state).zh}` : ''}` : m.state === 'merged' ? '已并入汇总，汇总尚未送达' : `未送达（排队 ${span(now - m.createdAt)}）`, tone: 'bad' },
      clip(m.title, 80),
    ]),
    { title: '通知与送达' },
  );
}
