import { JwtService } from '@nestjs/jwt';
import * as Y from 'yjs';
import { TestApp, waitUntil } from '@app/testing';
import { buildParents, Parent, PDF, PNG } from './attachments.support';
import { CollabClients, content } from './playbooks.helpers';

const binary = (res: NodeJS.ReadableStream, done: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Signed download links (for `<img src>`) and attachment metadata in the parents' exports. */
describe('attachment links and exports', () => {
  let t: TestApp;
  const clients = new CollabClients();
  let parents: Parent[];
  let cast: Awaited<ReturnType<typeof buildParents>>['cast'];
  const parent = (name: string) => parents.find((p) => p.name === name)!;
  const upload = (p: Parent, file: Buffer, name: string) =>
    t.http().post(p.path).set('authorization', p.editor.auth).attach('file', file, name).expect(201);

  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_URL: 'https://kolaborasi.example.go.id' });
    ({ parents, cast } = await buildParents(t));
  });
  afterAll(async () => {
    clients.destroyAll();
    await t?.close();
  });

  it('a reader gets a signed link that downloads the one file without a bearer token; outsiders get none', async () => {
    const pb = parent('playbook');
    const image = (await upload(pb, PNG, 'bagan.png')).body as { id: string };
    const other = (await upload(pb, PDF, 'lain.pdf')).body as { id: string };
    const link = await t.http().post(`/api/attachments/${image.id}/link`).set('authorization', pb.editor.auth).expect(200);
    expect(link.body.url).toMatch(new RegExp(`^/api/attachments/${image.id}/signed\\?token=`));
    const left = Date.parse(link.body.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(60_000);
    expect(left).toBeLessThanOrEqual(300_000);

    const file = await t
      .http()
      .get(link.body.url)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');

    // Outsiders of a team playbook get no link; without a session, none either.
    expect((await t.http().post(`/api/attachments/${image.id}/link`).set('authorization', cast.outsider.auth).expect(403)).body.code).toBe(
      'FORBIDDEN',
    );
    await t.http().post(`/api/attachments/${image.id}/link`).expect(401);

    // Scoped to one file: the same token on another attachment is refused.
    const token = new URL(link.body.url, 'http://x').searchParams.get('token')!;
    expect((await t.http().get(`/api/attachments/${other.id}/signed?token=${token}`).expect(403)).body.code).toBe(
      'ATTACHMENT_LINK_INVALID',
    );
  });

  it('refuses forged, foreign-typed and expired tokens, and missing ones', async () => {
    const rep = parent('replication');
    const file = (await upload(rep, PDF, 'pks.pdf')).body as { id: string };
    const { url } = (await t.http().post(`/api/attachments/${file.id}/link`).set('authorization', rep.editor.auth).expect(200)).body as {
      url: string;
    };
    const token = new URL(url, 'http://x').searchParams.get('token')!;
    const [head, body, sig] = token.split('.');
    const forged = `${head}.${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    const signed = (q: string) => t.http().get(`/api/attachments/${file.id}/signed${q}`);
    expect((await signed(`?token=${forged}`).expect(403)).body.code).toBe('ATTACHMENT_LINK_INVALID');
    // An access token is not a download link, even for someone who may read the file.
    expect((await signed(`?token=${rep.editor.token}`).expect(403)).body.code).toBe('ATTACHMENT_LINK_INVALID');
    const jwt = t.get<JwtService>(JwtService);
    const expired = jwt.sign({ typ: 'attachment', sub: file.id }, { expiresIn: -10 });
    expect((await signed(`?token=${expired}`).expect(403)).body.code).toBe('ATTACHMENT_LINK_EXPIRED');
    const otherKey = new JwtService({ secret: 'another-secret-of-enough-length' }).sign({ typ: 'attachment', sub: file.id });
    expect((await signed(`?token=${otherKey}`).expect(403)).body.code).toBe('ATTACHMENT_LINK_INVALID');
    expect((await signed('').expect(400)).body.code).toBe('VALIDATION_FAILED');
    // A deleted file's link answers 404.
    await t.http().delete(`/api/attachments/${file.id}`).set('authorization', rep.editor.auth).expect(204);
    await signed(`?token=${token}`).expect(404);
  });

  it('replication and innovation exports list their attachments’ metadata, never the bytes', async () => {
    const rep = parent('replication');
    const inv = parent('innovation');
    await upload(rep, PDF, 'Perjanjian Kerja Sama.pdf');
    await upload(inv, PNG, 'alur-layanan.png');
    const replicationId = rep.path.split('/')[3];
    const innovationId = inv.path.split('/')[3];

    const csv = (await t.http().get(`/api/replications/export?format=csv`).set('authorization', cast.curator.auth).expect(200)).text;
    const [header, ...rows] = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(header.split(',').slice(-2)).toEqual(['attachmentCount', 'attachments']);
    const row = rows.find((r) => r.startsWith(replicationId))!;
    expect(row).toContain(`Perjanjian Kerja Sama.pdf (application/pdf, ${PDF.length} B, ${rep.editor.name}, `);
    expect(row).not.toContain('%PDF');

    const icsv = (
      await t
        .http()
        .get(`/api/innovations/export?format=csv&unitId=${cast.originUnitId}`)
        .set('authorization', cast.curator.auth)
        .expect(200)
    ).text;
    const irow = icsv.split('\r\n').find((r) => r.startsWith(innovationId))!;
    expect(irow).toMatch(new RegExp(`,1,"?alur-layanan\\.png \\(image/png, ${PNG.length} B, ${inv.editor.name}, \\d{4}-`));
    // Rows without files: a zero count and an empty cell.
    const other = await t.unit(await t.agency('city', '35.78'));
    await t
      .http()
      .post('/api/innovations')
      .set('authorization', cast.curator.auth)
      .send({ title: 'Tanpa lampiran', summary: 'x', unitId: other.id, source: 'OTHER', year: 2024 })
      .expect(201);
    const bare = (await t.http().get(`/api/innovations/export?unitId=${other.id}`).set('authorization', cast.curator.auth).expect(200))
      .text;
    expect(bare.trim().split('\r\n')[1]).toMatch(/,0,$/);
    // Still curators only.
    await t.http().get('/api/replications/export').set('authorization', rep.editor.auth).expect(403);
  });

  it('playbook exports: JSON meta lists files; Markdown and HTML list them and point images at PUBLIC_URL', async () => {
    const pb = parent('playbook');
    const playbookId = pb.path.split('/')[3];
    const json = await t.http().get(`/api/playbooks/${playbookId}/export?format=json`).set('authorization', pb.editor.auth).expect(200);
    const files = json.body.meta.attachments as { id: string; name: string; size: number; contentType: string; url: string }[];
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['bagan.png', 'lain.pdf']));
    const png = files.find((f) => f.name === 'bagan.png')!;
    expect(png).toMatchObject({
      contentType: 'image/png',
      size: PNG.length,
      createdBy: { id: pb.editor.id, name: pb.editor.name },
      url: `https://kolaborasi.example.go.id/api/attachments/${png.id}`,
    });
    expect(Date.parse((png as unknown as { createdAt: string }).createdAt)).not.toBeNaN();
    expect(JSON.stringify(json.body)).not.toContain('iVBOR');

    const md = (await t.http().get(`/api/playbooks/${playbookId}/export?format=md`).set('authorization', pb.editor.auth).expect(200)).text;
    expect(md).toContain('## Lampiran');
    expect(md).toContain(
      `- [bagan.png](<https://kolaborasi.example.go.id/api/attachments/${png.id}>) (image/png, ${PNG.length} B, ${pb.editor.name}, `,
    );
    // An image node in the document (as the editor inserts it) points at the server in HTML and Markdown.
    const c = clients.open(t.wsUrl, playbookId, pb.editor.token);
    await clients.synced(c);
    const img = new Y.XmlElement('image');
    img.setAttribute('src', `/api/attachments/${png.id}`);
    img.setAttribute('alt', 'Bagan alur');
    content(c.doc).push([img]);
    const html = await waitUntil(async () => {
      const res = await t.http().get(`/api/playbooks/${playbookId}/export?format=html`).set('authorization', pb.editor.auth).expect(200);
      return res.text.includes('<img') ? res.text : null;
    }, 'the image reaches the export');
    expect(html).toContain(`<img src="https://kolaborasi.example.go.id/api/attachments/${png.id}" alt="Bagan alur"`);
    const md2 = (await t.http().get(`/api/playbooks/${playbookId}/export?format=md`).set('authorization', pb.editor.auth).expect(200)).text;
    expect(md2).toContain(`![Bagan alur](https://kolaborasi.example.go.id/api/attachments/${png.id})`);
    const json2 = await t.http().get(`/api/playbooks/${playbookId}/export?format=json`).set('authorization', pb.editor.auth).expect(200);
    expect(JSON.stringify(json2.body.content)).toContain(`"src":"/api/attachments/${png.id}"`);
    expect(html).toContain(`<h2>Lampiran</h2>`);
    expect(html).toContain(`<a href="https://kolaborasi.example.go.id/api/attachments/${png.id}">bagan.png</a>`);
    // Outsiders still cannot export a team playbook.
    await t.http().get(`/api/playbooks/${playbookId}/export?format=json`).set('authorization', pb.outsider!.auth).expect(403);
  });

  it('lists the innovations a user follows, newest first; unfollowing removes one; others’ follows stay private', async () => {
    const inv = parent('innovation');
    const innovationId = inv.path.split('/')[3];
    const other = await t
      .http()
      .post('/api/innovations')
      .set('authorization', cast.curator.auth)
      .send({ title: 'Inovasi diikuti kedua', summary: 'x', unitId: cast.otherUnitId, source: 'OTHER', year: 2023 })
      .expect(201);
    const me = cast.outsider;
    await t.http().put(`/api/innovations/${innovationId}/follow`).set('authorization', me.auth).expect(200);
    await t.http().put(`/api/innovations/${other.body.id}/follow`).set('authorization', me.auth).expect(200);
    const list = await t.http().get('/api/me/followed-innovations').set('authorization', me.auth).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([other.body.id, innovationId]);
    expect(list.body.items[0]).toMatchObject({ title: 'Inovasi diikuti kedua' });
    expect((await t.http().get('/api/me/followed-innovations').set('authorization', cast.repMember.auth).expect(200)).body.items).toEqual(
      [],
    );
    await t.http().delete(`/api/innovations/${other.body.id}/follow`).set('authorization', me.auth).expect(200);
    const after = await t.http().get('/api/me/followed-innovations').set('authorization', me.auth).expect(200);
    expect(after.body.items.map((i: { id: string }) => i.id)).toEqual([innovationId]);
    await t.http().get('/api/me/followed-innovations').expect(401);
  });
});
