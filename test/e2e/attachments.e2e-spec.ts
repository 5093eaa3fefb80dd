import { createHash, randomBytes } from 'node:crypto';
import { TestApp } from '@app/testing';
import { buildParents, ELF, Parent, PDF, PNG, startS3 } from './attachments.support';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Six and a half MiB of random bytes behind a PDF header: several chunks, and two S3 parts. */
const big = () => Buffer.concat([PDF, randomBytes(6.5 * 1024 * 1024)]);
const MAX = 7 * 1024 * 1024;

describe.each(['pg', 's3'] as const)('attachments stored in %s', (backend) => {
  let t: TestApp;
  let s3: Awaited<ReturnType<typeof startS3>> | undefined;
  let parents: Parent[];
  let cast: Awaited<ReturnType<typeof buildParents>>['cast'];

  beforeAll(async () => {
    if (backend === 's3') s3 = await startS3();
    t = await TestApp.start({ ATTACHMENT_MAX_BYTES: String(MAX), ...(s3 ? { S3_URL: s3.url } : {}) });
    ({ parents, cast } = await buildParents(t));
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  const upload = (p: Parent, as = p.editor, file: Buffer = PDF, name = 'PKS Surabaya–Makassar.pdf') =>
    t.http().post(p.path).set('authorization', as.auth).attach('file', file, name);

  it('uploads, lists and downloads on every parent; readers read, only editors add, outsiders get 403', async () => {
    for (const p of parents) {
      const res = await upload(p).expect(201);
      expect(res.body).toMatchObject({
        name: 'PKS Surabaya–Makassar.pdf',
        size: PDF.length,
        contentType: 'application/pdf',
        createdBy: { id: p.editor.id },
      });
      const [row] = await t.em().execute<{ storage: string }[]>('select storage from attachments where id = ?', [res.body.id]);
      expect(row.storage).toBe(backend);
      for (const reader of [p.editor, ...(p.reader ? [p.reader] : [])]) {
        const list = await t.http().get(p.path).set('authorization', reader.auth).expect(200);
        expect(list.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
        const file = await t
          .http()
          .get(`/api/attachments/${res.body.id}`)
          .set('authorization', reader.auth)
          .buffer(true)
          .parse(binary as never)
          .expect(200);
        expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
        expect(file.headers['content-type']).toBe('application/pdf');
        expect(file.headers['x-content-type-options']).toBe('nosniff');
        expect(file.headers['content-disposition']).toBe(
          `attachment; filename="PKS Surabaya_Makassar.pdf"; filename*=UTF-8''PKS%20Surabaya%E2%80%93Makassar.pdf`,
        );
      }
      if (p.reader) expect((await upload(p, p.reader).expect(403)).body.code).toBe('FORBIDDEN');
      if (p.outsider) {
        await upload(p, p.outsider).expect(403);
        await t.http().get(p.path).set('authorization', p.outsider.auth).expect(403);
        await t.http().get(`/api/attachments/${res.body.id}`).set('authorization', p.outsider.auth).expect(403);
      }
      await t.http().get(`/api/attachments/${res.body.id}`).expect(401);
    }
  });

  it('streams a file of several MiB intact both ways', async () => {
    const data = big();
    const p = parents[0];
    const res = await upload(p, p.editor, data, 'laporan.pdf').expect(201);
    expect(res.body.size).toBe(data.length);
    const file = await t
      .http()
      .get(`/api/attachments/${res.body.id}`)
      .set('authorization', p.editor.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(file.headers['content-length']).toBe(String(data.length));
    expect(sha(file.body as Buffer)).toBe(sha(data));
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES with 413 and keeps nothing of it', async () => {
    const p = parents[1];
    const before = await count(p);
    const res = await upload(p, p.editor, Buffer.concat([PDF, randomBytes(MAX)]), 'besar.pdf').expect(413);
    expect(res.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(await count(p)).toBe(before);
    const [{ n }] = await t.em().execute<{ n: number }[]>('select count(*)::int as n from attachments where not complete');
    expect(n).toBe(0);
  });

  it('judges the type by the bytes: a renamed executable is refused with 415, images are served inline', async () => {
    const p = parents[3];
    const exe = await upload(p, p.editor, ELF, 'laporan.pdf').expect(415);
    expect(exe.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const html = await upload(
      p,
      p.editor,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'gambar.svg',
    ).expect(201);
    // Text is only ever text: served as text/plain with nosniff, never as SVG or HTML.
    expect(html.body.contentType).toBe('text/plain');
    const zip = await upload(p, p.editor, Buffer.from('504b0304140000000800', 'hex'), 'arsip.docx').expect(415);
    expect(zip.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const img = await upload(p, p.editor, PNG, 'foto.jpg').expect(201);
    expect(img.body.contentType).toBe('image/png');
    const got = await t
      .http()
      .get(`/api/attachments/${img.body.id}`)
      .set('authorization', p.editor.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(/^inline; filename="foto.jpg"/);
    const csv = await upload(p, p.editor, Buffer.from('kota;jumlah\nSurabaya;3\n'), 'rekap.csv').expect(201);
    expect(csv.body.contentType).toBe('text/csv');
    const text = await t.http().get(`/api/attachments/${csv.body.id}`).set('authorization', p.editor.auth).expect(200);
    expect(text.headers['content-type']).toBe('text/csv; charset=utf-8');
  });

  it('answers bad uploads with 4xx: no multipart, no field `file`, another field name, empty file', async () => {
    const p = parents[0];
    expect((await t.http().post(p.path).set('authorization', p.editor.auth).send({ file: 'x' }).expect(415)).body.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect((await t.http().post(p.path).set('authorization', p.editor.auth).field('name', 'x').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await t.http().post(p.path).set('authorization', p.editor.auth).attach('berkas', PDF, 'a.pdf').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await t.http().post(p.path).set('authorization', p.editor.auth).attach('file', Buffer.alloc(0), 'kosong.txt').expect(415)).body.code,
    ).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const broken = await t
      .http()
      .post(p.path)
      .set('authorization', p.editor.auth)
      .set('content-type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 tanpa akhir');
    expect([400, 415]).toContain(broken.status);
    await t
      .http()
      .post('/api/replications/00000000-0000-4000-8000-000000000000/attachments')
      .set('authorization', p.editor.auth)
      .attach('file', PDF, 'a.pdf')
      .expect(404);
    await t.http().get('/api/attachments/00000000-0000-4000-8000-000000000000').set('authorization', p.editor.auth).expect(404);
    await t.http().get('/api/attachments/bukan-uuid').set('authorization', p.editor.auth).expect(400);
  });

  it('renames and deletes: the uploader or the parent’s editors; readers get 403', async () => {
    const p = parents[4]; // session: the mentor uploads, the replicating team also manages, the facilitator member only reads
    const res = await upload(p).expect(201);
    const renamed = await t
      .http()
      .patch(`/api/attachments/${res.body.id}`)
      .set('authorization', p.editor.auth)
      .send({ name: 'Notulen sesi 1.pdf' })
      .expect(200);
    expect(renamed.body.name).toBe('Notulen sesi 1.pdf');
    expect(
      (await t.http().patch(`/api/attachments/${res.body.id}`).set('authorization', p.editor.auth).send({ name: '' }).expect(400)).body
        .code,
    ).toBe('VALIDATION_FAILED');
    await t.http().patch(`/api/attachments/${res.body.id}`).set('authorization', p.reader!.auth).send({ name: 'x.pdf' }).expect(403);
    await t.http().delete(`/api/attachments/${res.body.id}`).set('authorization', p.reader!.auth).expect(403);
    await t.http().delete(`/api/attachments/${res.body.id}`).set('authorization', p.outsider!.auth).expect(403);
    // Another manager of the session (not the uploader) may delete it.
    await t.http().delete(`/api/attachments/${res.body.id}`).set('authorization', cast.repMember.auth).expect(204);
    await t.http().get(`/api/attachments/${res.body.id}`).set('authorization', p.editor.auth).expect(404);
    await t.http().delete(`/api/attachments/${res.body.id}`).set('authorization', p.editor.auth).expect(404);
  });

  async function count(p: Parent): Promise<number> {
    return (await t.http().get(p.path).set('authorization', p.editor.auth).expect(200)).body.items.length;
  }
});

function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (e: Error) => done(e, Buffer.alloc(0)));
}
