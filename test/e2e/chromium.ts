import { existsSync } from 'node:fs';

/** CHROMIUM is Debian's Chromium, which the end-to-end tests drive (ORDERWATCH_CHROMIUM overrides). */
export const CHROMIUM = process.env.ORDERWATCH_CHROMIUM ?? '/usr/bin/chromium';

/** chromiumInstalled tells whether the end-to-end tests can run here. */
export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM);
}
