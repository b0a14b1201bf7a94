import { Worker } from 'node:worker_threads';
import type { ImportSummary } from '../domain/ingest-result.js';
import { IngestBodyError, IngestBusy, type IngestWriter } from '../server/ingest-writer-port.js';
import type { IngestAnswer, IngestRequest, IngestWriterData } from './ingest-writer-protocol.js';

// Compiled (dist/), the thread runs its compiled sibling; from source (tsx), a shim that loads the TypeScript.
const ENTRY = import.meta.url.endsWith('.js') ? new URL('./ingest-writer-thread.js', import.meta.url) : new URL('../../bin/ingest-writer-thread.mjs', import.meta.url);

/** MAX_QUEUED_BYTES: request bodies waiting for the writer beyond this are refused with 503 and Retry-After (backpressure, not an ever-growing queue). */
export const MAX_QUEUED_BYTES = 256 * 1024 * 1024;

/** RunningIngestWriter is the writer thread: the server's IngestWriter, and how to stop it. */
export interface RunningIngestWriter extends IngestWriter {
  stop(): Promise<void>;
}

/**
 * startIngestWriter starts serve's ingest writer thread: each signed ingest
 * body is parsed, normalised and written there, one at a time, so the
 * server's own thread only checks signatures and answers — a burst of
 * orders never makes a lookup or the console wait. The request still waits
 * for its orders to be stored (its answer says what was accepted), not for
 * detection, which the background work does later.
 */
export async function startIngestWriter(db: string, say: (line: string) => void, durability?: 'normal' | 'full'): Promise<RunningIngestWriter> {
  const worker = new Worker(ENTRY, { workerData: { db, ...(durability ? { durability } : {}) } satisfies IngestWriterData });
  const waiting = new Map<number, { resolve: (s: ImportSummary) => void; reject: (e: Error) => void; bytes: number }>();
  let queued = 0;
  let next = 1;
  let stopped: (() => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: IngestAnswer | { type: 'ready' | 'stopped' }) => {
      if ('type' in m) {
        if (m.type === 'ready') resolve();
        else stopped?.();
        return;
      }
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      queued -= w.bytes;
      if (m.ok) w.resolve(m.summary);
      else w.reject(new IngestBodyError(m.status, m.error));
    });
    worker.once('error', (error) => {
      say(`ingest writer failed: ${error.message}`);
      reject(error);
      for (const w of waiting.values()) w.reject(new IngestBodyError(500, 'the ingest writer stopped; send again'));
      waiting.clear();
    });
  });
  return {
    importRaw(channel, raw, receivedAt) {
      if (queued + raw.length > MAX_QUEUED_BYTES) return Promise.reject(new IngestBusy(`${Math.round(queued / 1048576)} MB of orders are waiting to be written`));
      const id = next++;
      queued += raw.length;
      return new Promise<ImportSummary>((resolve, reject) => {
        waiting.set(id, { resolve, reject, bytes: raw.length });
        // The bytes are copied once into the message; the request keeps its own for the signature.
        worker.postMessage({ id, channel, raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), receivedAt } satisfies IngestRequest);
      });
    },
    async stop() {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 15_000);
        stopped = () => {
          clearTimeout(timer);
          void worker.terminate().then(() => resolve());
        };
        worker.postMessage({ type: 'stop' });
      });
    },
  };
}
