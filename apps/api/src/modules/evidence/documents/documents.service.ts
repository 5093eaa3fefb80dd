import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { APP_CONFIG, AppError, forbidden, notFound } from '@app/common';
import type { AppConfig } from '@app/common';
import { AccessService } from '../../organisations';
import { EvidenceReplication, ReplicationAccessService } from '../replication-access.service';
import { DocumentRegistry } from './document-registry.service';
import { DocumentContent, renderDocument, tanggal } from './pdf-render';

export interface GeneratedDocument {
  code: string;
  filename: string;
  pdf: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MODEL = { mandiri: 'Mandiri', kerja_sama: 'Kerja sama', fasilitasi: 'Fasilitasi' } as Record<string, string>;
const MODE = { online: 'daring', onsite: 'tatap muka', field_visit: 'kunjungan lapangan' } as Record<string, string>;

/**
 * The base of public links: `PUBLIC_URL` (read from the configuration once the people-and-mail
 * work adds it there, from the environment until then), else this server on localhost.
 */
export function publicBase(config: AppConfig): string {
  const configured = (config as AppConfig & { publicUrl?: string }).publicUrl ?? process.env.PUBLIC_URL;
  return (configured || `http://localhost:${config.port}`).replace(/\/+$/, '');
}

/** Builds the agreement summary, the replication certificate and the mentoring report from the registry. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly replications: ReplicationAccessService,
    private readonly access: AccessService,
    private readonly registry: DocumentRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async replicationDocument(user: AuthUser, replicationId: string, kind: 'agreement' | 'certificate'): Promise<GeneratedDocument> {
    const em = this.em.fork();
    const r = await this.replications.load(replicationId, em);
    await this.replications.assertEditorOrCurator(user, r, em);
    const moves = await em.execute<{ to_stage: string; at: Date }[]>('select to_stage, min(at) as at from replication_transitions where replication_id = ? group by to_stage', [r.id]);
    const reached = new Map(moves.map((m) => [m.to_stage, new Date(m.at)]));
    const agreedAt = reached.get('AGREED');
    if (kind === 'agreement' && !agreedAt) throw new AppError('DOCUMENT_NOT_AVAILABLE', 'The agreement summary exists once the origin unit has agreed (AGREED)');
    const institutionalizedAt = reached.get('INSTITUTIONALIZED');
    if (kind === 'certificate' && (r.stage !== 'INSTITUTIONALIZED' || !institutionalizedAt)) {
      throw new AppError('DOCUMENT_NOT_AVAILABLE', 'The certificate exists once the replication is institutionalised (INSTITUTIONALIZED)');
    }
    const subject = {
      type: 'replication',
      replicationId: r.id,
      innovation: { id: r.innovation_id, title: r.innovation_title },
      originUnit: { id: r.origin_unit_id, name: r.origin_unit_name, agency: r.origin_agency_name },
      replicatingUnit: { id: r.replicating_unit_id, name: r.replicating_unit_name, agency: r.replicating_agency_name },
      ...(r.facilitator_unit_id ? { facilitatorUnit: { id: r.facilitator_unit_id, name: r.facilitator_unit_name } } : {}),
      model: r.model,
      ...(agreedAt ? { agreedAt: agreedAt.toISOString() } : {}),
      ...(kind === 'certificate' ? { institutionalizedAt: institutionalizedAt!.toISOString() } : {}),
    };
    const doc = await this.registry.issue(em, kind, r.id, { replicationId: r.id }, subject, user.id);
    const facts = replicationFacts(r);
    const content: DocumentContent =
      kind === 'agreement'
        ? {
            title: 'Ringkasan Kesepakatan Replikasi Inovasi',
            subtitle: r.innovation_title,
            facts: [...facts, ['Tanggal kesepakatan', tanggal(agreedAt!)], ['Tahap saat ini', r.stage]],
            statement: `${r.origin_unit_name} (${r.origin_agency_name}) selaku instansi asal telah menyetujui replikasi inovasi "${r.innovation_title}" oleh ${r.replicating_unit_name} (${r.replicating_agency_name}). Instansi asal tetap tercatat sebagai pemilik inovasi dalam setiap publikasi replikasi. Ringkasan ini dibuat dari data registri replikasi JIPPNas.`,
            code: doc.code,
            verifyUrl: this.verifyUrl(doc.code),
            issuedAt: new Date(doc.issued_at),
          }
        : {
            title: 'Sertifikat Replikasi Inovasi',
            subtitle: r.innovation_title,
            facts: [...facts, ['Tanggal kesepakatan', agreedAt ? tanggal(agreedAt) : '-'], ['Tanggal pelembagaan', tanggal(institutionalizedAt!)]],
            statement: `Dengan ini dinyatakan bahwa ${r.replicating_unit_name} (${r.replicating_agency_name}) telah mereplikasi dan melembagakan inovasi "${r.innovation_title}" yang berasal dari ${r.origin_unit_name} (${r.origin_agency_name}), sesuai tahapan pedoman replikasi inovasi dan tercatat dalam registri replikasi JIPPNas.`,
            code: doc.code,
            verifyUrl: this.verifyUrl(doc.code),
            issuedAt: new Date(doc.issued_at),
          };
    return { code: doc.code, filename: `${kind === 'agreement' ? 'kesepakatan' : 'sertifikat'}-replikasi-${doc.code}.pdf`, pdf: await renderDocument(content) };
  }

  async mentoringReport(user: AuthUser, mentorshipId: string): Promise<GeneratedDocument> {
    const em = this.em.fork();
    if (!UUID.test(mentorshipId)) throw notFound('Mentorship');
    const [m] = await em.execute<{ id: string; state: string; replication_id: string; activated_at: Date | null; closed_at: Date | null }[]>(
      'select id, state, replication_id, activated_at, closed_at from mentorships where id = ?',
      [mentorshipId],
    );
    if (!m) throw notFound('Mentorship');
    const r = await this.replications.load(m.replication_id, em);
    const mentors = await em.execute<{ user_id: string; name: string; unit_name: string }[]>(
      `select mm.user_id, u.name, un.name as unit_name from mentorship_mentors mm join users u on u.id = mm.user_id join units un on un.id = mm.unit_id
        where mm.mentorship_id = ? order by mm.position, u.name`,
      [m.id],
    );
    const staff = this.access.hasRole(user, 'curator', 'admin');
    if (!staff && !mentors.some((x) => x.user_id === user.id) && !(await this.access.isMemberOfAny(user.id, [r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id], em))) {
      throw forbidden('You may not see this mentorship');
    }
    if (m.state !== 'COMPLETED') throw new AppError('DOCUMENT_NOT_AVAILABLE', 'The mentoring report exists once the mentorship is COMPLETED');
    const goals = await em.execute<{ title: string; status: string }[]>(`select title, status from mentorship_goals where mentorship_id = ? order by created_at, id`, [m.id]);
    const sessions = await em.execute<{ scheduled_at: Date; held_at: Date | null; mode: string; agenda: string; outcome: string | null; attendees: number }[]>(
      `select scheduled_at, held_at, mode, agenda, outcome, cardinality(attendee_ids) as attendees
         from mentorship_sessions where mentorship_id = ? and cancelled_at is null order by scheduled_at, id`,
      [m.id],
    );
    const feedback = await em.execute<{ side: string; rating: number }[]>('select side, rating from mentorship_feedback where mentorship_id = ?', [m.id]);
    const rating = (side: string) => feedback.find((f) => f.side === side)?.rating;
    const held = sessions.filter((s) => s.held_at);
    const kept = goals.filter((g) => g.status !== 'dropped');
    const subject = {
      type: 'mentorship',
      mentorshipId: m.id,
      replicationId: r.id,
      innovation: { id: r.innovation_id, title: r.innovation_title },
      originUnit: { id: r.origin_unit_id, name: r.origin_unit_name, agency: r.origin_agency_name },
      replicatingUnit: { id: r.replicating_unit_id, name: r.replicating_unit_name, agency: r.replicating_agency_name },
      mentors: mentors.map((x) => x.name),
      completedAt: m.closed_at ? new Date(m.closed_at).toISOString() : null,
      goalsDone: kept.filter((g) => g.status === 'done').length,
      goalsTotal: kept.length,
      sessionsHeld: held.length,
      ratings: { ...(rating('mentor') ? { byMentors: rating('mentor') } : {}), ...(rating('mentee') ? { byReplicatingTeam: rating('mentee') } : {}) },
    };
    const doc = await this.registry.issue(em, 'report', m.id, { replicationId: r.id, mentorshipId: m.id }, subject, user.id);
    const status = { done: 'tercapai', open: 'belum tercapai', dropped: 'dibatalkan' } as Record<string, string>;
    const pdf = await renderDocument({
      title: 'Laporan Pendampingan Replikasi',
      subtitle: r.innovation_title,
      facts: [
        ...replicationFacts(r),
        ['Pendamping', mentors.map((x) => `${x.name} (${x.unit_name})`).join(', ')],
        ['Masa pendampingan', `${m.activated_at ? tanggal(m.activated_at) : '-'} s.d. ${m.closed_at ? tanggal(m.closed_at) : '-'}`],
        ['Tujuan tercapai', `${subject.goalsDone} dari ${subject.goalsTotal}`],
        ['Sesi terlaksana', String(held.length)],
        ['Penilaian', `oleh pendamping: ${rating('mentor') ?? '-'} / 5; oleh tim replikator: ${rating('mentee') ?? '-'} / 5`],
      ],
      sections: [
        { heading: 'Tujuan pendampingan', lines: goals.map((g) => `${g.title} (${status[g.status] ?? g.status})`) },
        {
          heading: 'Sesi pendampingan',
          lines: sessions.map(
            (s) => `${tanggal(s.held_at ?? s.scheduled_at)}, ${MODE[s.mode] ?? s.mode}: ${s.agenda}${s.held_at ? `, ${s.attendees} peserta hadir` : ', belum terlaksana'}${s.outcome ? `. Hasil: ${s.outcome}` : ''}`,
          ),
        },
      ],
      statement: `Laporan ini merangkum pendampingan replikasi inovasi "${r.innovation_title}" dari ${r.origin_unit_name} kepada ${r.replicating_unit_name}, dibuat dari data pendampingan yang tercatat di JIPPNas.`,
      code: doc.code,
      verifyUrl: this.verifyUrl(doc.code),
      issuedAt: new Date(doc.issued_at),
    });
    return { code: doc.code, filename: `laporan-pendampingan-${doc.code}.pdf`, pdf };
  }

  verifyUrl(code: string): string {
    return `${publicBase(this.config)}/api/verify/${code}`;
  }
}

function replicationFacts(r: EvidenceReplication): [string, string][] {
  return [
    ['Inovasi', r.innovation_title],
    ['Instansi asal', `${r.origin_unit_name}, ${r.origin_agency_name}`],
    ['Instansi replikator', `${r.replicating_unit_name}, ${r.replicating_agency_name}`],
    ...(r.facilitator_unit_name ? [['Fasilitator', r.facilitator_unit_name] as [string, string]] : []),
    ['Model replikasi', MODEL[r.model] ?? r.model],
  ];
}
