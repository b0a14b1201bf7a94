import type { ShopCursor, ShopStatus, ShopSyncRun, SyncOutcome } from '../domain/shop-sync.js';
import type { ShopSyncStore } from './shop-sync-store.js';
import type { SqlDriver } from './sql/driver.js';

interface CursorRow {
  shop: string;
  platform: string;
  window_from: number | string;
  window_to: number | string | null;
  page: string | null;
  updated_at: number | string;
}

interface RunRow {
  id: string;
  shop: string;
  started_at: number | string;
  finished_at: number | string | null;
  outcome: string | null;
  pages: number | string;
  accepted: number | string;
  duplicates: number | string;
  rejected: number | string;
  error: string | null;
}

function cursorOf(r: CursorRow): ShopCursor {
  return {
    shop: r.shop,
    platform: r.platform,
    from: Number(r.window_from),
    ...(r.window_to !== null ? { to: Number(r.window_to) } : {}),
    ...(r.page !== null ? { page: r.page } : {}),
    updatedAt: Number(r.updated_at),
  };
}

function runOf(r: RunRow): ShopSyncRun {
  return {
    id: r.id,
    shop: r.shop,
    startedAt: Number(r.started_at),
    ...(r.finished_at !== null ? { finishedAt: Number(r.finished_at) } : {}),
    ...(r.outcome !== null ? { outcome: r.outcome as SyncOutcome } : {}),
    pages: Number(r.pages),
    accepted: Number(r.accepted),
    duplicates: Number(r.duplicates),
    rejected: Number(r.rejected),
    ...(r.error !== null ? { error: r.error } : {}),
  };
}

/** ShopSyncRepository is the SQL ShopSyncStore (tables of migration 10). */
export class ShopSyncRepository implements ShopSyncStore {
  constructor(private readonly db: SqlDriver) {}

  async cursor(shop: string): Promise<ShopCursor | undefined> {
    const rows = await this.db.all<CursorRow>('SELECT * FROM shop_cursors WHERE shop = ?', [shop]);
    return rows[0] ? cursorOf(rows[0]) : undefined;
  }

  async saveCursor(c: ShopCursor): Promise<void> {
    await this.db.run(
      `INSERT INTO shop_cursors (shop, platform, window_from, window_to, page, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (shop) DO UPDATE SET platform = excluded.platform, window_from = excluded.window_from, window_to = excluded.window_to, page = excluded.page, updated_at = excluded.updated_at`,
      [c.shop, c.platform, c.from, c.to ?? null, c.page ?? null, c.updatedAt],
    );
  }

  async resetCursor(shop: string): Promise<void> {
    await this.db.run('DELETE FROM shop_cursors WHERE shop = ?', [shop]);
  }

  async startRun(run: Pick<ShopSyncRun, 'id' | 'shop' | 'startedAt'>): Promise<void> {
    await this.db.run('INSERT INTO shop_sync_runs (id, shop, started_at, pages, accepted, duplicates, rejected) VALUES (?, ?, ?, 0, 0, 0, 0)', [run.id, run.shop, run.startedAt]);
  }

  async progressRun(run: ShopSyncRun): Promise<void> {
    await this.db.run('UPDATE shop_sync_runs SET pages = ?, accepted = ?, duplicates = ?, rejected = ? WHERE id = ?', [run.pages, run.accepted, run.duplicates, run.rejected, run.id]);
  }

  async finishRun(run: ShopSyncRun & Required<Pick<ShopSyncRun, 'finishedAt' | 'outcome'>>): Promise<void> {
    await this.db.run('UPDATE shop_sync_runs SET finished_at = ?, outcome = ?, pages = ?, accepted = ?, duplicates = ?, rejected = ?, error = ? WHERE id = ?', [
      run.finishedAt,
      run.outcome,
      run.pages,
      run.accepted,
      run.duplicates,
      run.rejected,
      run.error ?? null,
      run.id,
    ]);
  }

  async recentRuns(shop: string, limit: number): Promise<ShopSyncRun[]> {
    const rows = await this.db.all<RunRow>('SELECT * FROM shop_sync_runs WHERE shop = ? ORDER BY started_at DESC, id DESC LIMIT ?', [shop, limit]);
    return rows.map(runOf);
  }

  async status(shops: readonly string[], now: number): Promise<ShopStatus[]> {
    const out: ShopStatus[] = [];
    for (const shop of shops) {
      const cursor = await this.cursor(shop);
      const [last] = await this.recentRuns(shop, 1);
      const ok = await this.db.all<{ at: number | string | null }>("SELECT MAX(finished_at) AS at FROM shop_sync_runs WHERE shop = ? AND outcome = 'ok'", [shop]);
      const failed = await this.db.all<RunRow>("SELECT * FROM shop_sync_runs WHERE shop = ? AND outcome IS NOT NULL AND outcome <> 'ok' ORDER BY finished_at DESC LIMIT 1", [shop]);
      const hour = await this.db.all<{ n: number | string | null }>('SELECT SUM(accepted) AS n FROM shop_sync_runs WHERE shop = ? AND started_at >= ?', [shop, now - 3600_000]);
      const lastOk = ok[0]?.at ?? null;
      const f = failed[0] ? runOf(failed[0]) : undefined;
      out.push({
        shop,
        ...(cursor ? { cursor } : {}),
        ...(last ? { lastRun: last } : {}),
        ...(lastOk !== null ? { lastSuccessAt: Number(lastOk) } : {}),
        ...(f?.outcome !== undefined && f.finishedAt !== undefined ? { lastError: { at: f.finishedAt, outcome: f.outcome, message: f.error ?? f.outcome } } : {}),
        ordersLastHour: Number(hour[0]?.n ?? 0),
      });
    }
    return out;
  }
}
