import { z } from 'zod';
import { SecretRefSchema } from './shops-schema.js';

/** KUAIDI100_CALLBACK_PATH is where orderwatch receives Kuaidi100's pushes (src/server/routes/ingest-routes.ts). */
export const KUAIDI100_CALLBACK_PATH = '/api/v1/ingest-logistics/kuaidi100';

/**
 * Kuaidi100Schema is the `kuaidi100:` section: the account that subscribes
 * shipped orders' tracking numbers at Kuaidi100 (订阅推送, docs/connectors.md).
 * The salt is not here: it is `ingest.kuaidi100Salt`, the one the callback
 * verifies pushes with, so the two can never differ.
 */
export const Kuaidi100Schema = z
  .object({
    /** The enterprise authorisation key (授权key) from api.kuaidi100.com, as env:NAME or file:PATH. */
    key: SecretRefSchema,
    /** Where Kuaidi100 pushes tracks; default server.publicUrl + /api/v1/ingest-logistics/kuaidi100. */
    callbackUrl: z.url().optional(),
    /** Subscribe every shipped order, not only those of shops with sync.logistics (orders from files and pushes too). */
    subscribeAll: z.boolean().default(false),
    /** The subscription address; default Kuaidi100's (set it for a stand-in). */
    baseUrl: z.url().optional(),
    /** Tracking numbers subscribed per worker tick, at most. */
    batch: z.number().int().min(1).max(500).default(50),
  })
  .strict()
  .optional();

export type Kuaidi100Settings = NonNullable<z.infer<typeof Kuaidi100Schema>>;

/** Kuaidi100Issue is a cross-section problem of the Kuaidi100 set-up, located by its path. */
export interface Kuaidi100Issue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * kuaidi100Issues checks what the subscription needs from other sections:
 * the salt the callback verifies (`ingest.kuaidi100Salt`, sent with every
 * subscription), an address Kuaidi100 can push to, and a `kuaidi100:`
 * section for every shop that asks for logistics.
 */
export function kuaidi100Issues(s: {
  readonly kuaidi100?: Kuaidi100Settings | undefined;
  readonly ingest: { readonly kuaidi100Salt?: string | undefined };
  readonly server: { readonly publicUrl?: string | undefined };
  readonly shops: ReadonlyArray<{ readonly sync: { readonly logistics: boolean } }>;
}): Kuaidi100Issue[] {
  const issues: Kuaidi100Issue[] = [];
  if (s.kuaidi100 === undefined) {
    s.shops.forEach((shop, i) => {
      if (shop.sync.logistics) issues.push({ path: ['shops', i, 'sync', 'logistics'], message: 'needs the kuaidi100: section (its key and callback address) to subscribe shipped orders' });
    });
    return issues;
  }
  if (s.ingest.kuaidi100Salt === undefined) {
    issues.push({ path: ['ingest', 'kuaidi100Salt'], message: 'is required with the kuaidi100: section: subscriptions send it as their salt and the callback verifies pushes with it' });
  }
  if (s.kuaidi100.callbackUrl === undefined && s.server.publicUrl === undefined) {
    issues.push({ path: ['kuaidi100', 'callbackUrl'], message: `is required without server.publicUrl: Kuaidi100 must know where to push (…${KUAIDI100_CALLBACK_PATH})` });
  }
  return issues;
}

/** kuaidi100CallbackUrl is the address subscriptions give Kuaidi100: the setting, or the console's public address + the callback path. */
export function kuaidi100CallbackUrl(k: Kuaidi100Settings, publicUrl: string | undefined): string | undefined {
  if (k.callbackUrl !== undefined) return k.callbackUrl;
  return publicUrl === undefined ? undefined : `${publicUrl.replace(/\/+$/, '')}${KUAIDI100_CALLBACK_PATH}`;
}
