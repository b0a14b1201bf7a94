// The entry of serve's ingest writer thread (loaded by bin/ingest-writer-thread.mjs):
// request bodies are parsed, normalised by their channel's adapter and
// written here, on a connection of its own, so the server's event loop stays
// free for lookups and the console while a peak's orders pour in.
import { parentPort, workerData } from 'node:worker_threads';
import { CHANNEL_ADAPTERS } from '../ingest/channels.js';
import { parseJsonLossless } from '../ingest/files/lossless-json.js';
import { importRecords } from '../ingest/import-records.js';
import type { IngestBatch, IngestResult } from '../domain/ingest-result.js';
import { openStore } from '../store/open-store.js';
import type { IngestAnswer, IngestRequest, IngestWriterData } from './ingest-writer-protocol.js';

const data = workerData as IngestWriterData;
const port = parentPort!;
const store = await openStore(data.db, data.durability ? { durability: data.durability } : {});
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parsed is a request whose body was read: what its channel's adapter gets. */
type Parsed = { readonly request: IngestRequest; readonly value: unknown } | { readonly answer: IngestAnswer };

function parse(request: IngestRequest): Parsed {
  let text: string;
  try {
    text = utf8.decode(request.raw);
  } catch {
    return { answer: { id: request.id, ok: false, status: 400, error: 'the request body is not valid UTF-8 (send JSON encoded as UTF-8)' } };
  }
  if (text.length === 0) return { answer: { id: request.id, ok: false, status: 400, error: 'the request body is empty: send JSON' } };
  try {
    // 19-digit ids sent as bare numbers keep every digit (as text).
    return { request, value: parseJsonLossless(text) };
  } catch (error) {
    return { answer: { id: request.id, ok: false, status: 400, error: `the request body is not valid JSON: ${(error as Error).message}` } };
  }
}

interface Waiting {
  readonly batch: IngestBatch;
  readonly receivedAt: number;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/**
 * writeGroup imports the requests that queued up together with one commit
 * per round instead of one per request: at a peak, eight clients' requests
 * wait behind each other, and each commit (WAL append, checkpoints) cost
 * more than normalising its 100 orders. Every request is normalised by the
 * one import pipeline against a sink that holds its batch; once every
 * request has either finished or handed a batch (normalising is
 * synchronous, so a macrotask later they all have), the held batches are
 * written in one transaction, in arrival order. Should that transaction
 * fail, each batch is written alone, so one request's failure stays its own.
 */
async function writeGroup(group: readonly IngestRequest[]): Promise<void> {
  let waiting: Waiting[] = [];
  const sink = { ingest: (batch: IngestBatch, receivedAt: number) => new Promise<IngestResult>((resolve, reject) => waiting.push({ batch, receivedAt, resolve, reject })) };
  let running = 0;
  const imports = group.map(async (request): Promise<void> => {
    const parsed = parse(request);
    if ('answer' in parsed) return port.postMessage(parsed.answer);
    const adapter = CHANNEL_ADAPTERS[request.channel as keyof typeof CHANNEL_ADAPTERS];
    if (!adapter) return port.postMessage({ id: request.id, ok: false, status: 400, error: `no adapter for channel ${request.channel}` } satisfies IngestAnswer);
    running += 1;
    try {
      const summary = await importRecords([{ value: parsed.value }], adapter, sink, { receivedAt: request.receivedAt });
      port.postMessage({ id: request.id, ok: true, summary } satisfies IngestAnswer);
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, status: 500, error: error instanceof Error ? error.message : String(error) } satisfies IngestAnswer);
    } finally {
      running -= 1;
    }
  });
  const all = Promise.all(imports);
  for (;;) {
    await new Promise((r) => setImmediate(r));
    if (waiting.length === 0) {
      if (running === 0) break;
      continue;
    }
    const round = waiting;
    waiting = [];
    try {
      const results = await store.ingestMany(round.map((w) => ({ batch: w.batch, receivedAt: w.receivedAt })));
      round.forEach((w, i) => w.resolve(results[i]!));
    } catch {
      for (const w of round) await store.ingest(w.batch, w.receivedAt).then(w.resolve, w.reject);
    }
  }
  await all;
}

// One group at a time: the writer lock is one, and order of arrival is order
// of writing. What arrives while a group is written forms the next group.
const MAX_GROUP = 64;
let queue: IngestRequest[] = [];
let writing: Promise<void> | undefined;
let stopping = false;

function drain(): void {
  if (writing) return;
  if (queue.length === 0) {
    if (stopping) {
      void store.close().then(() => port.postMessage({ type: 'stopped' }));
    }
    return;
  }
  const group = queue.slice(0, MAX_GROUP);
  queue = queue.slice(group.length);
  writing = writeGroup(group)
    .catch((error: unknown) => {
      for (const r of group) port.postMessage({ id: r.id, ok: false, status: 500, error: error instanceof Error ? error.message : String(error) } satisfies IngestAnswer);
    })
    .finally(() => {
      writing = undefined;
      drain();
    });
}

port.on('message', (m: IngestRequest | { type: 'stop' }) => {
  if ('type' in m) stopping = true;
  else queue.push(m);
  drain();
});
port.postMessage({ type: 'ready' });
