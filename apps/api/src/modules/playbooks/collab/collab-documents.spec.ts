import { Logger } from '@nestjs/common';
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AppConfig } from '@app/common';
import { CollabBus } from './collab-bus';
import { CollabConnection } from './collab-connection';
import { type CollabDocument, ORIGIN_REMOTE } from './collab-document';
import { CollabDocuments } from './collab-documents.service';
import { CollabOptions } from './collab-options';
import type { DocumentStorage, LoadedState } from './playbook-store';
import type { PlaybookVersionsStore } from './playbook-versions.store';
import { decodeAwareness, encodeAwareness, encodeAwarenessMessage, encodeSyncMessage } from './protocol';

const PLAYBOOK = '00000000-0000-4000-8000-000000000001';

const paragraph = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, text);
  p.insert(0, [t]);
  return p;
};

/** The persistence interface, in memory: counts every append and can fail or hang on demand. */
class FakeStore implements DocumentStorage {
  readonly appended: Uint8Array[] = [];
  attempts = 0;
  /** Appends that throw before one succeeds again (Infinity: until reset). */
  failures = 0;
  /** When set, the next append waits for it. */
  gate?: Promise<void>;

  constructor(readonly initial: Uint8Array) {}

  load(): Promise<LoadedState | null> {
    return Promise.resolve({ parts: [this.initial], logRows: 0 });
  }

  async append(_id: string, update: Uint8Array): Promise<void> {
    this.attempts++;
    if (this.gate) await this.gate;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('database unavailable (fake)');
    }
    this.appended.push(update);
  }

  savePlainText(): Promise<void> {
    return Promise.resolve();
  }

  replace(): Promise<void> {
    return Promise.resolve();
  }

  compact(): Promise<number> {
    return Promise.resolve(0);
  }
}

/** A socket that only records what the server sends it. */
function fakeSocket() {
  return {
    bufferedAmount: 0,
    sent: [] as Uint8Array[],
    send(m: Uint8Array) {
      this.sent.push(m);
    },
    close() {},
    terminate() {},
  };
}

/** A stored playbook, the live documents of a node over the fake store, and one editor's client. */
async function setup() {
  const seed = new Y.Doc();
  seed.getXmlFragment('content').insert(0, [paragraph('awal')]);
  const store = new FakeStore(Y.encodeStateAsUpdate(seed));
  seed.destroy();
  const versions = { insert: jest.fn(() => Promise.resolve()) };
  const opts = new CollabOptions();
  const bus = new CollabBus({ nodeId: 'unit' } as AppConfig);
  const documents = new CollabDocuments(store, versions as unknown as PlaybookVersionsStore, bus, opts);
  const doc = (await documents.open(PLAYBOOK))!;
  const conn = new CollabConnection(fakeSocket() as unknown as WebSocket, doc, { id: 'u1', name: 'Ani' }, 'edit', undefined, opts);
  doc.addConnection(conn);
  const client = new Y.Doc();
  Y.applyUpdate(client, doc.encodedState());
  /** One edit on the client, sent to the server as a y-websocket update. */
  const type = (text: string) => {
    const sv = Y.encodeStateVector(client);
    client.getXmlFragment('content').push([paragraph(text)]);
    conn.handle(encodeSyncMessage(Y.encodeStateAsUpdate(client, sv)));
  };
  /** What the store holds: the seed plus every appended update, as text. */
  const stored = () => {
    const d = new Y.Doc();
    Y.applyUpdate(d, store.initial);
    for (const u of store.appended) Y.applyUpdate(d, u);
    const text = d.getXmlFragment('content').toString();
    d.destroy();
    return text;
  };
  return { store, versions, opts, documents, doc, conn, client, type, stored };
}

describe('CollabDocuments (fake timers, fake store)', () => {
  let env: Awaited<ReturnType<typeof setup>>;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    env = await setup();
    env.opts.debounceMs = 2000;
    env.opts.maxDebounceMs = 10_000;
    env.opts.retryMaxMs = 30_000;
    env.opts.idleUnloadMs = 30_000;
  });
  afterEach(() => {
    env.documents.destroyAll();
    env.client.destroy();
    jest.useRealTimers();
  });

  describe('debounce', () => {
    it('stores many updates as one, once the edits pause for debounceMs', async () => {
      const { store, type, stored, client, doc } = env;
      for (let i = 0; i < 40; i++) {
        type(`ketik ${i}`);
        await jest.advanceTimersByTimeAsync(100);
      }
      expect(store.attempts).toBe(0);
      await jest.advanceTimersByTimeAsync(2000 - 100 - 1);
      expect(store.attempts).toBe(0);
      expect(doc.hasPending).toBe(true);
      await jest.advanceTimersByTimeAsync(1);
      expect(store.appended).toHaveLength(1);
      expect(stored()).toBe(client.getXmlFragment('content').toString());
      expect(doc.hasPending).toBe(false);
      // Nothing new: no further store, however long we wait.
      await jest.advanceTimersByTimeAsync(60_000);
      expect(store.attempts).toBe(1);
    });

    it('stores at the latest maxDebounceMs after the first change, even while edits keep coming', async () => {
      const { store, type } = env;
      for (let i = 0; i < 99; i++) {
        type(`terus ${i}`);
        await jest.advanceTimersByTimeAsync(100);
      }
      expect(store.attempts).toBe(0);
      type('terus 99');
      await jest.advanceTimersByTimeAsync(100);
      // Started at 0, still typing at 10 s: stored at 10 s, not 2 s after the last key.
      expect(store.appended).toHaveLength(1);
    });

    it('tells the editor what is stored (sync step 1 with the stored state vector)', async () => {
      const { type, conn } = env;
      type('simpan');
      const socket = conn.ws as unknown as ReturnType<typeof fakeSocket>;
      const before = socket.sent.length;
      await jest.advanceTimersByTimeAsync(2000);
      expect(socket.sent.length).toBe(before + 1);
      expect([...socket.sent.at(-1)!.subarray(0, 2)]).toEqual([0, 0]);
    });

    it('tells only the editors with something newly stored: an idle editor is left alone', async () => {
      const { type, conn, doc, opts } = env;
      const idle = new CollabConnection(fakeSocket() as unknown as WebSocket, doc, { id: 'u2', name: 'Budi' }, 'edit', undefined, opts);
      doc.addConnection(idle);
      const idleSocket = idle.ws as unknown as ReturnType<typeof fakeSocket>;
      const socket = conn.ws as unknown as ReturnType<typeof fakeSocket>;
      type('satu');
      await jest.advanceTimersByTimeAsync(2000);
      const isNotice = (m: Uint8Array) => m[0] === 0 && m[1] === 0;
      expect(socket.sent.filter(isNotice)).toHaveLength(1);
      expect(idleSocket.sent.filter(isNotice)).toHaveLength(0);
      // A second store of the same editor's edit is announced again; a store of nothing new is not.
      type('dua');
      await jest.advanceTimersByTimeAsync(2000);
      expect(socket.sent.filter(isNotice)).toHaveLength(2);
      expect(idleSocket.sent.filter(isNotice)).toHaveLength(0);
    });

    it('an edit typed while a store is in flight is announced after the store that holds it', async () => {
      const { store, type, conn, client } = env;
      const socket = conn.ws as unknown as ReturnType<typeof fakeSocket>;
      const isNotice = (m: Uint8Array) => m[0] === 0 && m[1] === 0;
      // [messageSync, syncStep1, varUint8Array(stored state vector)]
      const storedClock = (m: Uint8Array) => {
        const d = decoding.createDecoder(m);
        decoding.readVarUint(d);
        decoding.readVarUint(d);
        return Y.decodeStateVector(decoding.readVarUint8Array(d)).get(client.clientID) ?? 0;
      };
      let open!: () => void;
      store.gate = new Promise<void>((resolve) => (open = resolve));
      type('pertama');
      await jest.advanceTimersByTimeAsync(2000); // the store starts and waits at the gate
      type('kedua'); // arrives during the store
      store.gate = undefined;
      open();
      await jest.advanceTimersByTimeAsync(0);
      await jest.advanceTimersByTimeAsync(2000); // the next store holds 'kedua'
      const notices = socket.sent.filter(isNotice);
      expect(notices).toHaveLength(2);
      expect(storedClock(notices.at(-1)!)).toBe(Y.getState(client.store, client.clientID));
    });
  });

  describe('retry', () => {
    it('keeps the changes while storing fails and stores them all on a retry with backoff', async () => {
      const { store, type, stored, client, doc } = env;
      store.failures = 2;
      type('pertama');
      await jest.advanceTimersByTimeAsync(2000);
      expect(store.attempts).toBe(1);
      expect(store.appended).toHaveLength(0);
      expect(doc.hasPending).toBe(true);
      // Typed while the database is down: goes with the retry, not lost.
      type('kedua');
      // Backoff: 500 ms after the first failure, then 1000 ms.
      await jest.advanceTimersByTimeAsync(499);
      expect(store.attempts).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(store.attempts).toBe(2);
      await jest.advanceTimersByTimeAsync(999);
      expect(store.attempts).toBe(2);
      await jest.advanceTimersByTimeAsync(1);
      expect(store.attempts).toBe(3);
      expect(store.appended).toHaveLength(1);
      expect(stored()).toBe(client.getXmlFragment('content').toString());
      expect(stored()).toContain('pertama');
      expect(stored()).toContain('kedua');
      expect(doc.hasPending).toBe(false);
    });

    it('backs off no longer than retryMaxMs', async () => {
      const { store, type, opts } = env;
      opts.retryMaxMs = 3000;
      store.failures = Infinity;
      type('gagal terus');
      await jest.advanceTimersByTimeAsync(2000 + 500 + 1000 + 2000);
      expect(store.attempts).toBe(4);
      // 4000 ms would be next: capped at 3000.
      await jest.advanceTimersByTimeAsync(3000);
      expect(store.attempts).toBe(5);
      await jest.advanceTimersByTimeAsync(3000);
      expect(store.attempts).toBe(6);
    });
  });

  describe('unload', () => {
    it('stores at once when the last connection closes, and unloads after idleUnloadMs', async () => {
      const { store, type, conn, documents, doc, stored } = env;
      type('sebelum pergi');
      conn.gone();
      await jest.advanceTimersByTimeAsync(0);
      expect(store.appended).toHaveLength(1);
      expect(stored()).toContain('sebelum pergi');
      await jest.advanceTimersByTimeAsync(30_000 - 1);
      expect(documents.docs.has(PLAYBOOK)).toBe(true);
      await jest.advanceTimersByTimeAsync(1);
      expect(documents.docs.has(PLAYBOOK)).toBe(false);
      expect(doc.destroyed).toBe(true);
      // The edits since the last version became an automatic version before unloading.
      expect(env.versions.insert).toHaveBeenCalledTimes(1);
      expect(store.appended).toHaveLength(1);
    });

    it('keeps a document with open connections loaded', async () => {
      const { documents, type } = env;
      type('masih di sini');
      await jest.advanceTimersByTimeAsync(120_000);
      expect(documents.docs.has(PLAYBOOK)).toBe(true);
    });

    it('does not unload while a store is under way, and unloads once it finished', async () => {
      const { store, type, conn, documents, doc } = env;
      let finish!: () => void;
      store.gate = new Promise<void>((r) => (finish = r));
      type('lambat');
      conn.gone();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(store.attempts).toBe(1);
      expect(documents.docs.has(PLAYBOOK)).toBe(true);
      expect(doc.destroyed).toBe(false);
      expect(doc.hasPending).toBe(true);
      finish();
      await jest.advanceTimersByTimeAsync(0);
      expect(store.appended).toHaveLength(1);
      expect(documents.docs.has(PLAYBOOK)).toBe(false);
      expect(doc.destroyed).toBe(true);
    });

    it('does not unload while storing keeps failing; unloads after the store succeeds', async () => {
      const { store, type, conn, documents, doc, stored } = env;
      store.failures = Infinity;
      type('jangan hilang');
      conn.gone();
      await jest.advanceTimersByTimeAsync(5 * 60_000);
      expect(store.attempts).toBeGreaterThan(5);
      expect(documents.docs.has(PLAYBOOK)).toBe(true);
      expect(doc.destroyed).toBe(false);
      store.failures = 0;
      // At most one retry interval, then one idle period.
      await jest.advanceTimersByTimeAsync(30_000 + 30_000);
      expect(store.appended).toHaveLength(1);
      expect(stored()).toContain('jangan hilang');
      expect(documents.docs.has(PLAYBOOK)).toBe(false);
    });

    it('a document reopened before the idle timer fires stays loaded', async () => {
      const { conn, documents, doc } = env;
      conn.gone();
      await jest.advanceTimersByTimeAsync(10_000);
      const again = (await documents.open(PLAYBOOK)) as CollabDocument;
      expect(again).toBe(doc);
      const back = new CollabConnection(fakeSocket() as unknown as WebSocket, doc, { id: 'u1', name: 'Ani' }, 'edit', undefined, env.opts);
      doc.addConnection(back);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(documents.docs.has(PLAYBOOK)).toBe(true);
    });
  });
  describe('relay', () => {
    /** A second connection of another user, whose socket records what it is sent. */
    const receiver = () => {
      const c = new CollabConnection(
        fakeSocket() as unknown as WebSocket,
        env.doc,
        { id: 'u2', name: 'Budi' },
        'edit',
        undefined,
        env.opts,
      );
      env.doc.addConnection(c);
      return { c, sent: (c.ws as unknown as ReturnType<typeof fakeSocket>).sent };
    };

    it('relays the updates applied in one event-loop turn as one message, to everyone but their sender', async () => {
      const { type, conn, client, doc } = env;
      const other = receiver();
      const mine = (conn.ws as unknown as ReturnType<typeof fakeSocket>).sent;
      const before = Y.encodeStateAsUpdate(client);
      const [otherBefore, mineBefore] = [other.sent.length, mine.length];
      type('satu');
      type('dua');
      expect(other.sent.length).toBe(otherBefore);
      await jest.advanceTimersByTimeAsync(0);
      expect(other.sent.length).toBe(otherBefore + 1);
      expect(mine.length).toBe(mineBefore);
      // The one message carries both edits: a copy of the client as it was becomes the client now.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, before);
      const message = other.sent.at(-1)!;
      expect([...message.subarray(0, 2)]).toEqual([0, 2]);
      Y.applyUpdate(copy, message.subarray(2 + (message[2]! < 128 ? 1 : 2)));
      expect(copy.getXmlFragment('content').toString()).toBe(client.getXmlFragment('content').toString());
      expect(doc.doc.getXmlFragment('content').toString()).toContain('dua');
      copy.destroy();
    });

    it('sends the edits of a turn before a presence batch that follows them', async () => {
      const { type, conn, doc } = env;
      const other = receiver();
      const start = other.sent.length;
      type('lebih dulu');
      const state = (clock: number) =>
        encodeAwarenessMessage(encodeAwareness([{ clientId: env.client.clientID, clock, json: `{"cursor":${clock}}` }]));
      conn.handle(state(1)); // an arrival: paced, relayed at the next tick
      conn.handle(state(2)); // the cursor moved: a change
      doc.flushAwareness();
      expect(other.sent.slice(start).map((m) => m[0])).toEqual([0, 1]);
    });

    /** The presence entries of the awareness messages in `sent` from index `from` on: one list per message. */
    const presenceBatches = (sent: Uint8Array[], from = 0) =>
      sent
        .slice(from)
        .filter((m) => m[0] === 1)
        .map((m) => {
          const d = decoding.createDecoder(m);
          decoding.readVarUint(d);
          return decodeAwareness(decoding.readVarUint8Array(d));
        });

    it('spreads 200 arrivals over at most 5 s and their renewals over at most 8 s; a real change still goes out within 30 ms', async () => {
      const { doc, documents } = env;
      const other = receiver();
      const published = jest.spyOn(documents, 'publishAwareness');
      // 200 clients of another node (as the bus delivers them) appear at once, e.g. after a restart.
      const states = (clock: number) =>
        encodeAwareness(Array.from({ length: 200 }, (_, i) => ({ clientId: 1000 + i, clock, json: `{"user":{"name":"u${i}"}}` })));
      const sizes = (from: number) => presenceBatches(other.sent, from).map((b) => b.length);
      awarenessProtocol.applyAwarenessUpdate(doc.awareness, states(1), ORIGIN_REMOTE);
      await jest.advanceTimersByTimeAsync(500);
      expect(sizes(0).length).toBeGreaterThan(1);
      expect(Math.max(...sizes(0))).toBeLessThanOrEqual(16);
      await jest.advanceTimersByTimeAsync(4500);
      expect(sizes(0).reduce((a, b) => a + b, 0)).toBe(200);
      // All 200 renew at once: never one burst of 200 entries either.
      const start = other.sent.length;
      awarenessProtocol.applyAwarenessUpdate(doc.awareness, states(2), ORIGIN_REMOTE);
      await jest.advanceTimersByTimeAsync(1000);
      expect(sizes(start).length).toBeGreaterThan(0);
      expect(Math.max(...sizes(start))).toBeLessThanOrEqual(16);
      // Meanwhile one of them moves its cursor: that goes out within 30 ms, ahead of the queue.
      const moved = other.sent.length;
      awarenessProtocol.applyAwarenessUpdate(
        doc.awareness,
        encodeAwareness([{ clientId: 1199, clock: 3, json: '{"user":{"name":"u199"},"cursor":1}' }]),
        ORIGIN_REMOTE,
      );
      await jest.advanceTimersByTimeAsync(30);
      expect(presenceBatches(other.sent, moved).flat()).toContainEqual(expect.objectContaining({ clientId: 1199, clock: 3 }));
      await jest.advanceTimersByTimeAsync(8000);
      const renewed = presenceBatches(other.sent, start).flat();
      // Every client's newest clock arrived once; the moved one only with its change.
      expect(new Set(renewed.map((e) => e.clientId)).size).toBe(200);
      expect(renewed.filter((e) => e.clientId === 1199).map((e) => e.clock)).toEqual([3]);
      expect(renewed.filter((e) => e.clock === 2)).toHaveLength(199);
      // What came from the bus is not published back to it.
      expect(published).not.toHaveBeenCalled();
    });

    it('in a quiet room an arrival shows within 100 ms and a renewal within a second; the other nodes get both within a second', async () => {
      const { conn, doc, documents } = env;
      const other = receiver();
      const published = jest.spyOn(documents, 'publishAwareness');
      const id = env.client.clientID;
      const state = (clock: number) => encodeAwarenessMessage(encodeAwareness([{ clientId: id, clock, json: '{"cursor":1}' }]));
      conn.handle(state(1));
      await jest.advanceTimersByTimeAsync(100);
      expect(presenceBatches(other.sent)).toEqual([[expect.objectContaining({ clientId: id, clock: 1 })]]);
      await jest.advanceTimersByTimeAsync(900);
      expect(published).toHaveBeenCalledTimes(1);
      const start = other.sent.length;
      conn.handle(state(2)); // the same state again: a renewal
      await jest.advanceTimersByTimeAsync(999);
      expect(presenceBatches(other.sent, start)).toEqual([]);
      expect(published).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(presenceBatches(other.sent, start)).toEqual([[expect.objectContaining({ clientId: id, clock: 2 })]]);
      expect(published).toHaveBeenCalledTimes(2);
      expect(doc.awareness.meta.get(id)?.clock).toBe(2);
    });

    it('skips echoed presence states (clock not newer) without counting them against the presence rate', async () => {
      const { conn, doc, opts } = env;
      const id = env.client.clientID;
      const state = (clock: number, cursor: number) =>
        encodeAwarenessMessage(encodeAwareness([{ clientId: id, clock, json: `{"cursor":${cursor}}` }]));
      conn.handle(state(1, 1));
      expect(doc.awareness.getStates().get(id)).toMatchObject({ cursor: 1 });
      // Stock clients send every relayed batch straight back: more echoes than the presence burst.
      for (let i = 0; i < opts.maxAwarenessPerSecond * 3; i++) conn.handle(state(1, 1));
      conn.handle(state(2, 2));
      expect(doc.awareness.getStates().get(id)).toMatchObject({ cursor: 2 });
      expect(conn.closed).toBe(false);
    });
  });
});
