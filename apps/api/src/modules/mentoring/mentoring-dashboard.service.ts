import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { forbidden, notFound } from '@app/common';
import { MENTORSHIP_STATES, MentorshipState } from '@app/database';
import { AccessService } from '../organisations';
import { MentoringQueries } from './mentoring.queries';
import { MentorshipContextService } from './mentorship-context.service';

export interface Rating {
  average: number | null;
  count: number;
}

const rating = (avg: string | number | null, count: number): Rating => ({
  average: avg === null ? null : Math.round(Number(avg) * 100) / 100,
  count,
});
const zeroStates = (): Record<MentorshipState, number> =>
  Object.fromEntries(MENTORSHIP_STATES.map((s) => [s, 0])) as Record<MentorshipState, number>;

/**
 * A unit's mentoring dashboard (its mentorships as mentor side and as mentee side, with progress
 * and its average rating) and the national overview for curators (by region and state).
 */
@Injectable()
export class MentoringDashboardService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly contexts: MentorshipContextService,
    private readonly queries: MentoringQueries,
  ) {}

  private async assertUnit(unitId: string): Promise<{ id: string; name: string }> {
    const [unit] = await this.em
      .getConnection()
      .execute<{ id: string; name: string }[]>('select id, name from units where id = ?', [unitId]);
    if (!unit) throw notFound('Unit');
    return unit;
  }

  /**
   * The average rating a unit received: as mentor side (feedback given by replicating teams on
   * mentorships where it was the origin) and as mentee side. Anyone signed in may read it.
   */
  async rating(unitId: string) {
    const unit = await this.assertUnit(unitId);
    const rows = await this.em
      .getConnection()
      .execute<{ side: string; avg: string | null; n: number }[]>(
        `select f.side, avg(f.rating) as avg, count(*)::int as n from mentorship_feedback f where f.rated_unit_id = ? group by f.side`,
        [unitId],
      );
    const bySide = new Map(rows.map((r) => [r.side, r]));
    const total = rows.reduce((a, r) => a + r.n, 0);
    const sum = rows.reduce((a, r) => a + Number(r.avg ?? 0) * r.n, 0);
    const asMentor = bySide.get('mentee'); // given by mentees about this unit as mentor
    const asMentee = bySide.get('mentor');
    return {
      unitId: unit.id,
      average: rating(total ? sum / total : null, total).average,
      count: total,
      asMentor: rating(asMentor?.avg ?? null, asMentor?.n ?? 0),
      asMentee: rating(asMentee?.avg ?? null, asMentee?.n ?? 0),
    };
  }

  /** Members of the unit, curators and admins. */
  async unitDashboard(user: AuthUser, unitId: string) {
    const unit = await this.assertUnit(unitId);
    if (!this.contexts.isStaff(user) && !(await this.access.isUnitMember(user.id, unitId)))
      throw forbidden('Only the unit’s members, curators and admins see its dashboard');
    const conn = this.em.getConnection();
    const [mentorRows, menteeRows, ratings] = await Promise.all([
      conn.execute<{ id: string }[]>(
        `select m.id from mentorships m join replications r on r.id = m.replication_id
          where r.origin_unit_id = ? or r.facilitator_unit_id = ?
             or exists (select 1 from mentorship_mentors mm where mm.mentorship_id = m.id and mm.unit_id = ?)
          order by m.updated_at desc, m.id limit 500`,
        [unitId, unitId, unitId],
      ),
      conn.execute<{ id: string }[]>(
        `select m.id from mentorships m join replications r on r.id = m.replication_id where r.replicating_unit_id = ? order by m.updated_at desc, m.id limit 500`,
        [unitId],
      ),
      this.rating(unitId),
    ]);
    const now = new Date();
    const [asMentor, asMentee] = await Promise.all([
      this.queries.summaries(
        mentorRows.map((r) => r.id),
        now,
      ),
      this.queries.summaries(
        menteeRows.map((r) => r.id),
        now,
      ),
    ]);
    const tally = (items: typeof asMentor) => {
      const byState = zeroStates();
      for (const m of items) byState[m.state] += 1;
      const open = items.filter((m) => m.state === 'ACTIVE' || m.state === 'PAUSED');
      return {
        byState,
        goalsDone: items.reduce((a, m) => a + m.progress.goalsDone, 0),
        goalsTotal: items.reduce((a, m) => a + m.progress.goalsTotal, 0),
        goalsOverdue: open.reduce((a, m) => a + m.progress.goalsOverdue, 0),
        sessionsHeld: items.reduce((a, m) => a + m.progress.sessionsHeld, 0),
        sessionsWithoutNotes: items.reduce((a, m) => a + m.progress.sessionsWithoutNotes, 0),
      };
    };
    return {
      unit,
      rating: ratings,
      asMentor: { summary: tally(asMentor), items: asMentor },
      asMentee: { summary: tally(asMentee), items: asMentee },
    };
  }

  /** Curators and admins: every mentorship counted by state, and by the replicating unit's province. */
  async overview(user: AuthUser) {
    if (!this.contexts.isStaff(user)) throw forbidden('Only curators and admins see the national overview');
    const conn = this.em.getConnection();
    const today = new Date().toISOString().slice(0, 10);
    const region = `nullif(split_part(coalesce(a.region_code, ''), '.', 1), '')`;
    const byReplicatingRegion = `from mentorships m join replications r on r.id = m.replication_id
      join units u on u.id = r.replicating_unit_id join agencies a on a.id = u.agency_id`;
    const [byStateRows, byRegionRows, regionRatings, [totals], [avg]] = await Promise.all([
      conn.execute<{ state: MentorshipState; n: number }[]>('select state, count(*)::int as n from mentorships group by state'),
      conn.execute<{ region: string | null; state: MentorshipState; n: number }[]>(
        `select ${region} as region, m.state, count(*)::int as n ${byReplicatingRegion} group by 1, 2`,
      ),
      conn.execute<{ region: string | null; avg: string | null; n: number }[]>(
        `select ${region} as region, avg(f.rating) as avg, count(*)::int as n ${byReplicatingRegion} join mentorship_feedback f on f.mentorship_id = m.id group by 1`,
      ),
      conn.execute<{ goals_done: number; goals_total: number; goals_overdue: number; sessions_held: number }[]>(
        `select (select count(*)::int from mentorship_goals where status = 'done') as goals_done,
                (select count(*)::int from mentorship_goals where status <> 'dropped') as goals_total,
                (select count(*)::int from mentorship_goals g join mentorships m on m.id = g.mentorship_id
                  where g.status = 'open' and g.due_date < ?::date and m.state in ('ACTIVE', 'PAUSED')) as goals_overdue,
                (select count(*)::int from mentorship_sessions where held_at is not null and cancelled_at is null) as sessions_held`,
        [today],
      ),
      conn.execute<{ avg: string | null; n: number }[]>('select avg(rating) as avg, count(*)::int as n from mentorship_feedback'),
    ]);
    const byState = zeroStates();
    for (const r of byStateRows) byState[r.state] = r.n;
    const regions = new Map<
      string,
      { regionCode: string | null; total: number; byState: Record<MentorshipState, number>; rating: Rating }
    >();
    for (const r of byRegionRows) {
      const key = r.region ?? '';
      if (!regions.has(key)) {
        const rated = regionRatings.find((x) => (x.region ?? '') === key);
        regions.set(key, { regionCode: r.region, total: 0, byState: zeroStates(), rating: rating(rated?.avg ?? null, rated?.n ?? 0) });
      }
      const g = regions.get(key)!;
      g.total += r.n;
      g.byState[r.state] += r.n;
    }
    return {
      total: byStateRows.reduce((a, r) => a + r.n, 0),
      byState,
      byRegion: [...regions.values()].sort((a, b) => b.total - a.total || String(a.regionCode).localeCompare(String(b.regionCode))),
      goalsDone: totals.goals_done,
      goalsTotal: totals.goals_total,
      goalsOverdue: totals.goals_overdue,
      sessionsHeld: totals.sessions_held,
      rating: rating(avg.avg, avg.n),
    };
  }
}
