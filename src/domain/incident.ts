import type { Bilingual, FindingCode } from './finding.js';
import type { OrderId } from './order.js';
import type { Role } from './role.js';
import type { Instant } from './time.js';

/** INCIDENT_STATES is the response workflow (SPEC C7), in order. */
export const INCIDENT_STATES = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed', 'reviewed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** isActiveState: automation (notifications, escalation, reminders) runs only while an incident is active. */
export function isActiveState(state: IncidentState): boolean {
  return state === 'open' || state === 'acknowledged' || state === 'in_progress';
}

/** Grade is the customer-facing urgency (A = VIP five days late … D = watch only). */
export type Grade = 'A' | 'B' | 'C' | 'D';

/** IncidentLevel is the scope: 1 one order, 2 a batch of orders, 3 a system failure or stock-out. */
export type IncidentLevel = 1 | 2 | 3;

/** IncidentScope is what the findings of an incident have in common. */
export type IncidentScope = 'order' | 'batch' | 'sku' | 'warehouse' | 'carrier' | 'channel_sync' | 'system';

/** RootCause is required to close: class, sub-cause and a free note. `not_abnormal` marks a false alarm. */
export interface RootCause {
  readonly class: 'system' | 'human' | 'external' | 'not_abnormal';
  readonly subCause: string;
  readonly note?: string;
}

/** Pause is a manual take-over (人工暂停): automation stops for its target until resumed or `until`. */
export interface Pause {
  readonly by: string;
  readonly reason: string;
  readonly at: Instant;
  readonly until?: Instant;
}

/** ChecklistItem is one playbook step as ticked in an incident. */
export interface ChecklistItem {
  readonly id: string;
  /** What the step does (call, sms, coupon …), so the console offers the right tool next to it. */
  readonly kind?: string;
  readonly label: Bilingual;
  /** The customer template the step uses, when it is a message. */
  readonly template?: string;
  readonly done: boolean;
  readonly doneBy?: string;
  readonly doneAt?: Instant;
  readonly note?: string;
}

/** Compensation is a remedy offered to a customer; over the actor's limit it waits for approval. */
export interface Compensation {
  readonly id: string;
  readonly orderId?: OrderId;
  readonly kind: string;
  readonly amountFen: number;
  readonly requestedBy: string;
  /** The requester's role when asked: limits add up per incident per role, and only a higher role approves. */
  readonly requestedByRole?: Role;
  readonly requestedAt: Instant;
  readonly state: 'granted' | 'pending_approval' | 'approved' | 'rejected';
  readonly approverRole?: Role;
  readonly decidedBy?: string;
  readonly decidedAt?: Instant;
  readonly note?: string;
}

/** PlaybookRating is staff's verdict on a playbook after use (处理效果评分). */
export interface PlaybookRating {
  readonly by: string;
  readonly at: Instant;
  readonly score: number;
  readonly comment?: string;
}

/**
 * Incident is one case people respond to: the findings it covers (its
 * members), its grade and level, who owns it, its deadlines and its history.
 * `groupKey` is what its findings share (`order:taobao:1`, `batch:W-3`,
 * `sku:S-1` …); while the incident is active no second one opens on that key.
 */
export interface Incident {
  readonly id: string;
  readonly groupKey: string;
  readonly scope: IncidentScope;
  readonly title: Bilingual;
  readonly state: IncidentState;
  readonly level: IncidentLevel;
  readonly grade: Grade;
  readonly ownerRole: Role;
  /**
   * Every role that has owned it: the first owner and each escalation's
   * target (an escalation adds, never drops). Undefined on incidents stored
   * before it existed: then `[ownerRole]` (ownersOf).
   */
  readonly owners?: readonly Role[];
  readonly assignee?: string;
  /** The grading rule that decided grade, owner and deadlines. */
  readonly rule?: string;
  readonly playbook?: string;
  readonly openedAt: Instant;
  /** End of the grouping wait: the first notification goes out then, so one batch pages once. */
  readonly notifyAt: Instant;
  readonly notifiedAt?: Instant;
  readonly responseDeadline?: Instant;
  readonly resolutionTarget?: Instant;
  readonly acknowledgedAt?: Instant;
  readonly resolvedAt?: Instant;
  readonly closedAt?: Instant;
  readonly escalations: number;
  readonly remindersSent: number;
  /** Reminders count from here: the first notification, or the latest escalation (which told someone new). */
  readonly remindFrom?: Instant;
  /** When the owner was told the resolution target passed (once). */
  readonly overdueNotifiedAt?: Instant;
  /** When automation must look at it again (notify, remind, escalate): the incident deadline index. */
  readonly nextActionAt?: Instant;
  readonly pause?: Pause;
  readonly rootCause?: RootCause;
  readonly checklist: readonly ChecklistItem[];
  readonly compensations: readonly Compensation[];
  readonly ratings: readonly PlaybookRating[];
  /** Set when every member finding went away: the console suggests resolving. */
  readonly suggestResolve: boolean;
  /** Members still active (findings open) when last counted. */
  readonly activeMembers: number;
  /**
   * A sample of the orders covered (active members, at most
   * INCIDENT_ORDER_SAMPLE of them, earliest first): enough for lists and
   * messages. The full list is the incident's members in the store; a
   * 10,000-order stock-out must not rewrite 10,000 ids on every change.
   */
  readonly orderIds: readonly OrderId[];
  /** How many orders the incident covers (active members). */
  readonly orderCount: number;
  /** The channels of the orders covered (for routing by channel). */
  readonly channels: readonly string[];
  /** Finding codes covered. */
  readonly codes: readonly FindingCode[];
  readonly updatedAt: Instant;
}

/** INCIDENT_ORDER_SAMPLE bounds `Incident.orderIds`. */
export const INCIDENT_ORDER_SAMPLE = 100;

/** channelOfOrder is the channel an order id starts with (`taobao:123` → `taobao`). */
export function channelOfOrder(orderId: OrderId): string {
  const at = orderId.indexOf(':');
  return at < 0 ? orderId : orderId.slice(0, at);
}

/**
 * normaliseIncident fills the fields an incident stored before they existed
 * (orderCount, channels) from what it has, so every reader sees one shape.
 */
export function normaliseIncident(doc: Incident): Incident {
  const partial = doc as Incident & { orderCount?: number; channels?: readonly string[] };
  if (partial.orderCount !== undefined && partial.channels !== undefined) return doc;
  return {
    ...doc,
    orderCount: partial.orderCount ?? doc.orderIds.length,
    channels: partial.channels ?? [...new Set(doc.orderIds.map(channelOfOrder))],
  };
}

/** ownersOf is every role that owns the incident, first owner first. */
export function ownersOf(incident: Pick<Incident, 'ownerRole' | 'owners'>): readonly Role[] {
  const owners = incident.owners ?? [];
  return owners.includes(incident.ownerRole) ? owners : [...owners, incident.ownerRole];
}

/**
 * deadlineOf is the deadline that matters now: the response deadline until
 * someone acknowledges, then the resolution target; none once the incident
 * is no longer active. Past it, the incident is breached (已超时).
 */
export function deadlineOf(incident: Pick<Incident, 'state' | 'acknowledgedAt' | 'responseDeadline' | 'resolutionTarget'>): Instant | undefined {
  if (!isActiveState(incident.state)) return undefined;
  if (incident.acknowledgedAt === undefined && incident.state === 'open') return incident.responseDeadline ?? incident.resolutionTarget;
  return incident.resolutionTarget;
}

/** IncidentMember is one finding an incident covers. */
export interface IncidentMember {
  readonly incidentId: string;
  readonly orderId: OrderId;
  readonly code: FindingCode;
  readonly key: string;
  readonly addedAt: Instant;
  readonly removedAt?: Instant;
}

/** IncidentLogEntry is one audited transition or action: who, when, what, why. */
export interface IncidentLogEntry {
  readonly incidentId: string;
  readonly at: Instant;
  readonly actor: string;
  readonly action: string;
  readonly fromState?: IncidentState;
  readonly toState?: IncidentState;
  readonly reason?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** OutboxState: pending → sent, or merged into a digest, or dead after the last retry. */
export type OutboxState = 'pending' | 'sent' | 'merged' | 'dead';

/**
 * OutboxEntry is a notification decided: written in the same transaction as
 * the decision, keyed by (incident, receiver, step) so it is sent once.
 */
export interface OutboxEntry {
  readonly id: string;
  readonly incidentId?: string;
  readonly receiver: string;
  /** incident | escalation | reminder | resolved | customer | test | digest | report */
  readonly kind: string;
  readonly createdAt: Instant;
  readonly dueAt: Instant;
  readonly attempts: number;
  readonly state: OutboxState;
  readonly lastError?: string;
  readonly sentAt?: Instant;
  readonly mergedInto?: string;
  /** The platform-neutral message (notify's NotificationMessage), as JSON. */
  readonly message: Readonly<Record<string, unknown>>;
}
