/**
 * Lets at most `limit()` tasks run at once; the others wait in arrival order. Used so that a
 * connection storm (every client reconnecting after a deploy) holds a bounded number of
 * half-done authorisations in memory, instead of all of them queueing inside the database pool
 * at once: throughput is the pool's either way.
 */
export class Admission {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: () => number) {}

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T> | T): Promise<T> {
    if (this.active < this.limit()) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
