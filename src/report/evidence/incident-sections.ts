import type { IncidentLogEntry } from '../../domain/incident.js';
import { clip, span, when, yuan } from '../format.js';
import { LABELS, type ReportVocabulary } from '../labels.js';
import type { ReportPdf } from '../pdf/report-pdf.js';
import type { IncidentEvidence } from './evidence-data.js';

/** describeLog turns an audit line's detail into words: the root cause of a close, the assignee, the compensation … */
export function describeLog(entry: IncidentLogEntry, vocabulary: ReportVocabulary): string {
  const d = entry.detail ?? {};
  const parts: string[] = [];
  const rc = d.rootCause as { class?: string; subCause?: string; note?: string } | undefined;
  if (rc?.class) parts.push(`根因：${vocabulary.rootCauseClass(rc.class)} / ${vocabulary.subCause(rc.subCause ?? '')}${rc.note ? `（${rc.note}）` : ''}`);
  if (typeof d.assignee === 'string') parts.push(`指派给 ${d.assignee}`);
  if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(`${LABELS.role(d.from)} → ${LABELS.role(d.to)}`);
  if (typeof d.from === 'number' && typeof d.to === 'number') parts.push(`${d.from} 级 → ${d.to} 级`);
  if (typeof d.kind === 'string' && typeof d.amountFen === 'number') parts.push(`${LABELS.compensation(d.kind)} ${yuan(d.amountFen)}`);
  if (typeof d.item === 'string') parts.push(`清单项 ${d.item}`);
  if (typeof d.score === 'number') parts.push(`评分 ${d.score}`);
  if (typeof d.receiver === 'string') parts.push(`经 ${d.receiver}`);
  if (typeof d.orderId === 'string') parts.push(`订单 ${d.orderId}`);
  if (entry.reason) parts.push(entry.reason);
  return parts.join('；');
}

/**
 * writeIncidentSections writes what was done about each incident: its
 * facts, the audit trail (who did what, when, why), compensation, the
 * checklist and the messages sent.
 */
export function writeIncidentSections(pdf: ReportPdf, incidents: readonly IncidentEvidence[], vocabulary: ReportVocabulary): void {
  if (incidents.length === 0) {
    pdf.note('该订单尚未进入任何异常事件：没有处置记录。');
    return;
  }
  for (const { incident: inc, log, messages, members } of incidents) {
    pdf.subheading(`事件 ${inc.id}：${inc.title.zh}`);
    pdf.keyValues([
      ['级别', `${inc.grade} 级 / 范围 ${inc.level} 级（${LABELS.scope(inc.scope)}）`],
      ['状态', LABELS.incidentState(inc.state)],
      ['负责角色', `${LABELS.role(inc.ownerRole)}${inc.assignee ? `，指派 ${inc.assignee}` : ''}`],
      ['涉及订单', `${new Set(members.map((m) => m.orderId)).size} 单`],
      ['打开', when(inc.openedAt)],
      ['响应时限', when(inc.responseDeadline)],
      ['首次通知', when(inc.notifiedAt)],
      ['确认', inc.acknowledgedAt !== undefined ? `${when(inc.acknowledgedAt)}（用时 ${span(inc.acknowledgedAt - inc.openedAt)}）` : '—'],
      ['解决', inc.resolvedAt !== undefined ? `${when(inc.resolvedAt)}（用时 ${span(inc.resolvedAt - inc.openedAt)}）` : '—'],
      ['关闭', when(inc.closedAt)],
      ['根因', inc.rootCause ? `${vocabulary.rootCauseClass(inc.rootCause.class)} / ${vocabulary.subCause(inc.rootCause.subCause)}${inc.rootCause.note ? `：${inc.rootCause.note}` : ''}` : '—'],
      ['升级次数', String(inc.escalations)],
    ]);
    pdf.paragraph('处置记录（谁、何时、做了什么）', { bold: true, size: 9.5 });
    pdf.table(
      [
        { header: '时间', width: 17 },
        { header: '操作人', width: 12 },
        { header: '操作', width: 16 },
        { header: '状态变化', width: 17 },
        { header: '说明', width: 38 },
      ],
      log.map((l) => [
        when(l.at),
        LABELS.actor(l.actor),
        LABELS.action(l.action),
        l.fromState || l.toState ? `${l.fromState ? LABELS.incidentState(l.fromState) : ''} → ${l.toState ? LABELS.incidentState(l.toState) : ''}` : '',
        clip(describeLog(l, vocabulary), 300),
      ]),
    );
    if (inc.compensations.length > 0) {
      pdf.paragraph('补偿', { bold: true, size: 9.5 });
      pdf.table(
        [
          { header: '编号', width: 12 },
          { header: '方式', width: 12 },
          { header: '金额', width: 12, align: 'right' },
          { header: '状态', width: 12 },
          { header: '申请人 / 时间', width: 26 },
          { header: '审批', width: 26 },
        ],
        inc.compensations.map((c) => [
          c.id,
          LABELS.compensation(c.kind),
          yuan(c.amountFen),
          LABELS.compensationState(c.state),
          `${c.requestedBy} ${when(c.requestedAt)}`,
          c.decidedBy ? `${c.decidedBy} ${when(c.decidedAt)}` : c.approverRole ? `待 ${LABELS.role(c.approverRole)}` : '—',
        ]),
      );
    }
    if (inc.checklist.length > 0) {
      pdf.paragraph('处置清单', { bold: true, size: 9.5 });
      pdf.table(
        [
          { header: '步骤', width: 40 },
          { header: '完成', width: 10 },
          { header: '完成人 / 时间', width: 25 },
          { header: '备注', width: 25 },
        ],
        inc.checklist.map((c) => [c.label.zh, c.done ? '已完成' : '未完成', c.done ? `${c.doneBy ?? ''} ${when(c.doneAt)}` : '', c.note ?? '']),
      );
    }
    if (messages.length > 0) {
      pdf.paragraph('已发出的通知', { bold: true, size: 9.5 });
      pdf.table(
        [
          { header: '时间', width: 17 },
          { header: '接收方', width: 16 },
          { header: '类型', width: 11 },
          { header: '状态', width: 12 },
          { header: '标题', width: 44 },
        ],
        messages.map((m) => [when(m.sentAt ?? m.createdAt), m.receiver, m.kind, LABELS.outboxState(m.state), clip(m.title, 120)]),
      );
    }
  }
}
