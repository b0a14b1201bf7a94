import { DEFAULT_DEMO, generateDemoBusiness, type DemoOptions } from '../demo/index.js';
import { emptySummary, type ImportSummary } from '../domain/ingest-result.js';
import { CHANNEL_ADAPTERS } from '../ingest/channels.js';
import { genericAdapter } from '../ingest/generic/index.js';
import { importRecords, type IngestSink } from '../ingest/import-records.js';
import type { OrderStore } from '../store/store.js';

/** DemoLoadSummary says what the demo business put into the store, per source. */
export interface DemoLoadSummary {
  readonly bySource: Record<string, ImportSummary>;
  labels: number;
}

function add(into: ImportSummary, from: ImportSummary): void {
  into.accepted += from.accepted;
  into.rejected += from.rejected;
  into.duplicates += from.duplicates;
  into.updated += from.updated;
  for (const e of from.errors) if (into.errors.length < 100) into.errors.push(e);
}

/**
 * loadDemo generates the demo business and feeds it through the real
 * adapters and the real import pipeline, exactly as a channel's API pages
 * and the ERP's events would arrive, then stores the ground-truth labels.
 */
export async function loadDemo(
  store: IngestSink & Pick<OrderStore, 'putGroundTruth'>,
  options: Partial<DemoOptions> & { end: number },
  onDay?: (summary: DemoLoadSummary) => void,
): Promise<DemoLoadSummary> {
  const result: DemoLoadSummary = { bySource: {}, labels: 0 };
  const total = (source: string): ImportSummary => (result.bySource[source] ??= emptySummary());
  const receivedAt = options.end;
  let chunks = 0;
  for (const chunk of generateDemoBusiness({ ...DEFAULT_DEMO, ...options })) {
    if (chunk.kind === 'native') {
      const summary = await importRecords(
        chunk.documents.map((value) => ({ value })),
        CHANNEL_ADAPTERS[chunk.channel],
        store,
        { receivedAt, batchSize: 2000 },
      );
      add(total(chunk.channel), summary);
    } else if (chunk.kind === 'generic') {
      add(total('events'), await importRecords(chunk.records.map((value) => ({ value })), genericAdapter, store, { receivedAt, batchSize: 5000 }));
    } else {
      await store.putGroundTruth(chunk.labels);
      result.labels += chunk.labels.length;
    }
    if (++chunks % 10 === 0) onDay?.(result);
  }
  return result;
}
