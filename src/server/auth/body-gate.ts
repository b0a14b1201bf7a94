/**
 * BodyGate bounds how many request bodies from senders not known yet are
 * read at once: a signed webhook must be read whole before its signature can
 * be checked, so six unsigned 30 MB requests would otherwise hold 180 MB. A
 * request over the limit waits (its body unread, held back by TCP) for up
 * to `waitMs`, and is turned away when the queue is full or the wait runs
 * out; it is then answered 503 with Retry-After, which every webhook sender
 * retries.
 */
export class BodyGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
    private readonly waitMs: number,
  ) {}

  /** enter takes a place; resolves to the function that gives it back, or undefined when there is none. */
  async enter(): Promise<(() => void) | undefined> {
    if (this.active < this.limit) return this.taken();
    if (this.waiting.length >= this.maxWaiting) return undefined;
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        resolve(this.taken());
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(wake);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(undefined);
      }, this.waitMs);
      timer.unref?.();
      this.waiting.push(wake);
    });
  }

  /** inUse is how many bodies are being read now. */
  get inUse(): number {
    return this.active;
  }

  /** queued is how many requests wait for a place. */
  get queued(): number {
    return this.waiting.length;
  }

  private taken(): () => void {
    this.active += 1;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.active -= 1;
      const next = this.waiting.shift();
      if (next) next();
    };
  }
}
