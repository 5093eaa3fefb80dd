import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { notFound } from '@app/common';
import { AccessService } from '../../organisations';
import { ChecklistSeeder } from '../checklists/checklist-seeder.service';
import { changePercent, improved } from '../indicators/change';
import { csvRow } from './csv';
import { HubMentorshipView, HubReplicationView, HubView } from './hub.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The hub view of a facilitator unit (JIPP hub): the replications it facilitates or mentors in,
 * with stage, checklist completion, indicators and the mentorships with their progress and
 * ratings. Five queries whatever the number of replications.
 */
@Injectable()
export class HubService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly seeder: ChecklistSeeder,
  ) {}

  async view(user: AuthUser, unitId: string): Promise<HubView> {
    const em = this.em.fork();
    const [unit] = UUID.test(unitId)
      ? await em.execute<{ id: string; name: string; agency_name: string }[]>(
          'select u.id, u.name, a.name as agency_name from units u join agencies a on a.id = u.agency_id where u.id = ?',
          [unitId],
        )
      : [];
    if (!unit) throw notFound('Unit');
    await this.access.assertUnitMemberOr(user, unit.id, 'curator', 'admin');
    const reps = await em.execute<
      {
        id: string;
        innovation_id: string;
        innovation_title: string;
        origin_unit_id: string;
        origin_unit_name: string;
        replicating_unit_id: string;
        replicating_unit_name: string;
        stage: string;
        facilitated: boolean;
        updated_at: Date;
      }[]
    >(
      `select r.id, r.innovation_id, i.title as innovation_title, r.origin_unit_id, ou.name as origin_unit_name, r.replicating_unit_id, ru.name as replicating_unit_name,
              r.stage, (r.facilitator_unit_id is not distinct from ?::uuid) as facilitated, r.updated_at
         from replications r join innovations i on i.id = r.innovation_id join units ou on ou.id = r.origin_unit_id join units ru on ru.id = r.replicating_unit_id
        where r.facilitator_unit_id = ?
           or exists (select 1 from mentorships m join mentorship_mentors mm on mm.mentorship_id = m.id where m.replication_id = r.id and mm.unit_id = ?)
        order by r.updated_at desc, r.id`,
      [unit.id, unit.id, unit.id],
    );
    const ids = reps.map((r) => r.id);
    await this.seeder.ensure(em, ids);
    const idList = ids.join(',');
    const checklists = ids.length
      ? await em.execute<
          { replication_id: string; done: number; total: number; required_open: number; stage_done: number; stage_total: number }[]
        >(
          `select c.replication_id, count(*) filter (where c.done)::int as done, count(*)::int as total, count(*) filter (where c.required and not c.done)::int as required_open,
                  count(*) filter (where c.stage = r.stage and c.done)::int as stage_done, count(*) filter (where c.stage = r.stage)::int as stage_total
             from checklist_items c join replications r on r.id = c.replication_id
            where c.replication_id = any(string_to_array(?, ',')::uuid[]) group by c.replication_id`,
          [idList],
        )
      : [];
    const indicators = ids.length
      ? await em.execute<
          {
            id: string;
            replication_id: string;
            name: string;
            unit: string;
            direction: string;
            baseline_value: number;
            latest: number | null;
          }[]
        >(
          `select i.id, i.replication_id, i.name, i.unit, i.direction, i.baseline_value, m.value as latest
             from replication_indicators i
             left join lateral (select value from indicator_measurements where indicator_id = i.id order by at desc, created_at desc limit 1) m on true
            where i.replication_id = any(string_to_array(?, ',')::uuid[]) order by i.created_at, i.id`,
          [idList],
        )
      : [];
    const mentorships = ids.length
      ? await em.execute<
          {
            id: string;
            replication_id: string;
            state: string;
            goals_done: number;
            goals_total: number;
            sessions_held: number;
            by_mentors: number | null;
            by_team: number | null;
          }[]
        >(
          `select m.id, m.replication_id, m.state,
                  (select count(*)::int from mentorship_goals g where g.mentorship_id = m.id and g.status = 'done') as goals_done,
                  (select count(*)::int from mentorship_goals g where g.mentorship_id = m.id and g.status <> 'dropped') as goals_total,
                  (select count(*)::int from mentorship_sessions s where s.mentorship_id = m.id and s.held_at is not null and s.cancelled_at is null) as sessions_held,
                  (select rating from mentorship_feedback f where f.mentorship_id = m.id and f.side = 'mentor')::int as by_mentors,
                  (select rating from mentorship_feedback f where f.mentorship_id = m.id and f.side = 'mentee')::int as by_team
             from mentorships m where m.replication_id = any(string_to_array(?, ',')::uuid[]) order by m.created_at, m.id`,
          [idList],
        )
      : [];
    const replications: HubReplicationView[] = reps.map((r) => {
      const c = checklists.find((x) => x.replication_id === r.id);
      return {
        id: r.id,
        innovation: { id: r.innovation_id, title: r.innovation_title },
        originUnit: { id: r.origin_unit_id, name: r.origin_unit_name },
        replicatingUnit: { id: r.replicating_unit_id, name: r.replicating_unit_name },
        stage: r.stage,
        facilitated: r.facilitated,
        updatedAt: new Date(r.updated_at).toISOString(),
        checklist: {
          done: c?.done ?? 0,
          total: c?.total ?? 0,
          requiredOpen: c?.required_open ?? 0,
          currentStageDone: c?.stage_done ?? 0,
          currentStageTotal: c?.stage_total ?? 0,
        },
        indicators: indicators
          .filter((i) => i.replication_id === r.id)
          .map((i) => ({
            id: i.id,
            name: i.name,
            unit: i.unit,
            direction: i.direction,
            baseline: i.baseline_value,
            latest: i.latest,
            changePercent: i.latest === null ? null : changePercent(i.baseline_value, i.latest),
            improved: i.latest === null ? null : improved(i.direction, i.baseline_value, i.latest),
          })),
        mentorships: mentorships
          .filter((m) => m.replication_id === r.id)
          .map((m): HubMentorshipView => ({
            id: m.id,
            state: m.state,
            goalsDone: m.goals_done,
            goalsTotal: m.goals_total,
            sessionsHeld: m.sessions_held,
            ratingByMentors: m.by_mentors,
            ratingByTeam: m.by_team,
          })),
      };
    });
    const tally = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});
    const items = replications.reduce((n, r) => n + r.checklist.total, 0);
    const teamRatings = mentorships.map((m) => m.by_team).filter((x): x is number => x !== null);
    return {
      unit: { id: unit.id, name: unit.name, agencyName: unit.agency_name },
      summary: {
        replications: replications.length,
        byStage: tally(replications.map((r) => r.stage)),
        mentorships: mentorships.length,
        mentorshipsByState: tally(mentorships.map((m) => m.state)),
        checklistDonePercent: items ? Math.round((replications.reduce((n, r) => n + r.checklist.done, 0) / items) * 1000) / 10 : null,
        averageRatingByTeam: teamRatings.length
          ? Math.round((teamRatings.reduce((a, b) => a + b, 0) / teamRatings.length) * 10) / 10
          : null,
      },
      replications,
    };
  }

  /** The same view flattened to CSV: one row per replication and mentorship (a replication without one gets one row). */
  async csv(user: AuthUser, unitId: string): Promise<{ filename: string; body: string }> {
    const hub = await this.view(user, unitId);
    const header = [
      'replikasi_id',
      'inovasi',
      'instansi_asal',
      'instansi_replikator',
      'tahap',
      'difasilitasi',
      'checklist_selesai',
      'checklist_total',
      'wajib_belum_selesai',
      'indikator',
      'perubahan_indikator_persen',
      'pendampingan_id',
      'status_pendampingan',
      'tujuan_tercapai',
      'tujuan_total',
      'sesi_terlaksana',
      'nilai_dari_pendamping',
      'nilai_dari_tim',
      'diperbarui',
    ];
    let body = csvRow(header);
    for (const r of hub.replications) {
      const indicators = r.indicators.map((i) => `${i.name} (${i.unit})`).join('; ');
      // One indicator: the number itself (sorts as a number); several: a list, neutralised like any text.
      const changes =
        r.indicators.length === 1
          ? r.indicators[0].changePercent
          : r.indicators.map((i) => (i.changePercent === null ? '' : String(i.changePercent))).join('; ');
      const base = [
        r.id,
        r.innovation.title,
        r.originUnit.name,
        r.replicatingUnit.name,
        r.stage,
        r.facilitated ? 'ya' : 'tidak',
        r.checklist.done,
        r.checklist.total,
        r.checklist.requiredOpen,
        indicators,
        changes,
      ];
      const rows = r.mentorships.length ? r.mentorships : [null];
      for (const m of rows) {
        body += csvRow([
          ...base,
          m?.id,
          m?.state,
          m?.goalsDone,
          m?.goalsTotal,
          m?.sessionsHeld,
          m?.ratingByMentors,
          m?.ratingByTeam,
          r.updatedAt,
        ]);
      }
    }
    return { filename: `hub-${hub.unit.id}.csv`, body };
  }
}
