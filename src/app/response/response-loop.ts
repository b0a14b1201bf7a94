import type { Clock } from '../../domain/time.js';
import type { Store } from '../../store/store.js';
import type { ResponseService } from './response-service.js';

/**
 * ResponseLoop is the response side of `serve`: every few seconds it lets
 * the engine act on what is due (grouping waits ended, reminders,
 * escalations, pauses run out) and drains the outbox. The engine's pass runs
 * under a lease, so with two instances on PostgreSQL every escalation is
 * decided once; delivery needs no lease (each outbox entry is leased).
 */
export class ResponseLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private again = false;

  constructor(
    private readonly service: ResponseService,
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly owner: string,
    private readonly intervalMs = 5000,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
    void this.runOnce();
  }

  /** kick asks for a pass now (new findings arrived); a kick during a pass schedules one more. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runOnce();
  }

  /** runOnce does one pass unless one is running (then it waits for that one). */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) return this.running;
    this.running = this.pass()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.runOnce();
        }
      });
    return this.running;
  }

  private async pass(): Promise<void> {
    const now = this.clock.now();
    // The lease outlives a pass several times over; a crashed holder frees it within 30 s.
    if (await this.store.response.tryLease('response-engine', this.owner, now, 30_000)) await this.service.tick(now);
    await this.service.deliver(this.clock.now());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running) await this.running;
  }
}
