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

/** Longest wait before a changed presence state is relayed to this node's clients and the bus. */
const AWARENESS_CHANGE_MS = 30;
/**
 * Arrivals and renewals (see `onAwareness`) are paced: batches of PACED_BATCH at least
 * PACED_TICK_MS apart; a backlog is spread evenly up to its tightest deadline (an arrival is shown
 * within ARRIVAL_MAX_DELAY_MS, a renewal relayed within RENEWAL_MAX_DELAY_MS), in larger batches
 * only when needed to keep it. A lone arrival goes at the next tick, a lone renewal within
 * RENEWAL_MAX_AGE_MS; both reach the other nodes within PACED_BUS_MS. Clients drop a state 30 s
 * after its last update and renew it every 15 s: 15 + 1 + 8 leaves 6 s.
 */
const PACED_BATCH = 16;
const PACED_TICK_MS = 100;
const ARRIVAL_MAX_DELAY_MS = 5000;
const RENEWAL_MAX_DELAY_MS = 8000;
const RENEWAL_MAX_AGE_MS = 1000;
const PACED_BUS_MS = 1000;
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
  /** Client ids whose presence really changed since the last batch: said here / relayed from other nodes. */
  private readonly changedHere = new Set<number>();
  private readonly changedRemote = new Set<number>();
  private changeTimer?: NodeJS.Timeout;
  /** Arrivals and renewals not yet relayed to this node's clients: client id → when it came (oldest first). */
  private readonly arrivals = new Map<number, number>();
  private readonly renewals = new Map<number, number>();
  private pacedTimer?: NodeJS.Timeout;
  private pacedDueAt = 0;
  private pacedSentAt = 0;
  /** Arrivals and renewals said here, not yet published to the other nodes. */
  private readonly pacedHere = new Set<number>();
  private busTimer?: NodeJS.Timeout;
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
    if (this.changedHere.size || this.changedRemote.size) this.flushAwareness();
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
   * Presence is relayed in two lanes. A change (a cursor moved, someone left) goes to everyone
   * within AWARENESS_CHANGE_MS, batched. Arrivals and renewals — every client re-sends its
   * unchanged state every 15 s so that the others keep it — are paced (see PACED_BATCH). Each
   * relayed entry costs every receiving client a JSON parse, and each message an echo (stock
   * clients send back whatever they apply). When 500 clients appear together (a reconnect storm;
   * stock clients' first state, clock 0, is only seen at their first renewal), relayed at once
   * their entries kept every client busy for a second or more (the P1b tail in
   * docs/performance.md); spread over a few seconds, no batch holds an edit up for long.
   */
  private readonly onAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const now = Date.now();
    for (const id of added) if (!this.arrivals.has(id)) this.arrivals.set(id, now);
    const target = origin === ORIGIN_REMOTE ? this.changedRemote : this.changedHere;
    for (const ids of [updated, removed])
      for (const id of ids) {
        target.add(id);
        this.arrivals.delete(id);
        this.renewals.delete(id);
      }
    if (target.size) this.changeTimer ??= setTimeout(() => this.flushAwareness(), AWARENESS_CHANGE_MS);
  };

  /** Every applied entry ('change' has run first for the same update): tracks control, queues renewals. */
  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.connections.get(origin as CollabConnection);
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    const now = Date.now();
    for (const id of updated) {
      if (this.changedHere.has(id) || this.changedRemote.has(id) || this.arrivals.has(id)) continue; // queued already
      if (!this.renewals.has(id)) this.renewals.set(id, now);
    }
    if (origin !== ORIGIN_REMOTE) for (const id of [...added, ...updated]) if (!this.changedHere.has(id)) this.pacedHere.add(id);
    this.schedulePaced();
    if (this.pacedHere.size) this.busTimer ??= setTimeout(() => this.publishPaced(), PACED_BUS_MS);
  };

  /** Sends what changed since the last batch: one message to every client and the bus. */
  flushAwareness(): void {
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = undefined;
    if (this.isDestroyed || (!this.changedHere.size && !this.changedRemote.size)) return;
    // Edits applied before this presence change reach the clients before it.
    this.relayUpdates();
    this.sendAwareness([...this.changedHere, ...this.changedRemote]);
    // Only what this node's clients said goes to the other nodes (pending arrivals and renewals ride along).
    for (const id of this.pacedHere) this.changedHere.add(id);
    this.pacedHere.clear();
    if (this.busTimer) clearTimeout(this.busTimer);
    this.busTimer = undefined;
    if (this.changedHere.size)
      this.host.publishAwareness(this, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.changedHere]));
    this.changedHere.clear();
    this.changedRemote.clear();
  }

  /** When the next paced batch goes out (see PACED_BATCH). */
  private schedulePaced(): void {
    const queued = this.arrivals.size + this.renewals.size;
    if (!queued) return;
    const now = Date.now();
    let due: number;
    if (queued >= PACED_BATCH) {
      // A backlog is spread evenly over what is left of its tightest deadline, a batch at a time.
      const gap = Math.min(RENEWAL_MAX_AGE_MS, Math.max(PACED_TICK_MS, ((this.pacedDeadline() - now) * PACED_BATCH) / queued));
      due = this.pacedSentAt + gap;
    } else if (this.arrivals.size) due = this.pacedSentAt + PACED_TICK_MS;
    else due = (this.renewals.values().next().value as number) + RENEWAL_MAX_AGE_MS;
    if (this.pacedTimer && this.pacedDueAt <= due) return;
    if (this.pacedTimer) clearTimeout(this.pacedTimer);
    this.pacedDueAt = due;
    this.pacedTimer = setTimeout(() => this.relayPaced(), Math.max(0, due - now));
  }

  /** The earliest time by which the oldest queued arrival or renewal must have gone out. */
  private pacedDeadline(): number {
    const arrival = this.arrivals.values().next().value as number | undefined;
    const renewal = this.renewals.values().next().value as number | undefined;
    return Math.min(
      arrival === undefined ? Infinity : arrival + ARRIVAL_MAX_DELAY_MS,
      renewal === undefined ? Infinity : renewal + RENEWAL_MAX_DELAY_MS,
    );
  }

  /** One paced batch, arrivals first, oldest first: as many as keep every deadline. */
  private relayPaced(): void {
    this.pacedTimer = undefined;
    const queued = this.arrivals.size + this.renewals.size;
    if (this.isDestroyed || !queued) return;
    const now = Date.now();
    const ticksLeft = Math.max(1, (this.pacedDeadline() - now) / PACED_TICK_MS);
    const n = Math.max(PACED_BATCH, Math.ceil(queued / ticksLeft));
    const ids: number[] = [];
    for (const queue of [this.arrivals, this.renewals])
      for (const id of queue.keys()) {
        if (ids.length === n) break;
        ids.push(id);
        queue.delete(id);
      }
    this.pacedSentAt = now;
    this.relayUpdates();
    this.sendAwareness(ids);
    this.schedulePaced();
  }

  private publishPaced(): void {
    this.busTimer = undefined;
    if (this.isDestroyed || !this.pacedHere.size) return;
    this.host.publishAwareness(this, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.pacedHere]));
    this.pacedHere.clear();
  }

  /** The current entries of these client ids, encoded once, to every client of this node. */
  private sendAwareness(ids: number[]): void {
    const known = ids.filter((id) => this.awareness.meta.has(id));
    if (!known.length) return;
    const message = asBuffer(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, known)));
    for (const c of this.connections.keys()) c.send(message);
  }

  /** Stops timers and frees the Yjs document (only once nothing is pending). */
  destroy(): void {
    this.isDestroyed = true;
    this.storeQueue.stop();
    if (this.versionTimer) clearTimeout(this.versionTimer);
    this.doc.off('update', this.onUpdate);
    if (this.relayImmediate) clearImmediate(this.relayImmediate);
    this.relayQueue = [];
    for (const timer of [this.changeTimer, this.pacedTimer, this.busTimer]) if (timer) clearTimeout(timer);
    this.awareness.off('change', this.onAwarenessChange);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
