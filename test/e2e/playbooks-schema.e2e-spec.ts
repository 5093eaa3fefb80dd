import * as Y from 'yjs';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { CollabServer } from '../../apps/api/src/modules/playbooks/collab/collab-server';
import { appendParagraph, CollabClients, content, rawSocket, recordDenials, updateFrame, xml } from './playbooks.helpers';

const el = (name: string, children: (Y.XmlElement | Y.XmlText)[] = [], attrs: Record<string, unknown> = {}) => {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as never);
  if (children.length) e.insert(0, children);
  return e;
};
const text = (s: string, marks?: Record<string, unknown>) => {
  const t = new Y.XmlText();
  t.insert(0, s, marks);
  return t;
};

/** Everything a Tiptap 3 StarterKit editor (plus images and tables) writes, in one document. */
function richBlocks(): Y.XmlElement[] {
  const marked = new Y.XmlText();
  marked.insert(0, 'tebal', { bold: {} });
  marked.insert(5, ' miring', { italic: {} });
  marked.insert(12, ' coret', { strike: {} });
  marked.insert(18, ' garis', { underline: {} });
  marked.insert(24, ' kode`x`', { code: {} });
  marked.insert(32, ' tautan', {
    link: { href: 'https://jippnas.menpan.go.id', target: '_blank', rel: 'noopener noreferrer nofollow', class: null },
  });
  const cell = (tag: string, s: string) => el(tag, [el('paragraph', [text(s)])], { colspan: 1, rowspan: 1, colwidth: null });
  return [
    el('heading', [text('Judul kaya')], { level: 3 }),
    el('paragraph', [marked, el('hardBreak'), text('baris kedua')]),
    el('bulletList', [
      el('listItem', [
        el('paragraph', [text('butir')]),
        el('orderedList', [el('listItem', [el('paragraph', [text('anak')])])], { start: 3, type: null }),
      ]),
    ]),
    el('blockquote', [el('paragraph', [text('kutipan')])]),
    el('codeBlock', [text('```\n<b>bukan html</b>\n````')], { language: 'ts' }),
    el('horizontalRule'),
    el('image', [], { src: '/api/attachments/6f1c7a52-3a8e-4a54-9d2e-0c7e0f3f9b10', alt: 'foto kegiatan', title: 'Kegiatan' }),
    el('table', [
      el('tableRow', [cell('tableHeader', 'Kolom'), cell('tableHeader', 'Nilai')]),
      el('tableRow', [cell('tableCell', 'a|b'), cell('tableCell', '2')]),
    ]),
  ];
}

describe('Playbook schema: published, enforced before applying, exported in full', () => {
  let t: TestApp;
  let editor: TestUser;
  let editor2: TestUser;
  let viewer: TestUser;
  let playbookId: string;
  const clients = new CollabClients();

  beforeAll(async () => {
    t = await TestApp.start();
    const origin = await t.unit();
    const replicating = await t.unit();
    ({
      playbook: { id: playbookId },
    } = await t.replication({ originUnitId: origin.id, replicatingUnitId: replicating.id }));
    editor = await t.user({ units: [[origin.id, 'member']] });
    editor2 = await t.user({ units: [[replicating.id, 'member']] });
    viewer = await t.user();
    await t.http().patch(`/api/playbooks/${playbookId}`).set('Authorization', editor.auth).send({ visibility: 'public' }).expect(200);
  });
  afterEach(() => clients.destroyAll());
  afterAll(async () => {
    clients.destroyAll();
    await t?.close();
  });

  const exportOf = async (format: string) =>
    (await t.http().get(`/api/playbooks/${playbookId}/export?format=${format}`).set('Authorization', editor.auth).expect(200)).text;

  it('GET /api/playbooks/schema lists nodes with attrs, marks and the nesting limit', async () => {
    const r = await t.http().get('/api/playbooks/schema').expect(200);
    const nodes = new Map((r.body.nodes as { name: string; attrs: Record<string, unknown> }[]).map((n) => [n.name, n.attrs]));
    for (const n of [
      'paragraph',
      'heading',
      'bulletList',
      'orderedList',
      'listItem',
      'blockquote',
      'codeBlock',
      'hardBreak',
      'horizontalRule',
      'text',
      'image',
      'table',
      'tableRow',
      'tableHeader',
      'tableCell',
    ])
      expect(nodes.has(n)).toBe(true);
    expect(Object.keys(nodes.get('heading')!)).toContain('level');
    expect(Object.keys(nodes.get('codeBlock')!)).toContain('language');
    expect(Object.keys(nodes.get('image')!)).toEqual(expect.arrayContaining(['src', 'alt', 'title']));
    expect(Object.keys(nodes.get('tableCell')!)).toEqual(expect.arrayContaining(['colspan', 'rowspan', 'colwidth']));
    const marks = new Map((r.body.marks as { name: string; attrs: Record<string, unknown> }[]).map((m) => [m.name, m.attrs]));
    for (const m of ['bold', 'italic', 'strike', 'underline', 'code', 'link']) expect(marks.has(m)).toBe(true);
    expect(Object.keys(marks.get('link')!)).toEqual(expect.arrayContaining(['href', 'target', 'rel']));
    expect(r.body.maxDepth).toBeGreaterThanOrEqual(8);
  });

  it('a viewer is told read-only once (y-protocols permission denied) and changes nothing', async () => {
    const e = clients.open(t.wsUrl, playbookId, editor.token);
    const v = clients.open(t.wsUrl, playbookId, viewer.token);
    const denied = recordDenials(v);
    await Promise.all([clients.synced(e), clients.synced(v)]);
    const before = xml(e.doc);
    appendParagraph(v.doc, 'coretan 1');
    appendParagraph(v.doc, 'coretan 2');
    appendParagraph(v.doc, 'coretan 3');
    await waitUntil(() => denied.length > 0, 'permission denied at the viewer');
    // The editor's edit arrives at the viewer after all of the viewer's: they have had their chance.
    appendParagraph(e.doc, 'tanda');
    await waitUntil(() => xml(v.doc).includes('tanda'), 'editor edit at the viewer');
    expect(denied).toEqual(['read-only']);
    expect(xml(e.doc)).toBe(before + '<paragraph>tanda</paragraph>');
    expect(v.closes).toEqual([]);
  });

  it('accepts everything a StarterKit editor writes (plus image and table), and every export answers 200 with all of it', async () => {
    const a = clients.open(t.wsUrl, playbookId, editor.token);
    const b = clients.open(t.wsUrl, playbookId, editor2.token);
    await Promise.all([clients.synced(a), clients.synced(b)]);
    content(a.doc).push(richBlocks());
    await waitUntil(() => xml(b.doc).includes('foto kegiatan'), 'rich content at the other editor');
    expect(a.closes).toEqual([]);
    const md = await waitUntil(async () => {
      const text = await exportOf('md');
      return text.includes('Kolom') ? text : null;
    }, 'rich content in the export');
    expect(md).toContain('### Judul kaya');
    expect(md).toContain('**tebal**');
    expect(md).toContain('**tebal** _miring_ ~~coret~~ garis `` kode`x` `` [tautan](https://jippnas.menpan.go.id)');
    // Downloaded files point their images back at this server (PUBLIC_URL).
    expect(md).toContain(`![foto kegiatan](${t.config.publicUrl}/api/attachments/6f1c7a52-3a8e-4a54-9d2e-0c7e0f3f9b10 "Kegiatan")`);
    expect(md).toContain('| Kolom | Nilai |');
    expect(md).toContain('a\\|b');
    expect(md).toContain('3. anak');
    // The fence is longer than any backtick run in the code, so the code cannot end it.
    expect(md).toContain('`````ts\n```\n<b>bukan html</b>\n````\n`````');
    const html = await exportOf('html');
    for (const s of [
      '<s> coret</s>',
      '<u> garis</u>',
      '<code> kode`x`</code>',
      '<br />',
      '<hr />',
      `<img src="${t.config.publicUrl}/api/attachments/6f1c7a52-3a8e-4a54-9d2e-0c7e0f3f9b10" alt="foto kegiatan" title="Kegiatan" />`,
      '<th>',
      '<td>',
      'language-ts',
      '&lt;b&gt;bukan html',
    ]) {
      expect(html).toContain(s);
    }
    const json = JSON.parse(await exportOf('json')) as { content: { type: string }[] };
    expect(json.content.map((n) => n.type)).toEqual(
      expect.arrayContaining(['heading', 'paragraph', 'bulletList', 'blockquote', 'codeBlock', 'horizontalRule', 'image', 'table']),
    );
  });

  const refused = async (what: string, write: (doc: Y.Doc) => void, marker: string) => {
    const a = clients.open(t.wsUrl, playbookId, editor.token);
    const b = clients.open(t.wsUrl, playbookId, editor2.token);
    const denied = recordDenials(a);
    await Promise.all([clients.synced(a), clients.synced(b)]);
    write(a.doc);
    expect(await clients.closedWith(a)).toBe(4400);
    expect(denied[0]).toMatch(/^invalid-update: /);
    // Nothing of it was applied: not at the other client, not in a fresh one, not in any export.
    appendParagraph(b.doc, `sesudah ${what}`);
    const fresh = clients.open(t.wsUrl, playbookId, editor2.token);
    await waitUntil(() => xml(fresh.doc).includes(`sesudah ${what}`), 'a later edit at a fresh client');
    expect(xml(b.doc)).not.toContain(marker);
    expect(xml(fresh.doc)).not.toContain(marker);
    for (const f of ['md', 'html', 'json']) expect(await exportOf(f)).not.toContain(marker);
  };

  it('refuses an update with an unknown node as a whole (the valid part of it too)', async () => {
    await refused(
      'node',
      (doc) => content(doc).push([el('paragraph', [text('bagian sah NODEMARK')]), el('customWidget', [text('NODEMARK')])]),
      'NODEMARK',
    );
  });

  it('refuses an update with an unknown mark', async () => {
    await refused('mark', (doc) => content(doc).push([el('paragraph', [text('MARKMARK', { comment: { id: 1 } })])]), 'MARKMARK');
  });

  it('refuses nesting deeper than maxDepth', async () => {
    const { body } = await t.http().get('/api/playbooks/schema');
    await refused(
      'depth',
      (doc) => {
        let inner: Y.XmlElement = el('paragraph', [text('DEEPMARK')]);
        for (let i = 0; i < body.maxDepth; i++) inner = el('blockquote', [inner]);
        content(doc).push([inner]);
      },
      'DEEPMARK',
    );
  });

  it('accepts nesting at exactly maxDepth', async () => {
    const { body } = await t.http().get('/api/playbooks/schema');
    const a = clients.open(t.wsUrl, playbookId, editor.token);
    await clients.synced(a);
    let inner: Y.XmlElement = el('paragraph', [text('DEPTHOK')]);
    for (let i = 0; i < body.maxDepth - 1; i++) inner = el('blockquote', [inner]);
    content(a.doc).push([inner]);
    await waitUntil(async () => (await exportOf('md')).includes('DEPTHOK'), 'deep but allowed content stored');
    expect(a.closes).toEqual([]);
  });

  it('refuses a NUL character', async () => {
    await refused('nul', (doc) => content(doc).push([el('paragraph', [text('NULMARK\u0000x')])]), 'NULMARK');
  });

  it('refuses an update with bytes after its delete set, applying none of it', async () => {
    const scratch = new Y.Doc();
    const b = clients.open(t.wsUrl, playbookId, editor2.token);
    await clients.synced(b);
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(b.doc));
    const sv = Y.encodeStateVector(scratch);
    appendParagraph(scratch, 'TAILMARK');
    const update = Y.encodeStateAsUpdate(scratch, sv);
    scratch.destroy();
    const { ws, closed } = await rawSocket(t.wsUrl, playbookId, editor.token);
    ws.send(updateFrame(Buffer.concat([Buffer.from(update), Buffer.from([7, 7, 7])])));
    expect(await closed).toBe(4400);
    appendParagraph(b.doc, 'sesudah ekor');
    await waitUntil(async () => (await exportOf('md')).includes('sesudah ekor'), 'later edit stored');
    expect(await exportOf('md')).not.toContain('TAILMARK');
  });

  it('closes a socket whose path does not decode at once, and counts it', async () => {
    const server = t.get<CollabServer>(CollabServer);
    const before = server.malformedPaths;
    const { closed } = await rawSocket(t.wsUrl, '%E0%A4%A', editor.token);
    expect(await closed).toBe(4404);
    expect(server.malformedPaths).toBe(before + 1);
  });
});
