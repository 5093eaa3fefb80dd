import { randomUUID } from 'node:crypto';
import type { Unit } from '@app/database';
import { TestApp, TestUser } from '@app/testing';

describe('innovations (e2e)', () => {
  let t: TestApp;
  let unit: Unit;
  let otherUnit: Unit;
  let member: TestUser;
  let outsider: TestUser;
  let curator: TestUser;
  let admin: TestUser;

  const body = (over: Record<string, unknown> = {}) => ({
    title: `Klinik Layanan ${t.uniq()}`,
    summary: 'Layanan kesehatan keliling untuk desa terpencil',
    unitId: unit.id,
    source: 'KIPP',
    year: 2023,
    ...over,
  });

  beforeAll(async () => {
    t = await TestApp.start();
    unit = await t.unit(await t.agency('city', '35.78'));
    otherUnit = await t.unit(await t.agency('regency', '33.01'));
    member = await t.user({ units: [[unit.id, 'member']] });
    outsider = await t.user({ units: [[otherUnit.id, 'admin']] });
    curator = await t.user({ roles: ['curator'] });
    admin = await t.user({ roles: ['admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/innovations', () => {
    it('a member of the unit creates one; region defaults to the agency’s', async () => {
      const res = await t
        .http()
        .post('/api/innovations')
        .set('authorization', member.auth)
        .send(
          body({
            tags: ['Kesehatan', ' desa ', 'kesehatan'],
            sdgs: [3, 1, 3],
            digital: true,
            sector: 'kesehatan',
            stage: 'penerapan',
            sustainability: 'berlanjut',
            award: 'KIPP Top 45 2023',
            description: 'Panjang',
          }),
        )
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        unitId: unit.id,
        unit: { id: unit.id },
        regionCode: '35.78',
        source: 'KIPP',
        year: 2023,
        tags: ['kesehatan', 'desa'],
        sdgs: [1, 3],
        digital: true,
        stage: 'penerapan',
        sustainability: 'berlanjut',
        replicationCount: 0,
        demo: false,
        createdById: member.id,
      });
      const read = await t.http().get(`/api/innovations/${res.body.id}`).expect(200);
      expect(read.body).toEqual(res.body);
    });

    it('curators and admins create for any unit, with an explicit region', async () => {
      await t
        .http()
        .post('/api/innovations')
        .set('authorization', curator.auth)
        .send(body({ regionCode: '35' }))
        .expect(201);
      const res = await t
        .http()
        .post('/api/innovations')
        .set('authorization', admin.auth)
        .send(body({ unitId: otherUnit.id }))
        .expect(201);
      expect(res.body.regionCode).toBe('33.01');
    });

    it('403 for a non-member, 401 without a token, 404 for an unknown unit', async () => {
      expect((await t.http().post('/api/innovations').set('authorization', outsider.auth).send(body()).expect(403)).body.code).toBe(
        'FORBIDDEN',
      );
      await t.http().post('/api/innovations').send(body()).expect(401);
      expect(
        (
          await t
            .http()
            .post('/api/innovations')
            .set('authorization', admin.auth)
            .send(body({ unitId: randomUUID() }))
            .expect(404)
        ).body.code,
      ).toBe('NOT_FOUND');
    });

    it('409 for the same title, unit and year, or the same source and external id', async () => {
      const b = body();
      await t.http().post('/api/innovations').set('authorization', member.auth).send(b).expect(201);
      const dup = await t
        .http()
        .post('/api/innovations')
        .set('authorization', member.auth)
        .send({ ...b, title: `  ${b.title.toUpperCase()} ` })
        .expect(409);
      expect(dup.body.code).toBe('ALREADY_EXISTS');
      await t
        .http()
        .post('/api/innovations')
        .set('authorization', member.auth)
        .send({ ...b, year: 2022 })
        .expect(201);
      await t
        .http()
        .post('/api/innovations')
        .set('authorization', member.auth)
        .send(body({ externalId: 'K-1' }))
        .expect(201);
      await t
        .http()
        .post('/api/innovations')
        .set('authorization', member.auth)
        .send(body({ externalId: 'K-1' }))
        .expect(409);
      await t
        .http()
        .post('/api/innovations')
        .set('authorization', member.auth)
        .send(body({ externalId: 'K-1', source: 'IGA' }))
        .expect(201);
    });

    it.each([
      ['missing title', { title: undefined }],
      ['blank summary', { summary: '   ' }],
      ['year as text', { year: '2023' }],
      ['year out of range', { year: 1800 }],
      ['unknown source', { source: 'LAN' }],
      ['bad unit id', { unitId: 'unit-1' }],
      ['bad region', { regionCode: 'Jawa' }],
      ['sdg out of range', { sdgs: [18] }],
      ['tags not a list', { tags: 'a,b' }],
      ['digital as text', { digital: 'ya' }],
      ['unknown stage', { stage: 'selesai' }],
      ['unknown field', { budget: 100 }],
    ])('400 for %s', async (_l, over) => {
      const res = await t.http().post('/api/innovations').set('authorization', member.auth).send(body(over)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('400 for malformed JSON', async () => {
      const res = await t
        .http()
        .post('/api/innovations')
        .set('authorization', member.auth)
        .set('content-type', 'application/json')
        .send('{"title": ')
        .expect(400);
      expect(res.body.statusCode).toBe(400);
    });
  });

  describe('GET/PATCH /api/innovations/:id', () => {
    let id: string;
    beforeAll(async () => {
      id = (await t.http().post('/api/innovations').set('authorization', member.auth).send(body()).expect(201)).body.id;
    });

    it('is readable without signing in; 404 unknown, 400 malformed id', async () => {
      await t.http().get(`/api/innovations/${id}`).expect(200);
      await t.http().get(`/api/innovations/${id}`).set('authorization', outsider.auth).expect(200);
      expect((await t.http().get(`/api/innovations/${randomUUID()}`).expect(404)).body.code).toBe('NOT_FOUND');
      await t.http().get('/api/innovations/abc').expect(400);
    });

    it('members, curators and admins update; the search index follows', async () => {
      const res = await t
        .http()
        .patch(`/api/innovations/${id}`)
        .set('authorization', member.auth)
        .send({ title: 'Posyandu Digital Terintegrasi', sdgs: [3], sector: 'kesehatan' })
        .expect(200);
      expect(res.body).toMatchObject({
        id,
        title: 'Posyandu Digital Terintegrasi',
        sdgs: [3],
        sector: 'kesehatan',
        summary: expect.any(String),
      });
      await t.http().patch(`/api/innovations/${id}`).set('authorization', curator.auth).send({ digital: true }).expect(200);
      const adm = await t
        .http()
        .patch(`/api/innovations/${id}`)
        .set('authorization', admin.auth)
        .send({ regionCode: null, description: 'Deskripsi lengkap' })
        .expect(200);
      expect(adm.body).toMatchObject({ digital: true, regionCode: null, description: 'Deskripsi lengkap' });
      const found = await t.http().get('/api/innovations?q=posyandu').expect(200);
      expect(found.body.items[0].id).toBe(id);
    });

    it('403 for others, 401 anonymous, 404 unknown, 400 bad body', async () => {
      await t.http().patch(`/api/innovations/${id}`).set('authorization', outsider.auth).send({ title: 'X' }).expect(403);
      await t.http().patch(`/api/innovations/${id}`).send({ title: 'X' }).expect(401);
      await t.http().patch(`/api/innovations/${randomUUID()}`).set('authorization', admin.auth).send({ title: 'X' }).expect(404);
      await t.http().patch(`/api/innovations/${id}`).set('authorization', member.auth).send({ unitId: otherUnit.id }).expect(400);
      await t.http().patch(`/api/innovations/${id}`).set('authorization', member.auth).send({ year: 'soon' }).expect(400);
      await t.http().patch(`/api/innovations/${id}`).set('authorization', member.auth).send({ title: '' }).expect(400);
    });

    it('409 when an update collides with another innovation’s natural key', async () => {
      const a = (
        await t
          .http()
          .post('/api/innovations')
          .set('authorization', member.auth)
          .send(body({ title: 'Kembar Satu' }))
          .expect(201)
      ).body;
      const b = (
        await t
          .http()
          .post('/api/innovations')
          .set('authorization', member.auth)
          .send(body({ title: 'Kembar Dua' }))
          .expect(201)
      ).body;
      await t.http().patch(`/api/innovations/${b.id}`).set('authorization', member.auth).send({ title: a.title }).expect(409);
    });
  });

  describe('GET /api/innovations filters and facets', () => {
    let u1: Unit;
    let u2: Unit;
    beforeAll(async () => {
      u1 = await t.unit(await t.agency('city', '73.71'));
      u2 = await t.unit(await t.agency('regency', '73.02'));
      const rows = [
        {
          title: 'Filter Satu',
          unitId: u1.id,
          source: 'KIPP',
          year: 2019,
          sector: 'pendidikan',
          stage: 'penerapan',
          sdgs: [4],
          digital: true,
        },
        {
          title: 'Filter Dua',
          unitId: u1.id,
          source: 'IGA',
          year: 2019,
          sector: 'pendidikan',
          stage: 'uji_coba',
          sdgs: [4, 10],
          digital: false,
        },
        {
          title: 'Filter Tiga',
          unitId: u2.id,
          source: 'INNOLAND',
          year: 2018,
          sector: 'pertanian',
          stage: 'inisiatif',
          sdgs: [2],
          digital: true,
        },
        { title: 'Filter Empat', unitId: u2.id, source: 'KIPP', year: 2018, sector: 'pertanian', sdgs: [], digital: false },
      ];
      for (const r of rows)
        await t
          .http()
          .post('/api/innovations')
          .set('authorization', admin.auth)
          .send({ summary: 'Inovasi penyaringan', ...r })
          .expect(201);
    });
    const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((i) => i.title).sort();

    it.each([
      ['source=KIPP&regionCode=73', ['Filter Empat', 'Filter Satu']],
      ['year=2019', ['Filter Dua', 'Filter Satu']],
      ['regionCode=73.02', ['Filter Empat', 'Filter Tiga']],
      ['regionCode=73&sector=pendidikan', ['Filter Dua', 'Filter Satu']],
      ['stage=uji_coba&regionCode=73', ['Filter Dua']],
      ['sdg=4', ['Filter Dua', 'Filter Satu']],
      ['digital=true&regionCode=73', ['Filter Satu', 'Filter Tiga']],
      ['digital=false&year=2018', ['Filter Empat']],
      ['q=penyaringan&source=INNOLAND', ['Filter Tiga']],
      ['q=filter&year=2018&sector=pertanian', ['Filter Empat', 'Filter Tiga']],
    ])('%s', async (query, expected) => {
      const res = await t.http().get(`/api/innovations?${query}`).expect(200);
      expect(titles(res)).toEqual(expected);
      expect(res.body.total).toBe(expected.length);
    });

    it('unitId filter, pages and totals', async () => {
      const p1 = await t.http().get(`/api/innovations?unitId=${u1.id}&limit=1`).expect(200);
      const p2 = await t.http().get(`/api/innovations?unitId=${u1.id}&limit=1&offset=1`).expect(200);
      const p3 = await t.http().get(`/api/innovations?unitId=${u1.id}&limit=1&offset=5`).expect(200);
      expect([p1.body.total, p2.body.total, p3.body.total]).toEqual([2, 2, 2]);
      expect(p1.body.items[0].id).not.toBe(p2.body.items[0].id);
      expect(p3.body.items).toEqual([]);
    });

    it('facet counts over the filtered set', async () => {
      const res = await t.http().get('/api/innovations?regionCode=73&facets=true').expect(200);
      expect(res.body.total).toBe(4);
      const f = res.body.facets;
      expect(f.source).toEqual([
        { key: 'KIPP', count: 2 },
        { key: 'IGA', count: 1 },
        { key: 'INNOLAND', count: 1 },
      ]);
      expect(f.year).toEqual([
        { key: '2019', count: 2 },
        { key: '2018', count: 2 },
      ]);
      expect(f.province).toEqual([{ key: '73', label: 'Sulawesi Selatan', count: 4 }]);
      expect(f.sector).toEqual([
        { key: 'pendidikan', count: 2 },
        { key: 'pertanian', count: 2 },
      ]);
      expect(f.sdg).toEqual([
        { key: '2', count: 1 },
        { key: '4', count: 2 },
        { key: '10', count: 1 },
      ]);
      expect(f.digital).toEqual(
        expect.arrayContaining([
          { key: 'true', count: 2 },
          { key: 'false', count: 2 },
        ]),
      );
      expect(f.stage).toHaveLength(3);
      const withQ = await t.http().get('/api/innovations?q=filter&facets=true&sector=pendidikan').expect(200);
      expect(withQ.body.facets.source).toEqual([
        { key: 'IGA', count: 1 },
        { key: 'KIPP', count: 1 },
      ]);
    });

    it.each([
      'limit=0',
      'limit=101',
      'offset=-1',
      'year=abc',
      'source=LAN',
      'sdg=18',
      'digital=maybe',
      'regionCode=x',
      'unitId=1',
      'stage=done',
      'color=red',
    ])('400 for %s', async (query) => {
      expect((await t.http().get(`/api/innovations?${query}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });
  });
});
