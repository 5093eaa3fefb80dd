import type { ReplicationStage } from '@app/database';

/** The stages that carry a checklist, in the order of LAN's replication guide. */
export const CHECKLIST_STAGES = ['PREPARING', 'PLANNING', 'IMPLEMENTING', 'EVALUATING', 'INSTITUTIONALIZED'] as const satisfies readonly ReplicationStage[];
export type ChecklistStage = (typeof CHECKLIST_STAGES)[number];

/**
 * The forward move out of each checklist stage that needs that stage's required items done.
 * Side exits (withdraw, discontinue, stall) and going back from evaluation are never blocked:
 * a replication can always be stopped, and rework is no reason to demand paperwork.
 */
export const GATED_MOVES: Partial<Record<ReplicationStage, ReplicationStage>> = {
  PREPARING: 'PLANNING',
  PLANNING: 'IMPLEMENTING',
  IMPLEMENTING: 'EVALUATING',
  EVALUATING: 'INSTITUTIONALIZED',
};

export interface GuideItem {
  key: string;
  stage: ChecklistStage;
  title: string;
  /** The item is proven by a document (a decree, a report): marking it done needs an attachment. */
  evidence: boolean;
}

/**
 * Activities per stage after LAN's replication guide (Pedoman Replikasi Inovasi). Seeded into
 * every replication's checklist as not required: the guide describes good practice, and whether a
 * team must have, say, its own budget line before planning differs between agencies. Teams and
 * curators add required items where they want a gate.
 */
export const GUIDE: readonly GuideItem[] = [
  { key: 'prep.team_decree', stage: 'PREPARING', title: 'Pembentukan tim replikasi dengan SK kepala instansi', evidence: true },
  { key: 'prep.budget', stage: 'PREPARING', title: 'Penyediaan anggaran replikasi', evidence: false },
  { key: 'prep.sop_study', stage: 'PREPARING', title: 'Kajian SOP dan dasar hukum inovasi di instansi asal', evidence: false },
  { key: 'prep.agreement', stage: 'PREPARING', title: 'Kesepakatan replikasi dengan instansi asal', evidence: true },
  { key: 'prep.resources', stage: 'PREPARING', title: 'Identifikasi kebutuhan SDM, sarana dan teknologi', evidence: false },
  { key: 'plan.action_plan', stage: 'PLANNING', title: 'Penyusunan rencana aksi replikasi (jadwal dan penanggung jawab)', evidence: false },
  { key: 'plan.adaptation', stage: 'PLANNING', title: 'Penyesuaian inovasi dengan kondisi dan kebutuhan lokal', evidence: false },
  { key: 'plan.sop_draft', stage: 'PLANNING', title: 'Penyusunan SOP dan rancangan regulasi di instansi replikator', evidence: false },
  { key: 'plan.baseline', stage: 'PLANNING', title: 'Penetapan indikator keberhasilan dan data dasar (baseline)', evidence: false },
  { key: 'impl.socialisation', stage: 'IMPLEMENTING', title: 'Sosialisasi kepada pemangku kepentingan dan masyarakat', evidence: false },
  { key: 'impl.training', stage: 'IMPLEMENTING', title: 'Pelatihan dan peningkatan kapasitas pelaksana', evidence: false },
  { key: 'impl.launch', stage: 'IMPLEMENTING', title: 'Uji coba dan penerapan layanan', evidence: false },
  { key: 'impl.mentoring', stage: 'IMPLEMENTING', title: 'Pendampingan oleh instansi asal', evidence: false },
  { key: 'impl.log', stage: 'IMPLEMENTING', title: 'Pencatatan pelaksanaan dan kendala', evidence: false },
  { key: 'eval.measure', stage: 'EVALUATING', title: 'Pengukuran manfaat dan dampak (indikator sesudah penerapan)', evidence: false },
  { key: 'eval.survey', stage: 'EVALUATING', title: 'Survei kepuasan masyarakat', evidence: false },
  { key: 'eval.report', stage: 'EVALUATING', title: 'Laporan evaluasi dan rekomendasi perbaikan', evidence: true },
  { key: 'inst.regulation', stage: 'INSTITUTIONALIZED', title: 'Penetapan regulasi/SK yang melembagakan inovasi', evidence: true },
  { key: 'inst.budget', stage: 'INSTITUTIONALIZED', title: 'Integrasi ke dalam rencana kerja dan anggaran rutin', evidence: false },
  { key: 'inst.report', stage: 'INSTITUTIONALIZED', title: 'Pelaporan hasil replikasi ke JIPPNas', evidence: false },
];
