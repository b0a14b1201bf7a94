import type { ActionLinkStore } from './action-link-repository.js';
import type { Attachment, ContactEvent, InventoryLevel, LogisticsEvent, OrderEvent } from '../domain/event.js';
import type { IngestBatch, IngestResult } from '../domain/ingest-result.js';
import type { OrderId, StoredOrder } from '../domain/order.js';
import type { Role } from '../domain/role.js';
import type { DashboardStore } from './dashboard-store.js';
import type { DetectionStore } from './detection-store.js';
import type { FindingFeed } from './finding-feed.js';
import type { FixListStore } from './fix-list-store.js';
import type { WorkStore } from './work-store.js';
import type { ReportStore } from './report-store.js';
import type { ResponseStore } from './response-store.js';
import type { ShopSyncStore } from './shop-sync-store.js';
import type { ShopTokenStore } from './shop-token-store.js';
import type { TrackingSubscriptionStore } from './tracking-subscription-store.js';
import type { Stage } from '../domain/stage.js';
import type { Instant } from '../domain/time.js';

/** OrderSummary is one row of a search result: enough to tell orders apart on the phone. */
export interface OrderSummary {
  readonly id: OrderId;
  readonly channel: string;
  readonly shop?: string;
  readonly channelOrderId: string;
  readonly stage: Stage;
  readonly stageEnteredAt: Instant;
  readonly placedAt: Instant;
  readonly paidFen: number;
  readonly receiverName?: string;
  readonly phone?: string;
  readonly province?: string;
  readonly city?: string;
  readonly firstItemTitle?: string;
  readonly trackingNos: readonly string[];
}

/** Order360 is everything known about one order, each list sorted by time. */
export interface Order360 {
  readonly order: StoredOrder;
  readonly timeline: readonly OrderEvent[];
  readonly logistics: readonly LogisticsEvent[];
  readonly contacts: readonly ContactEvent[];
  readonly inventory: {
    readonly levels: readonly InventoryLevel[];
    readonly changes: readonly OrderEvent[];
  };
}

/** OrderStore keeps orders, their events and stock, and finds them. */
export interface OrderStore {
  ingest(batch: IngestBatch, receivedAt: Instant): Promise<IngestResult>;
  /**
   * ingestMany writes several batches in one transaction, in order, each
   * with its own result (a later batch sees an earlier one's orders). It is
   * the writer's group commit: one commit for the requests that queued up
   * together. It fails whole; the caller then writes each batch alone.
   */
  ingestMany(batches: ReadonlyArray<{ readonly batch: IngestBatch; readonly receivedAt: Instant }>): Promise<IngestResult[]>;
  lookup(query: string, limit?: number): Promise<OrderSummary[]>;
  getOrder(id: OrderId): Promise<StoredOrder | undefined>;
  /** getOrders reads many orders at once (a query per 500), by id; unknown ids are absent. */
  getOrders(ids: readonly OrderId[]): Promise<Map<OrderId, StoredOrder>>;
  getOrder360(id: OrderId): Promise<Order360 | undefined>;
  getAttachment(id: string): Promise<{ readonly meta: Attachment; readonly bytes: Uint8Array } | undefined>;
  countOrders(): Promise<number>;
  putGroundTruth(labels: ReadonlyArray<{ readonly orderId: OrderId; readonly code: string; readonly note?: string }>): Promise<void>;
}

/** User is a person (or integration) who may use orderwatch. */
export interface User {
  readonly name: string;
  readonly role: Role;
  readonly displayName?: string;
  readonly createdAt: Instant;
  readonly disabled: boolean;
}

/** NewSession is a sign-in: only the hash of its secret is kept; `id` names it for listing and revoking. */
export interface NewSession {
  readonly tokenHash: string;
  readonly id: string;
  readonly userName: string;
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
  /** Where it signed in from (the client address) and with what (the User-Agent), for people to recognise it. */
  readonly address?: string;
  readonly userAgent?: string;
}

/** SessionInfo is a session as an admin sees it: never its secret or the secret's hash. */
export interface SessionInfo {
  readonly id: string;
  readonly userName: string;
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
  readonly lastSeenAt: Instant;
  readonly address?: string;
  readonly userAgent?: string;
}

/** NewApiToken is an API token to keep (by the hash of its secret). */
export interface NewApiToken {
  readonly tokenHash: string;
  readonly name: string;
  readonly role: Role;
  readonly scopes: readonly string[];
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
  readonly createdBy?: string;
}

/** ApiTokenInfo is an API token as an admin sees it. */
export interface ApiTokenInfo {
  readonly name: string;
  readonly role: Role;
  readonly scopes: readonly string[];
  readonly createdAt: Instant;
  /** Absent for a token made before tokens expired: it gets an expiry on its first use (LEGACY_TOKEN_GRACE_MS). */
  readonly expiresAt?: Instant;
  readonly lastUsedAt?: Instant;
  readonly revokedAt?: Instant;
  readonly createdBy?: string;
}

/** LEGACY_TOKEN_GRACE_MS is how long a token made before tokens expired still works after its first use on this version. */
export const LEGACY_TOKEN_GRACE_MS = 90 * 86_400_000;

/** SignInFailures counts failed sign-ins of one subject (`user:NAME` or `addr:ADDRESS`) since `firstAt`. */
export interface SignInFailures {
  readonly subject: string;
  readonly failures: number;
  readonly firstAt: Instant;
  readonly lastAt: Instant;
  readonly lockedUntil?: Instant;
}

/** UserStore keeps users, login sessions, API tokens (only hashes of secrets) and failed sign-ins. */
export interface UserStore {
  addUser(user: User, passwordHash: string): Promise<boolean>;
  /** setPassword changes a password and ends every session of the user. */
  setPassword(name: string, passwordHash: string): Promise<boolean>;
  getUser(name: string): Promise<(User & { readonly passwordHash: string }) | undefined>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  /** setUserDisabled disables (ending every session) or enables a user; false when there is no such user. */
  setUserDisabled(name: string, disabled: boolean): Promise<boolean>;
  createSession(session: NewSession): Promise<void>;
  /**
   * sessionUser is the enabled user of a session that has neither expired
   * nor been idle since before `idleSince`; undefined otherwise.
   */
  sessionUser(tokenHash: string, now: Instant, idleSince?: Instant): Promise<{ readonly user: User; readonly session: SessionInfo } | undefined>;
  /**
   * touchSession records that a session was used (at most once a minute is
   * written); with the session's `lastSeenAt` as read, nothing is written
   * (or locked) while it is recent.
   */
  touchSession(tokenHash: string, now: Instant, lastSeenAt?: Instant): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** listSessions lists the sessions not yet expired, newest first, of one user or of everyone. */
  listSessions(now: Instant, userName?: string): Promise<SessionInfo[]>;
  /** revokeSession ends a session by its id. */
  revokeSession(id: string): Promise<boolean>;
  /** endSessionsOf ends every session of a user and says how many there were. */
  endSessionsOf(userName: string): Promise<number>;
  /** createApiToken keeps a new token; false when a live token (not revoked, not expired) has the name. */
  createApiToken(token: NewApiToken, now: Instant): Promise<boolean>;
  /** apiToken is a token that is neither revoked nor expired, by the hash of its secret. */
  apiToken(tokenHash: string, now: Instant): Promise<ApiTokenInfo | undefined>;
  listApiTokens(): Promise<ApiTokenInfo[]>;
  /** revokeApiToken ends a token by its name; false when there is no live token of that name. */
  revokeApiToken(name: string, now: Instant): Promise<boolean>;
  /** signInFailures reads the failure counts of the given subjects. */
  signInFailures(subjects: readonly string[]): Promise<SignInFailures[]>;
  /** recordSignInFailure counts one more failure; a count older than `windowMs` starts again at one. */
  recordSignInFailure(subject: string, now: Instant, windowMs: number): Promise<SignInFailures>;
  /** lockSignIn refuses sign-ins of a subject until `until`. */
  lockSignIn(subject: string, until: Instant): Promise<void>;
  /** clearSignInFailures forgets a subject's failures (after a successful sign-in). */
  clearSignInFailures(subject: string): Promise<void>;
}

/** Store is the whole persistence port; SQLite and PostgreSQL implement it and run one contract test suite. */
export interface Store extends OrderStore, UserStore {
  readonly detection: DetectionStore;
  readonly response: ResponseStore;
  /** Detection's changes on their way to the response engine. */
  readonly feed: FindingFeed;
  /** Data-quality findings, filed into cases people work through in bulk. */
  readonly fixList: FixListStore;
  /** Background work requests and worker heartbeats. */
  readonly work: WorkStore;
  /** The console dashboard's aggregates (read only). */
  readonly dashboard: DashboardStore;
  /** Satisfaction callbacks, improvement items, reviews and the KPI report's per-day figures. */
  readonly reports: ReportStore;
  /** Connected shops' sync cursors and runs. */
  readonly shops: ShopSyncStore;
  /** Kuaidi100 subscriptions of shipped orders' tracking numbers. */
  readonly tracking: TrackingSubscriptionStore;
  /** Connected shops' sessions renewed by a refresh. */
  readonly shopTokens: ShopTokenStore;
  /** Uses of the one-click links in messages (single use). */
  readonly actionLinks: ActionLinkStore;
  readonly dialect: 'sqlite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type { IngestBatch, IngestOutcome, IngestResult } from '../domain/ingest-result.js';
