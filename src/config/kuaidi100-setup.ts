import { kuaidi100CallbackUrl } from './kuaidi100-schema.js';
import { resolveSecret } from './resolve-secret.js';
import type { Settings } from './settings.js';

/** Kuaidi100Setup is what subscribing needs from the settings: the customer key, where pushes come back, and the salt they are signed with. */
export interface Kuaidi100Setup {
  readonly key: string;
  readonly callbackUrl: string;
  readonly salt: string;
  readonly baseUrl?: string;
}

/**
 * kuaidi100Setup reads the Kuaidi100 subscription set-up from the settings,
 * or says in one English line what a person must still set (the worker
 * pauses subscriptions then; the shops page and `shops list` show it).
 * Undefined with no kuaidi100 section: nothing is subscribed.
 */
export function kuaidi100Setup(settings: Settings, env: NodeJS.ProcessEnv = process.env): { setup: Kuaidi100Setup } | { problem: string; setting: string } | undefined {
  const k = settings.kuaidi100;
  if (k === undefined) return undefined;
  const callbackUrl = kuaidi100CallbackUrl(k, settings.server.publicUrl);
  const salt = settings.ingest.kuaidi100Salt;
  if (callbackUrl === undefined || salt === undefined) {
    return { problem: 'kuaidi100: needs ingest.kuaidi100Salt and a callback address (kuaidi100.callbackUrl or server.publicUrl)', setting: salt === undefined ? 'ingest.kuaidi100Salt' : 'kuaidi100.callbackUrl / server.publicUrl' };
  }
  try {
    const key = resolveSecret(k.key, 'kuaidi100.key', env) ?? '';
    return { setup: { key, callbackUrl, salt, ...(k.baseUrl !== undefined ? { baseUrl: k.baseUrl } : {}) } };
  } catch (error) {
    // `problem` may name where the secret lives (an environment variable, a file): for the log and the CLI; `setting` is safe to show anywhere.
    return { problem: error instanceof Error ? error.message : String(error), setting: 'kuaidi100.key' };
  }
}
