import { TestApp, TestUser } from '@app/testing';
import { SearchRegistry } from '../../apps/api/src/modules/search/search.registry';

describe('GET /api/search (e2e)', () => {
  let t: TestApp;
  let user: TestUser;
  let id: string;
  beforeAll(async () => {
    t = await TestApp.start();
    const unit = await t.unit();
    user = await t.user({ units: [[unit.id, 'member']] });
    const create = (title: string, summary: string) =>
      t
        .http()
        .post('/api/innovations')
        .set('authorization', user.auth)
        .send({ title, summary, unitId: unit.id, source: 'IGA', year: 2024 })
        .expect(201);
    id = (await create('Inovasi <b>Tebal</b> & Kesehatan "Desa"', 'Puskesmas keliling <script>alert(1)</script> untuk kesehatan warga'))
      .body.id;
    for (let i = 0; i < 6; i++) await create(`Layanan Kesehatan Nomor ${i}`, 'Ringkasan tentang kesehatan masyarakat');
    await create('Bank Sampah', 'Tabungan sampah');
  });
  afterAll(async () => {
    await t.close();
  });

  const search = (query: string) => t.http().get(`/api/search?${query}`).set('authorization', user.auth);

  it('finds innovations with marked, HTML-escaped snippets', async () => {
    const res = await search('q=kesehatan%20desa&types=innovation').expect(200);
    expect(res.body.items[0]).toMatchObject({
      type: 'innovation',
      id,
      title: 'Inovasi <b>Tebal</b> & Kesehatan "Desa"',
      score: expect.any(Number),
    });
    const snippet: string = res.body.items[0].snippet;
    expect(snippet).toContain('<mark>Kesehatan</mark>');
    expect(snippet).toContain('<mark>Desa</mark>');
    // The text parser drops tag-like tokens; what remains is escaped.
    expect(snippet).toContain('&amp; <mark>Kesehatan</mark> &quot;<mark>Desa</mark>&quot;');
    expect(snippet).not.toContain('<script');
    expect(snippet).not.toMatch(/<(?!\/?mark>)/);
    expect(res.body.items[0].score).toBeGreaterThan(0);
    expect(res.body.items[0].score).toBeLessThanOrEqual(1);
  });

  it('tolerates typos; respects limit; best first', async () => {
    const res = await search('q=kesehtan&types=innovation&limit=3').expect(200);
    expect(res.body.items).toHaveLength(3);
    const scores = res.body.items.map((i: { score: number }) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(res.body.items[0].snippet).toContain('<mark>');
  });

  it('without types asks every registered provider', async () => {
    const types = t.get<SearchRegistry>(SearchRegistry).types();
    expect(types).toContain('innovation');
    const res = await search('q=sampah').expect(200);
    expect(res.body.items.map((i: { type: string }) => i.type)).toContain('innovation');
    await search(`q=sampah&types=${types.join(',')}`).expect(200);
  });

  it('400 for unknown types, missing or blank q, bad limit, unknown parameters; 401 anonymous', async () => {
    for (const q of [
      'q=x&types=innovation,foo',
      'q=x&types=',
      'types=innovation',
      'q=%20%20',
      'q=x&limit=0',
      'q=x&limit=51',
      'q=x&sort=new',
    ]) {
      expect((await search(q).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    await t.http().get('/api/search?q=x').expect(401);
  });
});
