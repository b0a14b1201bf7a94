import { FINDING_LABELS } from '../../domain/finding-labels.js';
import type { Incident } from '../../domain/incident.js';
import { ROLE_NAMES_ZH } from '../../domain/role.js';
import { formatShanghai, type Instant } from '../../domain/time.js';

/** MessageKind is why a notification goes out. */
export type MessageKind = 'incident' | 'escalation' | 'reminder' | 'overdue' | 'resolved' | 'level_up' | 'regrade';

const KIND_ZH: Readonly<Record<MessageKind, string>> = {
  incident: '新事件',
  escalation: '升级',
  reminder: '提醒',
  overdue: '超过解决时限',
  resolved: '已解决',
  level_up: '事件升级为批量',
  regrade: '异常加重',
};

/** OutgoingMessage is notify's platform-neutral message as the outbox stores it (JSON). */
export interface OutgoingMessage {
  readonly title: string;
  readonly body: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly link?: string;
  /** Signed one-click links (认领 / 暂停提醒 / 查看): buttons on DingTalk and Feishu, links elsewhere. */
  readonly actions?: readonly { readonly label: string; readonly url: string }[];
  readonly mentionMobiles?: readonly string[];
  readonly sms?: { readonly phoneNumbers: readonly string[]; readonly templateParam: Readonly<Record<string, string>> };
}

/** incidentLink is the console page of an incident, when the console's public address is configured. */
export function incidentLink(publicUrl: string | undefined, incidentId: string): string | undefined {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/#/incidents/${encodeURIComponent(incidentId)}` : undefined;
}

/**
 * incidentMessage writes what people read in their group chat or mailbox:
 * grade and level first (what decides whether to drop everything), the
 * title, then owner, deadline, orders and a link. Chinese, the language of
 * the people receiving it; the console has the English.
 */
export function incidentMessage(
  incident: Incident,
  kind: MessageKind,
  options: { readonly publicUrl?: string; readonly onCall?: readonly string[]; readonly note?: string; readonly now: Instant; readonly actions?: OutgoingMessage['actions'] },
): OutgoingMessage {
  const link = incidentLink(options.publicUrl, incident.id);
  const lines: string[] = [];
  lines.push(`**${incident.title.zh}**`);
  if (options.note) lines.push(options.note);
  lines.push(`- 事件编号：${incident.id}`);
  lines.push(`- 等级：${incident.grade} 级 · ${incident.level} 级响应`);
  lines.push(`- 负责角色：${ROLE_NAMES_ZH[incident.ownerRole]}${incident.assignee ? `（${incident.assignee}）` : ''}`);
  if (incident.responseDeadline !== undefined) {
    const left = Math.round((incident.responseDeadline - options.now) / 60_000);
    lines.push(`- 响应截止：${formatShanghai(incident.responseDeadline)}${left >= 0 ? `（剩余 ${left} 分钟）` : `（已超时 ${-left} 分钟）`}`);
  }
  lines.push(`- 涉及订单：${incident.orderCount} 单${incident.orderIds.length ? `（${incident.orderIds.slice(0, 5).join('、')}${incident.orderIds.length > 5 ? ' 等' : ''}）` : ''}`);
  lines.push(`- 异常类型：${incident.codes.map((c) => FINDING_LABELS[c].zh).join('、')}`);
  if (options.onCall?.length) lines.push(`- 值班：${options.onCall.join('、')}`);
  if (link) lines.push(`[在控制台处理](${link})`);
  const severity = kind === 'resolved' ? 'info' : incident.grade === 'A' || incident.level === 3 || kind === 'escalation' ? 'critical' : 'warning';
  return {
    title: `【${KIND_ZH[kind]}】【${incident.grade}级】${incident.title.zh}`,
    body: lines.join('\n'),
    severity,
    ...(link ? { link } : {}),
    ...(options.actions?.length ? { actions: options.actions } : {}),
  };
}
