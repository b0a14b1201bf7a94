import { createHash } from 'node:crypto';
import type { FindingCode } from '../../domain/finding.js';
import { FINDING_LABELS } from '../../domain/finding-labels.js';
import type { OutboxEntry } from '../../domain/incident.js';
import { messageToJson } from '../../domain/notification-json.js';
import type { StoredOrder } from '../../domain/order.js';
import { maskPhone } from '../../domain/phone.js';
import { formatShanghai, type Instant } from '../../domain/time.js';
import type { FixCase, FixCause, FixFiling } from '../../store/fix-list-store.js';
import type { Store } from '../../store/store.js';
import type { ResponsePolicy } from '../policy.js';
import { routeReceivers } from '../routing.js';
import { deferUntil } from '../on-call.js';
import type { FindingRef } from './incident-grouping.js';

/** BUYER_CODES are the findings about who ordered rather than what: one buyer's are one case. */
const BUYER_CODES: ReadonlySet<string> = new Set(['order.placeholder', 'order.duplicate']);

/** isFixListCode tells whether a finding goes to the fix list under the policy. */
export function isFixListCode(policy: Pick<ResponsePolicy, 'fixList'>, code: string): boolean {
  return (policy.fixList.codes as readonly string[]).includes(code);
}

/** buyerOf is who a buyer case is about: the full phone, else the receiver's name. */
function buyerOf(order: StoredOrder): string | undefined {
  const p = order.receiver.phone;
  if (p?.number !== undefined && (p.kind === 'mobile' || p.kind === 'landline')) return p.number;
  const name = order.receiver.name?.replace(/\s+/g, '');
  return name && !name.includes('*') ? name : undefined;
}

/** caseOf says which case a finding of this order is filed under: cause, shop and Shanghai day (and buyer). */
export function fixFilingOf(f: FindingRef, order: StoredOrder, at: Instant): FixFiling {
  const day = formatShanghai(order.placedAt).slice(0, 10);
  const buyer = BUYER_CODES.has(f.code) ? buyerOf(order) : undefined;
  const cause: FixCause = buyer !== undefined ? 'buyer' : (f.code as FindingCode);
  const shop = order.shop;
  // The buyer is named in the case by a digest, never by the phone itself: case ids travel in links and URLs.
  const id = [cause, order.channel, shop ?? '', day, ...(buyer !== undefined ? [createHash('sha256').update(buyer).digest('hex').slice(0, 12)] : [])].join('|');
  return { orderId: f.orderId, code: f.code as FindingCode, key: f.key, caseId: id, cause, channel: order.channel, ...(shop !== undefined ? { shop } : {}), day, ...(buyer !== undefined ? { buyer } : {}), at };
}

/** FixListDeps: the store, the policy in effect, and where the console is (links in messages). */
export interface FixListDeps {
  readonly store: Store;
  readonly policy: () => ResponsePolicy;
  readonly publicUrl?: string;
}

/**
 * FixList keeps data-quality findings out of the incident queue (SPEC
 * second wave): each is filed under a case of its cause, shop and day — or
 * of its buyer, for placeholder and duplicate orders, so one buyer's flood
 * of orders is one case — which people work through in bulk. A buyer case
 * that grows past `fixList.alertBuyerOrders` is announced once to the
 * routes, as a level-2 matter for the ops manager: it may be a reseller or a
 * script placing orders, and someone should look before they ship.
 */
export class FixList {
  constructor(private readonly deps: FixListDeps) {}

  /** file puts opened data-quality findings on the list and returns the messages of buyer cases that just grew past the alert size. */
  async file(opened: readonly FindingRef[], now: Instant): Promise<{ filed: number; outbox: OutboxEntry[] }> {
    if (opened.length === 0) return { filed: 0, outbox: [] };
    const orders = await this.deps.store.getOrders(opened.map((f) => f.orderId));
    const filings: FixFiling[] = [];
    for (const f of opened) {
      const order = orders.get(f.orderId);
      if (order) filings.push(fixFilingOf(f, order, now));
    }
    const cases = await this.deps.store.fixList.file(filings);
    const outbox: OutboxEntry[] = [];
    const policy = this.deps.policy();
    for (const c of cases) {
      if (c.cause !== 'buyer' || c.alertedAt !== undefined || c.orders < policy.fixList.alertBuyerOrders) continue;
      if (!(await this.deps.store.fixList.markAlerted(c.id, now))) continue;
      outbox.push(...this.announce(c, policy, now));
    }
    return { filed: filings.length, outbox };
  }

  /** release recounts the cases of findings whose cause went away (a corrected phone, a cancelled copy). */
  async release(resolved: readonly FindingRef[], now: Instant): Promise<void> {
    if (resolved.length === 0) return;
    await this.deps.store.fixList.recount(await this.deps.store.fixList.casesOfFindings(resolved), now);
  }

  /** announce writes the one message of a buyer case to the receivers routed for a level-2 ops matter. */
  private announce(c: FixCase, policy: ResponsePolicy, now: Instant): OutboxEntry[] {
    const receivers = routeReceivers(policy, { grade: 'C', level: 2, ownerRole: 'ops_manager', codes: c.codes, channels: [c.channel] as never });
    if (receivers.length === 0) return [];
    const who = c.buyer !== undefined && /^\d{7,}$/.test(c.buyer) ? maskPhone(c.buyer) : (c.buyer ?? '同一买家');
    const link = this.deps.publicUrl ? `${this.deps.publicUrl.replace(/\/+$/, '')}/fix-list?case=${encodeURIComponent(c.id)}` : undefined;
    const message = messageToJson({
      title: `【待核查】${who} 在 ${c.shop ?? c.channel} ${c.day} 下单 ${c.orders} 笔`,
      body: [
        `**同一买家短时间内大量下单**（疑似代购、刷单或重复提交），已归入待修正清单，未逐单建事件。`,
        `- 店铺：${c.shop ?? c.channel}（${c.channel}）`,
        `- 日期：${c.day}`,
        `- 订单：${c.orders} 笔；发现：${c.codes.map((code) => FINDING_LABELS[code].zh).join('、')}`,
        `- 例：${c.sampleOrderIds.slice(0, 5).join('、')}`,
        `请在发货前核实：是否拦截、合并或取消。`,
      ].join('\n'),
      severity: 'warning',
      ...(link ? { link } : {}),
    });
    const dueAt = deferUntil(policy, { level: 2, grade: 'C', at: now });
    return receivers.map((receiver) => ({ id: `fix|${c.id}|${receiver}|alert`, receiver, kind: 'fix_case', createdAt: now, dueAt, attempts: 0, state: 'pending' as const, message }));
  }
}
