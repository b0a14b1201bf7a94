import type { Instant } from '../domain/time.js';

/** WorkRequest is background work someone asked for (a scan as of a time), done by whichever worker claims it. */
export interface WorkRequest {
  readonly id: string;
  readonly kind: 'scan';
  readonly requestedBy: string;
  readonly requestedAt: Instant;
  readonly state: 'queued' | 'running' | 'done' | 'failed';
  readonly params: Readonly<Record<string, unknown>>;
  /** How far it got (a running scan's cursor and counts). */
  readonly progress?: Readonly<Record<string, unknown>>;
  readonly result?: Readonly<Record<string, unknown>>;
  readonly finishedAt?: Instant;
}

/** WorkerStatus is the last heartbeat of one worker: what it has done and what waits. */
export interface WorkerStatus {
  readonly owner: string;
  readonly seenAt: Instant;
  readonly doc: Readonly<Record<string, unknown>>;
}

/**
 * WorkStore is the background work's own bookkeeping: requests made through
 * the API (taken by one worker under a lease, resumed by another when that
 * one dies), and each worker's heartbeat for the status page.
 */
export interface WorkStore {
  requestWork(request: Omit<WorkRequest, 'state'>): Promise<void>;
  /** claimWork takes the oldest queued request, or a running one whose worker's lease ran out. */
  claimWork(owner: string, now: Instant, leaseMs: number): Promise<WorkRequest | undefined>;
  /** progressWork records progress and renews the lease; false when the lease was lost to another worker. */
  progressWork(id: string, owner: string, progress: Readonly<Record<string, unknown>>, leaseUntil: Instant): Promise<boolean>;
  finishWork(id: string, owner: string, state: 'done' | 'failed', result: Readonly<Record<string, unknown>>, at: Instant): Promise<void>;
  workRequest(id: string): Promise<WorkRequest | undefined>;
  heartbeat(owner: string, at: Instant, doc: Readonly<Record<string, unknown>>): Promise<void>;
  /** Workers seen since a time, newest first. */
  workers(since: Instant): Promise<WorkerStatus[]>;
}
