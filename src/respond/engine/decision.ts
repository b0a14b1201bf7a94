import type { Incident, IncidentLogEntry, OutboxEntry, Pause } from '../../domain/incident.js';
import type { OrderId, StoredOrder } from '../../domain/order.js';
import type { Instant } from '../../domain/time.js';
import type { StoredFinding } from '../../store/detection-store.js';
import type { BusinessCalendar } from '../../detect/calendar/index.js';
import type { ResponsePolicy } from '../policy.js';
import type { MessageKind } from './incident-messages.js';
import { SYSTEM } from './incident-grouping.js';

/** DecisionContext is what a decision on one incident needs from outside it, read (bounded) before the row is locked. */
export interface DecisionContext {
  /** A sample of the member orders (at most 200): the worst of 200 decides like the worst of 10,000. */
  readonly orders: ReadonlyMap<OrderId, StoredOrder>;
  readonly findings: ReadonlyMap<string, StoredFinding>;
  /** Active members of the sample, as findings ids. */
  readonly members: ReadonlyArray<{ readonly orderId: OrderId; readonly code: string; readonly key: string }>;
  /** Whether the sample holds every member order (small incidents). */
  readonly completeSample: boolean;
  readonly pausedOrders: ReadonlyMap<OrderId, Pause>;
  /** Orders covered by another active incident that mutes its members' notifications, with that incident. */
  readonly inhibitedBy: ReadonlyMap<OrderId, string>;
}

/** Announcer writes a step's messages to an incident's receivers (before the message muters look at them). */
export type Announcer = (incident: Incident, kind: MessageKind, step: string, now: Instant, note?: string) => OutboxEntry[];

/**
 * Decision is one due incident being decided by the engine's stages: the
 * incident as it becomes, the audit lines and the messages so far. Stages
 * and muters read and extend it; the engine writes it in one transaction.
 */
export class Decision {
  readonly log: IncidentLogEntry[] = [];
  readonly outbox: OutboxEntry[] = [];
  incident: Incident;

  constructor(
    current: Incident,
    readonly context: DecisionContext,
    readonly now: Instant,
    readonly policy: ResponsePolicy,
    readonly calendar: BusinessCalendar,
    readonly announcer: Announcer,
  ) {
    this.incident = { ...current, updatedAt: now };
  }

  /** note adds an audit line by automation. */
  note(action: string, extra: Partial<IncidentLogEntry> = {}): void {
    this.log.push({ incidentId: this.incident.id, at: this.now, actor: SYSTEM, action, ...extra });
  }

  /** The distinct orders of the active members sampled. */
  memberOrders(): OrderId[] {
    return [...new Set(this.context.members.map((m) => m.orderId))];
  }
}
