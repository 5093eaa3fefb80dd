import { io, Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { CollabDocuments } from '../../apps/api/src/modules/playbooks/collab/collab-documents.service';
import { CollabOptions } from '../../apps/api/src/modules/playbooks/collab/collab-options';
import { PlaybookVersionsStore } from '../../apps/api/src/modules/playbooks/collab/playbook-versions.store';
import { appendParagraph, CollabClients, content, xml } from './playbooks.helpers';

describe('Playbook versions you can look at, my playbooks, access pushed live, poison-proof content', () => {
  let t: TestApp;
  let originUnit: string;
  let replicatingUnit: string;
  let editor: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let playbookId: string;
  const clients = new CollabClients();
  const sockets: Socket[] = [];
  const missing = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await TestApp.start();
    originUnit = (await t.unit()).id;
    replicatingUnit = (await t.unit()).id;
    ({
      playbook: { id: playbookId },
    } = await t.replication({ originUnitId: originUnit, replicatingUnitId: replicatingUnit }));
    editor = await t.user({ units: [[replicatingUnit, 'member']], name: 'Penyunting Satu' });
    outsider = await t.user();
    admin = await t.user({ roles: ['admin'] });
  });
  afterEach(() => {
    clients.destroyAll();
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    clients.destroyAll();
    await t?.close();
  });

  const get = (path: string, who?: TestUser) => (who ? t.http().get(path).set('Authorization', who.auth) : t.http().get(path));
  const label = async (pb: string, l: string) =>
    (await t.http().post(`/api/playbooks/${pb}/versions`).set('Authorization', editor.auth).send({ label: l }).expect(201)).body as {
      id: string;
      createdAt: string;
    };

  it('shows a version as JSON, HTML or Markdown and diffs it against the current content; editors only', async () => {
    const c = clients.open(t.wsUrl, playbookId, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, 'paragraf lama');
    await waitUntil(
      async () => (await get(`/api/playbooks/${playbookId}/export?format=md`, editor)).text.includes('paragraf lama'),
      'stored',
    );
    const v = await label(playbookId, 'Sebelum revisi');
    expect(new Date(v.createdAt).toISOString()).toBe(v.createdAt);
    const listed = (await get(`/api/playbooks/${playbookId}/versions`, editor).expect(200)).body.items as { createdAt: string }[];
    expect(listed.every((x) => new Date(x.createdAt).toISOString() === x.createdAt)).toBe(true);
    // Change after the version: one paragraph edited, one added, the first heading removed.
    c.doc.transact(() => {
      const frag = content(c.doc);
      frag.delete(0, 1);
      const last = frag.get(frag.length - 1) as Y.XmlElement;
      (last.get(0) as Y.XmlText).insert(0, 'diubah: ');
    });
    appendParagraph(c.doc, 'paragraf baru');
    await waitUntil(
      async () => (await get(`/api/playbooks/${playbookId}/export?format=md`, editor)).text.includes('paragraf baru'),
      'stored',
    );

    const json = await get(`/api/playbooks/${playbookId}/versions/${v.id}?format=json`, editor).expect(200);
    expect(json.body.type).toBe('doc');
    expect(json.body.meta.version).toMatchObject({ id: v.id, label: 'Sebelum revisi' });
    expect(JSON.stringify(json.body.content)).toContain('paragraf lama');
    expect(JSON.stringify(json.body.content)).not.toContain('paragraf baru');
    const html = await get(`/api/playbooks/${playbookId}/versions/${v.id}?format=html`, editor).expect(200);
    expect(html.text).toContain('<meta charset="utf-8">');
    expect(html.text).toContain('<p>paragraf lama</p>');
    const md = await get(`/api/playbooks/${playbookId}/versions/${v.id}?format=md`, editor).expect(200);
    expect(md.text).toContain('## Persiapan');
    expect(md.headers['content-disposition']).toMatch(/filename="playbook-replikasi-versi-[\d-]+\.md"/);

    const diff = (await get(`/api/playbooks/${playbookId}/versions/${v.id}/diff`, editor).expect(200)).body;
    expect(diff.removed.map((b: { node: unknown }) => JSON.stringify(b.node))).toEqual([expect.stringContaining('Persiapan')]);
    expect(diff.added.map((b: { node: unknown }) => JSON.stringify(b.node))).toEqual([expect.stringContaining('paragraf baru')]);
    expect(diff.changed).toHaveLength(1);
    expect(JSON.stringify(diff.changed[0].before)).toContain('"paragraf lama"');
    expect(JSON.stringify(diff.changed[0].after)).toContain('diubah: paragraf lama');
    expect(diff.unchanged).toBe(9);

    await get(`/api/playbooks/${playbookId}/versions/${v.id}?format=pdf`, editor).expect(400);
    await get(`/api/playbooks/${playbookId}/versions/nope`, editor).expect(400);
    expect((await get(`/api/playbooks/${playbookId}/versions/${missing}`, editor).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await get(`/api/playbooks/${playbookId}/versions/${missing}/diff`, editor).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await get(`/api/playbooks/${playbookId}/versions/${v.id}`, outsider).expect(403)).body.code).toBe('FORBIDDEN');
    await get(`/api/playbooks/${playbookId}/versions/${v.id}/diff`, outsider).expect(403);
    await get(`/api/playbooks/${playbookId}/versions/${v.id}`).expect(401);
  });

  it('GET /api/me/playbooks: what the caller may open, newest edit first, with the last editor, paged', async () => {
    const other = (await t.replication({ originUnitId: originUnit, replicatingUnitId: replicatingUnit })).playbook.id;
    const unrelated = (await t.replication({ originUnitId: (await t.unit()).id, replicatingUnitId: (await t.unit()).id })).playbook.id;
    const c = clients.open(t.wsUrl, other, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, 'terbaru');
    const page = await waitUntil(async () => {
      const r = await get('/api/me/playbooks?limit=10', editor).expect(200);
      return r.body.items[0]?.id === other && r.body.items[0].lastEditedBy ? r.body : null;
    }, 'the edited playbook first');
    expect(page.items[0]).toMatchObject({
      id: other,
      title: 'Playbook replikasi',
      access: 'edit',
      replicationId: expect.any(String),
      innovation: { id: expect.any(String), title: expect.any(String) },
      lastEditedBy: { id: editor.id, name: 'Penyunting Satu' },
    });
    expect(new Date(page.items[0].lastEditedAt).toISOString()).toBe(page.items[0].lastEditedAt);
    const ids = page.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(playbookId);
    expect(ids).not.toContain(unrelated);
    expect(page.total).toBe(2);
    const second = (await get('/api/me/playbooks?limit=1&offset=1', editor).expect(200)).body;
    expect(second).toMatchObject({ total: 2, items: [{ id: playbookId }] });
    expect((await get('/api/me/playbooks?offset=5', editor).expect(200)).body).toEqual({ items: [], total: 2 });
    // Public playbooks are open to everyone signed in, read-only.
    await t.http().patch(`/api/playbooks/${unrelated}`).set('Authorization', admin.auth).send({ visibility: 'public' }).expect(200);
    const seen = (await get('/api/me/playbooks', outsider).expect(200)).body;
    expect(seen.items.map((i: { id: string; access: string }) => [i.id, i.access])).toEqual([[unrelated, 'view']]);
    expect((await get('/api/me/playbooks', admin).expect(200)).body.total).toBeGreaterThanOrEqual(3);
    await get('/api/me/playbooks?limit=0', editor).expect(400);
    await get('/api/me/playbooks?limit=abc', editor).expect(400);
    await get('/api/me/playbooks?offset=-1', editor).expect(400);
    await get('/api/me/playbooks').expect(401);
  });

  it('pushes playbook:access to the user’s /realtime sockets on downgrade and removal', async () => {
    const pb = (await t.replication({ originUnitId: originUnit, replicatingUnitId: replicatingUnit })).playbook.id;
    const member = await t.user({ units: [[originUnit, 'member']] });
    await t.http().patch(`/api/playbooks/${pb}`).set('Authorization', admin.auth).send({ visibility: 'public' }).expect(200);
    const rt = io(`${t.baseUrl}/realtime`, {
      path: '/socket.io',
      auth: { token: member.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(rt);
    const events: { playbookId: string; access: string }[] = [];
    rt.on('playbook:access', (e) => events.push(e));
    const c = clients.open(t.wsUrl, pb, member.token);
    await Promise.all([clients.synced(c), waitUntil(() => rt.connected, 'realtime connected')]);
    await t.http().delete(`/api/units/${originUnit}/members/${member.id}`).set('Authorization', admin.auth).expect(204);
    await waitUntil(() => events.length === 1, 'downgrade pushed');
    expect(events[0]).toEqual({ playbookId: pb, access: 'view' });
    expect(c.closes).toEqual([]);
    await t.http().patch(`/api/playbooks/${pb}`).set('Authorization', admin.auth).send({ visibility: 'team' }).expect(200);
    expect(await clients.closedWith(c)).toBe(4403);
    await waitUntil(() => events.length === 2, 'removal pushed');
    expect(events[1]).toEqual({ playbookId: pb, access: 'none' });
  });

  it('refuses an update past the document’s item budget (4413), applying none of it', async () => {
    const opts = t.get<CollabOptions>(CollabOptions);
    const pb = (await t.replication({ originUnitId: originUnit, replicatingUnitId: replicatingUnit })).playbook.id;
    const c = clients.open(t.wsUrl, pb, editor.token);
    await clients.synced(c);
    const doc = t.get<CollabDocuments>(CollabDocuments).docs.get(pb)!;
    opts.maxDocItems = doc.exactItems() + 50;
    try {
      // 200 separately formatted characters: tiny in bytes, many items.
      const p = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      p.insert(0, [text]);
      c.doc.transact(() => {
        content(c.doc).push([p]);
        for (let i = 0; i < 200; i++) text.insert(i, 'ITEMS'[i % 5]!, i % 2 ? { bold: {} } : { italic: {} });
      });
      expect(await clients.closedWith(c)).toBe(4413);
      expect(xml(doc.doc)).not.toContain('<paragraph><italic>I');
      expect(doc.doc.getXmlFragment('content').length).toBe(10);
    } finally {
      opts.maxDocItems = new CollabOptions().maxDocItems;
    }
  });

  it('a document stored 20,000 blockquotes deep (before the schema) exports, restores, compacts and is searchable', async () => {
    const pb = (await t.replication({ originUnitId: originUnit, replicatingUnitId: replicatingUnit })).playbook.id;
    // Written straight into storage (the document is not loaded), as an old server would have accepted it.
    const poison = new Y.Doc();
    const db = t.em().getConnection();
    const snap = (await db.execute<{ data: Buffer }[]>('select data from playbook_snapshots where playbook_id = ?', [pb]))[0]!;
    const before = await t
      .get<PlaybookVersionsStore>(PlaybookVersionsStore)
      .insert(pb, 'Awal', new Uint8Array(snap.data), false, editor.id);
    Y.applyUpdate(poison, new Uint8Array(snap.data));
    const sv = Y.encodeStateVector(poison);
    poison.transact(() => {
      let cur: Y.XmlFragment | Y.XmlElement = poison.getXmlFragment('content');
      for (let i = 0; i < 20_000; i++) {
        const q = new Y.XmlElement('blockquote');
        cur.insert(0, [q]);
        cur = q;
      }
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('racun dalam')]);
      cur.insert(0, [p]);
    });
    await db.execute('insert into playbook_updates (playbook_id, data, node_id) values (?, ?, ?)', [
      pb,
      Buffer.from(Y.encodeStateAsUpdate(poison, sv)),
      'old',
    ]);
    poison.destroy();

    for (const f of ['md', 'html', 'json']) {
      const r = await get(`/api/playbooks/${pb}/export?format=${f}`, editor).expect(200);
      expect(r.text).toContain('racun dalam');
    }
    await get(`/api/playbooks/${pb}/versions/${before.id}/diff`, editor).expect(200);
    // Stored again within the limit: the log is one snapshot, an editor can open and edit it.
    const rows = await db.execute<{ n: string }[]>('select count(*) as n from playbook_updates where playbook_id = ?', [pb]);
    expect(Number(rows[0]!.n)).toBe(0);
    const c = clients.open(t.wsUrl, pb, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, 'masih bisa disunting');
    await waitUntil(
      async () =>
        (await db.execute<{ plain_text: string }[]>('select plain_text from playbooks where id = ?', [pb]))[0]!.plain_text.includes(
          'masih bisa disunting',
        ),
      'search text refreshed',
    );
    await t.http().post(`/api/playbooks/${pb}/versions/${before.id}/restore`).set('Authorization', editor.auth).expect(200);
    await waitUntil(() => !xml(c.doc).includes('racun dalam'), 'restored without the poison');
    expect(c.closes).toEqual([]);
  });
});
