import { TestApp, TestUser } from '@app/testing';

/**
 * Search quality: a small realistic catalogue and a table of queries with the innovation each
 * must find first, including typos, accents, case and Indonesian affixes. Also measures the
 * same table against a plain baseline (unstemmed 'simple' words, no typo correction) so the
 * gain of the chosen design is visible (printed, and asserted to be real).
 */
const CATALOGUE: [key: string, title: string, summary: string, tags: string[], description?: string][] = [
  [
    'ibu',
    'Layanan Kesehatan Ibu Hamil Terpadu',
    'Pendampingan ibu hamil oleh kader posyandu sampai persalinan',
    ['kesehatan', 'ibu dan anak'],
  ],
  [
    'aduan',
    'Lapor Bupati: Pengaduan Masyarakat Daring',
    'Warga menyampaikan keluhan pelayanan publik 24 jam lewat aplikasi',
    ['pengaduan', 'partisipasi'],
  ],
  [
    'pajak',
    'Pembayaran Pajak Bumi dan Bangunan Online',
    'Wajib pajak membayar PBB melalui dompet digital dan minimarket',
    ['pajak daerah', 'keuangan'],
  ],
  ['izin', 'Perizinan Berusaha Keliling', 'Mobil layanan izin usaha mikro mendatangi desa-desa', ['perizinan', 'umkm']],
  ['adminduk', 'Administrasi Kependudukan di Genggaman', 'Akta kelahiran dan kartu keluarga terbit dari rumah', ['adminduk', 'dukcapil']],
  ['sekolah', 'Sekolah Ramah Anak Berbasis Komunitas', 'Pendidikan inklusif dengan orang tua sebagai relawan', ['pendidikan']],
  ['sampah', 'Bank Sampah Digital Kelurahan', 'Pengelolaan sampah rumah tangga ditukar saldo tabungan', ['lingkungan', 'persampahan']],
  ['tani', 'Irigasi Tetes Pintar untuk Petani Lahan Kering', 'Sensor kelembapan tanah mengatur air bagi kelompok tani', ['pertanian']],
  ['cafe', 'Café Literasi Desa', 'Perpustakaan desa yang menjadi ruang belajar warga', ['literasi']],
  ['ambulans', 'Ambulans Gratis Desa Siaga', 'Layanan gawat darurat 24 jam untuk warga desa', ['kesehatan', 'kegawatdaruratan']],
  ['stunting', 'Gerakan Cegah Stunting Terintegrasi', 'Intervensi gizi balita lintas dinas', ['gizi', 'kesehatan']],
  ['remaja', 'Posyandu Remaja Sehat Jiwa', 'Konseling sebaya bagi pelajar SMP dan SMA', ['remaja']],
  ['air', 'Air Bersih Desa Mandiri', 'Pengelolaan sarana air minum oleh BUMDes', ['air minum']],
  ['nikah', 'Pencatatan Nikah Terpadu KUA-Dukcapil', 'Buku nikah dan kartu keluarga baru dalam satu hari', ['adminduk']],
  ['siak', 'Pemutakhiran Data Warga Terhubung SIAK', 'Perubahan data keluarga langsung tercatat di SIAK kabupaten', ['data warga']],
  ['ptsp', 'Gerai Izin Terpadu', 'Pelayanan terpadu satu pintu di kantor kecamatan', ['investasi']],
  [
    'pajak-desc',
    'Dasbor Keuangan Daerah',
    'Transparansi belanja daerah untuk warga',
    ['keuangan'],
    'Termasuk realisasi pendapatan pajak dan retribusi',
  ],
];

const QUERIES: [query: string, expected: string, why: string][] = [
  ['kesehatan ibu', 'ibu', 'plain words'],
  ['kesehtan ibu hamil', 'ibu', 'typo: missing letter'],
  ['KESEHATAN IBU', 'ibu', 'case'],
  ['pengaduan', 'aduan', 'exact word'],
  ['aduan warga', 'aduan', 'suffix -an / prefix peng- (pengaduan → adu)'],
  ['mengadu', 'aduan', 'prefix meng- (mengadu → adu)'],
  ['bayar pajak', 'pajak', 'prefix pem- + suffix -an (pembayaran → bayar)'],
  ['pajak', 'pajak', 'title outranks description'],
  ['izin usaha', 'izin', 'per-…-an and ber- (perizinan → izin, berusaha → usaha)'],
  ['pelayanan izin', 'izin', 'pe-…-an (pelayanan → layan)'],
  ['kependudukan', 'adminduk', 'exact word despite over-stemming'],
  ['cafe literasi', 'cafe', 'accent-insensitive (Café)'],
  ['Café', 'cafe', 'accented query'],
  ['stuntng', 'stunting', 'typo: missing letter'],
  ['stunitng', 'stunting', 'typo: swapped letters'],
  ['persampahan', 'sampah', 'per-…-an (persampahan → sampah)'],
  ['pertanian petani', 'tani', 'per-…-an and pe- (→ tani)'],
  ['ambulan', 'ambulans', 'prefix of the last word'],
  ['ambulance desa', 'ambulans', 'typo / English spelling'],
  ['sekolah anak', 'sekolah', 'plain words'],
  ['pencatatan nikah', 'nikah', 'pen-…-an'],
  ['catat nikah', 'nikah', 'root of pencatatan'],
  ['remaja jiwa', 'remaja', 'plain words'],
  ['air minum', 'air', 'tag match'],
  ['gizi balita', 'stunting', 'summary match'],
  ['SIAK', 'siak', 'acronym: exact, not widened to "Siaga"'],
  ['sistem informasi administrasi kependudukan', 'siak', 'spelled-out acronym finds the acronym'],
  ['PTSP', 'ptsp', 'acronym finds its spelled-out form'],
  ['posyandu remaja', 'remaja', 'synonym word still matches itself'],
];

describe('search quality (e2e)', () => {
  let t: TestApp;
  let user: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    const unit = await t.unit();
    user = await t.user({ roles: ['curator'] });
    for (const [key, title, summary, tags, description] of CATALOGUE) {
      const res = await t
        .http()
        .post('/api/innovations')
        .set('authorization', user.auth)
        .send({ title, summary, tags, description, unitId: unit.id, source: 'KIPP', year: 2023 })
        .expect(201);
      ids[res.body.id] = key;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(QUERIES)('%s → %s (%s)', async (query, expected) => {
    const res = await t
      .http()
      .get(`/api/innovations?q=${encodeURIComponent(query)}`)
      .expect(200);
    expect(ids[res.body.items[0]?.id]).toBe(expected);
    expect(res.body.items[0].score).toBeGreaterThan(0);
  });

  it('acronyms match exactly: SIAK returns only what mentions it', async () => {
    const res = await t.http().get('/api/innovations?q=SIAK').expect(200);
    expect(res.body.items.map((i: { id: string }) => ids[i.id])).toEqual(['siak']);
    const ptsp = await t.http().get('/api/innovations?q=ptsp').expect(200);
    expect(ptsp.body.items.map((i: { id: string }) => ids[i.id])).toEqual(['ptsp']);
  });

  it('ranks by relevance: every result matches, best first', async () => {
    const res = await t.http().get('/api/innovations?q=kesehatan').expect(200);
    const keys = res.body.items.map((i: { id: string }) => ids[i.id]);
    expect(keys.slice(0, 1)).toEqual(['ibu']);
    expect(keys).toEqual(expect.arrayContaining(['ibu', 'ambulans', 'stunting', 'remaja']));
    const scores = res.body.items.map((i: { score: number }) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('all words first; any word only when nothing has them all', async () => {
    const all = await t.http().get('/api/innovations?q=desa%20warga').expect(200);
    expect(all.body.match).toBe('all');
    expect(all.body.items.map((i: { id: string }) => ids[i.id]).sort()).toEqual(['ambulans', 'cafe']);
    const any = await t.http().get('/api/innovations?q=sampah%20stunting').expect(200);
    expect(any.body.match).toBe('any');
    expect(any.body.items.map((i: { id: string }) => ids[i.id]).sort()).toEqual(['sampah', 'stunting']);
    const none = await t.http().get('/api/innovations?q=xylofon').expect(200);
    expect(none.body).toMatchObject({ items: [], total: 0 });
    const symbols = await t
      .http()
      .get(`/api/innovations?q=${encodeURIComponent("'&|!:*()<>")}`)
      .expect(200);
    expect(symbols.body.total).toBeGreaterThan(0); // no words: the plain list
  });

  it('measured against a plain baseline (simple words, no stems, no typo correction)', async () => {
    let baselineHits = 0;
    let chosenHits = 0;
    for (const [query, expected] of QUERIES) {
      const res = await t
        .http()
        .get(`/api/innovations?q=${encodeURIComponent(query)}`)
        .expect(200);
      if (ids[res.body.items[0]?.id] === expected) chosenHits++;
      const [row] = await t.em().execute(
        `select id from innovations, plainto_tsquery('simple', lower(?)) q
          where to_tsvector('simple', lower(title || ' ' || summary || ' ' || array_to_string(tags, ' ') || ' ' || coalesce(description, ''))) @@ q
          order by ts_rank(to_tsvector('simple', lower(title || ' ' || summary || ' ' || array_to_string(tags, ' ') || ' ' || coalesce(description, ''))), q) desc limit 1`,
        [query],
      );
      if (row && ids[row.id] === expected) baselineHits++;
    }
    process.stdout.write(
      `search quality: chosen design ${chosenHits}/${QUERIES.length} first hits; plain baseline ${baselineHits}/${QUERIES.length}\n`,
    );
    expect(chosenHits).toBe(QUERIES.length);
    expect(baselineHits).toBeLessThan(QUERIES.length - 8);
  });
});
