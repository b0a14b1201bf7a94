import { createHash } from 'node:crypto';
import { isActiveState, type Incident } from '../domain/incident.js';
import { ActionError, type ActionRequest, type Actor } from '../domain/incident-action.js';
import type { Role } from '../domain/role.js';
import type { Instant } from '../domain/time.js';
import type { IncidentActions } from '../respond/engine/index.js';
import type { Store } from '../store/store.js';
import type { ReportService } from './report/report-service.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** DEMO_STAFF are the demo business's people, one per role, with the names the console and reports show. */
export const DEMO_STAFF: ReadonlyArray<{ readonly name: string; readonly role: Role; readonly displayName: string }> = [
  { name: 'li.na', role: 'agent', displayName: '李娜' },
  { name: 'sun.qiang', role: 'supervisor', displayName: '孙强' },
  { name: 'zhao.min', role: 'ops_manager', displayName: '赵敏' },
  { name: 'wang.lei', role: 'warehouse', displayName: '王磊' },
  { name: 'qian.hong', role: 'executive', displayName: '钱红' },
];

/** u is a stable number in [0, 1) for an incident and a purpose: the same demo always lives the same way. */
function u(id: string, purpose: string): number {
  return createHash('sha256').update(`${id}|${purpose}`).digest().readUInt32BE(0) / 2 ** 32;
}

function between(id: string, purpose: string, fromMs: number, toMs: number): number {
  return fromMs + u(id, purpose) * (toMs - fromMs);
}

/** How long after being told people acknowledge, by grade; one in seven lower-grade incidents waits until it escalates. */
function ackDelay(inc: Incident): number {
  if (inc.level === 3) return between(inc.id, 'ack', 4 * MIN, 20 * MIN);
  const slow = (inc.grade === 'C' || inc.grade === 'D') && u(inc.id, 'slow') < 0.15 ? 3 : 1;
  const base = { A: [3 * MIN, 25 * MIN], B: [10 * MIN, 90 * MIN], C: [30 * MIN, 6 * HOUR], D: [1 * HOUR, 12 * HOUR] }[inc.grade] as [number, number];
  return slow * between(inc.id, 'ack', base[0], base[1]);
}

/** How long after acknowledging people resolve when the trouble does not clear by itself. */
function resolveDelay(inc: Incident): number {
  const base = { A: [2 * HOUR, 8 * HOUR], B: [6 * HOUR, 24 * HOUR], C: [12 * HOUR, 48 * HOUR], D: [12 * HOUR, 72 * HOUR] }[inc.grade] as [number, number];
  return between(inc.id, 'resolve', base[0], base[1]);
}

/**
 * DemoStaff are the demo's people at work while its history is lived through
 * (src/app/demo-history.ts): on the history's own clock they acknowledge
 * what they are told of (some slower than their deadline, so breaches and
 * escalations happen), work and resolve incidents, grant a coupon on grade-A
 * cases, close each with the root cause its orders really had (the demo's
 * ground truth; an incident of orders with nothing wrong is closed as a
 * false alarm), rate playbooks and answer the satisfaction callbacks. Every
 * action goes through the same IncidentActions as the console's buttons.
 */
export class DemoStaff {
  private readonly truth: Map<string, Set<string>>;

  constructor(
    private readonly store: Store,
    private readonly actions: IncidentActions,
    private readonly reports: ReportService,
    truth: ReadonlyArray<{ readonly orderId: string; readonly code: string }>,
  ) {
    this.truth = new Map();
    for (const t of truth) (this.truth.get(t.orderId) ?? this.truth.set(t.orderId, new Set()).get(t.orderId)!).add(t.code);
  }

  private person(role: Role): Actor {
    const p = DEMO_STAFF.find((s) => s.role === role) ?? DEMO_STAFF[1]!;
    return { name: p.name, role: p.role };
  }

  /** The person who closes: the owner's lead for batch and system cases. */
  private closer(inc: Incident): Actor {
    if (inc.level === 3) return this.person('executive');
    if (inc.level === 2) return this.person('ops_manager');
    // A warehouse case is closed by the warehouse lead: a supervisor is not above them (ownership, docs/response.md).
    return this.person(inc.ownerRole === 'agent' ? 'supervisor' : inc.ownerRole);
  }

  private async act(inc: Incident, actor: Actor, request: ActionRequest, at: Instant): Promise<boolean> {
    try {
      await this.actions.act(inc.id, actor, request, at);
      return true;
    } catch (error) {
      if (error instanceof ActionError) return false;
      throw error;
    }
  }

  /** rootCause is what the incident's orders really had, from the demo's ground truth. */
  private rootCause(inc: Incident): { class: 'system' | 'human' | 'external' | 'not_abnormal'; subCause: string; note: string } {
    const real = inc.orderIds.filter((o) => (this.truth.get(o)?.size ?? 0) > 0);
    if (real.length === 0) return { class: 'system', subCause: 'rule_false_positive', note: '核实后订单正常，属误报' };
    const codes = new Set(real.flatMap((o) => [...(this.truth.get(o) ?? [])]));
    if (codes.has('stock.sync_stale')) return { class: 'system', subCause: 'stock_sync_failure', note: 'ERP 库存同步中断，已恢复同步' };
    if (codes.has('stock.oversold')) return { class: 'system', subCause: 'stock_sync_failure', note: '大促期间虚拟库存超卖，已补货并通知客户' };
    if (codes.has('logistics.exception')) return { class: 'external', subCause: u(inc.id, 'cause') < 0.8 ? 'courier_delay' : 'weather', note: '快递网点积压，已协调加派' };
    const human = ['picking_error', 'missed_item', 'packing_error'] as const;
    return { class: 'human', subCause: human[Math.floor(u(inc.id, 'cause') * human.length)]!, note: '仓库波次处理不及时，已加班补发' };
  }

  /**
   * waitingOnSupply is the extra time a VIP's held order stays open: the
   * team cannot ship what the supplier has not delivered, so it works the
   * case until the order moves (the finding clears) or six days pass, and
   * the regrade makes it grade A as its delay grows (VIP ≥ 3 days late).
   */
  private waitingOnSupply(inc: Incident): number {
    const vipHeld = inc.scope === 'order' && inc.orderIds.some((o) => this.truth.get(o)?.has('customer.vip') && this.truth.get(o)?.has('promise.breached'));
    return vipHeld ? 6 * 24 * HOUR : 0;
  }

  /** work does what people would have done by `at` on every incident still open. */
  async work(at: Instant): Promise<number> {
    let acted = 0;
    for (let offset = 0; ; offset += 500) {
      const { items } = await this.store.response.incidents({ states: ['open', 'acknowledged', 'in_progress', 'resolved'], limit: 500, offset });
      for (const inc of items) acted += await this.workOn(inc, at);
      if (items.length < 500) break;
    }
    return acted;
  }

  private async workOn(inc: Incident, at: Instant): Promise<number> {
    if (inc.notifiedAt === undefined && isActiveState(inc.state)) return 0;
    const told = inc.notifiedAt ?? inc.openedAt;
    const owner = this.person(inc.ownerRole === 'admin' ? 'supervisor' : inc.ownerRole);
    if (inc.state === 'open') {
      if (at < told + ackDelay(inc)) return 0;
      if (!(await this.act(inc, owner, { type: 'acknowledge', reason: '已收到，开始处理' }, at))) return 0;
      await this.act(inc, owner, { type: 'start' }, at);
      if (inc.grade === 'A' && inc.scope === 'order') await this.act(inc, this.person('supervisor'), { type: 'compensate', kind: 'coupon', amountFen: 2000, ...(inc.orderIds[0] ? { orderId: inc.orderIds[0] } : {}), note: '延迟补偿' }, at);
      return 1;
    }
    if (inc.state === 'acknowledged' || inc.state === 'in_progress') {
      const since = inc.acknowledgedAt ?? told;
      const cleared = inc.suggestResolve && at >= since + between(inc.id, 'cleared', 20 * MIN, 3 * HOUR);
      if (!cleared && at < since + resolveDelay(inc) + this.waitingOnSupply(inc)) return 0;
      return (await this.act(inc, owner, { type: 'resolve', reason: cleared ? '异常已消除' : '已处理完毕' }, at)) ? 1 : 0;
    }
    if (inc.state === 'resolved' && at >= (inc.resolvedAt ?? at) + between(inc.id, 'close', 1 * HOUR, 12 * HOUR)) {
      const closer = this.closer(inc);
      if (!(await this.act(inc, closer, { type: 'close', rootCause: this.rootCause(inc) }, at))) return 0;
      if (u(inc.id, 'rate') < 0.5) await this.act(inc, owner, { type: 'rate', score: 3 + Math.floor(u(inc.id, 'score') * 3), comment: '话术和步骤有帮助' }, at);
      return 1;
    }
    return 0;
  }

  /** answerCallbacks calls back the customers whose callback is due: most are reached and score the handling. */
  async answerCallbacks(at: Instant): Promise<number> {
    let answered = 0;
    for (const c of await this.reports.callbacks({ state: 'pending', limit: 1000 }, at)) {
      if (c.dueAt > at + 24 * HOUR || at < c.createdAt + between(c.id, 'call', 2 * HOUR, 30 * HOUR)) continue;
      const reached = u(c.id, 'reached') < 0.85;
      const score = 2 + Math.floor(u(c.id, 'cscore') * 4);
      await this.reports.recordCallback(c.id, reached ? { reached, score, comment: score >= 4 ? '处理及时，满意' : '等了比较久' } : { reached }, { name: 'li.na', role: 'agent' }, at);
      answered++;
    }
    return answered;
  }
}
