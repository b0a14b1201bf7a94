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
    // Orders, not findings; an incident whose findings all went away keeps its count for display, not for this line.
    const orders = incidents.reduce((n, i) => n + (i.activeMembers > 0 ? i.orderCount : 0), 0);
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
  entries.push(...(await fixListDigest(store, policy, now, date, publicUrl)));
  const added = await store.response.enqueue(entries);
  return { roles: byRole.size, enqueued: added.length };
}

/**
 * fixListDigest is the fix list's line in the 09:00 report: the open
 * data-quality cases by cause (orders to correct), to the receivers routed
 * for a level-2 ops matter, once a day. Nothing when the list is empty.
 */
async function fixListDigest(store: Store, policy: ResponsePolicy, now: Instant, date: string, publicUrl: string | undefined): Promise<OutboxEntry[]> {
  const byCause = new Map<string, { cases: number; orders: number }>();
  const channels = new Set<string>();
  for (let offset = 0; offset < 10_000; offset += 1000) {
    const { items } = await store.fixList.cases({ state: 'open', limit: 1000, offset });
    for (const c of items) {
      const e = byCause.get(c.cause) ?? { cases: 0, orders: 0 };
      e.cases += 1;
      e.orders += c.orders;
      byCause.set(c.cause, e);
      channels.add(c.channel);
    }
    if (items.length < 1000) break;
  }
  if (byCause.size === 0) return [];
  const label = (cause: string): string => (cause === 'buyer' ? '同一买家批量下单' : FINDING_LABELS[cause as keyof typeof FINDING_LABELS]?.zh ?? cause);
  const rows = [...byCause].sort((a, b) => b[1].orders - a[1].orders);
  const message: NotificationMessage = {
    title: `【每日 09:00 待修正清单】${date}`,
    body: [
      `**待修正：${rows.reduce((n, [, e]) => n + e.cases, 0)} 项，涉及 ${rows.reduce((n, [, e]) => n + e.orders, 0)} 单**（数据问题，按店铺和日期批量处理）`,
      ...rows.map(([cause, e]) => `- ${label(cause)}：${e.cases} 项，${e.orders} 单`),
    ].join('\n'),
    severity: 'info',
    ...(publicUrl ? { link: `${publicUrl.replace(/\/+$/, '')}/fix-list` } : {}),
  };
  const receivers = routeReceivers(policy, { grade: 'C', level: 2, ownerRole: 'ops_manager', codes: [], channels: [...channels] as never });
  return receivers.map((receiver) => ({ id: `daily|${receiver}|fix-list|${date}`, receiver, kind: 'daily', createdAt: now, dueAt: now, attempts: 0, state: 'pending' as const, message: messageToJson(message) }));
}
