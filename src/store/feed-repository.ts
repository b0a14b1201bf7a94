import type { SqlDriver } from './sql/driver.js';
import type { FeedChange, FindingFeed } from './finding-feed.js';

/** FeedRepository is the SQL FindingFeed: rows appended by saveJudgements, read in `seq` order. */
export class FeedRepository implements FindingFeed {
  constructor(private readonly db: SqlDriver) {}

  async read(limit: number): Promise<FeedChange[]> {
    const rows = await this.db.all<{ seq: number | string; order_id: string; code: string; fkey: string; change: string; at: number | string }>(
      'SELECT seq, order_id, code, fkey, change, at FROM finding_feed ORDER BY seq LIMIT ?',
      [limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), orderId: r.order_id, code: r.code, key: r.fkey, change: r.change === 'resolved' ? 'resolved' : 'opened', at: Number(r.at) }));
  }

  async ack(seq: number): Promise<void> {
    await this.db.run('DELETE FROM finding_feed WHERE seq <= ?', [seq]);
  }

  async backlog(): Promise<number> {
    const rows = await this.db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM finding_feed');
    return Number(rows[0]?.n ?? 0);
  }
}
