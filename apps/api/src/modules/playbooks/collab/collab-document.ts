import { Logger } from '@nestjs/common';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { CollabConnection } from './collab-connection';
import { MAX_DEPTH } from '../content/schema';
import { CollabOptions } from './collab-options';
import { Presence } from './presence';
import { asBuffer, encodeAwarenessMessage, encodeAwarenessStates, encodeSyncMessage, encodeSyncStep1 } from './protocol';
import { StoreQueue } from './store-queue';
import { checkUpdate } from './update-check';

/** Longest wait before a changed presence state is relayed, and before a mere renewal is. */
const AWARENESS_CHANGE_MS = 30;
const AWARENESS_RENEWAL_MS = 1000;
/** Most updates merged into one relayed message (Y.mergeUpdates grows super-linearly). */
const RELAY_MERGE_MAX = 32;

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
 * holds changes not yet stored. Changes are stored through a `StoreQueue` (debounced, retried
 * with backoff); the document is never unloaded while it holds unstored changes. Its state
 * changes only through its methods.
 */
export class CollabDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Deepest element nesting an update may create. */
  readonly maxDepth = MAX_DEPTH;
  /** Which user owns which awareness client id. */
  readonly presence = new Presence();
  /** State vector right after loading: what a client sent the stored state before the load has. */
  readonly loadedSv: Uint8Array;

  /** Each connection with the awareness client ids it controls. */
  private readonly connections = new Map<CollabConnection, Set<number>>();
  /**
   * Per editing connection, the Yjs clients it wrote for and the stored clock it was last told of
   * each: a stored notice goes only to a connection with something newly stored.
   */
  private readonly toldStored = new Map<CollabConnection, Map<number, number>>();
  /** Service operations (versions, restore, export) holding the document loaded. */
  private holdCount = 0;
  /** Approximate encoded size: refreshed exactly when near the limit. */
  private sizeEstimate = 0;
  /** Approximate Yjs item count (what memory grows with): refreshed exactly when near the limit. */
  private itemEstimate = 0;
  private editorId: string | null = null;
  /** Log rows stored since the last compaction (or found at load). */
  private logRows: number;
  private isDestroyed = false;
  /**
   * The whole document as one update while it is unchanged: answers every new (empty) client
   * without re-encoding. Starts as the stored snapshot itself when that was all there was.
   */
  private fullState?: Uint8Array;
  private readonly storeQueue: StoreQueue;
  private lastUserChangeAt = 0;
  private versionTimer?: NodeJS.Timeout;
  private changedSinceVersion = false;
  private readonly log = new Logger('CollabDocument');
  /** Client ids whose awareness changed since the last batch: said here / relayed from other nodes. */
  private readonly awarenessFromHere = new Set<number>();
  private readonly awarenessFromRemote = new Set<number>();
  private awarenessUrgent = false;
  private awarenessUrgentRemote = false;
  private awarenessTimer?: NodeJS.Timeout;
  private awarenessDueAt = 0;
  /** Updates applied in this event-loop turn, not yet relayed (see `relayUpdates`). */
  private relayQueue: { update: Uint8Array; origin: unknown }[] = [];
  private relayImmediate?: NodeJS.Immediate;

  constructor(
    readonly id: string,
    private readonly opts: CollabOptions,
    private readonly host: DocumentHost,
    initial: Uint8Array[],
    /** Log rows the stored state has outside its snapshot. */
    logRows = 0,
  ) {
    this.logRows = logRows;
    this.awareness.setLocalState(null);
    // One transaction for the whole history: one cleanup pass instead of one per row.
    this.doc.transact(() => {
      for (const part of initial) Y.applyUpdate(this.doc, part, ORIGIN_LOAD);
    }, ORIGIN_LOAD);
    this.sizeEstimate = initial.reduce((n, p) => n + p.length, 0);
    this.exactItems();
    this.storeQueue = new StoreQueue(this.doc, opts, { write: (u) => this.host.store(this, u), written: (sv) => this.written(sv) }, id);
    this.loadedSv = Y.encodeStateVector(this.doc);
    if (initial.length === 1) this.fullState = initial[0];
    this.doc.on('update', this.onUpdate);
    this.awareness.on('change', this.onAwarenessChange);
    this.awareness.on('update', this.onAwareness);
  }

  // --- what others read ---

  /** The open connections, each with the awareness client ids it controls. */
  get conns(): ReadonlyMap<CollabConnection, ReadonlySet<number>> {
    return this.connections;
  }

  /** Changes not yet stored, or a store under way. */
  get hasPending(): boolean {
    return this.storeQueue.hasPending;
  }

  get destroyed(): boolean {
    return this.isDestroyed;
  }

  /** Whether a service operation holds the document loaded. */
  get held(): boolean {
    return this.holdCount > 0;
  }

  /** The user whose change came last (stored with the next append). */
  get lastEditorId(): string | null {
    return this.editorId;
  }

  // --- connections ---

  addConnection(conn: CollabConnection): void {
    this.connections.set(conn, new Set());
  }

  removeConnection(conn: CollabConnection): void {
    const controlled = this.connections.get(conn);
    if (!controlled) return;
    this.connections.delete(conn);
    this.toldStored.delete(conn);
    if (controlled.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    if (this.connections.size === 0) {
      // The last client left: store at once rather than after the debounce.
      void this.flush();
      this.host.idle(this);
    }
  }

  /** A service operation keeps the document loaded until `release`. */
  hold(): void {
    this.holdCount++;
  }

  release(): void {
    this.holdCount--;
  }

  /** Names the user a server-side change (restore) is made for: stored with the next append. */
  noteEditor(userId: string): void {
    this.editorId = userId;
  }

  /** The messages a new client gets first: sync step 1, then everyone's awareness. */
  greeting(): Uint8Array[] {
    const out = [encodeSyncStep1(this.doc)];
    const states = this.awareness.getStates();
    if (states.size) out.push(encodeAwarenessStates(this.awareness, [...states.keys()]));
    return out;
  }

  /** The whole document as one update (cached until the next change). */
  encodedState(): Uint8Array {
    // Updates waiting for missing dependencies change the encoding without an 'update' event.
    const { pendingStructs, pendingDs } = this.doc.store;
    if (pendingStructs || pendingDs) return Y.encodeStateAsUpdate(this.doc);
    return (this.fullState ??= Y.encodeStateAsUpdate(this.doc));
  }

  // --- edits ---

  /**
   * Applies an editor's update within the document's limits: the reason when it would exceed
   * them (nothing applied), else null. Throws `UpdateRefused` when the schema refuses it.
   */
  applyClientUpdate(update: Uint8Array, conn: CollabConnection): 'document too large' | 'document has too many items' | null {
    if (this.sizeEstimate + update.length > this.opts.maxDocBytes && this.exactSize() + update.length > this.opts.maxDocBytes) {
      return 'document too large';
    }
    const facts = checkUpdate(this.doc, update, this.maxDepth);
    if (this.itemEstimate + facts.items > this.opts.maxDocItems && this.exactItems() + facts.items > this.opts.maxDocItems) {
      return 'document has too many items';
    }
    this.itemEstimate += facts.items;
    for (const id of facts.clients) this.presence.claim(id, conn.userId);
    Y.applyUpdate(this.doc, update, conn);
    let told = this.toldStored.get(conn);
    if (!told) this.toldStored.set(conn, (told = new Map()));
    for (const id of facts.clients) if (!told.has(id)) told.set(id, 0);
    return null;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullState = undefined;
    // A presence change said before this edit arrives before it.
    if (this.awarenessUrgent || this.awarenessUrgentRemote) this.flushAwareness();
    // Not relayed at all when the sender is alone (bulk ingest).
    if (this.connections.size > (this.connections.has(origin as CollabConnection) ? 1 : 0)) {
      this.relayQueue.push({ update, origin });
      this.relayImmediate ??= setImmediate(() => this.relayUpdates());
    }
    if (origin === ORIGIN_REMOTE || origin === ORIGIN_LOAD) return;
    this.host.publishUpdate(this, update);
    this.sizeEstimate += update.length;
    this.storeQueue.changed();
    if (origin !== ORIGIN_SERVER) {
      this.noteUserChange();
      if (origin && typeof origin === 'object' && 'userId' in origin) this.editorId = (origin as CollabConnection).userId;
    }
  };

  /**
   * Relays the updates applied since the last relay to every connection but their sender. It runs
   * at the end of the event-loop turn (setImmediate: no timer, no added wait when the server keeps
   * up), so a server that fell behind — several frames read in one turn — sends one merged
   * message per receiver instead of one per update: with 500 receivers each message saved is 500
   * socket writes, and the backlog shrinks instead of growing. Updates from one sender in a row
   * are merged; each message is encoded once for all receivers. Anything else sent to the
   * clients (awareness, stored notices) relays the queue first, so the order they see is kept.
   */
  relayUpdates(): void {
    if (this.relayImmediate) clearImmediate(this.relayImmediate);
    this.relayImmediate = undefined;
    const queue = this.relayQueue;
    if (!queue.length) return;
    this.relayQueue = [];
    for (let i = 0; i < queue.length;) {
      const origin = queue[i]!.origin;
      let j = i + 1;
      while (j < queue.length && j - i < RELAY_MERGE_MAX && queue[j]!.origin === origin) j++;
      const update = j - i === 1 ? queue[i]!.update : Y.mergeUpdates(queue.slice(i, j).map((q) => q.update));
      i = j;
      let message: Buffer | undefined;
      for (const conn of this.connections.keys()) if (conn !== origin) conn.send((message ??= asBuffer(encodeSyncMessage(update))));
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

  // --- storing ---

  /**
   * Stores every local change now (see `StoreQueue.flush`). Resolves when stored, or after a
   * failure (the document stays dirty and a retry is scheduled).
   */
  flush(): Promise<void> {
    return this.storeQueue.flush();
  }

  /** After each store: tell the editors, then the host's follow-ups (search text, compaction). */
  private async written(sv: Uint8Array): Promise<void> {
    this.logRows++;
    this.announceStored(sv);
    await this.host.afterStore(this).catch((e: Error) => this.log.warn(`after-store of ${this.id} failed: ${e.message}`));
  }

  /**
   * y-websocket has no acknowledgement, so after each store an editor gets sync step 1 with the
   * stored state vector: a client whose own clock it covers knows every change it made is stored
   * (the web client's "Tersimpan"). Stock clients answer with the (already known) diff, a no-op.
   * Only connections whose own clients' stored clocks moved since they were last told get it:
   * idle editors learn nothing from it, and at 500 of them the no-op answers were 500 messages a
   * store. Viewers are left out: their answer would be a dropped update.
   */
  private announceStored(sv: Uint8Array): void {
    this.relayUpdates();
    let stored: Map<number, number> | undefined;
    let message: Buffer | undefined;
    for (const [conn, told] of this.toldStored) {
      if (conn.access !== 'edit') continue;
      stored ??= Y.decodeStateVector(sv);
      let moved = false;
      for (const [client, clock] of told) {
        const now = stored.get(client) ?? 0;
        if (now <= clock) continue;
        told.set(client, now);
        moved = true;
      }
      if (moved) conn.send((message ??= asBuffer(encodeSyncMessage(sv, syncProtocol.messageYjsSyncStep1))));
    }
  }

  /** True (and the count restarts) once `threshold` log rows were stored since the last compaction. */
  takeCompaction(threshold: number): boolean {
    if (this.logRows < threshold) return false;
    this.logRows = 0;
    return true;
  }

  // --- automatic versions ---

  /** Whether users changed the document since its last automatic version. */
  get versionDue(): boolean {
    return this.changedSinceVersion;
  }

  /** The state for an automatic version, or null when nothing changed; `versionFailed` undoes it. */
  takeVersionState(): Uint8Array | null {
    if (this.isDestroyed || !this.changedSinceVersion) return null;
    this.changedSinceVersion = false;
    return Y.encodeStateAsUpdate(this.doc);
  }

  versionFailed(): void {
    this.changedSinceVersion = true;
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

  // --- awareness ---

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
    const controlled = this.connections.get(origin as CollabConnection);
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
    if (this.isDestroyed || (!this.awarenessFromHere.size && !this.awarenessFromRemote.size)) return;
    // Edits applied before this presence change reach the clients before it.
    this.relayUpdates();
    const ids = new Set([...this.awarenessFromHere, ...this.awarenessFromRemote]);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...ids]);
    const message = asBuffer(encodeAwarenessMessage(update));
    for (const c of this.connections.keys()) c.send(message);
    // Only what this node's clients said goes to the other nodes.
    if (this.awarenessFromHere.size)
      this.host.publishAwareness(
        this,
        this.awarenessFromRemote.size ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessFromHere]) : update,
      );
    this.awarenessFromHere.clear();
    this.awarenessFromRemote.clear();
  }

  /** Stops timers and frees the Yjs document (only once nothing is pending). */
  destroy(): void {
    this.isDestroyed = true;
    this.storeQueue.stop();
    if (this.versionTimer) clearTimeout(this.versionTimer);
    this.doc.off('update', this.onUpdate);
    if (this.relayImmediate) clearImmediate(this.relayImmediate);
    this.relayQueue = [];
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awareness.off('change', this.onAwarenessChange);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
