import * as Y from 'yjs';
import { Playbook, PlaybookSnapshot } from '@app/database';
import { CONTENT, STAGE_SECTIONS, toPlainText } from '../playbooks';
import type { DemoSeeder } from './demo.context';

/** The stage whose work each playbook section records, in STAGE_SECTIONS order. */
const SECTION_STAGES = ['PREPARING', 'PLANNING', 'IMPLEMENTING', 'EVALUATING', 'INSTITUTIONALIZED'];

/** What a team typically writes in each section once it has got there (demo text). */
const WRITTEN: [paragraph: string, items: string[]][] = [
  [
    'Tim replikasi dibentuk dengan SK kepala dinas. Masalah utama: antrean layanan panjang dan data warga tersebar di beberapa aplikasi.',
    ['Kunjungan belajar ke unit asal inovasi', 'Pemetaan proses layanan yang berjalan', 'Dukungan Bappeda untuk anggaran awal'],
  ],
  [
    'Inovasi disesuaikan dengan kondisi daerah: formulir disederhanakan dan layanan dibuka di kecamatan lebih dulu.',
    ['Jadwal uji coba tiga bulan', 'Anggaran dari DPA dinas tahun berjalan', 'Pelatihan petugas oleh tim unit asal'],
  ],
  [
    'Uji coba berjalan di dua kecamatan. Kendala jaringan di desa diatasi dengan mode luring yang disinkronkan setiap sore.',
    ['Petugas dilatih: 24 orang', 'Layanan terlayani pada bulan pertama: 1.180', 'Keluhan utama: waktu tunggu verifikasi'],
  ],
  [
    'Waktu layanan rata-rata turun dari lima hari menjadi satu hari. Survei kepuasan warga naik dari 72 menjadi 88.',
    ['Indikator dicatat setiap bulan', 'Masukan warga dari kanal pengaduan', 'Rekomendasi perluasan ke semua kecamatan'],
  ],
  [
    'Inovasi ditetapkan dalam Peraturan Bupati dan masuk anggaran rutin; SOP layanan disahkan.',
    ['Perbup tentang standar layanan', 'Anggaran rutin tahun berikutnya', 'SOP dan modul pelatihan petugas baru'],
  ],
];

function element(name: string, text: string, attrs: Record<string, unknown> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as never);
  el.insert(0, [new Y.XmlText(text)]);
  return el;
}

function bulletList(items: string[]): Y.XmlElement {
  const list = new Y.XmlElement('bulletList');
  list.insert(
    0,
    items.map((item) => {
      const li = new Y.XmlElement('listItem');
      li.insert(0, [element('paragraph', item)]);
      return li;
    }),
  );
  return list;
}

/** The playbook as a team at `reached` (index into SECTION_STAGES, -1 for none) would have it. */
export function demoPlaybookDoc(reached: number): Y.Doc {
  const doc = new Y.Doc();
  const nodes: Y.XmlElement[] = [];
  STAGE_SECTIONS.forEach(([heading, prompt], i) => {
    nodes.push(element('heading', heading, { level: 2 }));
    const written = WRITTEN[i];
    if (i <= reached && written) nodes.push(element('paragraph', written[0]), bulletList(written[1]));
    else nodes.push(element('paragraph', prompt));
  });
  doc.getXmlFragment(CONTENT).insert(0, nodes);
  return doc;
}

/**
 * Demo playbooks get content that matches how far their replication got: the sections of the
 * stages it reached are written, the rest still show their prompt. Real playbooks get theirs
 * from PlaybookFactory at creation; the demo seeders insert playbook rows directly.
 */
export const seedPlaybooks: DemoSeeder = {
  name: 'playbooks',
  async run(ctx) {
    const em = ctx.em;
    const rows: { id: string; stages: string[] }[] = await em.execute(
      `select p.id, array_agg(t.to_stage) || r.stage as stages
         from playbooks p
         join replications r on r.id = p.replication_id
         left join replication_transitions t on t.replication_id = r.id
        where not exists (select 1 from playbook_snapshots s where s.playbook_id = p.id)
        group by p.id, r.stage`,
    );
    for (const row of rows) {
      const reached = Math.max(-1, ...row.stages.map((s) => SECTION_STAGES.indexOf(s)));
      const doc = demoPlaybookDoc(reached);
      const playbook = await em.findOneOrFail(Playbook, row.id);
      playbook.plainText = toPlainText(doc);
      em.persist(new PlaybookSnapshot(playbook, Y.encodeStateAsUpdate(doc)));
      doc.destroy();
    }
  },
};
