import type { Incident } from '../domain/incident.js';
import type { Clock, Instant } from '../domain/time.js';
import type { DashboardStore } from '../store/dashboard-store.js';

/** FeedSubscriber is one open event stream. */
export interface FeedSubscriber {
  send(incidents: readonly Incident[]): void;
  ping(): void;
  end(): void;
}

/**
 * OVERLAP_MS is how far back each poll looks again: a change written with
 * an `updatedAt` a little before a later one's, but committed after it,
 * would otherwise be skipped. What was already pushed is not pushed twice.
 */
const OVERLAP_MS = 10_000;
const PING_EVERY = 8;

/**
 * IncidentFeed pushes incident changes to the console's open event streams.
 * One poll of the store serves every subscriber, and it runs only while
 * someone listens: with PostgreSQL and several instances a change made on
 * any instance reaches every console, which a local event bus would not do.
 */
export class IncidentFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private since: Instant = 0;
  private polls = 0;
  private polling = false;
  /** What was pushed recently, by incident id: its updatedAt. */
  private readonly pushed = new Map<string, Instant>();

  constructor(
    private readonly store: Pick<DashboardStore, 'incidentsUpdatedSince'>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  /** subscribe adds a stream and returns its unsubscribe function. */
  subscribe(subscriber: FeedSubscriber): () => void {
    if (this.subscribers.size === 0) {
      this.since = this.clock.now();
      this.pushed.clear();
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      this.timer.unref?.();
    }
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stop();
    };
  }

  /** poll pushes the incidents changed since the last poll to every subscriber. */
  async poll(): Promise<void> {
    if (this.polling || this.subscribers.size === 0) return;
    this.polling = true;
    try {
      const changed = (await this.store.incidentsUpdatedSince(this.since - OVERLAP_MS, 500)).filter((i) => this.pushed.get(i.id) !== i.updatedAt);
      for (const i of changed) {
        this.pushed.set(i.id, i.updatedAt);
        if (i.updatedAt > this.since) this.since = i.updatedAt;
      }
      for (const [id, at] of this.pushed) if (at < this.since - OVERLAP_MS) this.pushed.delete(id);
      const ping = ++this.polls % PING_EVERY === 0;
      for (const s of this.subscribers) {
        if (changed.length > 0) s.send(changed);
        else if (ping) s.ping();
      }
    } catch {
      // A failed poll (the database restarting) is retried at the next tick.
    } finally {
      this.polling = false;
    }
  }

  /** close ends every stream (the server is shutting down: open streams would hold it up). */
  close(): void {
    for (const s of [...this.subscribers]) s.end();
    this.subscribers.clear();
    this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
