import { createHash, randomUUID } from 'node:crypto';
import type { Settings } from '../../config/settings.js';
import type { ShopSettings } from '../../config/shops-schema.js';
import type { ShopStatus, ShopSyncRun } from '../../domain/shop-sync.js';
import type { Clock, Instant } from '../../domain/time.js';
import { ConnectorError, connectorFor, syncShop, type Connector, type PulledPage, type ShopConnection } from '../../ingest/connect/index.js';
import type { Store } from '../../store/store.js';
import { resolveSecret, SecretError } from '../../config/resolve-secret.js';

/**
 * SHOP_LEASE_MS is how long one instance holds a shop's sync without a sign
 * of life: renewed after every page and before every wait, released at the
 * end, so after a crash another instance takes the shop within a minute.
 */
export const SHOP_LEASE_MS = 60_000;

export interface ShopSyncServiceOptions {
  readonly store: Store;
  readonly settings: () => Settings;
  readonly clock: Clock;
  /** This instance's name: leases carry it. */
  readonly owner: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** ShopTest is what `shops test` found: the platform answered, signature and session accepted, and what one page held. */
export interface ShopTest {
  readonly shop: string;
  readonly platform: string;
  readonly from: Instant;
  readonly to: Instant;
  readonly orders: number;
  readonly morePages: boolean;
}

/** PublicShop is a shop as the API and CLI show it: where its secrets come from (env:/file:), never a secret. */
export type PublicShop = ShopSettings & { readonly pullSupported: boolean };

/** SyncAttempt is a run of a shop's sync, or why none ran (another instance holds the shop). */
export type SyncAttempt = { readonly run: ShopSyncRun } | { readonly skipped: string };

/**
 * ShopSyncService is the one place a configured shop becomes a running
 * sync: credentials read from where the settings point, the platform's
 * connector built, the shop's lease taken (one instance pulls a shop) and
 * renewed after every page, the pages stored through the import pipeline.
 * The worker's schedule and the CLI both call it.
 */
export class ShopSyncService {
  constructor(private readonly options: ShopSyncServiceOptions) {}

  shops(): readonly ShopSettings[] {
    return this.options.settings().shops;
  }

  find(name: string): ShopSettings {
    const shop = this.shops().find((s) => s.name === name);
    if (shop === undefined) {
      const names = this.shops().map((s) => s.name);
      throw new ShopSetupError(`no shop "${name}" in the settings file${names.length > 0 ? ` (shops: ${names.join(', ')})` : ' (its shops: section is empty)'}`);
    }
    return shop;
  }

  publicShops(): PublicShop[] {
    return this.shops().map((s) => ({ ...s, pullSupported: connectorFor(s.platform, { name: s.name }, this.options.clock) !== undefined }));
  }

  /**
   * connection reads a shop's credentials now (a rotated secret is picked up
   * at the next run). A session a refresh gave, kept in the store, is used
   * instead of the settings' tokens it replaced; once a person changes those
   * (authorised again), the settings win. `replaces` is their fingerprint.
   */
  async connection(shop: ShopSettings): Promise<{ readonly connection: ShopConnection; readonly replaces: string }> {
    const env = this.options.env ?? process.env;
    const field = (name: string) => `shops.${shop.name}.${name}`;
    let connection: ShopConnection;
    try {
      const appSecret = resolveSecret(shop.appSecret, field('appSecret'), env);
      const accessToken = resolveSecret(shop.accessToken, field('accessToken'), env);
      const refreshToken = resolveSecret(shop.refreshToken, field('refreshToken'), env);
      connection = {
        name: shop.name,
        ...(shop.appKey !== undefined ? { appKey: shop.appKey } : {}),
        ...(appSecret !== undefined ? { appSecret } : {}),
        ...(accessToken !== undefined ? { accessToken } : {}),
        ...(refreshToken !== undefined ? { refreshToken } : {}),
        ...(shop.tokenUrl !== undefined ? { tokenUrl: shop.tokenUrl } : {}),
        ...(shop.baseUrl !== undefined ? { baseUrl: shop.baseUrl } : {}),
        ...(shop.shopDomain !== undefined ? { shopDomain: shop.shopDomain } : {}),
        ...(shop.pageSize !== undefined ? { pageSize: shop.pageSize } : {}),
      };
    } catch (error) {
      if (error instanceof SecretError) throw new ShopSetupError(error.message);
      throw error;
    }
    const replaces = tokenFingerprint(connection.accessToken, connection.refreshToken);
    if (connection.refreshToken === undefined) return { connection, replaces };
    const stored = await this.options.store.shopTokens.token(shop.name);
    if (stored === undefined || stored.replaces !== replaces) return { connection, replaces };
    return { connection: { ...connection, accessToken: stored.accessToken, ...(stored.refreshToken !== undefined ? { refreshToken: stored.refreshToken } : {}) }, replaces };
  }

  /** connector builds a shop's connector on its connection as of now. */
  async connector(shop: ShopSettings): Promise<Connector> {
    return this.connectorOn(shop, (await this.connection(shop)).connection);
  }

  private connectorOn(shop: ShopSettings, connection: ShopConnection): Connector {
    const connector = connectorFor(shop.platform, connection, this.options.clock);
    if (connector === undefined) throw new ShopSetupError(`shops.${shop.name}: pulling ${shop.platform} orders is not built yet (docs/connectors.md lists what is)`);
    return connector;
  }

  /**
   * renewal is how a run refreshes the shop's expired session once: the
   * platform's refresh, the new session saved in the store (durably, before
   * it is used), and a connector on it. Undefined without a refresh token.
   */
  private renewal(shop: ShopSettings, connection: ShopConnection, replaces: string, connector: Connector, signal?: AbortSignal): (() => Promise<Connector>) | undefined {
    if (connection.refreshToken === undefined || connector.refreshSession === undefined) return undefined;
    const refresh = connector.refreshSession.bind(connector);
    return async () => {
      const session = await refresh(signal);
      const refreshToken = session.refreshToken ?? connection.refreshToken;
      await this.options.store.shopTokens.saveToken({
        shop: shop.name,
        accessToken: session.accessToken,
        ...(refreshToken !== undefined ? { refreshToken } : {}),
        ...(session.expiresAt !== undefined ? { expiresAt: session.expiresAt } : {}),
        replaces,
        refreshedAt: this.options.clock.now(),
      });
      return this.connectorOn(shop, { ...connection, accessToken: session.accessToken, ...(refreshToken !== undefined ? { refreshToken } : {}) });
    };
  }

  /** test pulls the first page of the last hour (or the backfill, if shorter) without storing anything. */
  async test(name: string, signal?: AbortSignal): Promise<ShopTest> {
    const shop = this.find(name);
    const connector = await this.connector(shop);
    const to = Math.floor(this.options.clock.now() / 1000) * 1000;
    const from = to - Math.min(3600_000, shop.backfill, connector.maxWindowMs);
    const page: PulledPage = await connector.pull({ from, to }, signal);
    return { shop: shop.name, platform: shop.platform, from, to, orders: page.orders, morePages: page.next !== undefined };
  }

  /**
   * sync runs one shop's sync under its lease. A shop another instance is
   * pulling is skipped; a set-up problem found before the first request
   * (a secret not set) is recorded as a run, so the status page shows it.
   */
  async sync(name: string, options: { readonly since?: Instant; readonly signal?: AbortSignal; readonly onPage?: (run: ShopSyncRun) => void; readonly takeOver?: boolean } = {}): Promise<SyncAttempt> {
    const { store, clock, owner } = this.options;
    const shop = this.find(name);
    const lease = `shop-sync:${shop.name}`;
    // Taking over asks for the lease as of the moment it would run out: a person who knows the holder died (kill -9) need not wait.
    const asOf = clock.now() + (options.takeOver === true ? SHOP_LEASE_MS + 1 : 0);
    if (!(await store.response.tryLease(lease, owner, asOf, SHOP_LEASE_MS))) return { skipped: `another instance is syncing ${shop.name}` };
    try {
      return await this.syncHeld(shop, lease, options);
    } finally {
      // A negative lifetime releases the lease at once: the next instance need not wait it out.
      await store.response.tryLease(lease, owner, clock.now(), -1).catch(() => undefined);
    }
  }

  private async syncHeld(shop: ShopSettings, lease: string, options: { readonly since?: Instant; readonly signal?: AbortSignal; readonly onPage?: (run: ShopSyncRun) => void }): Promise<SyncAttempt> {
    const { store, clock, owner } = this.options;
    let connector: Connector;
    let renewSession: (() => Promise<Connector>) | undefined;
    try {
      const { connection, replaces } = await this.connection(shop);
      connector = this.connectorOn(shop, connection);
      renewSession = this.renewal(shop, connection, replaces, connector, options.signal);
    } catch (error) {
      if (!(error instanceof ShopSetupError)) throw error;
      return { run: await this.recordSetupProblem(shop.name, error.message) };
    }
    const run = await syncShop({
      shop: shop.name,
      platform: shop.platform,
      connector,
      ledger: store.shops,
      sink: store,
      clock,
      backfillMs: shop.backfill,
      ...(options.since !== undefined ? { since: options.since } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      ...(this.options.sleep !== undefined ? { sleep: this.options.sleep } : {}),
      ...(renewSession !== undefined ? { renewSession } : {}),
      onPage: async (r) => {
        options.onPage?.(r);
        return store.response.tryLease(lease, owner, clock.now(), SHOP_LEASE_MS);
      },
      beforeWait: async (ms) => store.response.tryLease(lease, owner, clock.now(), ms + SHOP_LEASE_MS),
    });
    return { run };
  }

  async status(): Promise<Array<ShopStatus & { readonly platform: string; readonly enabled: boolean; readonly interval: number }>> {
    const shops = this.shops();
    const status = await this.options.store.shops.status(shops.map((s) => s.name), this.options.clock.now());
    return status.map((s, i) => ({ ...s, platform: (shops[i] as ShopSettings).platform, enabled: (shops[i] as ShopSettings).enabled, interval: (shops[i] as ShopSettings).interval }));
  }

  private async recordSetupProblem(shop: string, message: string): Promise<ShopSyncRun> {
    const now = this.options.clock.now();
    const run = { id: randomUUID(), shop, startedAt: now, pages: 0, accepted: 0, duplicates: 0, rejected: 0 };
    await this.options.store.shops.startRun(run);
    const done = { ...run, finishedAt: now, outcome: 'setup' as const, error: message };
    await this.options.store.shops.finishRun(done);
    return done;
  }
}

/** tokenFingerprint names the settings' tokens a refreshed session replaced, without keeping them (a SHA-256 prefix). */
function tokenFingerprint(accessToken: string | undefined, refreshToken: string | undefined): string {
  return createHash('sha256').update(`${accessToken ?? ''}\n${refreshToken ?? ''}`, 'utf8').digest('hex').slice(0, 32);
}

/** ShopSetupError is a shop a person must set up differently: unknown name, a secret not set, a platform without a pull connector. */
export class ShopSetupError extends Error {}

export { ConnectorError };
