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

/** UserStore keeps users, login sessions and API tokens (only hashes of secrets). */
export interface UserStore {
  addUser(user: User, passwordHash: string): Promise<boolean>;
  setPassword(name: string, passwordHash: string): Promise<boolean>;
  getUser(name: string): Promise<(User & { readonly passwordHash: string }) | undefined>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  createSession(tokenHash: string, userName: string, now: Instant, expiresAt: Instant): Promise<void>;
  sessionUser(tokenHash: string, now: Instant): Promise<User | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  createApiToken(tokenHash: string, name: string, role: Role, now: Instant): Promise<boolean>;
  apiTokenRole(tokenHash: string, now: Instant): Promise<{ readonly name: string; readonly role: Role } | undefined>;
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
  readonly dialect: 'sqlite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type { IngestBatch, IngestOutcome, IngestResult } from '../domain/ingest-result.js';
