import { z } from 'zod';
import { DurationSchema } from './policy/value-schemas.js';

/** SHOP_PLATFORMS are the platforms a shop can be connected to (docs/connectors.md). */
export const SHOP_PLATFORMS = ['taobao', 'shopify', 'pdd', 'douyin', 'jd', 'youzan'] as const;
export type ShopPlatform = (typeof SHOP_PLATFORMS)[number];

const SECRET_REF = /^(env|file):(.+)$/;

/** SESSION_REFRESH_PLATFORMS are the platforms whose expired sessions orderwatch refreshes with the shop's refreshToken. */
export const SESSION_REFRESH_PLATFORMS = ['taobao', 'douyin', 'pdd', 'jd', 'youzan'] as const;

/**
 * SecretRefSchema is where a credential is read from: `env:NAME` (an
 * environment variable) or `file:PATH` (a file's first line). A literal is
 * refused so that a settings file shown to someone never holds a secret.
 */
export const SecretRefSchema = z.string().refine((text) => SECRET_REF.test(text), {
  message: 'expected "env:VARIABLE" or "file:/path/to/secret" (secrets are never written in the settings file)',
});

/** ShopSchema is one connected shop: its platform, where its credentials are, and what and how often to sync. */
export const ShopSchema = z
  .object({
    /** The shop's name in orderwatch (orders carry it; the CLI and console name the shop by it). */
    name: z.string().regex(/^[\w\u4e00-\u9fff-]{1,64}$/u, 'letters, digits, Chinese characters, "_" or "-" (at most 64)'),
    platform: z.enum(SHOP_PLATFORMS),
    /** The app key / client id / API key: not a secret, written as is. */
    appKey: z.string().min(1).optional(),
    /** The app secret (TOP, 拼多多, 抖店, JD, Youzan client secret). */
    appSecret: SecretRefSchema.optional(),
    /** The seller's session / access token (Shopify: the Admin API access token). */
    accessToken: SecretRefSchema.optional(),
    /** The seller's refresh token (Taobao, 抖店, 拼多多, JD, Youzan): an expired session is renewed with it and the new one kept in the store. */
    refreshToken: SecretRefSchema.optional(),
    /** Where a Taobao, JD or Youzan session is refreshed; default https://oauth.taobao.com/token, https://open-oauth.jd.com/oauth2/refresh_token, Youzan's baseUrl + /auth/token (set it for a sandbox or a stand-in). */
    tokenUrl: z.url().optional(),
    /** The platform's API address; default the platform's production gateway (set it for a sandbox or a stand-in). */
    baseUrl: z.url().optional(),
    /** Shopify's shop domain (`name.myshopify.com`). */
    shopDomain: z.string().min(1).optional(),
    /** How often the worker pulls this shop. */
    interval: DurationSchema.prefault('1m'),
    /** How far back the first sync reaches. */
    backfill: DurationSchema.prefault('3d'),
    /** Orders per page asked for (default and ceiling: the platform's documented maximum). */
    pageSize: z.number().int().min(1).max(250).optional(),
    /** What to sync: orders (always), and whether shipped orders get a Kuaidi100 subscription. */
    sync: z
      .object({ orders: z.literal(true).default(true), logistics: z.boolean().default(false) })
      .strict()
      .prefault({}),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((shop, ctx) => {
    const need: Record<ShopPlatform, ReadonlyArray<'appKey' | 'appSecret' | 'accessToken' | 'shopDomain'>> = {
      taobao: ['appKey', 'appSecret', 'accessToken'],
      pdd: ['appKey', 'appSecret', 'accessToken'],
      douyin: ['appKey', 'appSecret', 'accessToken'],
      jd: ['appKey', 'appSecret', 'accessToken'],
      youzan: ['accessToken'],
      shopify: ['accessToken', 'shopDomain'],
    };
    for (const key of need[shop.platform]) {
      if (shop[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `is required for a ${shop.platform} shop` });
    }
    if (shop.refreshToken !== undefined && !(SESSION_REFRESH_PLATFORMS as readonly string[]).includes(shop.platform)) {
      ctx.addIssue({ code: 'custom', path: ['refreshToken'], message: `refreshing a ${shop.platform} session is not built (only ${SESSION_REFRESH_PLATFORMS.join(', ')}): leave it out and renew accessToken by hand` });
    }
    // A Youzan pull needs only the access_token; its refresh also proves the app (client_id, client_secret).
    if (shop.platform === 'youzan' && shop.refreshToken !== undefined) {
      for (const key of ['appKey', 'appSecret'] as const) {
        if (shop[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required to refresh a youzan session (the app’s client_id and client_secret)' });
      }
    }
  });

/** ShopsSchema is the `shops:` section: shop names are unique. */
export const ShopsSchema = z
  .array(ShopSchema)
  .default([])
  .superRefine((shops, ctx) => {
    const seen = new Set<string>();
    shops.forEach((shop, i) => {
      if (seen.has(shop.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${shop.name}" is already the name of another shop` });
      seen.add(shop.name);
    });
  });

export type ShopSettings = z.infer<typeof ShopSchema>;
