import { Logger } from '@nestjs/common';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { CollabConnection } from './collab-connection';
import { MAX_DEPTH } from '../content/schema';
import { CollabOptions } from './collab-options';
import { Presence } from './presence';

export const MSG_SYNC = 0;
/** Longest wait before a changed presence state is relayed, and before a mere renewal is. */
const AWARENESS_CHANGE_MS = 30;
const AWARENESS_RENEWAL_MS = 1000;
export const MSG_AWARENESS = 1;

/** Transaction origins that are not a local client. */
export const ORIGIN_LOAD = Symbol('load');
export const ORIGIN_REMOTE = Symbol('remote');
export const ORIGIN_SERVER = Symbol('server');

/** What the document asks of the node that holds it (storage, fan-out, versions). */
export interface DocumentHost {
  store(doc: CollabDocument, update: Uint8Array): Promise<void>;
  afterStore(doc: CollabDocument): Promise<void>;
  publishUpdate(doc: CollabDocument, update: Uint8Array): void;
  publishAwareness(doc: CollabDocument, update: Uint8Array): void;
  autoVersion(doc: CollabDocument): Promise<void>;
  idle(doc: CollabDocument): void;
}

/**
 * One playbook's live Yjs document on this node: its connections, awareness, and whether it
 * holds changes not yet stored. Changes are stored within `debounceMs` of the last edit and never
 * more than `maxDebounceMs` after the first unstored one; a failed store keeps them queued and
 * retries with backoff; the document is never unloaded while it holds unstored changes.
 */
export class CollabDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Map<CollabConnection, Set<number>>();
  /** Service operations (versions, restore, export) holding the document loaded. */
  holds = 0;
  /** Approximate encoded size: refreshed exactly when near the limit. */
  sizeEstimate = 0;
  /** Approximate Yjs item count (what memory grows with): refreshed exactly when near the limit. */
  itemEstimate = 0;
  /** Deepest element nesting an update may create. */
  readonly maxDepth = MAX_DEPTH;
  /** The user whose change came last (stored with the next append); restore sets it too. */
  lastEditorId: string | null = null;
  /** Which user owns which awareness client id. */
  readonly presence = new Presence();
  logRows = 0;
  destroyed = false;

  /** Local changes not yet stored; what to store is computed from the document itself. */
  private dirty = false;
  /** State vector of what is known stored (loaded or appended): the next append is the diff from it. */
  private storedSv: Uint8Array;
  /** State vector right after loading: what a client sent the stored state before the load has. */
  readonly loadedSv: Uint8Array;
  /**
   * The whole document as one update while it is unchanged: answers every new (empty) client
   * without re-encoding. Starts as the stored snapshot itself when that was all there was.
   */
  private fullState?: Uint8Array;
  private firstPendingAt = 0;
  private lastChangeAt = 0;
  private flushTimer?: NodeJS.Timeout;
  private flushDueAt = 0;
  private storing?: Promise<void>;
  private failures = 0;
  private lastUserChangeAt = 0;
  private versionTimer?: NodeJS.Timeout;
  changedSinceVersion = false;
  private readonly log = new Logger('CollabDocument');
  /** Client ids whose awareness changed since the last batch: said here / relayed from other nodes. */
  private readonly awarenessFromHere = new Set<number>();
  private readonly awarenessFromRemote = new Set<number>();
  private awarenessUrgent = false;
  private awarenessUrgentRemote = false;
  private awarenessTimer?: NodeJS.Timeout;
  private awarenessDueAt = 0;

  constructor(
    readonly id: string,
    private readonly opts: CollabOptions,
    private readonly host: DocumentHost,
    initial: Uint8Array[],
  ) {
    this.awareness.setLocalState(null);
    // One transaction for the whole history: one cleanup pass instead of one per row.
    this.doc.transact(() => {
      for (const part of initial) Y.applyUpdate(this.doc, part, ORIGIN_LOAD);
    }, ORIGIN_LOAD);
    this.sizeEstimate = initial.reduce((n, p) => n + p.length, 0);
    this.exactItems();
    this.storedSv = Y.encodeStateVector(this.doc);
    this.loadedSv = this.storedSv;
    if (initial.length === 1) this.fullState = initial[0];
    this.doc.on('update', this.onUpdate);
    this.awareness.on('change', this.onAwarenessChange);
    this.awareness.on('update', this.onAwareness);
  }

  get hasPending(): boolean {
    return this.dirty || !!this.storing;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullState = undefined;
    // A presence change said before this edit arrives before it.
    if (this.awarenessUrgent || this.awarenessUrgentRemote) this.flushAwareness();
    // Encoded once for every receiver; not at all when the sender is alone (bulk ingest).
    let message: Uint8Array | undefined;
    for (const conn of this.conns.keys()) if (conn !== origin) conn.send((message ??= encodeSyncMessage(update)));
    if (origin === ORIGIN_REMOTE || origin === ORIGIN_LOAD) return;
    this.host.publishUpdate(this, update);
    this.sizeEstimate += update.length;
    this.enqueue();
    if (origin !== ORIGIN_SERVER) {
      this.noteUserChange();
      if (origin && typeof origin === 'object' && 'userId' in origin) this.lastEditorId = (origin as CollabConnection).userId;
    }
  };

  /**
   * Awareness is relayed in batches: a real change (cursor, name) within AWARENESS_CHANGE_MS, a
   * mere renewal (every client re-sends its unchanged state every 15 s, to stay alive) within
   * AWARENESS_RENEWAL_MS. With 500 clients, renewals alone were 33 messages a second, each sent to
   * all 500; batched they are one message a second (clients drop a state only after 30 s).
   */
  private readonly onAwarenessChange = (_: unknown, origin: unknown): void => {
    if (origin !== ORIGIN_REMOTE) this.awarenessUrgent = true;
    else this.awarenessUrgentRemote = true;
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin as CollabConnection;
    const controlled = this.conns.get(conn);
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    const target = origin === ORIGIN_REMOTE ? this.awarenessFromRemote : this.awarenessFromHere;
    for (const id of added) target.add(id);
    for (const id of updated) target.add(id);
    for (const id of removed) target.add(id);
    this.scheduleAwareness(this.awarenessUrgent || this.awarenessUrgentRemote ? AWARENESS_CHANGE_MS : AWARENESS_RENEWAL_MS);
  };

  private scheduleAwareness(delay: number): void {
    const due = Date.now() + delay;
    if (this.awarenessTimer && this.awarenessDueAt <= due) return;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessDueAt = due;
    this.awarenessTimer = setTimeout(() => this.flushAwareness(), delay);
  }

  /** Sends what changed in awareness since the last batch: one message to every client and the bus. */
  flushAwareness(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = undefined;
    this.awarenessUrgent = this.awarenessUrgentRemote = false;
    if (this.destroyed || (!this.awarenessFromHere.size && !this.awarenessFromRemote.size)) return;
    const ids = new Set([...this.awarenessFromHere, ...this.awarenessFromRemote]);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...ids]);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_AWARENESS);
    encoding.writeVarUint8Array(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const c of this.conns.keys()) c.send(message);
    // Only what this node's clients said goes to the other nodes.
    if (this.awarenessFromHere.size)
      this.host.publishAwareness(
        this,
        this.awarenessFromRemote.size ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessFromHere]) : update,
      );
    this.awarenessFromHere.clear();
    this.awarenessFromRemote.clear();
  }

  /** The message a new client gets first: sync step 1, then everyone's awareness. */
  greeting(): Uint8Array[] {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    const out = [encoding.toUint8Array(encoder)];
    const states = this.awareness.getStates();
    if (states.size) {
      const a = encoding.createEncoder();
      encoding.writeVarUint(a, MSG_AWARENESS);
      encoding.writeVarUint8Array(a, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]));
      out.push(encoding.toUint8Array(a));
    }
    return out;
  }

  /** The whole document as one update (cached until the next change). */
  encodedState(): Uint8Array {
    // Updates waiting for missing dependencies change the encoding without an 'update' event.
    const { pendingStructs, pendingDs } = this.doc.store;
    if (pendingStructs || pendingDs) return Y.encodeStateAsUpdate(this.doc);
    return (this.fullState ??= Y.encodeStateAsUpdate(this.doc));
  }

  addConnection(conn: CollabConnection): void {
    this.conns.set(conn, new Set());
  }

  removeConnection(conn: CollabConnection): void {
    const controlled = this.conns.get(conn);
    if (!controlled) return;
    this.conns.delete(conn);
    if (controlled.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    if (this.conns.size === 0) {
      // The last client left: store at once rather than after the debounce.
      void this.flush();
      this.host.idle(this);
    }
  }

  /** Exact item count: the structs of every client (cheap: one array length per client). */
  exactItems(): number {
    let n = 0;
    for (const structs of this.doc.store.clients.values()) n += structs.length;
    this.itemEstimate = n;
    return n;
  }

  /** Exact encoded size of the document (costly: used only near the limit). */
  exactSize(): number {
    this.sizeEstimate = Y.encodeStateAsUpdate(this.doc).length;
    return this.sizeEstimate;
  }

  private enqueue(): void {
    const now = Date.now();
    this.dirty = true;
    this.lastChangeAt = now;
    if (!this.firstPendingAt) this.firstPendingAt = now;
    this.armFlush();
  }

  /** One timer per document; it re-arms itself instead of being reset on every keystroke. */
  private armFlush(delay?: number): void {
    const due =
      delay !== undefined
        ? Date.now() + delay
        : Math.min(this.lastChangeAt + this.opts.debounceMs, this.firstPendingAt + this.opts.maxDebounceMs);
    if (this.flushTimer && this.flushDueAt <= due) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushDueAt = due;
    this.flushTimer = setTimeout(() => this.onFlushTimer(), Math.max(0, due - Date.now()));
  }

  private onFlushTimer(): void {
    this.flushTimer = undefined;
    if (!this.dirty) return;
    const due = Math.min(this.lastChangeAt + this.opts.debounceMs, this.firstPendingAt + this.opts.maxDebounceMs);
    if (this.failures === 0 && due > Date.now() + 5) {
      this.armFlush();
      return;
    }
    void this.flush();
  }

  /**
   * Stores every local change now, as one update: the document's diff from what is known stored
   * (cheap: no re-merging of thousands of keystrokes). Resolves when stored, or after a failure
   * (the document stays dirty and a retry is scheduled).
   */
  async flush(): Promise<void> {
    while (this.storing) await this.storing;
    if (!this.dirty) return;
    this.dirty = false;
    this.firstPendingAt = 0;
    const sv = Y.encodeStateVector(this.doc);
    const update = Y.encodeStateAsUpdate(this.doc, this.storedSv);
    this.storing = (async () => {
      try {
        await this.host.store(this, update);
        this.storedSv = sv;
        this.failures = 0;
        this.logRows++;
        this.announceStored(sv);
      } catch (error) {
        // Nothing is lost: the document still holds it; try again later.
        this.dirty = true;
        this.firstPendingAt = this.firstPendingAt || Date.now();
        this.failures++;
        const delay = Math.min(this.opts.retryMaxMs, 250 * 2 ** Math.min(this.failures, 10));
        this.log.error(`storing playbook ${this.id} failed (attempt ${this.failures}, retry in ${delay} ms): ${(error as Error).message}`);
        if (!this.destroyed) this.armFlush(delay);
        return;
      }
      await this.host.afterStore(this).catch((e: Error) => this.log.warn(`after-store of ${this.id} failed: ${e.message}`));
    })();
    try {
      await this.storing;
    } finally {
      this.storing = undefined;
    }
    if (this.dirty && this.failures === 0) this.armFlush();
  }

  /**
   * y-websocket has no acknowledgement, so after each store the editors get sync step 1 with the
   * stored state vector: a client whose own clock it covers knows every change it made is stored
   * (the web client's "Tersimpan"). Stock clients answer with the (already known) diff, a no-op.
   * Viewers are left out: their answer would be a dropped update.
   */
  private announceStored(sv: Uint8Array): void {
    let message: Uint8Array | undefined;
    for (const conn of this.conns.keys())
      if (conn.access === 'edit') conn.send((message ??= encodeSyncMessage(sv, syncProtocol.messageYjsSyncStep1)));
  }

  private noteUserChange(): void {
    this.changedSinceVersion = true;
    this.lastUserChangeAt = Date.now();
    if (!this.versionTimer) this.armVersion(this.opts.autoVersionPauseMs);
  }

  private armVersion(delay: number): void {
    this.versionTimer = setTimeout(() => {
      this.versionTimer = undefined;
      const quietFor = Date.now() - this.lastUserChangeAt;
      if (quietFor + 5 < this.opts.autoVersionPauseMs) return this.armVersion(this.opts.autoVersionPauseMs - quietFor);
      if (this.changedSinceVersion) void this.host.autoVersion(this);
    }, delay);
    this.versionTimer.unref();
  }

  /** Stops timers and frees the Yjs document (only once nothing is pending). */
  destroy(): void {
    this.destroyed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.versionTimer) clearTimeout(this.versionTimer);
    this.doc.off('update', this.onUpdate);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awareness.off('change', this.onAwarenessChange);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/**
 * A y-websocket sync message carrying `update`: an ordinary update (broadcasts, the preload) or
 * sync step 2 (the answer to a client's sync step 1, which makes it "synced").
 */
export function encodeSyncMessage(update: Uint8Array, type: number = syncProtocol.messageYjsUpdate): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MSG_SYNC);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
