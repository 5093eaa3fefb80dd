import { randomUUID } from 'node:crypto';
import type { Unit } from '@app/database';
import { TestApp, TestUser } from '@app/testing';

describe('POST /api/innovations/import (e2e)', () => {
  let t: TestApp;
  let unit: Unit;
  let curator: TestUser;
  let admin: TestUser;
  let member: TestUser;

  const csv = (body: string, by = curator) =>
    t.http().post('/api/innovations/import').set('authorization', by.auth).set('content-type', 'text/csv').send(body);
  const json = (body: unknown, by = curator) =>
    t
      .http()
      .post('/api/innovations/import')
      .set('authorization', by.auth)
      .set('content-type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  beforeAll(async () => {
    t = await TestApp.start();
    unit = await t.unit(await t.agency('regency', '35.10'));
    curator = await t.user({ roles: ['curator'] });
    admin = await t.user({ roles: ['admin'] });
    member = await t.user({ units: [[unit.id, 'admin']] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports a CSV (quotes, commas, new lines, BOM, lists) and is idempotent', async () => {
    const file =
      '\ufefftitle,summary,unitId,source,year,externalId,tags,sdgs,digital,sector,stage,sustainability,award,description,regionCode\n' +
      `Smart Kampung,"Desa digital, terpadu",${unit.id},KIPP,2016,KIPP-2016-01,desa; digital,9;16,ya,kominfo,penerapan,berlanjut,KIPP Top 99 2016,"Baris satu\nbaris dua",\n` +
      `Rumah Kreatif,Pelatihan UMKM,${unit.id},IGA,2019,,umkm,8,tidak,,,,,,35.78\n` +
      `Jemput Bola Adminduk,Perekaman KTP-el di sekolah,${unit.id},innoland,2021,,,,,,uji coba,,,,\n`;
    const first = await csv(file).expect(200);
    expect(first.body).toMatchObject({ created: 3, updated: 0, failed: [] });
    const again = await csv(file).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 3, failed: [] });
    const found = await t.http().get('/api/innovations?q=smart%20kampung').expect(200);
    expect(found.body.items[0]).toMatchObject({
      title: 'Smart Kampung',
      summary: 'Desa digital, terpadu',
      externalId: 'KIPP-2016-01',
      tags: ['desa', 'digital'],
      sdgs: [9, 16],
      digital: true,
      sector: 'kominfo',
      stage: 'penerapan',
      sustainability: 'berlanjut',
      award: 'KIPP Top 99 2016',
      description: 'Baris satu\nbaris dua',
      regionCode: '35.10',
      createdById: curator.id,
    });
    const jemput = await t.http().get('/api/innovations?q=jemput%20bola').expect(200);
    expect(jemput.body.items[0]).toMatchObject({ source: 'INNOLAND', stage: 'uji_coba', digital: false, regionCode: '35.10' });
    const rumah = await t.http().get('/api/innovations?q=rumah%20kreatif').expect(200);
    expect(rumah.body.items[0].region).toEqual({ code: '35.78', name: 'Kota Surabaya', province: { code: '35', name: 'Jawa Timur' } });
    // A changed row updates in place, found by its natural key.
    const changed = await csv(
      `title,summary,unitId,source,year\nrumah kreatif,Pelatihan UMKM dan ekspor,${unit.id},IGA,2019\n`,
      admin,
    ).expect(200);
    expect(changed.body).toMatchObject({ created: 0, updated: 1, failed: [] });
    expect((await t.http().get(`/api/innovations/${rumah.body.items[0].id}`).expect(200)).body.summary).toBe('Pelatihan UMKM dan ekspor');
  });

  it('JSON array: mixed good and bad rows, each bad row reported, the good ones written', async () => {
    const good = (n: number) => ({
      title: `Inovasi Impor ${n}`,
      summary: 'Ringkasan',
      unitId: unit.id,
      source: 'IGA',
      year: 2022,
      externalId: `IGA-${n}`,
      tags: ['impor'],
      sdgs: [3],
    });
    const raw = `[${[
      JSON.stringify(good(1)),
      JSON.stringify({ ...good(2), year: 'dua ribu' }),
      JSON.stringify({ ...good(3), unitId: randomUUID() }),
      '{"title": rusak}',
      JSON.stringify(good(4)),
      JSON.stringify({ ...good(5), source: 'LAN' }),
      '"bukan objek"',
      JSON.stringify({ ...good(6), warna: 'merah' }),
      JSON.stringify({ ...good(7), sdgs: [0] }),
      JSON.stringify({ ...good(8), title: '' }),
      JSON.stringify(good(1)),
    ].join(',\n')}]`;
    const res = await json(raw).expect(200);
    expect(res.body.created).toBe(2);
    expect(res.body.updated).toBe(1);
    expect(res.body.failed.map((f: { row: number; code: string }) => [f.row, f.code])).toEqual([
      [2, 'VALIDATION_FAILED'],
      [3, 'NOT_FOUND'],
      [4, 'MALFORMED_JSON'],
      [6, 'VALIDATION_FAILED'],
      [7, 'VALIDATION_FAILED'],
      [8, 'VALIDATION_FAILED'],
      [9, 'VALIDATION_FAILED'],
      [10, 'VALIDATION_FAILED'],
    ]);
    expect(res.body.failed[0].message).toMatch(/year/);
    const list = await t.http().get('/api/innovations?q=impor&source=IGA').expect(200);
    expect(list.body.total).toBe(2);
  });

  it('CSV: a record with the wrong column count is reported and skipped, the rest imported', async () => {
    const res = await csv(
      `title,summary,unitId,source,year\nBaik Satu,Ringkasan,${unit.id},KIPP,2020\nRusak,Ringkasan,${unit.id},KIPP,2020,lebih\nBaik "Dua",Ringkasan,${unit.id},KIPP,2020\nTanpa Unit,Ringkasan,,KIPP,2020\n`,
    ).expect(200);
    expect(res.body.created).toBe(2);
    expect(res.body.failed.map((f: { row: number; code: string }) => [f.row, f.code])).toEqual([
      [2, 'CSV_SYNTAX'],
      [4, 'VALIDATION_FAILED'],
    ]);
    expect((await t.http().get('/api/innovations?q=baik%20dua').expect(200)).body.items[0].title).toBe('Baik "Dua"');
  });

  it('CSV: a broken quote is reported; rows before it are imported', async () => {
    const res = await csv(
      `title,summary,unitId,source,year\nSebelum Kutip,Ringkasan,${unit.id},KIPP,2020\n"Kutip" rusak,Ringkasan,${unit.id},KIPP,2020\n`,
    ).expect(200);
    expect(res.body.created).toBe(1);
    expect(res.body.failed).toEqual([{ row: 2, line: 3, code: 'CSV_SYNTAX', message: expect.stringMatching(/broken quote/) }]);
  });

  it('JSON: an unbalanced element ends the readable part; rows before it are imported', async () => {
    const ok = { title: 'Sebelum Rusak', summary: 'R', unitId: unit.id, source: 'KIPP', year: 2020 };
    const res = await json(`[${JSON.stringify(ok)}, {"title": "rusak", ${JSON.stringify({ ...ok, title: 'Sesudah' })}]`).expect(200);
    expect(res.body.created).toBe(1);
    expect(res.body.failed).toEqual([{ row: 2, line: 1, code: 'MALFORMED_JSON', message: expect.any(String) }]);
  });

  it('streams bodies past the JSON limit (3,000 rows, several batches)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      title: `Massal ${i}`,
      summary: 'Ringkasan inovasi massal '.repeat(10),
      unitId: unit.id,
      source: 'OTHER',
      year: 2020,
    }));
    const body = JSON.stringify(rows);
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await json(body).expect(200);
    expect(res.body).toMatchObject({ created: 3000, updated: 0, failed: [] });
    expect((await t.http().get('/api/innovations?q=massal&limit=1').expect(200)).body.total).toBe(3000);
  });

  it('empty inputs import nothing', async () => {
    expect((await json([]).expect(200)).body).toMatchObject({ created: 0, updated: 0, failed: [] });
    expect((await csv('title,summary,unitId,source,year\n').expect(200)).body).toMatchObject({ created: 0, updated: 0, failed: [] });
  });

  it('400 for a body that is not a JSON array, 415 for other types', async () => {
    expect((await json({ title: 'x' }).expect(400)).body.code).toBe('MALFORMED_JSON');
    expect((await json('nonsense').expect(400)).body.code).toBe('MALFORMED_JSON');
    await t
      .http()
      .post('/api/innovations/import')
      .set('authorization', curator.auth)
      .set('content-type', 'text/plain')
      .send('a,b')
      .expect(415);
  });

  it('curators and admins only: 403 for a unit admin, 401 anonymous', async () => {
    expect((await csv('title\n', member).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http().post('/api/innovations/import').set('content-type', 'text/csv').send('title\n').expect(401);
  });
});
