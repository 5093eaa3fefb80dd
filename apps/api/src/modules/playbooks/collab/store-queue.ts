import { Logger } from '@nestjs/common';
import * as Y from 'yjs';
import type { CollabOptions } from './collab-options';

/** Where a document's changes go, and what happens once they are there. */
export interface StoreSink {
  /** Persists one update (the diff since the last stored state); throws when it could not. */
  write(update: Uint8Array): Promise<void>;
  /** Runs after each successful write, before the store counts as finished. */
  written(storedSv: Uint8Array): Promise<void>;
}

const log = new Logger('CollabDocument');

/**
 * When a document's local changes are stored. They are stored within `debounceMs` of the last
 * change and never more than `maxDebounceMs` after the first unstored one, as one update: the
 * document's diff from what is known stored (cheap: no re-merging of thousands of keystrokes).
 * A failed store keeps them queued and retries with backoff up to `retryMaxMs`; nothing is lost,
 * the document itself still holds them.
 */
export class StoreQueue {
  /** Local changes not yet stored; what to store is computed from the document itself. */
  private dirty = false;
  /** State vector of what is known stored (loaded or written): the next write is the diff from it. */
  private storedSv: Uint8Array;
  private firstPendingAt = 0;
  private lastChangeAt = 0;
  private timer?: NodeJS.Timeout;
  private dueAt = 0;
  private storing?: Promise<void>;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly opts: CollabOptions,
    private readonly sink: StoreSink,
    /** Names the document in log lines. */
    private readonly label: string,
  ) {
    this.storedSv = Y.encodeStateVector(doc);
  }

  /** Changes not yet stored, or a store under way. */
  get hasPending(): boolean {
    return this.dirty || !!this.storing;
  }

  /** Notes a local change: it will be stored after the debounce. */
  changed(): void {
    const now = Date.now();
    this.dirty = true;
    this.lastChangeAt = now;
    if (!this.firstPendingAt) this.firstPendingAt = now;
    this.arm();
  }

  /**
   * Stores every local change now. Resolves when stored, or after a failure (the changes stay
   * queued and a retry is scheduled).
   */
  async flush(): Promise<void> {
    while (this.storing) await this.storing;
    if (!this.dirty) return;
    this.dirty = false;
    this.firstPendingAt = 0;
    const sv = Y.encodeStateVector(this.doc);
    const update = Y.encodeStateAsUpdate(this.doc, this.storedSv);
    this.storing = this.store(update, sv);
    try {
      await this.storing;
    } finally {
      this.storing = undefined;
    }
    if (this.dirty && this.failures === 0) this.arm();
  }

  /** No more timers (the document is being freed). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async store(update: Uint8Array, sv: Uint8Array): Promise<void> {
    try {
      await this.sink.write(update);
    } catch (error) {
      // Nothing is lost: the document still holds it; try again later.
      this.dirty = true;
      this.firstPendingAt = this.firstPendingAt || Date.now();
      this.failures++;
      const delay = Math.min(this.opts.retryMaxMs, 250 * 2 ** Math.min(this.failures, 10));
      log.error(`storing playbook ${this.label} failed (attempt ${this.failures}, retry in ${delay} ms): ${(error as Error).message}`);
      if (!this.stopped) this.arm(delay);
      return;
    }
    this.storedSv = sv;
    this.failures = 0;
    await this.sink.written(sv);
  }

  /** When the debounce says the pending changes are due. */
  private due(): number {
    return Math.min(this.lastChangeAt + this.opts.debounceMs, this.firstPendingAt + this.opts.maxDebounceMs);
  }

  /** One timer per document; it re-arms itself instead of being reset on every keystroke. */
  private arm(delay?: number): void {
    const due = delay !== undefined ? Date.now() + delay : this.due();
    if (this.timer && this.dueAt <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = due;
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, due - Date.now()));
  }

  private onTimer(): void {
    this.timer = undefined;
    if (!this.dirty) return;
    // Changes kept coming since the timer was set: wait for the quiet (a retry does not wait).
    if (this.failures === 0 && this.due() > Date.now() + 5) {
      this.arm();
      return;
    }
    void this.flush();
  }
}
