import type { ShopTokenStore, StoredShopToken } from './shop-token-store.js';
import type { SqlDriver } from './sql/driver.js';

interface Row {
  shop: string;
  access_token: string;
  refresh_token: string | null;
  expires_at: number | string | null;
  replaces: string;
  refreshed_at: number | string;
}

/** ShopTokenRepository is the SQL ShopTokenStore (shop_tokens, migration 16): one row per shop, replaced by each refresh. */
export class ShopTokenRepository implements ShopTokenStore {
  constructor(private readonly db: SqlDriver) {}

  async token(shop: string): Promise<StoredShopToken | undefined> {
    const [r] = await this.db.all<Row>('SELECT * FROM shop_tokens WHERE shop = ?', [shop]);
    if (r === undefined) return undefined;
    return {
      shop: r.shop,
      accessToken: r.access_token,
      ...(r.refresh_token !== null ? { refreshToken: r.refresh_token } : {}),
      ...(r.expires_at !== null ? { expiresAt: Number(r.expires_at) } : {}),
      replaces: r.replaces,
      refreshedAt: Number(r.refreshed_at),
    };
  }

  async saveToken(t: StoredShopToken): Promise<void> {
    await this.db.run(
      `INSERT INTO shop_tokens (shop, access_token, refresh_token, expires_at, replaces, refreshed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (shop) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token, expires_at = excluded.expires_at, replaces = excluded.replaces, refreshed_at = excluded.refreshed_at`,
      [t.shop, t.accessToken, t.refreshToken ?? null, t.expiresAt ?? null, t.replaces, t.refreshedAt],
    );
  }
}
