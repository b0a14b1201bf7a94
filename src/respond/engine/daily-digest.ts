import { FINDING_LABELS } from '../../domain/finding-labels.js';
import { isActiveState, type Incident, type OutboxEntry } from '../../domain/incident.js';
import { ROLE_NAMES_ZH, type Role } from '../../domain/role.js';
import { formatShanghai, type Instant } from '../../domain/time.js';
import { messageToJson } from '../../domain/notification-json.js';
import type { NotificationMessage } from '../../domain/notification.js';
import { routeReceivers, type ResponsePolicy } from '../index.js';
import type { Store } from '../../store/store.js';
import { incidentLink } from './incident-messages.js';

const MAX_LINES = 30;

/**
 * dailyDigest is the seed business's 09:00 scan kept as a report beside
 * continuous detection: for each owner role, its open incidents (most urgent
 * first) in one message per receiver its routes name. Keyed by (receiver,
 * role, date): running it twice on a day, or on two instances, sends once.
 */
export async function dailyDigest(store: Store, policy: ResponsePolicy, now: Instant, publicUrl?: string): Promise<{ roles: number; enqueued: number }> {
  const byRole = new Map<Role, Incident[]>();
  for (let offset = 0; ; offset += 1000) {
    const { items } = await store.response.incidents({ states: ['open', 'acknowledged', 'in_progress'], limit: 1000, offset });
    for (const i of items) if (isActiveState(i.state)) (byRole.get(i.ownerRole) ?? byRole.set(i.ownerRole, []).get(i.ownerRole)!).push(i);
    if (items.length < 1000) break;
  }
  const date = formatShanghai(now).slice(0, 10);
  const entries: OutboxEntry[] = [];
  for (const [role, incidents] of byRole) {
    incidents.sort((a, b) => a.grade.localeCompare(b.grade) || b.level - a.level || (a.responseDeadline ?? 0) - (b.responseDeadline ?? 0));
    const orders = incidents.reduce((n, i) => n + i.activeMembers, 0);
    const breached = incidents.filter((i) => i.state === 'open' && i.responseDeadline !== undefined && i.responseDeadline < now).length;
    const lines = [
      `**${ROLE_NAMES_ZH[role]}：${incidents.length} 个未结事件，涉及 ${orders} 单${breached ? `，其中 ${breached} 个已超响应时限` : ''}**`,
      ...incidents.slice(0, MAX_LINES).map((i) => {
        const link = incidentLink(publicUrl, i.id);
        const text = `${i.grade}级 · ${i.title.zh}（${i.codes.map((c) => FINDING_LABELS[c].zh).join('、')}）`;
        return `- ${link ? `[${text}](${link})` : text}`;
      }),
      ...(incidents.length > MAX_LINES ? [`- …… 另有 ${incidents.length - MAX_LINES} 个，请在控制台查看`] : []),
    ];
    const message: NotificationMessage = {
      title: `【每日 09:00 异常订单汇总】${date} ${ROLE_NAMES_ZH[role]}`,
      body: lines.join('\n'),
      severity: incidents.some((i) => i.grade === 'A' || i.level === 3) ? 'critical' : 'warning',
      ...(publicUrl ? { link: publicUrl } : {}),
    };
    const worst = incidents[0]!;
    const receivers = routeReceivers(policy, { grade: worst.grade, level: worst.level, ownerRole: role, codes: [...new Set(incidents.flatMap((i) => i.codes))], channels: [] });
    for (const receiver of receivers) {
      entries.push({ id: `daily|${receiver}|${role}|${date}`, receiver, kind: 'daily', createdAt: now, dueAt: now, attempts: 0, state: 'pending', message: messageToJson(message) });
    }
  }
  const added = await store.response.enqueue(entries);
  return { roles: byRole.size, enqueued: added.length };
}
