import {
  Innovation,
  Membership,
  Mentorship,
  MentorshipFeedback,
  MentorshipGoal,
  MentorshipMentor,
  MentorshipSession,
  MentorshipState,
  MentorshipTransition,
  Playbook,
  ProposerSide,
  Replication,
  ReplicationTransition,
  SessionMode,
  Unit,
  User,
} from '@app/database';
import { DemoContext, DemoSeeder } from './demo.context';

const DAY = 86_400_000;

interface Scenario {
  origin: string;
  replicating: string;
  facilitator?: string;
  innovation: string;
  mentors: string[];
  proposer: string;
  side: ProposerSide;
  /** The states it went through after PROPOSED: state, actor, days ago. */
  path: [MentorshipState, string, number][];
  startedDaysAgo: number;
  goals: [title: string, dueInDays: number | null, status: 'open' | 'done' | 'dropped'][];
  sessions: [daysFromNow: number, mode: SessionMode, agenda: string, notes: string | null, outcome: string | null][];
  feedback?: [side: 'mentor' | 'mentee', author: string, rating: number, comment: string][];
}

/**
 * Mentorships in every kind of state. Each names a pair of units; the catalogue's replication of
 * that pair is reused when it exists (Klampid → Makassar and Sleman, Smart Kampung → Sleman,
 * Laskar Sakti → Makassar), otherwise the seeder creates a replication of its own.
 */
const SCENARIOS: Scenario[] = [
  {
    origin: 'surabaya-dispendukcapil',
    replicating: 'makassar-dinkes',
    facilitator: 'jateng-bappeda',
    innovation: 'Klampid New Generation',
    mentors: ['surabaya', 'jateng'],
    proposer: 'makassar',
    side: 'mentee',
    path: [['ACTIVE', 'surabaya', 37]],
    startedDaysAgo: 40,
    goals: [
      ['Perjanjian kerja sama ditandatangani', -20, 'done'],
      ['SOP layanan daring disahkan', -3, 'open'],
      ['Uji coba di dua kecamatan', 2, 'open'],
      ['Evaluasi kepuasan warga', 45, 'open'],
    ],
    sessions: [
      [
        -30,
        'online',
        'Perkenalan tim, ruang lingkup replikasi, jadwal',
        'Kedua tim sepakat fokus pada akta kelahiran dan KK lebih dulu.',
        'Rencana kerja 3 bulan',
      ],
      [-12, 'field_visit', 'Kunjungan ke Dispendukcapil Surabaya: alur back office', null, null],
      [5, 'onsite', 'Pendampingan penyusunan SOP di Makassar; bawa draf, daftar petugas, dan data antrean', null, null],
    ],
  },
  {
    origin: 'surabaya-dispendukcapil',
    replicating: 'sleman-dukcapil',
    innovation: 'Klampid New Generation',
    mentors: ['surabaya'],
    proposer: 'sleman',
    side: 'mentee',
    path: [
      ['ACTIVE', 'surabaya', 146],
      ['COMPLETED', 'sleman', 30],
    ],
    startedDaysAgo: 150,
    goals: [
      ['Pemetaan layanan adminduk', -120, 'done'],
      ['Pelatihan petugas loket', -90, 'done'],
      ['Integrasi tanda tangan elektronik', -40, 'dropped'],
      ['Peraturan bupati ditetapkan', -30, 'done'],
    ],
    sessions: [
      [-140, 'online', 'Kick-off dan pemetaan kebutuhan', 'Prioritas: akta kelahiran dan KK.', 'Daftar 6 layanan prioritas'],
      [
        -110,
        'field_visit',
        'Studi tiru ke Surabaya',
        'Tim Sleman melihat langsung operasional Klampid di 3 kecamatan.',
        'Alur back office diadopsi',
      ],
      [-45, 'onsite', 'Evaluasi akhir dan rencana keberlanjutan', 'Layanan berjalan di 17 kecamatan.', 'Dilanjutkan mandiri'],
    ],
    feedback: [
      ['mentee', 'sleman', 5, 'Pendampingan sangat membantu, terutama studi tiru.'],
      ['mentor', 'surabaya', 4, 'Tim Sleman responsif; perlu penguatan anggaran operator.'],
    ],
  },
  {
    origin: 'banyuwangi-diskominfo',
    replicating: 'sleman-bappeda',
    innovation: 'Smart Kampung',
    mentors: ['banyuwangi'],
    proposer: 'banyuwangi',
    side: 'origin',
    path: [
      ['ACTIVE', 'sleman', 65],
      ['PAUSED', 'sleman', 20],
    ],
    startedDaysAgo: 70,
    goals: [
      ['Titik internet di 10 desa', -25, 'open'],
      ['Pelatihan operator desa', -10, 'done'],
    ],
    sessions: [
      [
        -50,
        'online',
        'Pemetaan desa dan kebutuhan jaringan',
        'Anggaran perubahan belum disahkan; jeda sampai APBD-P.',
        'Pendampingan dijeda',
      ],
    ],
  },
  {
    origin: 'banyuwangi-dinkes',
    replicating: 'makassar-dinkes',
    innovation: 'Laskar Sakti: Kader Penemu Ibu Hamil Risiko Tinggi',
    mentors: ['banyuwangi'],
    proposer: 'makassar',
    side: 'mentee',
    path: [['DECLINED', 'banyuwangi', 27]],
    startedDaysAgo: 30,
    goals: [],
    sessions: [],
  },
  {
    origin: 'banyuwangi-dinkes',
    replicating: 'makassar-dinkes',
    innovation: 'Laskar Sakti: Kader Penemu Ibu Hamil Risiko Tinggi',
    mentors: ['banyuwangi'],
    proposer: 'makassar',
    side: 'mentee',
    path: [],
    startedDaysAgo: 2,
    goals: [
      ['Kesepakatan ruang lingkup', 14, 'open'],
      ['Data ibu hamil risiko tinggi terpadu', 60, 'open'],
    ],
    sessions: [],
  },
];

/** A replication between these units: the catalogue's when it exists, else one made here. */
async function replicationFor(ctx: DemoContext, s: Scenario, when: Date): Promise<Replication | null> {
  const em = ctx.em;
  const origin = ctx.units[s.origin];
  const replicating = ctx.units[s.replicating];
  if (!origin || !replicating) return null;
  const known = (ctx.extra.replications as Record<string, Replication> | Replication[] | undefined) ?? {};
  const fromExtra = Object.values(known).find((r) => r?.originUnit?.id === origin.id && r?.replicatingUnit?.id === replicating.id);
  if (fromExtra) return fromExtra;
  const existing = await em.findOne(
    Replication,
    { originUnit: origin.id, replicatingUnit: replicating.id },
    { orderBy: { createdAt: 'asc' } },
  );
  if (existing) return existing;

  const innovation =
    (await em.findOne(Innovation, { title: s.innovation, unit: origin.id })) ??
    em.create(
      Innovation,
      new Innovation({
        title: s.innovation,
        summary: `${s.innovation}: inovasi pelayanan publik yang direplikasi dengan pendampingan.`,
        unit: origin,
        year: 2023,
        source: 'KIPP',
      }),
    );
  const replication = new Replication(innovation, origin, replicating);
  replication.stage = 'IMPLEMENTING';
  replication.createdAt = when;
  if (s.facilitator && ctx.units[s.facilitator]) {
    replication.facilitatorUnit = ctx.units[s.facilitator];
    replication.model = 'fasilitasi';
  }
  const playbook = new Playbook(`Playbook replikasi ${s.innovation}`);
  playbook.replication = replication;
  em.persist([replication, playbook, new ReplicationTransition(replication, null, 'PROPOSED', ctx.users[s.proposer] ?? null)]);
  return replication;
}

export const seedMentoring: DemoSeeder = {
  name: 'mentoring',
  async run(ctx) {
    const em = ctx.em;
    const now = Date.now();
    for (const s of SCENARIOS) {
      const users = [...s.mentors, s.proposer, ...s.path.map(([, who]) => who)].map((k) => ctx.users[k]);
      if (users.some((u) => !u)) continue;
      const start = new Date(now - s.startedDaysAgo * DAY);
      const replication = await replicationFor(ctx, s, new Date(start.getTime() - 5 * DAY));
      if (!replication) continue;
      const open = await em.count(Mentorship, { replication: replication.id, state: { $in: ['PROPOSED', 'ACTIVE', 'PAUSED'] } });
      if (open) continue;
      await em.flush();

      const m = new Mentorship(replication, ctx.users[s.proposer], s.side);
      m.createdAt = start;
      em.persist(m);
      for (const [i, k] of s.mentors.entries()) {
        // A mentor mentors for the origin unit when a member of it, else for the facilitator.
        const inOrigin = await em.count(Membership, { user: ctx.users[k].id, unit: replication.originUnit.id });
        const unit: Unit | null | undefined = inOrigin ? replication.originUnit : replication.facilitatorUnit;
        if (!unit) continue;
        em.persist(new MentorshipMentor(m, ctx.users[k], unit, i));
      }
      em.persist(new MentorshipTransition(m, null, 'PROPOSED', ctx.users[s.proposer]));
      let from: MentorshipState = 'PROPOSED';
      for (const [to, who, daysAgo] of s.path) {
        const at = new Date(now - daysAgo * DAY);
        const tr = new MentorshipTransition(m, from, to, ctx.users[who]);
        tr.at = at;
        em.persist(tr);
        if (to === 'ACTIVE') m.activatedAt ??= at;
        if (to === 'COMPLETED' || to === 'DECLINED' || to === 'CANCELLED') m.closedAt = at;
        m.updatedAt = at;
        from = to;
      }
      m.state = from;

      const creator: User = ctx.users[s.mentors[0]];
      for (const [title, due, status] of s.goals) {
        const g = new MentorshipGoal(m, title, due === null ? null : new Date(now + due * DAY).toISOString().slice(0, 10), creator);
        g.status = status;
        if (status === 'done') g.completedAt = new Date(now + (due ?? 0) * DAY);
        // Past-due reminders were already sent in the story; the periodic check handles the rest.
        if (due !== null && due < 0) g.dueNotifiedAt = new Date(now + (due - 3) * DAY);
        em.persist(g);
      }
      const attendees = [...s.mentors.map((k) => ctx.users[k].id), ctx.users[s.proposer].id];
      for (const [days, mode, agenda, notes, outcome] of s.sessions) {
        const when = new Date(now + days * DAY);
        when.setUTCHours(2, 0, 0, 0); // 09.00 WIB
        const session = new MentorshipSession(m, when, mode, agenda, creator);
        if (mode === 'online') session.url = 'https://meet.jippnas.id/pendampingan';
        if (days < 0) {
          session.heldAt = when;
          session.attendeeIds = [...new Set(attendees)];
          session.notes = notes;
          session.outcome = outcome;
        }
        em.persist(session);
      }
      for (const [side, author, rating, comment] of s.feedback ?? []) {
        const rated = side === 'mentor' ? replication.replicatingUnit : replication.originUnit;
        em.persist(new MentorshipFeedback(m, side, rated, ctx.users[author], rating, comment));
      }
      await em.flush();
    }
  },
};
