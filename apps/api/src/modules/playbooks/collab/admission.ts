/**
 * Lets at most `limit()` tasks run at once; the others wait in arrival order. Used so that a
 * connection storm (every client reconnecting after a deploy) holds a bounded number of
 * half-done authorisations in memory, instead of all of them queueing inside the database pool
 * at once: throughput is the pool's either way.
 *
 * `signal` ties a task to its socket: aborted while waiting, the task leaves the queue and never
 * runs (the result is undefined); aborted while running, its slot is freed at once, so a look-up
 * that never returns cannot hold a slot for ever.
 */
export class Admission {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: () => number) {}

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T> | T, signal?: AbortSignal): Promise<T | undefined> {
    if (signal?.aborted) return undefined;
    if (this.active < this.limit()) this.active++;
    else if (!(await this.admitted(signal))) return undefined;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      signal?.removeEventListener('abort', release);
      // The slot passes straight to the next in line.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
    signal?.addEventListener('abort', release, { once: true });
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Waits for a slot handed over by a finishing task; false when aborted first. */
  private admitted(signal?: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(admit);
        if (i >= 0) this.waiting.splice(i, 1);
        resolve(false);
      };
      const admit = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      };
      this.waiting.push(admit);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
