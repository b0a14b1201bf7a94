import { ActionLinkRepository } from './action-link-repository.js';
import type { Attachment } from '../domain/event.js';
import type { OrderId, StoredOrder } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import { DashboardRepository } from './dashboard-repository.js';
import { DetectionRepository } from './detection-repository.js';
import { FeedRepository } from './feed-repository.js';
import { FixListRepository } from './fix-list-repository.js';
import { WorkRepository } from './work-repository.js';
import { ShopSyncRepository } from './shop-sync-repository.js';
import { TrackingSubscriptionRepository } from './tracking-subscription-repository.js';
import { ShopTokenRepository } from './shop-token-repository.js';
import { migrate } from './migrations.js';
import { OrderReader } from './order-reader.js';
import { ReportRepository } from './report-repository.js';
import { ResponseRepository } from './response-repository.js';
import { writeBatch } from './order-writer.js';
import type { SqlDriver } from './sql/driver.js';
import type { IngestBatch, IngestResult, Order360, OrderSummary, Store } from './store.js';
import { UserRepository } from './user-repository.js';

/**
 * SqlStore implements the Store port on any SqlDriver: the same code and the
 * same SQL run on SQLite and PostgreSQL, which is what lets one contract test
 * suite cover both.
 */
export class SqlStore extends UserRepository implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly detection: DetectionRepository;
  readonly response: ResponseRepository;
  readonly feed: FeedRepository;
  readonly fixList: FixListRepository;
  readonly work: WorkRepository;
  readonly dashboard: DashboardRepository;
  readonly reports: ReportRepository;
  readonly shops: ShopSyncRepository;
  readonly tracking: TrackingSubscriptionRepository;
  readonly shopTokens: ShopTokenRepository;
  readonly actionLinks: ActionLinkRepository;
  private readonly reader: OrderReader;

  private constructor(db: SqlDriver) {
    super(db);
    this.dialect = db.dialect;
    this.reader = new OrderReader(db);
    this.detection = new DetectionRepository(db);
    this.response = new ResponseRepository(db);
    this.feed = new FeedRepository(db);
    this.fixList = new FixListRepository(db);
    this.work = new WorkRepository(db);
    this.dashboard = new DashboardRepository(db);
    this.reports = new ReportRepository(db);
    this.shops = new ShopSyncRepository(db);
    this.tracking = new TrackingSubscriptionRepository(db);
    this.shopTokens = new ShopTokenRepository(db);
    this.actionLinks = new ActionLinkRepository(db);
  }

  /** open migrates the database to the newest schema and returns the store on it. */
  static async open(db: SqlDriver): Promise<SqlStore> {
    await migrate(db);
    return new SqlStore(db);
  }

  ingest(batch: IngestBatch, receivedAt: Instant): Promise<IngestResult> {
    return this.db.transaction((tx) => writeBatch(tx, batch, receivedAt));
  }

  ingestMany(batches: ReadonlyArray<{ readonly batch: IngestBatch; readonly receivedAt: Instant }>): Promise<IngestResult[]> {
    return this.db.transaction(async (tx) => {
      const results: IngestResult[] = [];
      for (const b of batches) results.push(await writeBatch(tx, b.batch, b.receivedAt));
      return results;
    });
  }

  lookup(query: string, limit?: number): Promise<OrderSummary[]> {
    return this.reader.lookup(query, limit);
  }

  getOrder(id: OrderId): Promise<StoredOrder | undefined> {
    return this.reader.getOrder(id);
  }

  getOrders(ids: readonly OrderId[]): Promise<Map<OrderId, StoredOrder>> {
    return this.reader.getOrders(ids);
  }

  getOrder360(id: OrderId): Promise<Order360 | undefined> {
    return this.reader.getOrder360(id);
  }

  getAttachment(id: string): Promise<{ meta: Attachment; bytes: Uint8Array } | undefined> {
    return this.reader.getAttachment(id);
  }

  countOrders(): Promise<number> {
    return this.reader.countOrders();
  }

  async putGroundTruth(labels: ReadonlyArray<{ orderId: OrderId; code: string; note?: string }>): Promise<void> {
    await this.db.transaction((tx) =>
      tx.insertMany('ground_truth', ['order_id', 'code', 'note'], labels.map((l) => [l.orderId, l.code, l.note ?? null]), 'ON CONFLICT (order_id, code) DO NOTHING'),
    );
  }

  async ping(): Promise<void> {
    await this.db.all('SELECT 1 AS ok');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
