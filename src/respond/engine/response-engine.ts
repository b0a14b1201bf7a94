import type { BusinessCalendar } from '../../detect/calendar/index.js';
import { isActiveState, type Incident, type OutboxEntry } from '../../domain/incident.js';
import type { OrderId } from '../../domain/order.js';
import type { Instant } from '../../domain/time.js';
import type { StoredFinding } from '../../store/detection-store.js';
import type { FeedChange } from '../../store/finding-feed.js';
import type { IncidentChange } from '../../store/response-store.js';
import type { Store } from '../../store/store.js';
import { nextEscalation } from '../escalation.js';
import { inhibitsMembers } from '../grouping.js';
import { whoToWake } from '../on-call.js';
import type { ResponsePolicy } from '../policy.js';
import { nextReminderAt } from '../reminders.js';
import { routeReceivers } from '../routing.js';
import { Decision, type DecisionContext } from './decision.js';
import { FixList, isFixListCode } from './fix-list.js';
import { emptySummary, findingId, IncidentGrouping, type FindingRef, type TickSummary } from './incident-grouping.js';
import { incidentMessage, type MessageKind } from './incident-messages.js';
import { AUTOMATION_MUTERS, deferForQuietHours } from './muters.js';
import { DECISION_STAGES } from './stages.js';
import { actionLinks } from '../../domain/action-link.js';

/** ResponseEngineDeps are what the engine runs on; `policy` is read at each use, so a reload takes effect at once. */
export interface ResponseEngineDeps {
  readonly store: Store;
  readonly policy: () => ResponsePolicy;
  readonly calendar: BusinessCalendar;
  readonly publicUrl?: string;
  /** Signs the one-click links of messages (server.linkSecret) and how long they last; read at each message, so a reload takes effect. */
  readonly actionLinks?: () => { readonly secret?: string | undefined; readonly hours: number };
}

/** REGRADE_EVERY_MS: how often an active incident below grade A is graded again as its orders grow later. */
const REGRADE_EVERY_MS = 6 * 3_600_000;

/** SAMPLE bounds what one decision reads of an incident's members. */
const SAMPLE = 200;

/** StepBounds limit one step of the engine, so a flood is worked through in slices between other work. */
export interface StepBounds {
  /** Feed changes taken per step. */
  readonly feed?: number;
  /** Due incidents decided per step. */
  readonly incidents?: number;
  /** End every grouping wait now (a scan judges one moment whole). */
  readonly flush?: boolean;
}

/**
 * ResponseEngine turns findings into incidents and fix-list cases, and
 * incidents into notifications (SPEC C6, C7). Its input is the finding
 * feed in the store; each `step` takes a bounded slice of it — data-quality
 * findings go to the fix list, the rest to incident grouping — then lets
 * waited findings join their groups, then decides a bounded number of
 * incidents whose next action time has come. A decision is the automation
 * muters (take-over) followed by the stages (first notice, escalation,
 * reminder, overdue), whose messages pass the message muters (inhibition,
 * quiet hours); it is written with its audit lines and outbox entries in one
 * transaction on the locked row, so two instances never both act on it.
 */
export class ResponseEngine {
  readonly grouping: IncidentGrouping;
  readonly fixList: FixList;

  constructor(private readonly deps: ResponseEngineDeps) {
    this.grouping = new IncidentGrouping({ store: deps.store, policy: deps.policy, announce: (incident, kind, step, now) => this.announce(incident, kind, step, now) });
    this.fixList = new FixList({ store: deps.store, policy: deps.policy, ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}) });
  }

  private get policy(): ResponsePolicy {
    return this.deps.policy();
  }

  /**
   * place takes findings opened and resolved: data-quality ones to the fix
   * list, the others to incidents (or the wait room). Used by `step` with
   * the feed, and directly by tests and replays that hold the changes.
   */
  async place(opened: readonly FindingRef[], resolved: readonly FindingRef[], now: Instant): Promise<TickSummary> {
    const policy = this.policy;
    const toFix = opened.filter((f) => isFixListCode(policy, f.code));
    const toIncidents = opened.filter((f) => !isFixListCode(policy, f.code));
    const filed = await this.fixList.file(toFix, now);
    if (filed.outbox.length > 0) await this.deps.store.response.enqueue(filed.outbox);
    await this.fixList.release(resolved.filter((f) => isFixListCode(policy, f.code)), now);
    const summary = await this.grouping.place(toIncidents, resolved.filter((f) => !isFixListCode(policy, f.code)), now);
    return { ...summary, filed: filed.filed, enqueued: summary.enqueued + filed.outbox.length };
  }

  /**
   * fileBacklog puts on the fix list the open data-quality findings that are
   * on no case: a store from before the fix list existed, or a code the
   * policy newly sends there. Run once when a worker starts; the feed files
   * everything new.
   */
  async fileBacklog(now: Instant): Promise<number> {
    let filed = 0;
    for (let i = 0; i < 10_000; i++) {
      const refs = await this.deps.store.fixList.unfiled(this.policy.fixList.codes, 1000);
      if (refs.length === 0) break;
      const r = await this.fixList.file(refs, now);
      if (r.outbox.length > 0) await this.deps.store.response.enqueue(r.outbox);
      filed += refs.length;
      // Findings whose order is gone cannot be filed: stop rather than loop on them.
      if (r.filed === 0) break;
    }
    return filed;
  }

  /** consumeFeed places up to `limit` changes of the finding feed, then acknowledges them; `more` says whether the feed held more. */
  async consumeFeed(now: Instant, limit = 2000): Promise<TickSummary & { more: boolean; changes: number }> {
    const changes: FeedChange[] = await this.deps.store.feed.read(limit);
    if (changes.length === 0) return { ...emptySummary(), more: false, changes: 0 };
    // Within the slice a later change of the same finding wins: opened then resolved is gone.
    const last = new Map<string, FeedChange>();
    for (const c of changes) last.set(findingId(c), c);
    const opened = [...last.values()].filter((c) => c.change === 'opened');
    const resolved = [...last.values()].filter((c) => c.change === 'resolved');
    const summary = await this.place(opened, resolved, now);
    await this.deps.store.feed.ack(changes[changes.length - 1]!.seq);
    return { ...summary, more: changes.length === limit, changes: changes.length };
  }

  /**
   * step is one bounded pass: a slice of the feed, the grouping waits that
   * ended, and the incidents whose time has come. `more` says whether work
   * was left for the next step.
   */
  async step(now: Instant, bounds: StepBounds = {}): Promise<TickSummary & { more: boolean }> {
    const fed = await this.consumeFeed(now, bounds.feed ?? 2000);
    const drained = await this.grouping.drainWaitRoom(now, bounds.flush ?? false, bounds.flush ? 100 : 5);
    const decided = await this.decideDue(now, bounds.incidents ?? 200);
    return {
      opened: fed.opened + drained.opened,
      joined: fed.joined + drained.joined,
      filed: fed.filed,
      acted: decided.acted,
      enqueued: fed.enqueued + decided.enqueued,
      more: fed.more || drained.more || decided.more,
    };
  }

  /** tick runs steps until no work is left (scans, `deliver --once`, tests): everything due at `now` is decided. */
  async tick(now: Instant, options: { readonly flush?: boolean } = {}): Promise<TickSummary> {
    const total = emptySummary();
    for (let i = 0; i < 10_000; i++) {
      const s = await this.step(now, { ...(options.flush ? { flush: true } : {}) });
      total.opened += s.opened;
      total.joined += s.joined;
      total.filed += s.filed;
      total.acted += s.acted;
      total.enqueued += s.enqueued;
      if (!s.more) break;
    }
    return total;
  }

  /** decideDue decides up to `limit` incidents whose next action time has come. */
  private async decideDue(now: Instant, limit: number): Promise<{ acted: number; enqueued: number; more: boolean }> {
    const due = await this.deps.store.response.dueIncidents(now, limit);
    let enqueued = 0;
    for (const id of due) {
      const current = await this.deps.store.response.getIncident(id);
      if (!current) continue;
      const context = await this.context(current, now);
      await this.deps.store.response.changeIncident(id, (cur) => {
        const change = this.decide(cur, context, now);
        enqueued += change.outbox?.length ?? 0;
        return change;
      });
    }
    return { acted: due.length, enqueued, more: due.length === limit };
  }

  private async context(incident: Incident, now: Instant): Promise<DecisionContext> {
    const store = this.deps.store;
    const members = await store.response.incidentMembers(incident.id, { activeOnly: true, limit: SAMPLE });
    const orderIds = [...new Set(members.map((m) => m.orderId))];
    const orders = await store.getOrders(orderIds);
    const findings = new Map<string, StoredFinding>();
    for (const orderId of orderIds) for (const f of await store.detection.findings({ orderId, status: 'open' })) findings.set(findingId(f), f);
    const inhibitedBy = new Map<OrderId, string>();
    // Only an order's own incident can be covered by a group incident.
    if (incident.scope === 'order') {
      for (const orderId of orderIds) {
        for (const other of await store.response.incidentsOfOrder(orderId)) {
          if (other.id !== incident.id && isActiveState(other.state) && inhibitsMembers(this.policy, other.level) && other.scope !== 'order') inhibitedBy.set(orderId, other.id);
        }
      }
    }
    return { orders, findings, members, completeSample: orderIds.length >= incident.orderCount, pausedOrders: await store.response.pausedOrders(orderIds, now), inhibitedBy };
  }

  /** decide is the automation of one due incident: the automation muters, then the stages, then its next action time. */
  private decide(cur: Incident, context: DecisionContext, now: Instant): IncidentChange {
    if (!isActiveState(cur.state)) return { incident: { ...cur, nextActionAt: undefined } };
    const d = new Decision(cur, context, now, this.policy, this.deps.calendar, (incident, kind, step, at, note) => this.announceStep(incident, kind, step, at, note));
    for (const muter of AUTOMATION_MUTERS) {
      const hold = muter.check(d);
      if (!hold) continue;
      if (hold.action) d.note(hold.action, hold.reason ? { reason: hold.reason } : {});
      return { incident: { ...d.incident, nextActionAt: hold.until }, log: d.log };
    }
    for (const stage of DECISION_STAGES) if (stage.run(d) === 'done') break;
    return { incident: { ...d.incident, nextActionAt: this.nextActionAt(d.incident, now) }, log: d.log, outbox: d.outbox };
  }

  /** announceStep writes the outbox entries of one step to the incident's receivers (empty when none is routed), due now. */
  announceStep(incident: Incident, kind: MessageKind, step: string, now: Instant, note?: string): OutboxEntry[] {
    const policy = this.policy;
    const receivers = routeReceivers(policy, { grade: incident.grade, level: incident.level, ownerRole: incident.ownerRole, codes: incident.codes, channels: incident.channels as never });
    const quiet = deferForQuietHours(policy, incident, [{ kind } as OutboxEntry], now)[0]!.dueAt > now;
    // People are woken by name only when the message goes now, not at the end of the quiet hours.
    const onCall = quiet || kind === 'resolved' ? [] : whoToWake(policy, { role: incident.ownerRole, level: incident.level, grade: incident.grade, at: now });
    const links = this.deps.actionLinks?.();
    // The links are bound to the role the message wakes; a resolved notice has nothing left to click.
    const actions =
      links?.secret && this.deps.publicUrl && kind !== 'resolved'
        ? actionLinks({ publicUrl: this.deps.publicUrl, secret: links.secret, incidentId: incident.id, role: incident.ownerRole, now, hours: links.hours })
        : undefined;
    const message = incidentMessage(incident, kind, { ...(this.deps.publicUrl ? { publicUrl: this.deps.publicUrl } : {}), onCall, now, ...(note ? { note } : {}), ...(actions ? { actions } : {}) });
    return receivers.map((receiver) => ({
      id: `${incident.id}|${receiver}|${step}`,
      incidentId: incident.id,
      receiver,
      kind,
      createdAt: now,
      dueAt: now,
      attempts: 0,
      state: 'pending' as const,
      message: message as unknown as Record<string, unknown>,
    }));
  }

  /** announce is announceStep with the quiet hours applied: messages sent outside a decision (a person's escalation, a group that grew). */
  announce(incident: Incident, kind: MessageKind, step: string, now: Instant, note?: string): OutboxEntry[] {
    return deferForQuietHours(this.policy, incident, this.announceStep(incident, kind, step, now, note), now);
  }

  /** nextActionAt is the earliest moment automation must look at the incident again, or undefined when nothing is scheduled. */
  nextActionAt(inc: Incident, now: Instant): Instant | undefined {
    if (!isActiveState(inc.state)) return undefined;
    if (inc.pause) return inc.pause.until;
    if (inc.notifiedAt === undefined) return Math.max(inc.notifyAt, now);
    const times: number[] = [];
    if (inc.state === 'open') {
      const esc = nextEscalation(this.policy, { level: inc.level, ownerRole: inc.ownerRole, escalations: inc.escalations, openedAt: inc.notifiedAt, ...(inc.responseDeadline !== undefined ? { responseDeadline: inc.responseDeadline } : {}) }, this.deps.calendar, now);
      if (esc) times.push(esc.at);
      times.push(nextReminderAt(this.policy, inc.remindFrom ?? inc.notifiedAt, inc.remindersSent));
    } else if (inc.resolutionTarget !== undefined && inc.overdueNotifiedAt === undefined) {
      times.push(inc.resolutionTarget);
    }
    // Orders grow later while an incident stays open: it is graded again every 6 hours (regrade), until it is A.
    if (inc.grade !== 'A') times.push(now + REGRADE_EVERY_MS);
    if (times.length === 0) return undefined;
    // Never in the past: a due time already passed is acted on at the next tick, not in a loop.
    return Math.max(Math.min(...times), now + 1000);
  }

  /** resolvedNotice tells the incident's receivers it was resolved (used by the resolve action). */
  resolvedNotice(inc: Incident, now: Instant): OutboxEntry[] {
    return inc.notifiedAt === undefined ? [] : this.announceStep(inc, 'resolved', 'resolved', now);
  }
}
