/**
 * Mutex hands out one turn at a time, in arrival order. The SQLite driver
 * uses it because one connection is shared by every request: without it, a
 * statement of one request could land inside another request's transaction.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(work: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}
