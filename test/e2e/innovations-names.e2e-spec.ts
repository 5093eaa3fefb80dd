import { TestApp, TestUser } from '@app/testing';
import { DemoService } from '../../apps/api/src/modules/demo/demo.service';

type Item = {
  id: string;
  title: string;
  summary: string;
  description: string;
  sector: string | null;
  tags: string[];
  unit: { name: string };
  agency: { name: string };
  region: { code: string; name: string; province: { code: string; name: string } } | null;
};

/** Search by the names people type, acronyms, regions with names, sort: over the demo catalogue. */
describe('catalogue names, regions and sort (e2e)', () => {
  let t: TestApp;
  let curator: TestUser;
  let all: Item[];
  const q = async (query: string, extra = '') =>
    (
      await t
        .http()
        .get(`/api/innovations?q=${encodeURIComponent(query)}&limit=100${extra}`)
        .expect(200)
    ).body as { items: Item[]; total: number; match: string };
  const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

  beforeAll(async () => {
    t = await TestApp.start();
    expect(await t.get<DemoService>(DemoService).seedIfEmpty()).toBe(true);
    curator = await t.user({ roles: ['curator'] });
    all = (await t.http().get('/api/innovations?limit=100').expect(200)).body.items;
  });
  afterAll(async () => {
    await t.close();
  });

  it('Makassar finds every innovation of Makassar units, and only those', async () => {
    const expected = all.filter((i) => i.region?.code === '73.71');
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const res = await q('Makassar');
    expect(ids(res.items)).toEqual(ids(expected));
  });

  it('administrasi kependudukan finds every civil-registration innovation', async () => {
    const expected = all.filter((i) => i.sector === 'administrasi kependudukan');
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const res = await q('administrasi kependudukan');
    expect(res.match).toBe('all');
    expect(ids(res.items)).toEqual(expect.arrayContaining(ids(expected)));
    expect(res.items.slice(0, expected.length).every((i) => i.sector === 'administrasi kependudukan')).toBe(true);
  });

  it('pendayagunaan aparatur finds every innovation of that sector (or of KemenPANRB)', async () => {
    const expected = all.filter((i) => i.sector === 'pendayagunaan aparatur' || /Pendayagunaan Aparatur/.test(i.agency.name));
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(ids((await q('pendayagunaan aparatur')).items)).toEqual(ids(expected));
  });

  it('SIAK (an acronym) returns only innovations that mention it, not typo neighbours like "Siaga"', async () => {
    const res = await q('SIAK');
    expect(res.items.length).toBeGreaterThanOrEqual(2);
    for (const i of res.items)
      expect(`${i.title} ${i.summary} ${i.description} ${i.tags.join(' ')}`).toMatch(
        /\bSIAK\b|sistem informasi administrasi kependudukan/i,
      );
    expect(res.items.some((i) => /Siaga/.test(i.title))).toBe(false);
    expect((await q('siak')).total).toBe(res.total);
  });

  it('synonyms: dukcapil finds the civil-registration units, PTSP the one-stop licensing unit, puskesmas keliling the mobile clinic first', async () => {
    const dukcapil = await q('dukcapil');
    expect(dukcapil.items.length).toBeGreaterThanOrEqual(4);
    expect(
      dukcapil.items.every((i) => /dukcapil|Kependudukan dan Pencatatan Sipil/i.test(`${i.title} ${i.unit.name} ${i.tags.join(' ')}`)),
    ).toBe(true);
    const ptsp = await q('PTSP');
    expect(ptsp.items.length).toBeGreaterThanOrEqual(3);
    expect(ptsp.items.every((i) => /PTSP|pelayanan terpadu satu pintu/i.test(`${i.title} ${i.summary} ${i.unit.name}`))).toBe(true);
    expect((await q('puskesmas keliling')).items[0].title).toBe('Puskesmas Keliling Desa Terpencil');
  });

  it('sector filter is normalised (case and spaces)', async () => {
    const a = await t.http().get('/api/innovations?sector=kesehatan&limit=100').expect(200);
    const b = await t
      .http()
      .get(`/api/innovations?sector=${encodeURIComponent('  Kesehatan ')}&limit=100`)
      .expect(200);
    expect(a.body.total).toBeGreaterThan(5);
    expect(ids(b.body.items)).toEqual(ids(a.body.items));
  });

  it('views and facets carry region names; a province code includes its regencies', async () => {
    const makassar = all.find((i) => i.region?.code === '73.71')!;
    expect(makassar.region).toEqual({ code: '73.71', name: 'Kota Makassar', province: { code: '73', name: 'Sulawesi Selatan' } });
    const one = (await t.http().get(`/api/innovations/${makassar.id}`).expect(200)).body;
    expect(one.region.name).toBe('Kota Makassar');
    const f = (await t.http().get('/api/innovations?facets=true').expect(200)).body.facets;
    expect(f.province).toEqual(
      expect.arrayContaining([
        { key: '73', label: 'Sulawesi Selatan', count: expect.any(Number) },
        { key: '35', label: 'Jawa Timur', count: expect.any(Number) },
      ]),
    );
    expect(f.province.every((p: { label: string | null }) => p.label)).toBe(true);
    const prov = await t.http().get('/api/innovations?regionCode=73&limit=100').expect(200);
    expect(ids(prov.body.items)).toEqual(ids(all.filter((i) => i.region?.province.code === '73')));
    const regions = (await t.http().get('/api/regions?province=73&q=makassar').expect(200)).body;
    expect(regions).toEqual([
      { code: '73.71', name: 'Kota Makassar', level: 'regency', provinceCode: '73', provinceName: 'Sulawesi Selatan' },
    ]);
  });

  it('regionCode must be a real province or regency/city: 400 otherwise', async () => {
    const unit = await t.unit(await t.agency('city', '73.71'));
    const body = { title: 'Wilayah Uji', summary: 'Ringkasan', unitId: unit.id, source: 'KIPP', year: 2024 };
    for (const bad of ['99', '73.99', '73.71.01', 'Jawa']) {
      const res = await t
        .http()
        .post('/api/innovations')
        .set('authorization', curator.auth)
        .send({ ...body, regionCode: bad })
        .expect(400);
      expect(['REGION_UNKNOWN', 'VALIDATION_FAILED']).toContain(res.body.code);
    }
    expect((await t.http().get('/api/innovations?regionCode=99').expect(400)).body.code).toBe('REGION_UNKNOWN');
    const created = await t
      .http()
      .post('/api/innovations')
      .set('authorization', curator.auth)
      .send({ ...body, regionCode: '73' })
      .expect(201);
    expect(created.body.region).toEqual({ code: '73', name: 'Sulawesi Selatan', province: { code: '73', name: 'Sulawesi Selatan' } });
    const patched = await t
      .http()
      .patch(`/api/innovations/${created.body.id}`)
      .set('authorization', curator.auth)
      .send({ regionCode: '73.98' })
      .expect(400);
    expect(patched.body.code).toBe('REGION_UNKNOWN');
    // Without a region: the agency's, narrowed to its regency.
    const district = await t.unit(await t.agency('city', '73.71.01'));
    const d = await t
      .http()
      .post('/api/innovations')
      .set('authorization', curator.auth)
      .send({ ...body, title: 'Wilayah Kecamatan', unitId: district.id })
      .expect(201);
    expect(d.body.regionCode).toBe('73.71');
  });

  it('a renamed unit is found by its new name', async () => {
    const unit = await t.unit(await t.agency('city', '35.78'));
    await t
      .http()
      .post('/api/innovations')
      .set('authorization', curator.auth)
      .send({ title: 'Layanan Ganti Nama', summary: 'Ringkasan', unitId: unit.id, source: 'KIPP', year: 2024 })
      .expect(201);
    await t.em().execute(`update units set name = 'Dinas Zebrakota' where id = ?`, [unit.id]);
    expect((await q('zebrakota')).items.map((i) => i.title)).toEqual(['Layanan Ganti Nama']);
  });

  it('names follow a change of unit or region, survive updates that change neither, and cannot be written by hand', async () => {
    const [a, b] = [await t.unit(await t.agency('city', '35.78')), await t.unit(await t.agency('city', '73.71'))];
    const row = {
      title: 'Layanan Nama Ikut',
      summary: 'Ringkasan',
      unitId: a.id,
      source: 'KIPP',
      year: 2024,
      externalId: 'NAMES-1',
      regionCode: '35.78',
    };
    const imported = async (r: object) =>
      t
        .http()
        .post('/api/innovations/import')
        .set('authorization', curator.auth)
        .set('content-type', 'application/json')
        .send([r])
        .expect(200);
    await imported(row);
    const names = async () =>
      (
        await t.em().execute<{ names_text: string; region_text: string; unit: string; region: string }[]>(
          `select i.names_text, i.region_text, u.name || ' ' || ag.name as unit, (select name from regions where code = i.region_code) as region
             from innovations i join units u on u.id = i.unit_id join agencies ag on ag.id = u.agency_id where i.external_id = 'NAMES-1'`,
        )
      )[0];
    const first = await names();
    expect(first.names_text).toBe(first.unit);
    expect(first.region_text).toContain(first.region);

    // The same row again (an import's update, region_code in its SET but unchanged): names kept.
    await imported({ ...row, summary: 'Ringkasan baru' });
    expect(await names()).toEqual(first);

    await imported({ ...row, regionCode: '73.71' });
    const moved = await names();
    expect(moved.region_text).toContain(moved.region);
    expect(moved.region_text).not.toEqual(first.region_text);

    await t.em().execute(`update innovations set unit_id = ? where external_id = 'NAMES-1'`, [b.id]);
    const otherUnit = await names();
    expect(otherUnit.names_text).toBe(otherUnit.unit);
    expect(otherUnit.names_text).not.toEqual(first.names_text);

    await t.em().execute(`update innovations set names_text = 'ditulis tangan' where external_id = 'NAMES-1'`);
    expect(await names()).toEqual(otherUnit);
  });

  it.each([
    ['year', (a: Item & { year: number }, b: Item & { year: number }) => a.year - b.year],
    ['-year', (a: Item & { year: number }, b: Item & { year: number }) => b.year - a.year],
    ['title', (a: Item, b: Item) => a.title.toLowerCase().localeCompare(b.title.toLowerCase())],
    [
      '-replications',
      (a: Item & { replicationCount: number }, b: Item & { replicationCount: number }) => b.replicationCount - a.replicationCount,
    ],
    ['updated', (a: Item & { updatedAt: string }, b: Item & { updatedAt: string }) => a.updatedAt.localeCompare(b.updatedAt)],
  ] as [string, (a: never, b: never) => number][])('sort=%s orders the list and search results', async (sort, cmp) => {
    for (const path of [`/api/innovations?limit=100&sort=${sort}`, `/api/innovations?q=kesehatan&limit=100&sort=${sort}`]) {
      const items = (await t.http().get(path).expect(200)).body.items as never[];
      expect(items.length).toBeGreaterThan(3);
      for (let k = 1; k < items.length; k++) expect(cmp(items[k - 1], items[k])).toBeLessThanOrEqual(0);
    }
  });

  it('sort=relevance is best first, -relevance the reverse; pages do not overlap', async () => {
    const best = (await t.http().get('/api/innovations?q=kesehatan&limit=100&sort=relevance').expect(200)).body.items as {
      score: number;
    }[];
    const worst = (await t.http().get('/api/innovations?q=kesehatan&limit=100&sort=-relevance').expect(200)).body.items as {
      score: number;
    }[];
    expect(best.map((i) => i.score)).toEqual([...best.map((i) => i.score)].sort((a, b) => b - a));
    expect(worst[0].score).toBe(best[best.length - 1].score);
    const p1 = (await t.http().get('/api/innovations?limit=5&sort=title').expect(200)).body.items;
    const p2 = (await t.http().get('/api/innovations?limit=5&offset=5&sort=title').expect(200)).body.items;
    expect(ids([...p1, ...p2]).length).toBe(new Set([...p1, ...p2].map((i: { id: string }) => i.id)).size);
  });

  it.each(['sort=color', 'sort=--year', 'sort=', 'sort=year,title'])('unknown sort %s → 400', async (qs) => {
    expect((await t.http().get(`/api/innovations?${qs}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
