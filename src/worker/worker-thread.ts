// The entry of serve's worker thread (loaded by bin/worker-thread.mjs): the
// background work on its own database connection, so the server's event
// loop only ever answers requests.
import { parentPort, workerData } from 'node:worker_threads';
import { openContext } from '../app/context.js';
import type { ThreadMessage, WorkerThreadData } from './worker-thread-protocol.js';
import { loadDemoFirst, runWorker } from './run-worker.js';

const data = workerData as WorkerThreadData;
const port = parentPort!;
const say = (line: string): void => port.postMessage({ type: 'say', line } satisfies ThreadMessage);
try {
  const context = await openContext({ db: data.db, ...(data.config !== undefined ? { config: data.config } : {}) });
  let running: ReturnType<typeof runWorker> | undefined;
  let stopping = false;
  port.on('message', (m: ThreadMessage) => {
    if (m.type === 'kick') running?.work.kick(m.orders);
    if (m.type === 'stop') {
      stopping = true;
      void (running?.stop() ?? Promise.resolve())
        .then(() => context.store.close())
        .finally(() => port.postMessage({ type: 'stopped' } satisfies ThreadMessage));
    }
  });
  port.postMessage({ type: 'ready' } satisfies ThreadMessage);
  if (data.demo) await loadDemoFirst(context, data.owner, data.demo.end, say);
  if (!stopping) {
    running = runWorker(context, { owner: data.owner, say });
    port.postMessage({ type: 'working' } satisfies ThreadMessage);
  }
} catch (error) {
  port.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) } satisfies ThreadMessage);
}
