import { Innovation, InnovationSource, InnovationStage, Playbook, Replication, ReplicationModel, ReplicationStage, ReplicationTransition, SustainabilityStatus, Unit, User } from '@app/database';
import { UNCOUNTED_STAGES } from '../replications';
import { DemoContext, DemoSeeder } from './demo.context';

type Row = [key: string, unit: string, source: InnovationSource, year: number, title: string, summary: string, sector: string, tags: string[], sdgs: number[], digital: boolean, stage: InnovationStage, sustainability: SustainabilityStatus, award?: string];

/**
 * Demo innovations: realistic Indonesian public-service innovations (names invented or
 * generic, all marked `demo: true` and with `DEMO-` external ids), spread over KIPP, IGA and
 * INNOLAND, the demo units' regions and several sectors.
 */
const INNOVATIONS: Row[] = [
  ['klampid', 'surabaya-dispendukcapil', 'KIPP', 2023, 'Klampid New Generation', 'Layanan administrasi kependudukan daring: akta kelahiran, kartu keluarga dan KTP-el diurus dari rumah tanpa antre.', 'administrasi kependudukan', ['adminduk', 'layanan daring'], [16], true, 'penerapan', 'berkembang', 'KIPP Top 45 2023'],
  ['lahir-procot', 'surabaya-dispendukcapil', 'KIPP', 2019, 'Lahir Procot Pulang Bawa Akta', 'Bayi yang lahir di rumah sakit dan puskesmas pulang dengan akta kelahiran dan kartu keluarga baru.', 'administrasi kependudukan', ['adminduk', 'akta kelahiran'], [16], true, 'penerapan', 'berlanjut', 'KIPP Top 99 2019'],
  ['puskesmas-ramah', 'surabaya-dinkes', 'IGA', 2022, 'Puskesmas Ramah Lansia', 'Loket prioritas, pemeriksaan rutin dan kunjungan rumah bagi warga lanjut usia.', 'kesehatan', ['lansia', 'puskesmas'], [3, 10], false, 'penerapan', 'berlanjut'],
  ['sayang-ibu', 'surabaya-dinkes', 'KIPP', 2021, 'Surabaya Sayang Ibu Hamil', 'Pendampingan ibu hamil risiko tinggi oleh kader kesehatan sampai persalinan.', 'kesehatan', ['ibu hamil', 'kader'], [3, 5], false, 'penerapan', 'berlanjut'],
  ['e-health', 'surabaya-dinkes', 'IGA', 2020, 'Pendaftaran Puskesmas Daring (E-Health)', 'Antrean puskesmas dan rumah sakit daerah dari ponsel, terhubung ke rekam medis.', 'kesehatan', ['antrean', 'rekam medis'], [3, 9], true, 'penerapan', 'berkembang'],
  ['smart-kampung', 'banyuwangi-diskominfo', 'KIPP', 2016, 'Smart Kampung', 'Desa terhubung internet dengan layanan publik, ekonomi dan pendidikan di kantor desa.', 'komunikasi dan informatika', ['desa digital', 'internet'], [9, 17], true, 'penerapan', 'berlanjut', 'KIPP Top 35 2016'],
  ['lahir-cinta', 'banyuwangi-diskominfo', 'IGA', 2018, 'Layanan Satu Data Banyuwangi', 'Portal data terpadu lintas perangkat daerah untuk perencanaan dan keterbukaan informasi.', 'komunikasi dan informatika', ['satu data', 'keterbukaan informasi'], [16, 17], true, 'penerapan', 'berkembang'],
  ['pasar-online', 'banyuwangi-diskominfo', 'INNOLAND', 2021, 'Pasar Desa Daring', 'Lapak daring bagi UMKM desa dengan pengantaran oleh ojek lokal.', 'koperasi dan UMKM', ['umkm', 'pemasaran'], [8], true, 'uji_coba', 'berkembang'],
  ['lantai-bumil', 'banyuwangi-dinkes', 'KIPP', 2017, 'Laskar Sakti: Kader Penemu Ibu Hamil Risiko Tinggi', 'Kader desa mendata dan merujuk ibu hamil risiko tinggi untuk menurunkan kematian ibu.', 'kesehatan', ['ibu hamil', 'kader', 'rujukan'], [3], false, 'penerapan', 'berlanjut', 'KIPP Top 40 2017'],
  ['ambulans-desa', 'banyuwangi-dinkes', 'IGA', 2019, 'Ambulans Desa Siaga 24 Jam', 'Mobil desa dijadikan ambulans dengan sopir terlatih dan nomor darurat tunggal.', 'kesehatan', ['gawat darurat', 'desa'], [3], false, 'penerapan', 'vakum'],
  ['geber-stunting', 'banyuwangi-dinkes', 'INNOLAND', 2023, 'Gerakan Bersama Cegah Stunting', 'Intervensi gizi balita lintas dinas dengan data by name by address.', 'kesehatan', ['stunting', 'gizi'], [2, 3], true, 'uji_coba', 'berkembang'],
  ['perizinan-keliling', 'kukar-dpmptsp', 'KIPP', 2020, 'Mobil Perizinan Keliling', 'Layanan izin usaha mikro mendatangi kecamatan terjauh dua kali sebulan.', 'penanaman modal', ['perizinan', 'umkm', 'jemput bola'], [8, 16], false, 'penerapan', 'berlanjut'],
  ['oss-desa', 'kukar-dpmptsp', 'IGA', 2022, 'Pendampingan NIB di Desa', 'Petugas desa membantu pelaku usaha mendapatkan Nomor Induk Berusaha lewat OSS.', 'penanaman modal', ['nib', 'oss', 'umkm'], [8], true, 'penerapan', 'berkembang'],
  ['tepian', 'kukar-dpmptsp', 'INNOLAND', 2021, 'Tepian Mahakam: Pengaduan Perizinan Terpadu', 'Satu kanal pengaduan dan konsultasi perizinan dengan tenggat jawaban tiga hari.', 'penanaman modal', ['pengaduan', 'perizinan'], [16], true, 'uji_coba', 'berkembang'],
  ['lapor-sleman', 'sleman-dukcapil', 'KIPP', 2018, 'Jemput Bola Perekaman KTP-el', 'Perekaman KTP elektronik di sekolah, panti dan rumah warga berkebutuhan khusus.', 'administrasi kependudukan', ['ktp-el', 'jemput bola', 'disabilitas'], [10, 16], false, 'penerapan', 'berlanjut'],
  ['nikah-terpadu', 'sleman-dukcapil', 'IGA', 2021, 'Pencatatan Nikah Terpadu KUA-Dukcapil', 'Buku nikah, kartu keluarga dan KTP-el baru diterbitkan pada hari yang sama.', 'administrasi kependudukan', ['pernikahan', 'kartu keluarga'], [16], false, 'penerapan', 'berlanjut'],
  ['sleman-pintar', 'sleman-bappeda', 'INNOLAND', 2022, 'Musrenbang Daring Sleman', 'Usulan pembangunan warga dikirim dan dipantau secara daring sampai realisasi.', 'perencanaan pembangunan', ['musrenbang', 'partisipasi'], [16, 17], true, 'penerapan', 'berkembang'],
  ['desa-data', 'sleman-bappeda', 'IGA', 2023, 'Dasbor Kemiskinan Desa', 'Peta keluarga miskin per dusun sebagai dasar sasaran bantuan sosial.', 'perencanaan pembangunan', ['kemiskinan', 'data'], [1, 10], true, 'uji_coba', 'berkembang'],
  ['dinkes-telemed', 'makassar-dinkes', 'KIPP', 2022, 'Dottoro’ta: Layanan Dokter ke Rumah', 'Dokter dan perawat datang ke rumah warga lewat panggilan 112, gratis.', 'kesehatan', ['home care', 'layanan darurat'], [3], true, 'penerapan', 'berlanjut', 'KIPP Top 45 2022'],
  ['makassar-posyandu', 'makassar-dinkes', 'INNOLAND', 2020, 'Posyandu Remaja Sehat Jiwa', 'Konseling sebaya dan skrining kesehatan jiwa bagi pelajar SMP dan SMA.', 'kesehatan', ['remaja', 'kesehatan jiwa'], [3, 4], false, 'uji_coba', 'vakum'],
  ['jateng-gayeng', 'jateng-dinkes', 'KIPP', 2019, 'Jateng Gayeng Nginceng Wong Meteng', 'Pemantauan ibu hamil sejak awal kehamilan oleh bidan desa dan kader, dengan rujukan cepat.', 'kesehatan', ['ibu hamil', 'bidan'], [3, 5], false, 'penerapan', 'berlanjut', 'KIPP Top 99 2019'],
  ['jateng-sibakul', 'jateng-bappeda', 'IGA', 2020, 'Sibakul Jogja-Jateng: Pasar UMKM', 'Etalase dan pembiayaan UMKM terpadu dengan kurasi produk lokal.', 'koperasi dan UMKM', ['umkm', 'pemasaran'], [8], true, 'penerapan', 'berkembang'],
  ['jateng-lapor', 'jateng-bappeda', 'KIPP', 2017, 'Laporgub: Pengaduan Warga Terintegrasi', 'Pengaduan warga lewat SMS, media sosial dan aplikasi ditindaklanjuti perangkat daerah.', 'komunikasi dan informatika', ['pengaduan', 'partisipasi'], [16], true, 'penerapan', 'berlanjut', 'KIPP Top 40 2017'],
  ['lan-coaching', 'lan-inovasi', 'INNOLAND', 2021, 'Laboratorium Inovasi Daerah', 'Pendampingan pemerintah daerah merancang dan menguji inovasi pelayanan dalam 100 hari.', 'pendayagunaan aparatur', ['laboratorium inovasi', 'pendampingan'], [16, 17], false, 'penerapan', 'berkembang'],
  ['lan-replikasi', 'lan-inovasi', 'INNOLAND', 2023, 'Klinik Replikasi Inovasi', 'Konsultasi langkah replikasi: persiapan, rencana, pelaksanaan, evaluasi dan pelembagaan.', 'pendayagunaan aparatur', ['replikasi', 'pendampingan'], [17], false, 'uji_coba', 'berkembang'],
  ['panrb-mpp', 'panrb-yanlik', 'OTHER', 2022, 'Mal Pelayanan Publik Digital', 'Layanan pusat dan daerah dalam satu aplikasi dengan satu identitas.', 'pendayagunaan aparatur', ['mal pelayanan publik', 'layanan daring'], [16], true, 'uji_coba', 'berkembang'],
  ['panrb-sp4n', 'panrb-yanlik', 'OTHER', 2018, 'SP4N-LAPOR! untuk Desa', 'Pengelolaan pengaduan pelayanan publik nasional sampai ke pemerintah desa.', 'pendayagunaan aparatur', ['pengaduan', 'desa'], [16], true, 'penerapan', 'berlanjut'],
  ['surabaya-sampah', 'surabaya-dinkes', 'IGA', 2021, 'Bank Sampah Bayar Puskesmas', 'Warga membayar iuran layanan kesehatan dengan sampah plastik terpilah.', 'lingkungan hidup', ['bank sampah', 'kesehatan'], [3, 12], false, 'penerapan', 'berkembang'],
  ['banyuwangi-sekolah', 'banyuwangi-diskominfo', 'KIPP', 2022, 'Sekolah Ramah Anak Digital', 'Pembelajaran jarak jauh dengan titik internet desa dan tablet pinjaman.', 'pendidikan', ['sekolah', 'literasi digital'], [4], true, 'uji_coba', 'berkembang'],
  ['kukar-tani', 'kukar-dpmptsp', 'IGA', 2019, 'Perizinan Usaha Tani Terpadu', 'Izin usaha perkebunan rakyat dan sertifikasi benih dalam satu berkas.', 'pertanian', ['perizinan', 'petani'], [2, 8], false, 'penerapan', 'berhenti'],
  ['sleman-air', 'sleman-bappeda', 'KIPP', 2016, 'Air Bersih Berbasis BUMDes', 'Pengelolaan air minum desa oleh BUMDes dengan tarif yang disepakati warga.', 'pekerjaan umum', ['air minum', 'bumdes'], [6], false, 'penerapan', 'berlanjut'],
  ['makassar-lorong', 'makassar-dinkes', 'IGA', 2018, 'Lorong Sehat (LONGSET)', 'Lorong permukiman padat menjadi kawasan sehat dengan kebun gizi dan posyandu.', 'kesehatan', ['lorong', 'lingkungan sehat'], [3, 11], false, 'penerapan', 'berkembang'],
];

/** Replications of the demo catalogue at different stages, with the path they took. */
const REPLICATIONS: [key: string, innovation: string, replicating: string, model: ReplicationModel, facilitator: string | null, path: ReplicationStage[], actorKeys: string[]][] = [
  ['klampid-makassar', 'klampid', 'makassar-dinkes', 'fasilitasi', 'jateng-bappeda', ['AGREED', 'PREPARING', 'PLANNING', 'IMPLEMENTING'], ['surabaya', 'makassar', 'makassar', 'makassar']],
  ['klampid-sleman', 'klampid', 'sleman-dukcapil', 'mandiri', null, ['AGREED', 'PREPARING', 'PLANNING', 'IMPLEMENTING', 'EVALUATING', 'INSTITUTIONALIZED'], ['surabaya', 'sleman', 'sleman', 'sleman', 'sleman', 'sleman']],
  ['procot-kukar', 'lahir-procot', 'kukar-dpmptsp', 'kerja_sama', null, ['AGREED', 'PREPARING'], ['surabaya', 'kukar']],
  ['smart-kampung-sleman', 'smart-kampung', 'sleman-bappeda', 'fasilitasi', 'lan-inovasi', ['AGREED', 'PREPARING', 'PLANNING', 'IMPLEMENTING', 'STALLED'], ['banyuwangi', 'sleman', 'sleman', 'sleman', 'sleman']],
  ['laskar-makassar', 'lantai-bumil', 'makassar-dinkes', 'mandiri', null, [], []],
  ['perizinan-banyuwangi', 'perizinan-keliling', 'banyuwangi-diskominfo', 'mandiri', null, ['DECLINED'], ['kukar']],
  ['ehealth-jateng', 'e-health', 'jateng-dinkes', 'kerja_sama', null, ['AGREED', 'PREPARING', 'PLANNING', 'IMPLEMENTING', 'EVALUATING'], ['surabaya', 'jateng', 'jateng', 'jateng', 'jateng']],
  ['ambulans-kukar', 'ambulans-desa', 'kukar-dpmptsp', 'mandiri', null, ['AGREED', 'WITHDRAWN'], ['banyuwangi', 'kukar']],
];

const NOTES: Partial<Record<ReplicationStage, string>> = {
  AGREED: 'Unit asal bersedia mendampingi; perjanjian kerja sama disiapkan.',
  PREPARING: 'Tim replikasi dibentuk dan SK kepala dinas terbit.',
  PLANNING: 'Rencana aksi, anggaran dan jadwal uji coba disepakati.',
  IMPLEMENTING: 'Uji coba dimulai di dua kecamatan.',
  EVALUATING: 'Evaluasi bersama unit asal: waktu layanan turun dari 7 hari menjadi 1 hari.',
  INSTITUTIONALIZED: 'Peraturan bupati tentang layanan ini ditetapkan.',
  STALLED: 'Anggaran perubahan belum disahkan; pelaksanaan tertunda.',
  DECLINED: 'Unit asal belum dapat mendampingi tahun ini.',
  WITHDRAWN: 'Prioritas daerah berubah; replikasi ditunda.',
};

const STAGE_LABEL: Record<InnovationStage, string> = { inisiatif: 'inisiatif', uji_coba: 'uji coba', penerapan: 'penerapan' };

/** A longer description than the summary, as a curator would write it (paragraphs of plain text). */
function describe(summary: string, year: number, stage: InnovationStage, sustainability: SustainabilityStatus, digital: boolean, award?: string): string {
  return [
    summary,
    `Berjalan sejak ${year}; tahap ${STAGE_LABEL[stage]}, status keberlanjutan: ${sustainability}.${award ? ` Penghargaan: ${award}.` : ''}`,
    digital
      ? 'Inovasi digital: warga memakai aplikasi atau portal, dengan petugas loket sebagai pendamping bagi yang belum terbiasa.'
      : 'Inovasi non-digital: bertumpu pada petugas lapangan dan prosedur kerja yang disederhanakan.',
    'Untuk replikasi: pelajari SOP dan dasar hukum unit asal, bentuk tim dan siapkan anggaran, uji coba di wilayah terbatas, lalu evaluasi bersama unit asal sebelum dilembagakan.',
    '(Data demo untuk mencoba JIPPNas Kolaborasi.)',
  ].join('\n\n');
}

export const seedCatalogue: DemoSeeder = {
  name: 'catalogue and replications',
  async run(ctx: DemoContext) {
    const em = ctx.em;
    const curator = ctx.users.curator as User | undefined;
    const innovations: Record<string, Innovation> = {};
    for (const [key, unitKey, source, year, title, summary, sector, tags, sdgs, digital, stage, sustainability, award] of INNOVATIONS) {
      const unit = ctx.units[unitKey] as Unit | undefined;
      if (!unit) continue;
      const inv = new Innovation({ title, summary, unit, year, source });
      Object.assign(inv, {
        description: describe(summary, year, stage, sustainability, digital, award),
        regionCode: unit.agency.regionCode ?? null,
        externalId: `DEMO-${source}-${year}-${key}`,
        award: award ?? null,
        sector,
        digital,
        sdgs,
        tags,
        stage,
        sustainability,
        demo: true,
        createdBy: curator ?? null,
      });
      innovations[key] = em.create(Innovation, inv);
    }
    await em.flush();

    const replications: Record<string, Replication> = {};
    let clock = Date.now() - 120 * 24 * 3600_000;
    const at = () => new Date((clock += 3 * 24 * 3600_000 + 5 * 3600_000));
    for (const [key, invKey, replKey, model, facKey, path, actorKeys] of REPLICATIONS) {
      const inv = innovations[invKey];
      const replicating = ctx.units[replKey] as Unit | undefined;
      if (!inv || !replicating) continue;
      const r = new Replication(inv, inv.unit, replicating);
      r.model = model;
      r.facilitatorUnit = facKey ? ((ctx.units[facKey] as Unit | undefined) ?? null) : null;
      const proposer = ctx.users[actorKeys[1] ?? actorKeys[0] ?? 'curator'] ?? curator ?? null;
      r.createdBy = proposer;
      const start = at();
      r.createdAt = start;
      em.persist(r);
      const first = new ReplicationTransition(r, null, 'PROPOSED', proposer, 'Usulan replikasi diajukan.');
      first.at = start;
      em.persist(first);
      let from: ReplicationStage = 'PROPOSED';
      path.forEach((to, i) => {
        const tr = new ReplicationTransition(r, from, to, ctx.users[actorKeys[i]] ?? curator ?? null, NOTES[to] ?? null);
        tr.at = at();
        em.persist(tr);
        from = to;
      });
      r.stage = from;
      r.updatedAt = new Date(clock);
      // The playbook record (its content comes from the playbooks module / seeder).
      const playbook = new Playbook(`Playbook replikasi: ${inv.title}`);
      playbook.replication = r;
      em.persist(playbook);
      if (!UNCOUNTED_STAGES.includes(r.stage)) inv.replicationCount += 1;
      replications[key] = r;
    }
    await em.flush();
    ctx.extra.innovations = innovations;
    ctx.extra.replications = replications;
  },
};
