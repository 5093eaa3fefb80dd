import * as Y from 'yjs';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { SearchRegistry } from '../../apps/api/src/modules/search/search.registry';
import { appendParagraph, CollabClients, content, xml } from './playbooks.helpers';

describe('Playbooks HTTP: record, versions, export, search, templates', () => {
  let t: TestApp;
  let originUnit: string;
  let replicatingUnit: string;
  let innovationId: string;
  let editor: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let playbookId: string;
  let replicationId: string;
  const clients = new CollabClients();
  const missing = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await TestApp.start();
    originUnit = (await t.unit()).id;
    replicatingUnit = (await t.unit()).id;
    innovationId = (await t.innovation(originUnit)).id;
    const r = await t.replication({ originUnitId: originUnit, replicatingUnitId: replicatingUnit, innovationId });
    playbookId = r.playbook.id;
    replicationId = r.replication.id;
    editor = await t.user({ units: [[replicatingUnit, 'member']] });
    outsider = await t.user();
    admin = await t.user({ roles: ['admin'] });
  });
  afterEach(() => clients.destroyAll());
  afterAll(async () => {
    clients.destroyAll();
    await t?.close();
  });

  const get = (path: string, who?: TestUser) => (who ? t.http().get(path).set('Authorization', who.auth) : t.http().get(path));

  describe('GET/PATCH /api/playbooks/:id', () => {
    it('returns the record with the caller’s access', async () => {
      const r = await get(`/api/playbooks/${playbookId}`, editor).expect(200);
      expect(r.body).toMatchObject({ id: playbookId, title: 'Playbook replikasi', replicationId, visibility: 'team', access: 'edit' });
      expect((await get(`/api/playbooks/${playbookId}`, admin).expect(200)).body.access).toBe('edit');
    });

    it('401 without a token, 403 for others while team-only, 404 unknown, 400 not a uuid', async () => {
      await get(`/api/playbooks/${playbookId}`).expect(401);
      const f = await get(`/api/playbooks/${playbookId}`, outsider).expect(403);
      expect(f.body.code).toBe('FORBIDDEN');
      expect((await get(`/api/playbooks/${missing}`, editor).expect(404)).body.code).toBe('NOT_FOUND');
      await get('/api/playbooks/nope', editor).expect(400);
    });

    it('editors change title and visibility; viewers and others get 403; bad input 400', async () => {
      const r = await t
        .http()
        .patch(`/api/playbooks/${playbookId}`)
        .set('Authorization', editor.auth)
        .send({ title: 'Playbook Baru', visibility: 'public' })
        .expect(200);
      expect(r.body).toMatchObject({ title: 'Playbook Baru', visibility: 'public', access: 'edit' });
      expect((await get(`/api/playbooks/${playbookId}`, outsider).expect(200)).body.access).toBe('view');
      await t.http().patch(`/api/playbooks/${playbookId}`).set('Authorization', outsider.auth).send({ title: 'x' }).expect(403);
      await t.http().patch(`/api/playbooks/${playbookId}`).set('Authorization', editor.auth).send({ visibility: 'secret' }).expect(400);
      await t.http().patch(`/api/playbooks/${playbookId}`).set('Authorization', editor.auth).send({ title: 42 }).expect(400);
      await t.http().patch(`/api/playbooks/${playbookId}`).set('Authorization', editor.auth).send({ owner: 'x' }).expect(400);
      await t.http().patch(`/api/playbooks/${playbookId}`).send({ title: 'x' }).expect(401);
      await t.http().patch(`/api/playbooks/${missing}`).set('Authorization', editor.auth).send({ title: 'x' }).expect(404);
      await t
        .http()
        .patch(`/api/playbooks/${playbookId}`)
        .set('Authorization', editor.auth)
        .send({ title: 'Playbook replikasi', visibility: 'team' })
        .expect(200);
      await get(`/api/playbooks/${playbookId}`, outsider).expect(403);
    });
  });

  describe('versions', () => {
    it('creates and lists named versions; validates; only editors create', async () => {
      const r = await t
        .http()
        .post(`/api/playbooks/${playbookId}/versions`)
        .set('Authorization', editor.auth)
        .send({ label: 'Draf pertama' })
        .expect(201);
      expect(r.body).toMatchObject({ id: expect.any(String), label: 'Draf pertama', createdBy: { id: editor.id } });
      expect(new Date(r.body.createdAt).getTime()).toBeGreaterThan(0);
      const list = await get(`/api/playbooks/${playbookId}/versions`, editor).expect(200);
      expect(list.body.items.map((v: { id: string }) => v.id)).toContain(r.body.id);
      await t.http().post(`/api/playbooks/${playbookId}/versions`).set('Authorization', editor.auth).send({}).expect(400);
      await t.http().post(`/api/playbooks/${playbookId}/versions`).set('Authorization', editor.auth).send({ label: 5 }).expect(400);
      await t
        .http()
        .post(`/api/playbooks/${playbookId}/versions`)
        .set('Authorization', editor.auth)
        .send({ label: 'a', extra: 1 })
        .expect(400);
      await t.http().post(`/api/playbooks/${playbookId}/versions`).set('Authorization', outsider.auth).send({ label: 'x' }).expect(403);
      await t.http().post(`/api/playbooks/${playbookId}/versions`).send({ label: 'x' }).expect(401);
      await t.http().post(`/api/playbooks/${missing}/versions`).set('Authorization', editor.auth).send({ label: 'x' }).expect(404);
      await get(`/api/playbooks/${playbookId}/versions`, outsider).expect(403);
    });

    it('restores live: a connected editor sees the old content, and the state before is kept as a version', async () => {
      const c = clients.open(t.wsUrl, playbookId, editor.token);
      await clients.synced(c);
      appendParagraph(c.doc, 'isi versi satu');
      await waitUntil(
        async () => (await get(`/api/playbooks/${playbookId}/export?format=md`, editor)).text.includes('isi versi satu'),
        'edit on server',
      );
      const v1 = (
        await t.http().post(`/api/playbooks/${playbookId}/versions`).set('Authorization', editor.auth).send({ label: 'Satu' }).expect(201)
      ).body;
      const atV1 = xml(c.doc);
      appendParagraph(c.doc, 'tambahan setelahnya');
      content(c.doc).delete(0, 2);
      await waitUntil(
        async () => (await get(`/api/playbooks/${playbookId}/export?format=md`, editor)).text.includes('tambahan setelahnya'),
        'second edit on server',
      );
      const afterEdits = xml(c.doc);

      await t.http().post(`/api/playbooks/${playbookId}/versions/${v1.id}/restore`).set('Authorization', outsider.auth).expect(403);
      await t.http().post(`/api/playbooks/${playbookId}/versions/${missing}/restore`).set('Authorization', editor.auth).expect(404);
      const r = await t.http().post(`/api/playbooks/${playbookId}/versions/${v1.id}/restore`).set('Authorization', editor.auth).expect(200);
      await waitUntil(() => xml(c.doc) === atV1, 'restored content reaches the open editor');
      expect(c.closes).toEqual([]);

      // Undo the restore by restoring the automatic backup.
      await t
        .http()
        .post(`/api/playbooks/${playbookId}/versions/${r.body.backupVersion.id}/restore`)
        .set('Authorization', editor.auth)
        .expect(200);
      await waitUntil(() => xml(c.doc) === afterEdits, 'backup restored');
      const list = (await get(`/api/playbooks/${playbookId}/versions`, editor).expect(200)).body.items as { label: string }[];
      expect(list.filter((v) => v.label.startsWith('Sebelum pemulihan')).length).toBe(2);
    });
  });

  describe('export', () => {
    it('exports the current content as Markdown, sanitised HTML and ProseMirror JSON', async () => {
      const pb = (await t.replication({ originUnitId: originUnit, replicatingUnitId: replicatingUnit })).playbook.id;
      const c = clients.open(t.wsUrl, pb, editor.token);
      await clients.synced(c);
      c.doc.transact(() => {
        const frag = content(c.doc);
        frag.delete(0, frag.length);
        const h = new Y.XmlElement('heading');
        h.setAttribute('level', 1 as never);
        h.insert(0, [new Y.XmlText('Judul')]);
        const p = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        text.insert(0, 'tebal', { bold: true });
        text.insert(5, ' dan ', {});
        text.insert(10, 'tautan', { link: { href: 'https://jippnas.id/a b(c)' } });
        text.insert(16, ' ', {});
        text.insert(17, 'jahat', { link: { href: 'javascript:alert(1)' } });
        p.insert(0, [text]);
        const list = new Y.XmlElement('bulletList');
        const li = new Y.XmlElement('listItem');
        const lp = new Y.XmlElement('paragraph');
        lp.insert(0, [new Y.XmlText('<script>alert(1)</script>')]);
        li.insert(0, [lp]);
        list.insert(0, [li]);
        frag.insert(0, [h, p, list]);
      });
      await waitUntil(async () => (await get(`/api/playbooks/${pb}/export?format=md`, editor)).text.includes('Judul'), 'content on server');
      const md = await get(`/api/playbooks/${pb}/export?format=md`, editor).expect(200);
      expect(md.headers['content-type']).toMatch(/text\/markdown/);
      // A heading of its own (title, replication, export time), then the content.
      expect(
        md.text.endsWith(
          '---\n\n# Judul\n\n**tebal** dan [tautan](https://jippnas.id/a%20b%28c%29) jahat\n\n- \\<script\\>alert(1)\\</script\\>\n',
        ),
      ).toBe(true);
      expect(md.text).toMatch(/^# Playbook replikasi\n/);
      expect(md.text).toMatch(/Diekspor: \d{4}-\d\d-\d\dT[\d:.]+Z/);
      expect(md.headers['content-disposition']).toMatch(/^attachment; filename="playbook-replikasi-\d{4}-\d\d-\d\d\.md"/);
      const html = await get(`/api/playbooks/${pb}/export?format=html`, editor).expect(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('<h1>Judul</h1>');
      expect(html.text).toContain('<strong>tebal</strong>');
      expect(html.text).toContain('href="https://jippnas.id/a b(c)"');
      expect(html.text).not.toContain('javascript:');
      expect(html.text).not.toContain('<script>');
      expect(html.text).toContain('<ul><li><p>&lt;script&gt;');
      expect(html.text).toMatch(/^<!doctype html>/);
      expect(html.text).toContain('<meta charset="utf-8">');
      expect(html.text).toContain('<title>Playbook replikasi</title>');
      expect(html.headers['content-disposition']).toMatch(/filename="playbook-replikasi-[\d-]+\.html"/);
      const json = await get(`/api/playbooks/${pb}/export?format=json`, editor).expect(200);
      expect(json.body.type).toBe('doc');
      expect(json.body.meta).toMatchObject({
        playbookId: pb,
        title: 'Playbook replikasi',
        replicationId: expect.any(String),
        innovation: { id: expect.any(String), title: expect.any(String) },
      });
      expect(new Date(json.body.meta.exportedAt).toISOString()).toBe(json.body.meta.exportedAt);
      expect(json.body.content[0]).toEqual({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Judul' }] });
      expect(json.body.content[1].content[0]).toEqual({ type: 'text', text: 'tebal', marks: [{ type: 'bold' }] });
      await get(`/api/playbooks/${pb}/export?format=pdf`, editor).expect(400);
      await get(`/api/playbooks/${pb}/export?format=md`, outsider).expect(403);
      await get(`/api/playbooks/${pb}/export?format=md`).expect(401);
      await get(`/api/playbooks/${missing}/export?format=md`, editor).expect(404);
    });
  });

  describe('search', () => {
    it('finds playbooks by their content, only for those who may open them', async () => {
      const pb = (await t.replication({ originUnitId: originUnit, replicatingUnitId: replicatingUnit })).playbook.id;
      const c = clients.open(t.wsUrl, pb, editor.token);
      await clients.synced(c);
      appendParagraph(c.doc, 'kata kunci langka kecubung');
      clients.destroyAll();
      const provider = t.get<SearchRegistry>(SearchRegistry).get('playbook')!;
      const asEditor = { id: editor.id, email: editor.email, name: editor.name, roles: ['user' as const] };
      const hits = await waitUntil(async () => {
        const found = (await provider.search(asEditor, 'kecubung', 10)).filter((h) => h.id === pb);
        return found.length ? found : null;
      }, 'search hit');
      expect(hits[0]!.snippet).toContain('<mark>kecubung</mark>');
      expect(
        await provider.search({ id: outsider.id, email: outsider.email, name: outsider.name, roles: ['user'] }, 'kecubung', 10),
      ).toEqual([]);
      await t.http().patch(`/api/playbooks/${pb}`).set('Authorization', editor.auth).send({ visibility: 'public' }).expect(200);
      expect(
        (await provider.search({ id: outsider.id, email: outsider.email, name: outsider.name, roles: ['user'] }, 'kecubung', 10)).map(
          (h) => h.id,
        ),
      ).toEqual([pb]);
    });
  });

  describe('innovation template playbooks', () => {
    it('origin members create it once; a later replication starts from its content', async () => {
      const unit = (await t.unit()).id;
      const inv = (await t.innovation(unit)).id;
      const member = await t.user({ units: [[unit, 'member']] });
      await t.http().post(`/api/innovations/${inv}/template-playbook`).set('Authorization', outsider.auth).send({}).expect(403);
      await t.http().post(`/api/innovations/${missing}/template-playbook`).set('Authorization', member.auth).send({}).expect(404);
      await t.http().post(`/api/innovations/${inv}/template-playbook`).set('Authorization', member.auth).send({ title: 7 }).expect(400);
      await t.http().post(`/api/innovations/${inv}/template-playbook`).send({}).expect(401);
      await get(`/api/innovations/${inv}/template-playbook`, member).expect(404);
      const created = await t
        .http()
        .post(`/api/innovations/${inv}/template-playbook`)
        .set('Authorization', member.auth)
        .send({ title: 'Templat' })
        .expect(201);
      expect(created.body).toMatchObject({
        title: 'Templat',
        replicationId: null,
        templateForInnovationId: inv,
        visibility: 'public',
        access: 'edit',
      });
      const again = await t.http().post(`/api/innovations/${inv}/template-playbook`).set('Authorization', member.auth).send({}).expect(200);
      expect(again.body.id).toBe(created.body.id);
      expect((await get(`/api/innovations/${inv}/template-playbook`, outsider).expect(200)).body.access).toBe('view');

      const c = clients.open(t.wsUrl, created.body.id, member.token);
      await clients.synced(c);
      content(c.doc).delete(0, content(c.doc).length);
      appendParagraph(c.doc, 'langkah khas inovasi ini');
      clients.destroyAll();
      await waitUntil(
        async () =>
          (
            await t
              .em()
              .getConnection()
              .execute<{ n: string }[]>('select count(*) as n from playbook_updates where playbook_id = ?', [created.body.id])
          )[0]!.n === '1',
        'template stored',
      );

      const other = await t.unit();
      const rep = await t.replication({ originUnitId: unit, replicatingUnitId: other.id, innovationId: inv });
      const r = clients.open(t.wsUrl, rep.playbook.id, member.token);
      await clients.synced(r);
      expect(xml(r.doc)).toBe('<paragraph>langkah khas inovasi ini</paragraph>');
    });
  });
});
