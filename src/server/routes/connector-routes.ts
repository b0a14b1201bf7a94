import { z } from 'zod';
import { kuaidi100Setup } from '../../config/kuaidi100-setup.js';
import { resolveSecret } from '../../config/resolve-secret.js';
import type { Settings } from '../../config/settings.js';
import type { ShopSettings } from '../../config/shops-schema.js';
import type { SyncOutcome } from '../../domain/shop-sync.js';
import type { Clock } from '../../domain/time.js';
import type { Store } from '../../store/store.js';
import { CHANNEL_ADAPTERS } from '../../ingest/channels.js';
import { douyinPushOrderIds, verifyDouyinPush } from '../../ingest/connect/douyin/douyin-push.js';
import { verifyYouzanPush, youzanPushOrder } from '../../ingest/connect/youzan/youzan-push.js';
import { connectorFor } from '../../ingest/connect/index.js';
import { importRecords } from '../../ingest/import-records.js';
import { parseJsonBody, rawBodyOf } from '../body-parsers.js';
import { HttpError, senderVerified, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

/** OUTCOME_WORDS say what a failed run means for the admin, Chinese first. */
export const OUTCOME_WORDS: Readonly<Record<Exclude<SyncOutcome, 'ok'>, { readonly zh: string; readonly en: string }>> = {
  setup: { zh: '需要处理：授权过期或凭证有误，请重新授权或检查设置', en: 'Needs set-up: the authorisation expired or a credential is wrong; authorise again or check the settings' },
  throttled: { zh: '平台限流，下一轮继续同步', en: 'The platform is throttling; the next run goes on' },
  error: { zh: '本轮同步未完成，下一轮从最后保存的页继续', en: 'This run did not finish; the next goes on from the last page stored' },
};

/** SECRET_FIELDS are a shop's settings that point at secrets: the API says only where from (env or file), not which. */
const SECRET_FIELDS = ['appSecret', 'accessToken', 'refreshToken'] as const;

/** publicShop is a shop's settings without anything that leads to a secret. */
export function publicShop(shop: ShopSettings): Record<string, unknown> {
  const out: Record<string, unknown> = { ...shop };
  for (const key of SECRET_FIELDS) {
    const ref = shop[key];
    if (ref !== undefined) out[key] = `${ref.split(':')[0]}:***`;
  }
  return out;
}

/**
 * registerConnectorRoutes adds the connected shops' status for the admin
 * page: per shop its settings (secrets as env:*** / file:***), last
 * successful sync, cursor, orders in the last hour, and the last error in
 * words.
 */
export function registerConnectorRoutes(routes: RouteRegistry, deps: { store: Store; clock: Clock; settings: () => Settings; onIngested?: (orders: number) => void }): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/v1/shops',
      summary: 'Connected shops: settings (secrets redacted), last successful sync, cursor, orders in the last hour, last error in words, Kuaidi100 subscriptions',
      tag: 'shops',
      access: ['admin', 'ops_manager'],
      query: z.object({}).strict(),
    },
    async () => {
      const now = deps.clock.now();
      const shops = deps.settings().shops;
      const status = await deps.store.shops.status(shops.map((s) => s.name), now);
      // Kuaidi100 subscriptions of each shop's shipped orders (docs/connectors.md): counts and the newest standing failure.
      const kuaidi100 = deps.settings().kuaidi100;
      const tracking = kuaidi100 === undefined ? [] : await deps.store.tracking.summary();
      // A set-up the worker cannot subscribe with pauses every shop's subscriptions: said beside the counts, not only in the worker's log.
      const setup = kuaidi100Setup(deps.settings());
      const paused = setup !== undefined && 'problem' in setup ? { zh: '快递100订阅已暂停：设置不完整', en: 'Kuaidi100 subscriptions paused: the set-up is incomplete', setting: setup.setting } : undefined;
      return toWire({
        at: now,
        shops: shops.map((shop, i) => {
          const logistics = kuaidi100 !== undefined && (kuaidi100.subscribeAll || shop.sync.logistics) ? (tracking.find((t) => t.shop === shop.name) ?? { shop: shop.name, pending: 0, subscribed: 0, refused: 0, failed: 0 }) : undefined;
          const s = status[i];
          const failing = s?.lastError !== undefined && (s.lastSuccessAt === undefined || s.lastError.at > s.lastSuccessAt);
          return {
            ...publicShop(shop),
            ...(s?.lastSuccessAt !== undefined ? { lastSuccessAt: s.lastSuccessAt } : {}),
            ...(s?.cursor !== undefined ? { cursor: { windowStartAt: s.cursor.from, ...(s.cursor.to !== undefined ? { windowEndAt: s.cursor.to } : {}), ...(s.cursor.page !== undefined ? { page: s.cursor.page } : {}), updatedAt: s.cursor.updatedAt } } : {}),
            ordersLastHour: s?.ordersLastHour ?? 0,
            ...(s?.lastRun !== undefined ? { lastRun: s.lastRun } : {}),
            ...(s?.lastError !== undefined ? { lastError: { ...s.lastError, words: OUTCOME_WORDS[s.lastError.outcome as Exclude<SyncOutcome, 'ok'>], current: failing } } : {}),
            ...(logistics !== undefined ? { logistics: { ...(paused !== undefined ? { paused } : {}), pending: logistics.pending, subscribed: logistics.subscribed, refused: logistics.refused, failed: logistics.failed, ...(logistics.lastSubscribedAt !== undefined ? { lastSubscribedAt: logistics.lastSubscribedAt } : {}), ...(logistics.lastError !== undefined ? { lastError: { failedAt: logistics.lastError.at, trackingNo: logistics.lastError.trackingNo, ...(logistics.lastError.code !== undefined ? { code: logistics.lastError.code } : {}), message: logistics.lastError.message } } : {}) } } : {}),
          };
        }),
      });
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/connect/:shop/douyin-push',
      summary: '抖店 message push for a connected shop: verified by its event-sign, each order it names is pulled in full and stored',
      tag: 'ingest',
      access: 'signed',
      signatureHeaders: ['event-sign'],
      deferParsing: true,
      params: z.object({ shop: z.string().min(1).max(64) }),
    },
    async ({ params, request }) => {
      const shop = deps.settings().shops.find((s) => s.name === params.shop && s.platform === 'douyin');
      if (shop === undefined) throw new HttpError(404, `no 抖店 shop "${params.shop}" in the settings`);
      let appSecret: string | undefined;
      let accessToken: string | undefined;
      try {
        appSecret = resolveSecret(shop.appSecret, `shops.${shop.name}.appSecret`);
        accessToken = resolveSecret(shop.accessToken, `shops.${shop.name}.accessToken`);
      } catch (error) {
        request.log.warn(`抖店 push for ${shop.name} refused: ${error instanceof Error ? error.message : String(error)}`);
        throw new HttpError(503, `shop ${shop.name} is not set up: its credentials cannot be read`);
      }
      const raw = rawBodyOf(request);
      const header = (name: string): string | undefined => {
        const v = request.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      if (!verifyDouyinPush(raw, header('event-sign'), header('sign-method'), shop.appKey ?? '', appSecret ?? '')) throw new HttpError(401, 'event-sign does not match this shop’s app_key and app_secret');
      // The sender is known: fetching the orders it names no longer holds a place among strangers' bodies.
      senderVerified(request);
      const named = douyinPushOrderIds(parseJsonBody(raw));
      if ('error' in named) throw new HttpError(400, named.error);
      const connector = connectorFor('douyin', { name: shop.name, ...(shop.appKey !== undefined ? { appKey: shop.appKey } : {}), ...(appSecret !== undefined ? { appSecret } : {}), ...(accessToken !== undefined ? { accessToken } : {}), ...(shop.baseUrl !== undefined ? { baseUrl: shop.baseUrl } : {}) }, deps.clock);
      let stored = 0;
      let failed = 0;
      for (const id of named.ids) {
        try {
          const document = await connector?.fetchOrder?.(id);
          const summary = await importRecords([{ value: document }], CHANNEL_ADAPTERS.douyin, deps.store, { receivedAt: deps.clock.now(), shop: shop.name });
          stored += summary.accepted;
        } catch (error) {
          // The scheduled pull finds the order anyway: the push is acknowledged so 抖店 does not resend it.
          failed += 1;
          request.log.warn(`抖店 push for ${shop.name}: order ${id} could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (stored > 0) deps.onIngested?.(stored);
      return { code: 0, msg: 'success', orders: named.ids.length, stored, failed };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/connect/:shop/youzan-push',
      summary: 'Youzan message push for a connected shop: verified by Event-Sign (or the body sign); a trade message with full_order_info is stored',
      tag: 'ingest',
      access: 'signed',
      deferParsing: true,
      params: z.object({ shop: z.string().min(1).max(64) }),
    },
    async ({ params, request }) => {
      const shop = deps.settings().shops.find((s) => s.name === params.shop && s.platform === 'youzan');
      if (shop === undefined) throw new HttpError(404, `no Youzan shop "${params.shop}" in the settings`);
      let clientSecret: string | undefined;
      try {
        clientSecret = resolveSecret(shop.appSecret, `shops.${shop.name}.appSecret`);
      } catch (error) {
        request.log.warn(`Youzan push for ${shop.name} refused: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (shop.appKey === undefined || clientSecret === undefined) throw new HttpError(503, `shop ${shop.name} is not set up for pushes: appKey (client_id) and appSecret (client_secret) are needed`);
      const raw = rawBodyOf(request);
      const body = parseJsonBody(raw);
      const header = request.headers['event-sign'];
      if (!verifyYouzanPush(raw, Array.isArray(header) ? header[0] : header, body, shop.appKey, clientSecret)) throw new HttpError(401, 'Event-Sign (or sign) does not match this shop’s client_id and client_secret');
      senderVerified(request);
      const found = youzanPushOrder(body);
      if ('none' in found) return { code: 0, msg: 'success', stored: 0, note: found.none };
      const summary = await importRecords([{ value: found.order }], CHANNEL_ADAPTERS.youzan, deps.store, { receivedAt: deps.clock.now(), shop: shop.name });
      if (summary.accepted > 0) deps.onIngested?.(summary.accepted);
      const first = summary.errors[0];
      return { code: 0, msg: 'success', stored: summary.accepted, ...(first ? { note: `${first.field}: ${first.message}` } : {}) };
    },
  );
}
