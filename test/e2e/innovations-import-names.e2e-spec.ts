import ExcelJS from 'exceljs';
import type { Unit } from '@app/database';
import { TestApp, TestUser } from '@app/testing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Imports as the sources send them: names instead of ids, Excel's semicolons, XLSX, broken records. */
describe('POST /api/innovations/import: names, formats, complete reports (e2e)', () => {
  let t: TestApp;
  let unit: Unit;
  let curator: TestUser;
  const send = (type: string, body: string | Buffer, qs = '', by?: TestUser) =>
    t
      .http()
      .post(`/api/innovations/import${qs}`)
      .set('authorization', (by ?? curator).auth)
      .set('content-type', type)
      .send(body);
  const count = async () => (await t.em().execute<{ n: number }[]>('select count(*)::int as n from innovations'))[0].n;

  beforeAll(async () => {
    t = await TestApp.start();
    const em = t.em();
    const agency = await t.agency('city', '73.71');
    await em.execute(`update agencies set name = 'Pemerintah Kota Makassar' where id = ?`, [agency.id]);
    unit = await t.unit(agency);
    await em.execute(`update units set name = 'Dinkes Kota Makassar' where id = ?`, [unit.id]);
    curator = await t.user({ roles: ['curator'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('rows name the unit and agency (any case and spacing) instead of a UUID', async () => {
    const res = await send(
      'text/csv',
      `title,summary,unitName,agencyName,regionCode,source,year,externalId\nDottoro'ta,Dokter ke rumah,dinkes  kota makassar,Pemerintah Kota Makassar,73.71,KIPP,2022,KIPP-22-7\n`,
    ).expect(200);
    expect(res.body).toMatchObject({ created: 1, updated: 0, failed: [], rows: 1, createdOrganisations: [] });
    const found = (await t.http().get('/api/innovations?q=dottoro').expect(200)).body.items[0];
    expect(found).toMatchObject({ unitId: unit.id, region: { code: '73.71', name: 'Kota Makassar' } });
  });

  it('a unit that does not exist: NOT_FOUND, unless createMissing=true creates agency and unit (reported); dryRun writes nothing', async () => {
    const file = `title;summary;unitName;agencyName;regionCode;source;year;unitExternalId\nPasar Rakyat;UMKM daring;Dinas Perdagangan;Pemerintah Kabupaten Gowa;73.06;IGA;2021;IGA-U-9\nPasar Kedua;UMKM luring;Dinas Perdagangan;Pemerintah Kabupaten Gowa;73.06;IGA;2022;IGA-U-9\n`;
    const refused = await send('text/csv', file).expect(200);
    expect(refused.body.created).toBe(0);
    expect(refused.body.failed).toEqual([
      { row: 1, line: 2, field: 'agencyName', code: 'NOT_FOUND', message: expect.stringMatching(/createMissing/) },
      { row: 2, line: 3, field: 'agencyName', code: 'NOT_FOUND', message: expect.any(String) },
    ]);
    const before = await count();
    const dry = await send('text/csv', file, '?createMissing=true&dryRun=true').expect(200);
    expect(dry.body).toMatchObject({ created: 2, updated: 0, failed: [], dryRun: true });
    expect(dry.body.createdOrganisations.map((o: { kind: string; name: string }) => [o.kind, o.name])).toEqual([
      ['agency', 'Pemerintah Kabupaten Gowa'],
      ['unit', 'Dinas Perdagangan'],
    ]);
    expect(await count()).toBe(before);
    expect((await t.em().execute(`select count(*)::int as n from agencies where name = 'Pemerintah Kabupaten Gowa'`))[0].n).toBe(0);
    const real = await send('text/csv', file, '?createMissing=true').expect(200);
    expect(real.body).toMatchObject({ created: 2, failed: [], dryRun: false });
    expect(real.body.createdOrganisations).toEqual([
      { kind: 'agency', id: expect.any(String), name: 'Pemerintah Kabupaten Gowa', row: 1 },
      { kind: 'unit', id: expect.any(String), name: 'Dinas Perdagangan', agencyName: 'Pemerintah Kabupaten Gowa', row: 1 },
    ]);
    const [agency] = await t.em().execute(`select kind, region_code from agencies where name = 'Pemerintah Kabupaten Gowa'`);
    expect(agency).toEqual({ kind: 'regency', region_code: '73.06' });
    // The source's unit id now resolves alone.
    const byId = await send(
      'application/json',
      JSON.stringify([{ title: 'Pasar Ketiga', summary: 'R', unitExternalId: 'IGA-U-9', source: 'IGA', year: 2023 }]),
    ).expect(200);
    expect(byId.body).toMatchObject({ created: 1, failed: [], createdOrganisations: [] });
    const unknown = await send(
      'application/json',
      JSON.stringify([{ title: 'X', summary: 'R', unitExternalId: 'KIPP-U-1', source: 'KIPP', year: 2023 }]),
    ).expect(200);
    expect(unknown.body.failed).toEqual([{ row: 1, line: 1, field: 'unitExternalId', code: 'NOT_FOUND', message: expect.any(String) }]);
  });

  it('semicolon CSV with a BOM and CRLF (Excel on an Indonesian-locale machine), and tab-separated', async () => {
    const semi = `\ufefftitle;summary;unitId;source;year;tags;sdgs\r\nLayanan Semikolon;"Ringkasan; dengan titik koma";${unit.id};KIPP;2020;a, b;3,5\r\n`;
    const res = await send('text/csv', semi).expect(200);
    expect(res.body).toMatchObject({ created: 1, failed: [] });
    const item = (await t.http().get('/api/innovations?q=semikolon').expect(200)).body.items[0];
    expect(item).toMatchObject({ summary: 'Ringkasan; dengan titik koma', tags: ['a', 'b'], sdgs: [3, 5] });
    const tab = await send(
      'text/csv',
      `title\tsummary\tunitId\tsource\tyear\nLayanan Tabulasi\tRingkasan, koma\t${unit.id}\tIGA\t2021\n`,
    ).expect(200);
    expect(tab.body).toMatchObject({ created: 1, failed: [] });
  });

  it('an XLSX workbook (numbers, rich text, empty trailing cells)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Inovasi');
    sheet.addRow(['title', 'summary', 'unitName', 'agencyName', 'source', 'year', 'digital', 'sector']);
    sheet.addRow([
      'Lorong Sehat Excel',
      { richText: [{ text: 'Kebun ' }, { text: 'gizi', font: { bold: true } }] },
      'Dinkes Kota Makassar',
      'Pemerintah Kota Makassar',
      'IGA',
      2018,
      true,
      'Kesehatan',
    ]);
    sheet.addRow(['Tanpa Tahun', 'Ringkasan', 'Dinkes Kota Makassar', 'Pemerintah Kota Makassar', 'IGA']);
    const buf = Buffer.from(await book.xlsx.writeBuffer());
    const res = await send(XLSX, buf).expect(200);
    expect(res.body).toMatchObject({ created: 1, rows: 2 });
    expect(res.body.failed).toEqual([{ row: 2, line: 3, field: 'year', code: 'VALIDATION_FAILED', message: 'year is required' }]);
    const item = (await t.http().get('/api/innovations?q=lorong%20sehat%20excel').expect(200)).body.items[0];
    expect(item).toMatchObject({ summary: 'Kebun gizi', year: 2018, digital: true, sector: 'kesehatan', unitId: unit.id });
    expect((await send(XLSX, Buffer.from('not a zip')).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('a broken quote never swallows the next records: each is re-read and the report numbers every record', async () => {
    const file = [
      'title,summary,unitId,source,year',
      `Satu,Ringkasan,${unit.id},KIPP,2020`,
      `"Dua" rusak,Ringkasan,${unit.id},KIPP,2020`,
      `"Tiga tak tertutup,Ringkasan,${unit.id},KIPP,2020`,
      `Empat,"Ringkasan`,
      `dua baris",${unit.id},KIPP,2020`,
      `Lima,Ringkasan,${unit.id},KIPP,2020`,
    ].join('\n');
    const res = await send('text/csv', file).expect(200);
    expect(res.body.failed).toEqual([
      { row: 2, line: 3, code: 'CSV_SYNTAX', message: expect.stringMatching(/broken quote.*resumed on line 4/) },
      { row: 3, line: 4, code: 'CSV_SYNTAX', message: expect.stringMatching(/broken quote/) },
    ]);
    expect(res.body).toMatchObject({ created: 3, rows: 5 });
    const titles = (await t.http().get(`/api/innovations?unitId=${unit.id}&limit=100`).expect(200)).body.items.map(
      (i: { title: string }) => i.title,
    );
    expect(titles).toEqual(expect.arrayContaining(['Satu', 'Empat', 'Lima']));
    expect((await t.http().get('/api/innovations?q=empat').expect(200)).body.items[0].summary).toBe('Ringkasan\ndua baris');
  });

  it('a row with several problems has one failure per problem, each with its field', async () => {
    const res = await send(
      'application/json',
      `[\n${JSON.stringify({ title: 'Baik', summary: 'R', unitId: unit.id, source: 'KIPP', year: 2021 })},\n${JSON.stringify({ summary: '', source: 'LAN', year: 'x', sdgs: [20], regionCode: '99', warna: 'merah', unitName: 'Tanpa Instansi' })}\n]`,
    ).expect(200);
    expect(res.body.created).toBe(1);
    const fields = res.body.failed.map((f: { row: number; line: number; field: string }) => [f.row, f.line, f.field]);
    expect(fields).toEqual(
      expect.arrayContaining([
        [2, 3, 'warna'],
        [2, 3, 'agencyName'],
        [2, 3, 'source'],
        [2, 3, 'year'],
        [2, 3, 'sdgs'],
        [2, 3, 'title'],
        [2, 3, 'summary'],
      ]),
    );
    expect(res.body.failed.every((f: { code: string; message: string }) => f.code === 'VALIDATION_FAILED' && f.message)).toBe(true);
    const region = await send(
      'text/csv',
      `title,summary,unitId,source,year,regionCode\nWilayah Salah,R,${unit.id},KIPP,2020,99.99\n`,
    ).expect(200);
    expect(region.body.failed).toEqual([{ row: 1, line: 2, field: 'regionCode', code: 'REGION_UNKNOWN', message: expect.any(String) }]);
  });

  it('only curators and admins import (also with createMissing)', async () => {
    const member = await t.user({ units: [[unit.id, 'admin']] });
    expect((await send('text/csv', 'title\n', '?createMissing=true', member).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await send('text/csv', 'title\n', '?dryRun=maybe').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
