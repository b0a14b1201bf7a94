import { rmSync } from 'node:fs';

/** Stops the server global-setup started (by its pid) and removes its database. */
export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.ORDERWATCH_E2E_PID);
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (process.env.ORDERWATCH_E2E_DIR) rmSync(process.env.ORDERWATCH_E2E_DIR, { recursive: true, force: true });
}
