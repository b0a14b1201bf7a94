// The entry of serve's ingest writer thread (loaded by bin/ingest-writer-thread.mjs):
// request bodies are parsed, normalised by their channel's adapter and
// written here, on a connection of its own, so the server's event loop stays
// free for lookups and the console while a peak's orders pour in.
import { parentPort, workerData } from 'node:worker_threads';
import { CHANNEL_ADAPTERS } from '../ingest/channels.js';
import { parseJsonLossless } from '../ingest/files/lossless-json.js';
import { importRecords } from '../ingest/import-records.js';
import { openStore } from '../store/open-store.js';
import type { IngestAnswer, IngestRequest, IngestWriterData } from './ingest-writer-protocol.js';

const data = workerData as IngestWriterData;
const port = parentPort!;
const store = await openStore(data.db, data.durability ? { durability: data.durability } : {});
const utf8 = new TextDecoder('utf-8', { fatal: true });

async function handle(request: IngestRequest): Promise<IngestAnswer> {
  let text: string;
  try {
    text = utf8.decode(request.raw);
  } catch {
    return { id: request.id, ok: false, status: 400, error: 'the request body is not valid UTF-8 (send JSON encoded as UTF-8)' };
  }
  if (text.length === 0) return { id: request.id, ok: false, status: 400, error: 'the request body is empty: send JSON' };
  let value: unknown;
  try {
    // 19-digit ids sent as bare numbers keep every digit (as text).
    value = parseJsonLossless(text);
  } catch (error) {
    return { id: request.id, ok: false, status: 400, error: `the request body is not valid JSON: ${(error as Error).message}` };
  }
  const adapter = CHANNEL_ADAPTERS[request.channel as keyof typeof CHANNEL_ADAPTERS];
  if (!adapter) return { id: request.id, ok: false, status: 400, error: `no adapter for channel ${request.channel}` };
  const summary = await importRecords([{ value }], adapter, store, { receivedAt: request.receivedAt });
  return { id: request.id, ok: true, summary };
}

// One request at a time: the writer lock is one, and order of arrival is order of writing.
let chain: Promise<void> = Promise.resolve();
port.on('message', (m: IngestRequest | { type: 'stop' }) => {
  if ('type' in m) {
    chain = chain.then(async () => {
      await store.close();
      port.postMessage({ type: 'stopped' });
    });
    return;
  }
  chain = chain.then(async () => {
    const answer = await handle(m).catch((error: unknown): IngestAnswer => ({ id: m.id, ok: false, status: 500, error: error instanceof Error ? error.message : String(error) }));
    port.postMessage(answer);
  });
});
port.postMessage({ type: 'ready' });
