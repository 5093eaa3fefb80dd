import { randomUUID } from 'node:crypto';
import type { Innovation, Replication } from '@app/database';
import type { DemoSeeder } from './demo.context';

type Figures = [
  replication: string,
  name: string,
  unit: string,
  direction: 'lower' | 'higher',
  baseline: number,
  baselineAt: string,
  source: string,
  measurements: [value: number, at: string][],
];

/** Before/after figures of demo replications, so impact roll-ups and charts have something to show. */
const INDICATORS: Figures[] = [
  [
    'klampid-makassar',
    'Waktu penerbitan akta kelahiran',
    'hari',
    'lower',
    14,
    '2025-01-15',
    'Register Disdukcapil',
    [
      [9, '2025-06-30'],
      [5, '2025-12-31'],
    ],
  ],
  ['klampid-makassar', 'Kunjungan warga ke kantor', 'kali', 'lower', 3, '2025-01-15', 'Survei layanan', [[1, '2025-12-31']]],
  [
    'klampid-sleman',
    'Waktu penerbitan akta kelahiran',
    'hari',
    'lower',
    10,
    '2024-03-01',
    'SIAK',
    [
      [6, '2024-09-01'],
      [2, '2025-03-01'],
    ],
  ],
  ['ehealth-jateng', 'Waktu tunggu pasien', 'menit', 'lower', 120, '2025-02-01', 'Sistem antrean puskesmas', [[45, '2025-10-01']]],
  ['ehealth-jateng', 'Cakupan pendaftaran daring', 'persen', 'higher', 12, '2025-02-01', 'Sistem antrean puskesmas', [[58, '2025-10-01']]],
];

export const seedEvidence: DemoSeeder = {
  name: 'evidence',
  run: async (ctx) => {
    const replications = (ctx.extra.replications ?? {}) as Record<string, Replication>;
    const innovations = (ctx.extra.innovations ?? {}) as Record<string, Innovation>;
    for (const [key, name, unit, direction, baseline, at, source, measurements] of INDICATORS) {
      const r = replications[key];
      if (!r) continue;
      const id = randomUUID();
      await ctx.em.execute(
        `insert into replication_indicators (id, replication_id, name, unit, direction, baseline_value, baseline_at, baseline_source) values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, r.id, name, unit, direction, baseline, new Date(at), source],
      );
      for (const [value, when] of measurements) {
        await ctx.em.execute(`insert into indicator_measurements (id, indicator_id, value, at) values (?, ?, ?, ?)`, [
          randomUUID(),
          id,
          value,
          new Date(when),
        ]);
      }
    }
    const klampid = innovations['klampid'];
    if (klampid) {
      await ctx.em.execute(
        `insert into innovation_results (id, innovation_id, name, unit, direction, before_value, after_value, measured_at, source) values (?, ?, ?, ?, 'lower', 14, 1, ?, ?)`,
        [randomUUID(), klampid.id, 'Waktu penerbitan akta kelahiran', 'hari', new Date('2023-06-30'), 'Laporan KIPP'],
      );
    }
  },
};
