import type { Clock } from '../domain/time.js';
import type { DetectionService } from './detection-service.js';

/**
 * DetectionLoop is the continuous detector of `serve`: it sweeps the orders
 * that are due (new facts or a passed deadline) every few seconds, and at
 * once when ingest says something arrived. One sweep runs at a time; a kick
 * during a sweep schedules exactly one more.
 */
export class DetectionLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly service: DetectionService,
    private readonly clock: Clock,
    private readonly intervalMs = 2000,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** May this instance sweep now? With several instances, one holds the sweep lease at a time. */
    private readonly mayRun: (now: number) => Promise<boolean> = async () => true,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** kick asks for a sweep now (after an ingest). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const now = this.clock.now();
    this.running = this.mayRun(now)
      .then(async (may) => {
        if (may) await this.service.sweep(now);
      })
      .then(() => undefined, this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** idle resolves when no sweep is running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }
}
