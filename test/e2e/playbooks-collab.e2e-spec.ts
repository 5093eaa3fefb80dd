import WebSocket from 'ws';
import * as Y from 'yjs';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { CollabAdmission } from '../../apps/api/src/modules/playbooks/collab/collab-admission';
import { CollabOptions } from '../../apps/api/src/modules/playbooks/collab/collab-options';
import { appendParagraph, CollabClients, content, xml } from './playbooks.helpers';

describe('Playbook collaboration socket', () => {
  let t: TestApp;
  let editorA: TestUser;
  let editorB: TestUser;
  let outsider: TestUser;
  let playbookId: string;
  const clients = new CollabClients();

  beforeAll(async () => {
    t = await TestApp.start();
    const origin = await t.unit();
    const replicating = await t.unit();
    const { playbook } = await t.replication({ originUnitId: origin.id, replicatingUnitId: replicating.id });
    playbookId = playbook.id;
    editorA = await t.user({ units: [[origin.id, 'member']] });
    editorB = await t.user({ units: [[replicating.id, 'admin']] });
    outsider = await t.user();
  });
  afterEach(() => clients.destroyAll());
  afterAll(async () => {
    clients.destroyAll();
    await t?.close();
  });

  it('syncs the seeded stage headings to a stock client', async () => {
    const a = clients.open(t.wsUrl, playbookId, editorA.token);
    await clients.synced(a);
    const text = xml(a.doc);
    for (const h of ['Persiapan', 'Rencana & Pengembangan', 'Pelaksanaan', 'Evaluasi', 'Pelembagaan']) expect(text).toContain(h);
    expect(content(a.doc).length).toBe(10);
  });

  it('two editors converge', async () => {
    const a = clients.open(t.wsUrl, playbookId, editorA.token);
    const b = clients.open(t.wsUrl, playbookId, editorB.token);
    await Promise.all([clients.synced(a), clients.synced(b)]);
    appendParagraph(a.doc, 'dari A');
    appendParagraph(b.doc, 'dari B');
    await waitUntil(() => xml(a.doc).includes('dari B') && xml(b.doc).includes('dari A'), 'both edits on both sides');
    expect(xml(a.doc)).toBe(xml(b.doc));
  });

  it('admits a burst of connections a few at a time, each authorised, none refused', async () => {
    const opts = t.get<CollabOptions>(CollabOptions);
    const before = opts.maxConcurrentAuth;
    opts.maxConcurrentAuth = 2;
    try {
      const burst = Array.from({ length: 30 }, (_, i) =>
        clients.open(t.wsUrl, playbookId, i % 3 === 0 ? outsider.token : i % 2 ? editorA.token : editorB.token),
      );
      const editors = burst.filter((_, i) => i % 3 !== 0);
      const outsiders = burst.filter((_, i) => i % 3 === 0);
      await Promise.all(editors.map((c) => clients.synced(c)));
      for (const c of outsiders) expect(await clients.closedWith(c)).toBe(4403);
      appendParagraph(editors[0]!.doc, 'serentak');
      await waitUntil(() => editors.every((c) => xml(c.doc).includes('serentak')), 'the edit reached every admitted client');
      expect(editors.every((c) => c.closes.length === 0)).toBe(true);
      expect(outsiders.every((c) => !xml(c.doc).includes('serentak'))).toBe(true);
    } finally {
      opts.maxConcurrentAuth = before;
    }
  });

  it('a socket kept waiting for admission is told to retry (1013), never given up on, and gets in once the server has room', async () => {
    const opts = t.get<CollabOptions>(CollabOptions);
    const saved = { ...opts };
    const admission = t.get<CollabAdmission>(CollabAdmission).admission;
    let release!: () => void;
    opts.maxConcurrentAuth = 1;
    opts.authTimeoutMs = 300;
    const busy = admission.run(() => new Promise<void>((r) => (release = r)));
    try {
      const waiting = clients.open(t.wsUrl, playbookId, editorA.token);
      expect(await clients.closedWith(waiting)).toBe(1013);
      // Typing while queued past the pre-authorisation bound: also "try again", not a final 4429.
      const chatty = new WebSocket(`${t.wsUrl}/collab/${playbookId}?token=${editorA.token}`);
      const chattyClosed = new Promise<number>((r) => chatty.on('close', (code) => r(code)));
      chatty.on('open', () => {
        for (let i = 0; i < opts.preAuthMaxMessages + 5; i++) chatty.send(Uint8Array.from([1, 1, 0]));
      });
      expect(await chattyClosed).toBe(1013);
      release();
      await busy;
      Object.assign(opts, saved);
      await clients.synced(waiting);
      await waitUntil(() => admission.queued === 0, 'queue drained');
    } finally {
      release();
      Object.assign(opts, saved);
    }
  });

  it('refuses a missing or bad token with 4401', async () => {
    const none = clients.open(t.wsUrl, playbookId);
    const bad = clients.open(t.wsUrl, playbookId, 'not-a-token');
    expect(await clients.closedWith(none)).toBe(4401);
    expect(await clients.closedWith(bad)).toBe(4401);
  });

  it('refuses someone without access with 4403 and an unknown playbook with 4404', async () => {
    const o = clients.open(t.wsUrl, playbookId, outsider.token);
    const u = clients.open(t.wsUrl, '00000000-0000-4000-8000-000000000000', editorA.token);
    const junk = clients.open(t.wsUrl, 'not-a-uuid', editorA.token);
    expect(await clients.closedWith(o)).toBe(4403);
    expect(await clients.closedWith(u)).toBe(4404);
    expect(await clients.closedWith(junk)).toBe(4404);
  });

  it('keeps socket.io working on the same server', async () => {
    const res = await t.http().get('/socket.io/?EIO=4&transport=polling');
    expect(res.status).toBe(200);
  });

  it('survives random and truncated frames without corrupting the document', async () => {
    const a = clients.open(t.wsUrl, playbookId, editorA.token);
    await clients.synced(a);
    appendParagraph(a.doc, 'tetap utuh');
    await waitUntil(async () => {
      const r = await t.http().get(`/api/playbooks/${playbookId}/export?format=md`).set('Authorization', editorA.auth);
      return r.text.includes('tetap utuh');
    }, 'edit visible on the server');
    const before = xml(a.doc);
    // A valid update message, truncated at every length, then random frames.
    const extra = new Y.Doc();
    Y.applyUpdate(extra, Y.encodeStateAsUpdate(a.doc));
    appendParagraph(extra, 'x'.repeat(50));
    const update = Y.encodeStateAsUpdate(extra, Y.encodeStateVector(a.doc));
    extra.destroy();
    const full = Buffer.concat([Buffer.from([0, 2]), encodeVarUint8Array(update)]);
    const frames: Buffer[] = [];
    for (let n = 1; n < full.length - 1; n += Math.max(1, Math.floor(full.length / 40))) frames.push(full.subarray(0, n));
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 60; i++)
      frames.push(Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256))));
    for (const frame of frames) {
      const ws = new WebSocket(`${t.wsUrl}/collab/${playbookId}?token=${editorA.token}`);
      await new Promise<void>((resolve) => {
        ws.on('open', () => ws.send(frame));
        ws.on('message', () => undefined);
        ws.on('error', () => resolve());
        ws.on('close', () => resolve());
        setTimeout(() => ws.close(), 30);
      });
    }
    // The server still serves, and a fresh client sees exactly the content before.
    const fresh = clients.open(t.wsUrl, playbookId, editorB.token);
    await clients.synced(fresh);
    expect(xml(fresh.doc)).toBe(before);
    expect((await t.http().get('/api/health')).status).toBe(200);
  });
});

function encodeVarUint8Array(data: Uint8Array): Buffer {
  const len: number[] = [];
  let n = data.length;
  while (n > 127) {
    len.push((n & 127) | 128);
    n >>>= 7;
  }
  len.push(n);
  return Buffer.concat([Buffer.from(len), Buffer.from(data)]);
}
