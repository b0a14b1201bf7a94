/**
 * PeriodicJob is a worker job that runs a pass every interval, never two
 * passes at once (a tick while one runs joins it), and stops by aborting the
 * pass under way and waiting for it. Tests call tick() directly.
 */
export abstract class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<void> | undefined;
  protected readonly abort = new AbortController();

  constructor(private readonly everyMs: number) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await this.busy;
  }

  /** tick runs one pass unless one is running, and answers when it ends. */
  tick(): Promise<void> {
    if (this.busy) return this.busy;
    this.busy = this.run().finally(() => {
      this.busy = undefined;
    });
    return this.busy;
  }

  /** run is one pass; it ends early once `abort` is signalled. */
  protected abstract run(): Promise<void>;
}
