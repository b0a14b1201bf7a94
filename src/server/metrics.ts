import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ImportSummary } from '../domain/ingest-result.js';

/** IngestMetrics counts what ingest did, per channel. */
export interface IngestMetrics {
  recordImport(channel: string, summary: ImportSummary): void;
  /** recordRefused counts a push refused before its records were read (a bad signature, an unreadable body). */
  recordRefused(channel: string, reason: 'signature' | 'malformed'): void;
}

/** ServerMetrics is the Prometheus registry of one server. */
export class ServerMetrics implements IngestMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'orderwatch_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  private readonly ingested = new Counter({
    name: 'orderwatch_ingest_records_total',
    help: 'Records received by ingest, by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly refused = new Counter({
    name: 'orderwatch_ingest_refused_total',
    help: 'Pushes refused before their records were read, by channel and reason (signature, malformed)',
    labelNames: ['channel', 'reason'] as const,
    registers: [this.registry],
  });
  readonly ordersStored = new Gauge({
    name: 'orderwatch_orders_stored',
    help: 'Orders in the store',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'orderwatch_' });
  }

  /** watchUnauthenticatedBodies reports the bodies read before their sender is known, and those waiting their turn. */
  watchUnauthenticatedBodies(gate: { readonly inUse: number; readonly queued: number }): void {
    new Gauge({ name: 'orderwatch_unauthenticated_bodies_reading', help: 'Request bodies being read before their sender is known (signed webhooks)', registers: [this.registry], collect() { this.set(gate.inUse); } });
    new Gauge({ name: 'orderwatch_unauthenticated_bodies_waiting', help: 'Signed webhooks waiting for their turn to be read', registers: [this.registry], collect() { this.set(gate.queued); } });
  }

  recordImport(channel: string, summary: ImportSummary): void {
    this.ingested.inc({ channel, outcome: 'accepted' }, summary.accepted);
    this.ingested.inc({ channel, outcome: 'rejected' }, summary.rejected);
    this.ingested.inc({ channel, outcome: 'duplicate' }, summary.duplicates);
  }

  recordRefused(channel: string, reason: 'signature' | 'malformed'): void {
    this.refused.inc({ channel, reason });
  }
}
