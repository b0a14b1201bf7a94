import type { Instant } from '../domain/time.js';

/**
 * StoredShopToken is a session a refresh gave a shop: the access token, the
 * refresh token to use next (platforms rotate it), and `replaces`, the
 * fingerprint of the settings' tokens it was refreshed from. A settings file
 * whose tokens changed since (a person authorised again) wins over it.
 */
export interface StoredShopToken {
  readonly shop: string;
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly expiresAt?: Instant;
  readonly replaces: string;
  readonly refreshedAt: Instant;
}

/** ShopTokenStore keeps each shop's refreshed session durably (never in the settings file, never printed). */
export interface ShopTokenStore {
  token(shop: string): Promise<StoredShopToken | undefined>;
  saveToken(token: StoredShopToken): Promise<void>;
}
