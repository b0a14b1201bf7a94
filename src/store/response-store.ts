import type { FindingCode } from '../domain/finding.js';
import type { Incident, IncidentLogEntry, IncidentMember, OutboxEntry, Pause } from '../domain/incident.js';
import type { OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';

/** IncidentChange is what one decision writes, atomically: the incident, its audit lines and the notifications it calls for. */
export interface IncidentChange {
  readonly incident: Incident;
  readonly log?: readonly IncidentLogEntry[];
  readonly outbox?: readonly OutboxEntry[];
  readonly addMembers?: readonly Omit<IncidentMember, 'incidentId'>[];
  /** Members whose finding went away: marked removed at the given time. */
  readonly removeMembers?: readonly { readonly orderId: OrderId; readonly code: string; readonly key: string; readonly at: Instant }[];
}

/** MemberRef names one finding as a member of an incident. */
export interface MemberRef {
  readonly orderId: OrderId;
  readonly code: string;
  readonly key: string;
}

/**
 * MembershipDelta is what a membership change actually did, measured by the
 * store inside the change's transaction: which findings became (or stopped
 * being) active members, which orders came in or left, and the incident's
 * membership figures afterwards (exact counts, a bounded sample of orders).
 */
export interface MembershipDelta {
  readonly added: readonly MemberRef[];
  readonly removed: readonly MemberRef[];
  readonly ordersAdded: readonly OrderId[];
  readonly ordersRemoved: readonly OrderId[];
  readonly activeMembers: number;
  readonly orderCount: number;
  /** Up to INCIDENT_ORDER_SAMPLE active orders: the old sample kept, new orders appended. */
  readonly orderSample: readonly OrderId[];
  readonly codes: readonly FindingCode[];
  readonly channels: readonly string[];
}

/** MembershipChange adds and removes members of one incident at one time. */
export interface MembershipChange {
  readonly add?: readonly MemberRef[];
  readonly remove?: readonly MemberRef[];
  readonly at: Instant;
}

/** OutboxLane is the delivery state of one receiver: consecutive failures and, when parked, until when and why. */
export interface OutboxLane {
  readonly receiver: string;
  readonly failures: number;
  readonly parkedUntil?: Instant;
  readonly parkedReason?: string;
  /** The receiver's settings when it was parked for good: a changed setting lifts the park. */
  readonly configHash?: string;
  readonly lastError?: string;
  readonly lastSentAt?: Instant;
  readonly updatedAt: Instant;
}

/** QUEUE_TABS are the queue's tabs: 待响应 (not acknowledged), 已超时 (past the deadline that matters now), 我的, grade A, grade B, all. */
export const QUEUE_TABS = ['open', 'breached', 'mine', 'A', 'B', 'all'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** QUEUE_SORTS are the queue's orders (`default`: breached, active, grade A → D, deadline soonest). */
export const QUEUE_SORTS = ['default', 'deadline', 'opened', 'grade'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** IncidentFilter selects incidents for the queue. Every field narrows; arrays mean "any of". */
export interface IncidentFilter {
  /** A tab narrows further (breached and the default order are judged at `now` — without it nothing is breached —, mine for `me`). */
  readonly tab?: QueueTab;
  /** Newest first when not given (reports, the CLI); the console asks for `default`. */
  readonly sort?: QueueSort;
  readonly now?: Instant;
  readonly me?: { readonly name: string; readonly role: string };
  /** An owner role among the owners, or the assignee's user name. */
  readonly owner?: string;
  /** Free text: incident id, title, group key, assignee, an order id, or an order number on one of `searchChannels`. */
  readonly q?: string;
  readonly searchChannels?: readonly string[];
  readonly states?: readonly string[];
  readonly grades?: readonly string[];
  readonly levels?: readonly number[];
  readonly ownerRoles?: readonly string[];
  readonly assignee?: string;
  readonly orderId?: OrderId;
  /** Incidents covering an order of any of these channels. */
  readonly channels?: readonly string[];
  readonly openedFrom?: Instant;
  readonly openedTo?: Instant;
  readonly limit?: number;
  readonly offset?: number;
  /** false skips counting the total (the queue takes it from the tab counts); `total` is then -1. */
  readonly withTotal?: boolean;
}

/** WaitingFinding is a finding in the grouping wait room under one candidate group key (rank 0 = most telling). */
export interface WaitingFinding {
  readonly groupKey: string;
  readonly scope: string;
  readonly rank: number;
  readonly orderId: OrderId;
  readonly code: string;
  readonly key: string;
  readonly addedAt: Instant;
}

/** Ticket is an entry of the in-app ticket pool (工单池). */
export interface Ticket {
  readonly id: string;
  readonly incidentId?: string;
  readonly receiver: string;
  readonly createdAt: Instant;
  readonly state: 'open' | 'claimed' | 'done';
  readonly claimedBy?: string;
  readonly title: string;
  readonly body: string;
  readonly link?: string;
}

/**
 * ResponseStore keeps what the response engine decided: incidents with
 * their members and audit log, the notification outbox, order pauses,
 * tickets, and the leases that make a job run on one instance at a time.
 * Every change of an incident goes through `changeIncident`, which locks
 * the row (FOR UPDATE on PostgreSQL), so two instances never both act on it.
 */
export interface ResponseStore {
  /**
   * openIncident inserts a new incident unless one is already active on its
   * group key; then it returns that one's id and writes nothing.
   */
  openIncident(change: IncidentChange): Promise<{ readonly opened: boolean; readonly id: string }>;
  /**
   * changeIncident reads the incident under a row lock, lets `decide` compute
   * the change (or nothing), and writes it with its log and outbox entries in
   * one transaction. Returns the incident as written, or as read when unchanged.
   * It never reads the members: a decision that needs some reads a bounded
   * sample first (incidentMembers with a limit).
   * With `orderOf`, the decision also sees the other incidents of the order
   * it names (read in the same transaction, under a lock per order), so what
   * is decided across them — a role's compensation limit for one customer —
   * cannot be passed by two requests at once on two incidents.
   */
  changeIncident(
    id: string,
    decide: (current: Incident, orderIncidents: readonly Incident[]) => IncidentChange | undefined,
    options?: { readonly orderOf?: (current: Incident) => OrderId | undefined },
  ): Promise<Incident | undefined>;
  /**
   * changeMembers adds and removes members of an incident under its row lock,
   * measures what that did (MembershipDelta), and writes what `decide` makes
   * of it (the counts, level, title, audit lines, messages) in the same
   * transaction. Its cost grows with the members changed, not the members held.
   */
  changeMembers(id: string, change: MembershipChange, decide: (current: Incident, delta: MembershipDelta) => IncidentChange | undefined): Promise<Incident | undefined>;
  getIncident(id: string): Promise<Incident | undefined>;
  activeIncidentByKey(groupKey: string): Promise<Incident | undefined>;
  /** The active incidents on any of these group keys, by key. */
  activeIncidentsByKeys(groupKeys: readonly string[]): Promise<Map<string, Incident>>;
  incidents(filter: IncidentFilter): Promise<{ readonly total: number; readonly items: Incident[] }>;
  /** How many incidents each tab holds under the same filters (the tab and paging of `filter` ignored), in one query. */
  incidentTabCounts(filter: IncidentFilter): Promise<Record<QueueTab, number>>;
  /** An incident's members, oldest first; `activeOnly` leaves out removed ones; `limit`/`offset` page. */
  incidentMembers(id: string, options?: { readonly activeOnly?: boolean; readonly limit?: number; readonly offset?: number }): Promise<IncidentMember[]>;
  /** A page of the distinct orders an incident covers now (active members), first added first. */
  incidentOrderIds(id: string, options: { readonly limit: number; readonly offset?: number }): Promise<OrderId[]>;
  /** An incident's active members for these orders (the findings of one page of its orders). */
  incidentMembersOfOrders(id: string, orderIds: readonly OrderId[]): Promise<IncidentMember[]>;
  /** Active incidents that cover a finding of this order (any code), newest first. */
  incidentsOfOrder(orderId: OrderId): Promise<Incident[]>;
  /** Incidents holding an active member for this finding. */
  incidentsOfFinding(orderId: OrderId, code: string, key: string): Promise<string[]>;
  /** For many findings at once: the active incidents holding each as an active member (`orderId|code|key` → incident ids). */
  incidentsOfFindings(findings: readonly MemberRef[]): Promise<Map<string, string[]>>;
  incidentLog(id: string): Promise<IncidentLogEntry[]>;
  /** Incidents whose next action time has come: the response deadline index. */
  dueIncidents(asOf: Instant, limit: number): Promise<string[]>;

  /**
   * The grouping wait room: a new finding that could belong to a group
   * (batch, SKU, warehouse …) waits here a short while under each candidate
   * key, so three late orders of one batch open one incident, not three.
   */
  addToWaitRoom(rows: readonly WaitingFinding[]): Promise<void>;
  /** Takes a finding out of the wait room (it joined an incident, or its cause went away). */
  removeFromWaitRoom(findings: readonly { readonly orderId: OrderId; readonly code: string; readonly key: string }[]): Promise<void>;
  /** Every candidate row of the findings that have waited since `readyBefore` or longer. */
  waitingSince(readyBefore: Instant, limit: number): Promise<WaitingFinding[]>;
  /** How many distinct orders wait under each of these group keys. */
  waitRoomOrders(groupKeys: readonly string[]): Promise<Map<string, number>>;
  /** The wait room rows under these group keys. */
  waitRoomRows(groupKeys: readonly string[]): Promise<WaitingFinding[]>;

  /** Adds outbox entries; an entry whose id is there already is skipped (idempotency). Returns the ids added. */
  enqueue(entries: readonly OutboxEntry[]): Promise<string[]>;
  /**
   * claimOutbox leases up to `limit` pending entries due by `now` to `owner`
   * for `leaseMs` (SKIP LOCKED on PostgreSQL): a crashed worker's lease
   * expires and another sends the entry; nobody else sends it meanwhile.
   */
  claimOutbox(now: Instant, owner: string, leaseMs: number, limit: number, receiver?: string): Promise<OutboxEntry[]>;
  /** The receivers with pending entries due by `now`, with the earliest due time of each. */
  dueReceivers(now: Instant): Promise<Array<{ readonly receiver: string; readonly dueAt: Instant; readonly pending: number }>>;
  /** Pending entries per receiver (due or not), for the status page. */
  pendingByReceiver(): Promise<Map<string, number>>;
  lane(receiver: string): Promise<OutboxLane | undefined>;
  lanes(): Promise<OutboxLane[]>;
  saveLane(lane: OutboxLane): Promise<void>;
  markSent(id: string, at: Instant): Promise<void>;
  /** markFailed records an error and either a retry time or, with `retryAt` undefined, the dead-letter list. */
  markFailed(id: string, error: string, retryAt: Instant | undefined): Promise<void>;
  /** postpone gives a claimed entry back without counting an attempt (its lane is parked), due again at `dueAt`, with the reason shown. */
  postpone(id: string, dueAt: Instant, reason: string): Promise<void>;
  /** markMerged folds entries into the digest entry `into` (which must be enqueued in the same call). */
  markMerged(ids: readonly string[], digest: OutboxEntry): Promise<void>;
  /** releaseClaim gives an entry back unsent (a rate limit held it), due again at `dueAt`. */
  releaseClaim(id: string, dueAt: Instant): Promise<void>;
  /** When the entries to a receiver were sent since a time (rate limits). */
  sentTimes(receiver: string, since: Instant): Promise<Instant[]>;
  outbox(filter: { readonly incidentId?: string; readonly state?: string; readonly limit?: number }): Promise<OutboxEntry[]>;
  /** retryDead puts a dead letter back in the queue, due now. */
  retryDead(id: string, now: Instant): Promise<boolean>;

  setOrderPause(orderId: OrderId, pause: Pause | undefined): Promise<void>;
  /** The orders among these that are paused at `now`. */
  pausedOrders(orderIds: readonly OrderId[], now: Instant): Promise<Map<OrderId, Pause>>;

  addTicket(ticket: Ticket): Promise<void>;
  tickets(filter: { readonly state?: string; readonly limit?: number }): Promise<Ticket[]>;
  updateTicket(id: string, state: Ticket['state'], claimedBy: string | undefined): Promise<boolean>;

  /**
   * tryLease takes or renews the named lease for `owner` until `now + ttlMs`
   * when it is free, expired or already `owner`'s: one instance runs a job.
   */
  tryLease(name: string, owner: string, now: Instant, ttlMs: number): Promise<boolean>;
  /** Forgets every incident, outbox entry, pause and ticket (before a replay). */
  clearResponse(): Promise<void>;
}
