import { Inject, Injectable, Logger } from '@nestjs/common';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CONTENT, nestsDeeperThan, toPlainText, toProseMirrorJson } from '../content/prosemirror';
import { toYNodes } from '../content/restore';
import { MAX_DEPTH } from '../content/schema';
import { BusKind, BusKindValue, CollabBus } from './collab-bus';
import type { CollabConnection } from './collab-connection';
import { CollabDocument, DocumentHost, ORIGIN_REMOTE } from './collab-document';
import { CollabOptions } from './collab-options';
import { PlaybookStore } from './playbook-store';
import type { DocumentStorage } from './playbook-store';
import { PlaybookVersionsStore } from './playbook-versions.store';

/** Hands the stored state of a document being loaded to one client before the server parses it. */
export type Preload = (state: Uint8Array) => Promise<void> | void;

/**
 * The live documents of this node: loads them once (concurrent openers share the load),
 * stores their changes, relays them between nodes, and unloads them when idle. Only this class
 * adds or removes documents; others read them through `docs` and `connections`.
 */
@Injectable()
export class CollabDocuments implements DocumentHost {
  private readonly log = new Logger('CollabDocuments');
  private readonly live = new Map<string, CollabDocument>();
  private readonly loading = new Map<string, Promise<CollabDocument | null>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private closing = false;

  constructor(
    @Inject(PlaybookStore) private readonly storage: DocumentStorage,
    private readonly versions: PlaybookVersionsStore,
    private readonly bus: CollabBus,
    readonly opts: CollabOptions,
  ) {}

  /** The documents loaded on this node, by playbook id. */
  get docs(): ReadonlyMap<string, CollabDocument> {
    return this.live;
  }

  /** Every open connection on this node, or on one playbook only. */
  *connections(playbookId?: string): Iterable<CollabConnection> {
    for (const doc of this.live.values()) if (!playbookId || doc.id === playbookId) yield* doc.conns.keys();
  }

  /** How many connections are open on this node. */
  connectionCount(): number {
    let n = 0;
    for (const doc of this.live.values()) n += doc.conns.size;
    return n;
  }

  /**
   * The live document, loading it from storage if needed; null when the playbook does not exist.
   * When this call loads it and the stored state is one update, `preload` gets those bytes before
   * they are parsed (and the parse waits for what it returns), so a client can parse its copy
   * while the server parses its own.
   */
  async open(id: string, preload?: Preload): Promise<CollabDocument | null> {
    const loaded = this.live.get(id);
    if (loaded && !loaded.destroyed) {
      this.cancelUnload(id);
      return loaded;
    }
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.load(id, preload).finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    const doc = await loading;
    if (doc) this.cancelUnload(id);
    return doc;
  }

  private async load(id: string, preload?: Preload): Promise<CollabDocument | null> {
    const state = await this.storage.load(id);
    if (!state) return null;
    if (preload && state.parts.length === 1) await preload(state.parts[0]);
    let doc = new CollabDocument(id, this.opts, this, state.parts, state.logRows);
    if (nestsDeeperThan(doc.doc, MAX_DEPTH)) doc = await this.repair(doc, state.logRows);
    this.live.set(id, doc);
    if (this.bus.enabled) {
      await this.bus.subscribeDoc(id, (kind, payload) => this.fromBus(doc, kind, payload));
      // Ask nodes already holding it for changes they have not stored yet.
      this.bus.publish(id, BusKind.HELLO, Y.encodeStateVector(doc.doc));
    }
    // Opened by nobody in the end (client went away during the load): unload later.
    this.scheduleUnload(doc);
    return doc;
  }

  /**
   * A document stored before the schema was enforced may nest deeper than any update may now:
   * deleting such a subtree overflows Yjs's recursion. It is rebuilt once, from its depth-capped
   * content (what lies deeper is lifted into the deepest allowed element), and stored in place.
   */
  private async repair(doc: CollabDocument, logRows: number): Promise<CollabDocument> {
    this.log.warn(`playbook ${doc.id} nests deeper than ${MAX_DEPTH}: rebuilding it within the limit`);
    const fresh = new Y.Doc();
    try {
      const tree = toProseMirrorJson(doc.doc, MAX_DEPTH);
      fresh.transact(() => {
        fresh.getXmlFragment(CONTENT).insert(0, toYNodes(tree.content ?? []));
        const meta = fresh.getMap('meta');
        for (const [k, v] of doc.doc.getMap('meta').entries()) meta.set(k, v instanceof Y.AbstractType ? v.toJSON() : v);
      });
      const state = Y.encodeStateAsUpdate(fresh);
      await this.storage.replace(doc.id, state);
      doc.destroy();
      return new CollabDocument(doc.id, this.opts, this, [state], logRows);
    } finally {
      fresh.destroy();
    }
  }

  private fromBus(doc: CollabDocument, kind: BusKindValue, payload: Uint8Array): void {
    if (doc.destroyed) return;
    try {
      if (kind === BusKind.UPDATE) Y.applyUpdate(doc.doc, payload, ORIGIN_REMOTE);
      else if (kind === BusKind.AWARENESS) {
        doc.presence.claimRemote(payload);
        awarenessProtocol.applyAwarenessUpdate(doc.awareness, payload, ORIGIN_REMOTE);
      } else if (kind === BusKind.HELLO) {
        const diff = Y.encodeStateAsUpdate(doc.doc, payload);
        if (diff.length > 2) this.bus.publish(doc.id, BusKind.UPDATE, diff);
        const states = [...doc.awareness.getStates().keys()];
        if (states.length) this.bus.publish(doc.id, BusKind.AWARENESS, awarenessProtocol.encodeAwarenessUpdate(doc.awareness, states));
      }
    } catch (error) {
      this.log.warn(`bad bus message for ${doc.id}: ${(error as Error).message}`);
    }
  }

  /** Runs `fn` with the document loaded and kept in memory meanwhile; null when unknown. */
  async withDoc<T>(id: string, fn: (doc: CollabDocument) => Promise<T> | T): Promise<T | null> {
    const doc = await this.open(id);
    if (!doc) return null;
    doc.hold();
    try {
      return await fn(doc);
    } finally {
      doc.release();
      this.scheduleUnload(doc);
    }
  }

  // --- DocumentHost ---

  async store(doc: CollabDocument, update: Uint8Array): Promise<void> {
    await this.storage.append(doc.id, update, this.bus.nodeId, doc.lastEditorId);
  }

  /** Search text, then compaction: independent, so a failing refresh never stops the log shrinking. */
  async afterStore(doc: CollabDocument): Promise<void> {
    if (!doc.destroyed) {
      await Promise.resolve()
        .then(() => this.storage.savePlainText(doc.id, toPlainText(doc.doc)))
        .catch((e: Error) => this.log.warn(`search text of ${doc.id} not refreshed: ${e.message}`));
    }
    if (doc.takeCompaction(this.opts.compactAfterRows)) {
      // One round merges at most 50k rows: go on until the log is short.
      while ((await this.storage.compact(doc.id)) >= 50_000);
    }
  }

  publishUpdate(doc: CollabDocument, update: Uint8Array): void {
    if (this.bus.enabled) this.bus.publish(doc.id, BusKind.UPDATE, update);
  }

  publishAwareness(doc: CollabDocument, update: Uint8Array): void {
    if (this.bus.enabled) this.bus.publish(doc.id, BusKind.AWARENESS, update);
  }

  async autoVersion(doc: CollabDocument): Promise<void> {
    const state = doc.takeVersionState();
    if (!state) return;
    try {
      await this.versions.insert(doc.id, 'Versi otomatis', state, true, null);
    } catch (error) {
      doc.versionFailed();
      this.log.warn(`auto version of ${doc.id} failed: ${(error as Error).message}`);
    }
  }

  idle(doc: CollabDocument): void {
    this.scheduleUnload(doc);
  }

  // --- lifecycle ---

  private scheduleUnload(doc: CollabDocument): void {
    if (doc.destroyed || doc.conns.size || doc.held || this.closing) return;
    this.cancelUnload(doc.id);
    const timer = setTimeout(() => void this.unload(doc), this.opts.idleUnloadMs);
    timer.unref();
    this.unloadTimers.set(doc.id, timer);
  }

  private cancelUnload(id: string): void {
    const t = this.unloadTimers.get(id);
    if (t) clearTimeout(t);
    this.unloadTimers.delete(id);
  }

  private async unload(doc: CollabDocument): Promise<void> {
    this.unloadTimers.delete(doc.id);
    if (doc.destroyed || doc.conns.size || doc.held) return;
    if (doc.versionDue) await this.autoVersion(doc);
    await doc.flush();
    // Still failing to store, or someone came back meanwhile: keep it.
    if (doc.hasPending) return this.scheduleUnload(doc);
    if (doc.conns.size || doc.held || doc.destroyed) return;
    this.live.delete(doc.id);
    doc.destroy();
    await this.bus.unsubscribeDoc(doc.id);
  }

  /** Stores everything, retrying a failing store a few times (shutdown). */
  async flushAll(attempts = 5): Promise<void> {
    this.closing = true;
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    for (let i = 0; i < attempts; i++) {
      await Promise.all([...this.live.values()].map((d) => d.flush()));
      if (![...this.live.values()].some((d) => d.hasPending)) return;
      await new Promise((r) => setTimeout(r, 200 * (i + 1)));
    }
    const lost = [...this.live.values()].filter((d) => d.hasPending).map((d) => d.id);
    if (lost.length) this.log.error(`could not store changes of ${lost.join(', ')} before shutdown`);
  }

  destroyAll(): void {
    for (const doc of this.live.values()) doc.destroy();
    this.live.clear();
  }
}
