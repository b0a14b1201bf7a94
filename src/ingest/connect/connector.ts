import type { Instant } from '../../domain/time.js';
import type { PayloadChannel } from '../channels.js';

/**
 * ShopConnection is one shop's resolved connection: the credentials read
 * from where the settings point, the gateway, the page size. Secrets live
 * only here, in memory; nothing prints a connection.
 */
export interface ShopConnection {
  readonly name: string;
  readonly appKey?: string;
  readonly appSecret?: string;
  readonly accessToken?: string;
  /** The seller's refresh token, where the platform issues one: an expired session is renewed with it. */
  readonly refreshToken?: string;
  /** Where a session is refreshed, when the platform does it apart from its gateway (Taobao's and JD's OAuth token endpoints, Youzan's /auth/token). */
  readonly tokenUrl?: string;
  /** The platform gateway, a sandbox or a local stand-in. */
  readonly baseUrl?: string;
  /** Shopify's `name.myshopify.com`. */
  readonly shopDomain?: string;
  readonly pageSize?: number;
}

/** PullWindow asks for orders modified in [from, to] (both inclusive, as the platforms read them), from a page on. */
export interface PullWindow {
  readonly from: Instant;
  readonly to: Instant;
  /** Where to go on inside the window: a page number or a platform cursor, as the connector's last page said. */
  readonly page?: string;
}

/**
 * PulledPage is one page of a window: the platform's native answer (read by
 * the channel's existing ingest adapter, never normalised here), and where
 * the next page is, absent on the window's last page.
 */
export interface PulledPage {
  readonly document: unknown;
  readonly orders: number;
  readonly next?: string;
}

/**
 * Connector pulls one platform's orders. A window is paged through with
 * `pull` until a page has no `next`; a failure is a ConnectorError that
 * says whether to wait (throttled), fix the set-up (credentials, expired
 * session) or simply try again later.
 */
export interface Connector {
  /** The ingest adapter that reads this platform's answers. */
  readonly channel: PayloadChannel;
  /** The widest window the platform answers in one query (TOP increment: one day; 拼多多: 30 minutes). */
  readonly maxWindowMs: number;
  /** How much of the live edge the next run pulls again (default one minute): platforms that index changes late say more. */
  readonly overlapMs?: number;
  pull(window: PullWindow, signal?: AbortSignal): Promise<PulledPage>;
  /** fetchOrder reads one order in full (a push that carried only its id); the answer goes through the same adapter. */
  fetchOrder?(orderId: string, signal?: AbortSignal): Promise<unknown>;
  /**
   * refreshSession trades the connection's refresh token for a new
   * session (platforms that have one); it throws a ConnectorError when the
   * platform refuses. The connector itself keeps its old session: the
   * caller builds a new one with the token returned.
   */
  refreshSession?(signal?: AbortSignal): Promise<RefreshedSession>;
}

/** RefreshedSession is what a platform's token refresh gave: the new access token, and the refresh token to use next (it may rotate). */
export interface RefreshedSession {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly expiresAt?: Instant;
}

/** ConnectorErrorKind: throttled → wait and retry; setup → a person must fix credentials; transient → retry next run; answer → the platform sent something unreadable. */
export type ConnectorErrorKind = 'throttled' | 'setup' | 'transient' | 'answer';

/** ConnectorError is a platform failure in words, with what to do about it. */
export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    /** For 'throttled': how long the platform asked us to wait. */
    readonly retryAfterMs?: number,
    /** The platform's own code (TOP `27`, `isv.*`, HTTP 429 …), for the admin and the docs. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

/**
 * SessionExpiredError is the set-up problem a refresh may cure: the
 * platform said the seller's session (access token) is expired or missing.
 */
export class SessionExpiredError extends ConnectorError {
  constructor(message: string, code?: string) {
    super('setup', message, undefined, code);
    this.name = 'SessionExpiredError';
  }
}

/** asConnectorError turns whatever a pull threw (a network error, an abort) into a ConnectorError. */
export function asConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new ConnectorError('transient', `could not reach the platform: ${text}`);
}
