import type { Instant } from '../domain/time.js';
import type { SqlDriver } from './sql/driver.js';

/** ActionLinkUse is the record of a one-click link being used. */
export interface ActionLinkUse {
  readonly nonce: string;
  readonly incidentId: string;
  readonly action: string;
  /** Who the link acted as ("链接·supervisor"). */
  readonly usedBy: string;
  readonly usedAt: Instant;
  /** The link's own expiry: past it, the record is no longer needed. */
  readonly expiresAt: Instant;
}

/** ActionLinkStore remembers which one-click links were used, so each acts once. */
export interface ActionLinkStore {
  /** claim records a use; false when the link was used before (a replay). Records past their expiry are dropped on the way. */
  claim(use: ActionLinkUse): Promise<boolean>;
  /** used tells whether a link's nonce was used, and when. */
  usedAt(nonce: string): Promise<Instant | undefined>;
}

/** ActionLinkRepository is the SQL ActionLinkStore: the nonce is the primary key, so two clicks at once cannot both win. */
export class ActionLinkRepository implements ActionLinkStore {
  constructor(private readonly db: SqlDriver) {}

  async claim(use: ActionLinkUse): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM action_link_uses WHERE expires_at < ?', [use.usedAt]);
      const inserted = await tx.run('INSERT INTO action_link_uses (nonce, incident_id, action, used_by, used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (nonce) DO NOTHING', [
        use.nonce,
        use.incidentId,
        use.action,
        use.usedBy,
        use.usedAt,
        use.expiresAt,
      ]);
      return inserted === 1;
    });
  }

  async usedAt(nonce: string): Promise<Instant | undefined> {
    const rows = await this.db.all<{ used_at: number | string }>('SELECT used_at FROM action_link_uses WHERE nonce = ?', [nonce]);
    return rows[0] === undefined ? undefined : Number(rows[0].used_at);
  }
}
