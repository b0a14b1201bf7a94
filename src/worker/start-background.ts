import { Worker } from 'node:worker_threads';
import type { AppContext, BackgroundHandle } from '../app/context.js';
import { loadDemoFirst, runWorker } from './run-worker.js';
import type { ThreadMessage, WorkerThreadData } from './worker-thread-protocol.js';

// Compiled (dist/), the thread runs its compiled sibling; from source (tsx), a shim that loads the TypeScript.
const THREAD_ENTRY = import.meta.url.endsWith('.js') ? new URL('./worker-thread.js', import.meta.url) : new URL('../../bin/worker-thread.mjs', import.meta.url);

/** The most restarts of a crashed worker thread within a minute before serve gives up on it (and says so). */
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * startBackground starts serve's background work where it cannot hold up a
 * request: a worker thread with its own database connection (SQLite in WAL
 * mode lets the server read while the worker writes; PostgreSQL has its
 * pool). A thread that dies is started again, at most five times a minute.
 * An in-memory SQLite database cannot be shared between connections: then
 * the work runs in this thread, which is fine for tests and nothing else.
 */
export async function startBackground(context: AppContext, owner: string, say: (line: string) => void, options: { readonly demo?: { readonly end: number } } = {}): Promise<BackgroundHandle> {
  if (context.db === ':memory:') {
    if (options.demo) await loadDemoFirst(context, owner, options.demo.end, say);
    const running = runWorker(context, { owner, say });
    return { kick: (orders) => running.work.kick(orders), stop: () => running.stop(), mode: 'in-process' };
  }
  const data: WorkerThreadData = { db: context.db, owner, ...(context.configFile !== undefined ? { config: context.configFile } : {}), ...(options.demo ? { demo: options.demo } : {}) };
  let first = true;
  let stopping = false;
  let current: Worker | undefined;
  /** The workers whose background work runs: one still loading the demo has no step to finish on stop. */
  const working = new WeakSet<Worker>();
  const restarts: number[] = [];

  const spawn = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      // Only the first thread loads the demo: a restarted one finds the store filled (or half filled, and says so).
      const worker = new Worker(THREAD_ENTRY, { workerData: first ? data : { ...data, demo: undefined } });
      first = false;
      worker.on('message', (m: ThreadMessage) => {
        if (m.type === 'say') say(m.line);
        else if (m.type === 'working') working.add(worker);
        else if (m.type === 'ready') resolve(worker);
        else if (m.type === 'failed') reject(new Error(`the background worker could not start: ${m.error}`));
      });
      worker.once('error', (error) => {
        say(`background worker failed: ${error.message}`);
        reject(error);
      });
      worker.once('exit', (code) => {
        if (stopping || current !== worker) return;
        current = undefined;
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
        if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
          say(`background worker stopped (exit code ${code}) ${restarts.length} times within a minute: not restarting; detection and notifications are paused until serve restarts`);
          return;
        }
        say(`background worker stopped (exit code ${code}); starting it again`);
        setTimeout(() => {
          void spawn().then(
            (w) => (current = w),
            (e: unknown) => say(`background worker restart failed: ${e instanceof Error ? e.message : String(e)}`),
          );
        }, 1000).unref();
      });
    });

  current = await spawn();
  return {
    mode: 'thread',
    kick: (orders) => current?.postMessage({ type: 'kick', ...(orders !== undefined ? { orders } : {}) } satisfies ThreadMessage),
    stop: async () => {
      stopping = true;
      const worker = current;
      if (!worker) return;
      // Loading the demo, the thread does not read its messages until the load ends (minutes): Ctrl-C waited out the
      // 15 s limit. There is no step to finish, so it ends now; a transaction cut short is rolled back.
      if (!working.has(worker)) {
        await worker.terminate();
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 15_000);
        worker.on('message', (m: ThreadMessage) => {
          if (m.type === 'stopped') {
            clearTimeout(timer);
            void worker.terminate().then(() => resolve());
          }
        });
        worker.postMessage({ type: 'stop' } satisfies ThreadMessage);
      });
    },
  };
}
