import ExcelJS from 'exceljs';
import { TestApp, TestUser } from '@app/testing';
import { DemoService } from '../../apps/api/src/modules/demo/demo.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = (res: any, cb: (e: Error | null, b: Buffer) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => cb(null, Buffer.concat(parts)));
};

describe('lineage, exports, statistics (e2e)', () => {
  let t: TestApp;
  let curator: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    expect(await t.get<DemoService>(DemoService).seedIfEmpty()).toBe(true);
    curator = await t.user({ roles: ['curator'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a replication names the one it learned from; the chain is returned and the original credited', async () => {
    const [src] = await t.em().execute(`select r.id, r.innovation_id from replications r where r.stage = 'INSTITUTIONALIZED' limit 1`);
    const [other] = await t.em().execute(`select id from replications where innovation_id <> ? limit 1`, [src.innovation_id]);
    const unitA = await t.unit(await t.agency('city', '73.71'));
    const unitB = await t.unit(await t.agency('regency', '35.10'));
    const a = await t.user({ units: [[unitA.id, 'admin']] });
    const b = await t.user({ units: [[unitB.id, 'admin']] });
    const first = await t
      .http()
      .post(`/api/innovations/${src.innovation_id}/replications`)
      .set('authorization', a.auth)
      .send({ replicatingUnitId: unitA.id, sourceReplicationId: src.id })
      .expect(201);
    const second = await t
      .http()
      .post(`/api/innovations/${src.innovation_id}/replications`)
      .set('authorization', b.auth)
      .send({ replicatingUnitId: unitB.id, sourceReplicationId: first.body.id })
      .expect(201);
    expect(second.body.sourceReplicationId).toBe(first.body.id);
    const read = (await t.http().get(`/api/replications/${second.body.id}`).set('authorization', b.auth).expect(200)).body;
    expect(read.lineage.chain.map((c: { replicationId: string }) => c.replicationId)).toEqual([src.id, first.body.id, second.body.id]);
    expect(read.lineage.origin.unitId).toBe(read.originUnitId);
    const mid = (await t.http().get(`/api/replications/${first.body.id}`).set('authorization', a.auth).expect(200)).body;
    expect(mid.lineage.derived.map((c: { replicationId: string }) => c.replicationId)).toEqual([second.body.id]);
    const page = (await t.http().get(`/api/innovations/${src.innovation_id}`).expect(200)).body;
    expect(page.lineage).toMatchObject({ indirect: 2, generations: 3 });
    expect(page.lineage.total).toBe(page.replicationCount);
    const stats = (await t.http().get('/api/stats/replications?groupBy=innovation').expect(200)).body;
    expect(stats.find((s: { key: string }) => s.key === src.innovation_id)).toMatchObject({ indirect: 2 });
    // Worst inputs: another innovation's replication 409, unknown 400, own replication 400.
    const unitC = await t.unit(await t.agency('city', '33.74'));
    const c = await t.user({ units: [[unitC.id, 'admin']] });
    const post = (body: object) =>
      t
        .http()
        .post(`/api/innovations/${src.innovation_id}/replications`)
        .set('authorization', c.auth)
        .send({ replicatingUnitId: unitC.id, ...body });
    expect((await post({ sourceReplicationId: other.id }).expect(409)).body.code).toBe('SOURCE_REPLICATION_MISMATCH');
    expect((await post({ sourceReplicationId: '00000000-0000-4000-8000-000000000000' }).expect(400)).body.code).toBe(
      'INVALID_SOURCE_REPLICATION',
    );
    expect((await post({ sourceReplicationId: 'x' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('replication list sorts; unknown sort 400', async () => {
    const admin = await t.user({ roles: ['admin'] });
    const asc = (await t.http().get('/api/replications?sort=created').set('authorization', admin.auth).expect(200)).body.items;
    const times = asc.map((r: { createdAt: string }) => r.createdAt);
    expect(times).toEqual([...times].sort());
    const desc = (await t.http().get('/api/replications?sort=-created').set('authorization', admin.auth).expect(200)).body.items;
    expect(desc[0].id).toBe(asc[asc.length - 1].id);
    expect((await t.http().get('/api/replications?sort=color').set('authorization', admin.auth).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('innovation export: CSV with the list filters, formula-like cells neutralised; XLSX too; curators only', async () => {
    const unit = await t.unit(await t.agency('city', '35.78'));
    for (const title of ['=HYPERLINK("http://x","klik")', '+62 Layanan Rumus', '-Minus Rumus', '@SUM(A1) Rumus']) {
      await t
        .http()
        .post('/api/innovations')
        .set('authorization', curator.auth)
        .send({ title, summary: '=1+1 rumus', unitId: unit.id, source: 'OTHER', year: 2024 })
        .expect(201);
    }
    const csv = await t
      .http()
      .get(`/api/innovations/export?format=csv&unitId=${unit.id}&sort=title`)
      .set('authorization', curator.auth)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="inovasi-.*\.csv"/);
    const lines = csv.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines.length).toBe(5);
    for (const l of lines.slice(1)) expect(l).toMatch(/^[0-9a-f-]{36},"?'[=+\-@]/);
    expect(csv.text).toContain(`'=1+1 rumus`);
    expect(csv.text).not.toMatch(/,=|,\+|,-|,@/);
    const all = await t.http().get('/api/innovations/export?regionCode=73').set('authorization', curator.auth).expect(200);
    expect(all.text).toContain('Kota Makassar');
    expect(all.text.trim().split('\r\n').length - 1).toBe((await t.http().get('/api/innovations?regionCode=73').expect(200)).body.total);
    const xlsx = await t
      .http()
      .get(`/api/innovations/export?format=xlsx&unitId=${unit.id}`)
      .set('authorization', curator.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(5);
    const titles = [2, 3, 4, 5].map((n) => String(sheet.getRow(n).getCell(2).value));
    expect(titles.every((v) => v.startsWith("'"))).toBe(true);
    const member = await t.user({ units: [[unit.id, 'admin']] });
    expect((await t.http().get('/api/innovations/export').set('authorization', member.auth).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http().get('/api/innovations/export').expect(401);
    expect((await t.http().get('/api/innovations/export?format=pdf').set('authorization', curator.auth).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('replication and mentorship exports: stages, history, mentors', async () => {
    const rep = await t.http().get('/api/replications/export?stage=INSTITUTIONALIZED').set('authorization', curator.auth).expect(200);
    const [header, ...rows] = rep.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(header).toContain('institutionalizedAt');
    expect(header).toContain('history');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]).toMatch(/PROPOSED→AGREED/);
    const x = await t
      .http()
      .get('/api/replications/export?format=xlsx')
      .set('authorization', curator.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((x.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const m = await t.http().get('/api/mentorships/export').set('authorization', curator.auth).expect(200);
    expect(m.text).toContain('goalsDone');
    expect(m.text.trim().split('\r\n').length).toBeGreaterThan(1);
    const user = await t.user();
    expect((await t.http().get('/api/mentorships/export').set('authorization', user.auth).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http().get('/api/replications/export').set('authorization', user.auth).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('statistics by year, source and province with names, and over time', async () => {
    const prov = (await t.http().get('/api/stats/innovations?groupBy=province').expect(200)).body;
    expect(prov).toEqual(expect.arrayContaining([expect.objectContaining({ key: '73', label: 'Sulawesi Selatan' })]));
    const src = (await t.http().get('/api/stats/innovations?groupBy=source').expect(200)).body;
    expect(src.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(['KIPP', 'IGA', 'INNOLAND']));
    const years = (await t.http().get('/api/stats/innovations?groupBy=year').expect(200)).body.map((s: { key: string }) => s.key);
    expect(years).toEqual([...years].sort());
    const region = (await t.http().get('/api/stats/replications?groupBy=region').expect(200)).body;
    expect(region.find((r: { key: string }) => r.key === '73.71')).toMatchObject({ label: 'Kota Makassar' });
    const rprov = (await t.http().get('/api/stats/replications?groupBy=province').expect(200)).body;
    expect(rprov.find((r: { key: string }) => r.key === '34')).toMatchObject({ label: 'Daerah Istimewa Yogyakarta' });
    const time = (await t.http().get('/api/stats/timeline?interval=month').expect(200)).body;
    expect(time.reduce((n: number, r: { proposed: number }) => n + r.proposed, 0)).toBeGreaterThanOrEqual(8);
    expect((await t.http().get('/api/stats/innovations?groupBy=color').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('duplicates: same title from two sources and the same unit; link makes one innovation with both source ids; dismiss hides a pair', async () => {
    const unit = await t.unit(await t.agency('city', '35.78'));
    const mk = async (title: string, source: string, externalId: string) =>
      (
        await t
          .http()
          .post('/api/innovations')
          .set('authorization', curator.auth)
          .send({ title, summary: 'R', unitId: unit.id, source, year: 2022, externalId })
          .expect(201)
      ).body.id;
    const kipp = await mk('Layanan Kembar Surabaya Sehat', 'KIPP', 'K-1');
    const iga = await mk('Layanan Kembar Surabaya Sehat!', 'IGA', 'I-1');
    const inno = await mk('Layanan Kembar Surabaya Sehat 2', 'INNOLAND', 'N-1');
    const list = (await t.http().get('/api/innovations/duplicates?limit=100').set('authorization', curator.auth).expect(200)).body;
    const pairs = list.items.map((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join());
    expect(pairs).toEqual(expect.arrayContaining([[kipp, iga].sort().join(), [kipp, inno].sort().join()]));
    await t
      .http()
      .post('/api/innovations/duplicates/dismiss')
      .set('authorization', curator.auth)
      .send({ innovationIds: [inno, kipp] })
      .expect(204);
    await t
      .http()
      .post('/api/innovations/duplicates/dismiss')
      .set('authorization', curator.auth)
      .send({ innovationIds: [iga, inno] })
      .expect(204);
    const linked = await t
      .http()
      .post('/api/innovations/duplicates/link')
      .set('authorization', curator.auth)
      .send({ primaryId: kipp, duplicateId: iga })
      .expect(200);
    expect(linked.body.sourceIds.map((s: { source: string; externalId: string }) => `${s.source}:${s.externalId}`)).toEqual([
      'KIPP:K-1',
      'IGA:I-1',
    ]);
    const after = (await t.http().get('/api/innovations/duplicates?limit=100').set('authorization', curator.auth).expect(200)).body.items;
    expect(after.some((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].some((id) => [kipp, iga, inno].includes(id)))).toBe(
      false,
    );
    expect((await t.http().get('/api/innovations?q=kembar').expect(200)).body.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [kipp, inno].sort(),
    );
    expect((await t.http().get(`/api/innovations/${iga}`).expect(200)).body.mergedIntoId).toBe(kipp);
    expect(
      (
        await t
          .http()
          .post('/api/innovations/duplicates/link')
          .set('authorization', curator.auth)
          .send({ primaryId: inno, duplicateId: iga })
          .expect(409)
      ).body.code,
    ).toBe('DUPLICATE_LINK_CONFLICT');
    const user = await t.user();
    expect((await t.http().get('/api/innovations/duplicates').set('authorization', user.auth).expect(403)).body.code).toBe('FORBIDDEN');
    expect(
      (
        await t
          .http()
          .post('/api/innovations/duplicates/dismiss')
          .set('authorization', curator.auth)
          .send({ innovationIds: [kipp] })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
  });
});
