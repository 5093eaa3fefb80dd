import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { CollabDocuments } from '../../apps/api/src/modules/playbooks/collab/collab-documents.service';
import { CollabOptions } from '../../apps/api/src/modules/playbooks/collab/collab-options';
import { PlaybookStore } from '../../apps/api/src/modules/playbooks/collab/playbook-store';
import { appendParagraph, CollabClients, content, xml } from './playbooks.helpers';

describe('Playbook persistence', () => {
  let t: TestApp;
  let editor: TestUser;
  let origin: string;
  let replicating: string;
  const clients = new CollabClients();
  const defaults = new CollabOptions();
  const opts = () => t.get<CollabOptions>(CollabOptions);
  const documents = () => t.get<CollabDocuments>(CollabDocuments);
  const store = () => t.get<PlaybookStore>(PlaybookStore);
  const count = async (sql: string, id: string) => Number((await t.em().getConnection().execute<{ n: string }[]>(sql, [id]))[0]!.n);
  const logRows = (id: string) => count('select count(*) as n from playbook_updates where playbook_id = ?', id);
  const newPlaybook = async () => (await t.replication({ originUnitId: origin, replicatingUnitId: replicating })).playbook.id;

  beforeAll(async () => {
    t = await TestApp.start();
    origin = (await t.unit()).id;
    replicating = (await t.unit()).id;
    editor = await t.user({ units: [[origin, 'member']] });
  });
  afterEach(() => {
    clients.destroyAll();
    Object.assign(opts(), defaults);
  });
  afterAll(async () => {
    clients.destroyAll();
    await t?.close();
  });

  it('stores a change after the debounce and keeps the plain text for search', async () => {
    opts().debounceMs = 100;
    const id = await newPlaybook();
    const c = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, 'kata unik zamrud');
    await waitUntil(async () => (await logRows(id)) === 1, 'update stored');
    await waitUntil(
      async () =>
        (
          await t.em().getConnection().execute<{ plain_text: string }[]>('select plain_text from playbooks where id = ?', [id])
        )[0]!.plain_text.includes('zamrud'),
      'plain text',
    );
  });

  it('stores under continuous typing within the maximum delay', async () => {
    opts().debounceMs = 60_000;
    opts().maxDebounceMs = 300;
    const id = await newPlaybook();
    const c = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(c);
    let typing = true;
    const typer = (async () => {
      for (let i = 0; typing && i < 200; i++) {
        appendParagraph(c.doc, `ketikan ${i}`);
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await waitUntil(async () => (await logRows(id)) >= 1, 'stored while typing');
    typing = false;
    await typer;
  });

  it('stores at once when the last client leaves, then unloads the idle document', async () => {
    opts().debounceMs = 60_000;
    opts().idleUnloadMs = 50;
    const id = await newPlaybook();
    const c = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, 'sebelum pergi');
    await waitUntil(
      () => documents().docs.get(id)?.doc.getXmlFragment('content').toString().includes('sebelum pergi'),
      'server has the edit',
    );
    clients.destroyAll();
    await waitUntil(async () => (await logRows(id)) === 1, 'stored on leave');
    await waitUntil(() => !documents().docs.has(id), 'unloaded');
    const again = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(again);
    expect(xml(again.doc)).toContain('sebelum pergi');
    expect(content(again.doc).length).toBe(11); // the seed once, plus the edit
  });

  it('keeps a change in memory while storing fails and stores it on a retry', async () => {
    opts().debounceMs = 20;
    const id = await newPlaybook();
    const s = store();
    const real = s.append.bind(s);
    let failures = 0;
    s.append = async (...args) => {
      if (failures < 2) {
        failures++;
        throw new Error('database unavailable (simulated)');
      }
      return real(...args);
    };
    try {
      const c = clients.open(t.wsUrl, id, editor.token);
      await clients.synced(c);
      appendParagraph(c.doc, 'bertahan');
      await waitUntil(async () => (await logRows(id)) === 1, 'stored after retries', 8000);
      expect(failures).toBe(2);
    } finally {
      s.append = real;
    }
    const rows = await t.em().getConnection().execute<{ data: Buffer }[]>('select data from playbook_updates where playbook_id = ?', [id]);
    expect(rows[0]!.data.toString()).toContain('bertahan');
  });

  it('compacts the log into the snapshot without losing anything, even when two compactions race', async () => {
    opts().debounceMs = 10;
    opts().compactAfterRows = 1_000_000;
    const id = await newPlaybook();
    const c = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(c);
    for (let i = 0; i < 6; i++) {
      appendParagraph(c.doc, `baris ${i}`);
      await waitUntil(async () => (await logRows(id)) === i + 1, `row ${i}`);
    }
    const before = xml(c.doc);
    const merged = await Promise.all([store().compact(id), store().compact(id)]);
    expect(merged.reduce((a, b) => a + b, 0)).toBe(6);
    expect(await logRows(id)).toBe(0);
    expect(await count('select version as n from playbook_snapshots where playbook_id = ?', id)).toBe(1);
    clients.destroyAll();
    opts().idleUnloadMs = 10;
    await waitUntil(() => !documents().docs.has(id), 'unloaded');
    const again = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(again);
    expect(xml(again.doc)).toBe(before);
  });

  it('compacts automatically once the log is long', async () => {
    opts().debounceMs = 10;
    opts().compactAfterRows = 3;
    const id = await newPlaybook();
    const c = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(c);
    for (let i = 0; i < 4; i++) {
      appendParagraph(c.doc, `kompak ${i}`);
      await waitUntil(
        () => documents().docs.get(id)!.doc.getXmlFragment('content').toString().includes(`kompak ${i}`),
        'edit on the server',
      );
      await waitUntil(() => !documents().docs.get(id)!.hasPending, 'stored');
    }
    await waitUntil(
      async () => (await count('select version as n from playbook_snapshots where playbook_id = ?', id)) >= 1,
      'snapshot version bumped',
    );
    expect(await logRows(id)).toBeLessThan(3);
    expect((await store().load(id))!.parts.length).toBeGreaterThan(0);
  });

  it('keeps an automatic version after a pause in editing', async () => {
    opts().autoVersionPauseMs = 150;
    const id = await newPlaybook();
    const c = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, 'jeda sebentar');
    const versions = await waitUntil(async () => {
      const r = await t.http().get(`/api/playbooks/${id}/versions`).set('Authorization', editor.auth);
      return r.body.items.length ? (r.body.items as { auto: boolean; createdBy: unknown }[]) : null;
    }, 'automatic version');
    expect(versions).toEqual([expect.objectContaining({ auto: true, createdBy: null })]);
  });

  it('a load racing a compaction always sees every stored change', async () => {
    const id = await newPlaybook();
    const writer = new Y.Doc();
    for (let round = 0; round < 15; round++) {
      for (let i = 0; i < 5; i++) {
        const before = Y.encodeStateVector(writer);
        appendParagraph(writer, `putaran ${round}-${i}`);
        await store().append(id, Y.encodeStateAsUpdate(writer, before), 'test');
      }
      const [loaded] = await Promise.all([store().load(id), store().compact(id)]);
      const seen = new Y.Doc();
      for (const part of loaded!.parts) Y.applyUpdate(seen, part);
      for (let i = 0; i < 5; i++) expect(xml(seen)).toContain(`putaran ${round}-${i}`);
    }
  });

  /** A playbook whose stored state is one compacted snapshot and that no node holds in memory. */
  const coldCompacted = async (text: string): Promise<string> => {
    opts().debounceMs = 10;
    opts().idleUnloadMs = 10;
    const id = await newPlaybook();
    const c = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, text);
    await waitUntil(async () => (await logRows(id)) >= 1, 'stored');
    clients.destroyAll();
    await waitUntil(() => !documents().docs.has(id), 'unloaded');
    await store().compact(id);
    expect(await logRows(id)).toBe(0);
    return id;
  };

  it('sends a cold document once: the stored snapshot first, then only what changed', async () => {
    const id = await coldCompacted('salju abadi');
    const ws = new WebSocket(`${t.wsUrl}/collab/${id}?token=${editor.token}`);
    const sync: { type: number; update: Uint8Array }[] = [];
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== 0) return;
      const type = decoding.readVarUint(d);
      if (type !== syncProtocol.messageYjsSyncStep1) sync.push({ type, update: decoding.readVarUint8Array(d) });
    });
    // A new client's sync step 1: an empty state vector.
    ws.on('open', () => ws.send(Uint8Array.from([0, syncProtocol.messageYjsSyncStep1, 1, 0])));
    await waitUntil(() => sync.some((m) => m.type === syncProtocol.messageYjsSyncStep2), 'the answer to sync step 1');
    ws.close();
    // The stored state comes first as a plain update (a stock client is not "synced" by it)…
    expect(sync[0]!.type).toBe(syncProtocol.messageYjsUpdate);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, sync[0]!.update);
    expect(xml(doc)).toContain('salju abadi');
    // …and the answer to the client's own step 1 does not repeat the document it already has.
    const answer = sync.find((m) => m.type === syncProtocol.messageYjsSyncStep2)!;
    expect(answer.update.length).toBeLessThan(8);
    Y.applyUpdate(doc, answer.update);
    expect(xml(doc)).toContain('salju abadi');
  });

  it('a cold open converges with a client that brings its own offline edits and with one that joins at once', async () => {
    const id = await coldCompacted('dari arsip');
    const offline = clients.open(t.wsUrl, id, editor.token);
    appendParagraph(offline.doc, 'ditulis luring');
    const other = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(offline);
    await clients.synced(other);
    appendParagraph(other.doc, 'langsung masuk');
    for (const c of [offline, other]) {
      await waitUntil(() => ['dari arsip', 'ditulis luring', 'langsung masuk'].every((w) => xml(c.doc).includes(w)), 'converged');
    }
    expect(xml(offline.doc)).toBe(xml(other.doc));
  });

  it('content survives a graceful restart, stored on shutdown even inside the debounce window', async () => {
    opts().debounceMs = 60_000;
    const id = await newPlaybook();
    const c = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, 'selamat dari restart');
    await waitUntil(
      () => documents().docs.get(id)?.doc.getXmlFragment('content').toString().includes('selamat dari restart'),
      'server has the edit',
    );
    expect(await logRows(id)).toBe(0);
    clients.destroyAll();
    await t.restart();
    const again = clients.open(t.wsUrl, id, editor.token);
    await clients.synced(again);
    expect(xml(again.doc)).toContain('selamat dari restart');
    expect(content(again.doc).length).toBe(11);
  });
});
