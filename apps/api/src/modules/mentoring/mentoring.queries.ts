import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { MentorshipState, ProposerSide } from '@app/database';
import { iso } from '@app/common';

const DAY = 86_400_000;

/** Today's calendar date in UTC, `YYYY-MM-DD` (due dates are compared against it). */
export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);

export interface Progress {
  goalsDone: number;
  /** Goals not dropped. */
  goalsTotal: number;
  /** Open goals whose due date has passed. */
  goalsOverdue: number;
  /** Cancelled sessions never count. */
  sessionsHeld: number;
  /** Sessions held (or scheduled in the past, not cancelled) with no notes yet. */
  sessionsWithoutNotes: number;
  lastContactAt: string | null;
  /** Whole days since the last held session; null before the first one. */
  daysSinceLastContact: number | null;
}

interface ProgressRow {
  id: string;
  goals_done: number;
  goals_total: number;
  goals_overdue: number;
  sessions_held: number;
  sessions_without_notes: number;
  last_contact_at: Date | null;
}

interface SummaryRow {
  id: string;
  replication_id: string;
  state: MentorshipState;
  proposed_by_id: string | null;
  proposed_by_side: ProposerSide;
  activated_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  innovation_id: string;
  innovation_title: string;
  origin_unit_id: string;
  origin_unit_name: string;
  replicating_unit_id: string;
  replicating_unit_name: string;
  facilitator_unit_id: string | null;
}

const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/** Read models of mentorships: summaries with progress, and the full detail. */
@Injectable()
export class MentoringQueries {
  constructor(private readonly em: EntityManager) {}

  async progress(ids: string[], now = new Date(), em: EntityManager = this.em): Promise<Map<string, Progress>> {
    if (!ids.length) return new Map();
    const rows = await em.getConnection().execute<ProgressRow[]>(
      `select m.id,
              (select count(*)::int from mentorship_goals g where g.mentorship_id = m.id and g.status = 'done') as goals_done,
              (select count(*)::int from mentorship_goals g where g.mentorship_id = m.id and g.status <> 'dropped') as goals_total,
              (select count(*)::int from mentorship_goals g where g.mentorship_id = m.id and g.status = 'open' and g.due_date < ?::date) as goals_overdue,
              (select count(*)::int from mentorship_sessions s where s.mentorship_id = m.id and s.held_at is not null and s.cancelled_at is null) as sessions_held,
              (select count(*)::int from mentorship_sessions s where s.mentorship_id = m.id and s.cancelled_at is null
                  and coalesce(s.held_at, s.scheduled_at) < ? and coalesce(btrim(s.notes), '') = '') as sessions_without_notes,
              (select max(s.held_at) from mentorship_sessions s where s.mentorship_id = m.id and s.cancelled_at is null) as last_contact_at
         from mentorships m where m.id = any(?::uuid[])`,
      [todayUtc(now), now, uuidArray(ids)],
    );
    return new Map(
      rows.map((r) => {
        const last = r.last_contact_at ? new Date(r.last_contact_at) : null;
        return [
          r.id,
          {
            goalsDone: r.goals_done,
            goalsTotal: r.goals_total,
            goalsOverdue: r.goals_overdue,
            sessionsHeld: r.sessions_held,
            sessionsWithoutNotes: r.sessions_without_notes,
            lastContactAt: iso(last),
            daysSinceLastContact: last ? Math.max(0, Math.floor((now.getTime() - last.getTime()) / DAY)) : null,
          },
        ];
      }),
    );
  }

  async mentors(ids: string[], em: EntityManager = this.em): Promise<Map<string, { id: string; name: string; unitId: string }[]>> {
    const out = new Map<string, { id: string; name: string; unitId: string }[]>();
    if (!ids.length) return out;
    const rows = await em.getConnection().execute<{ mentorship_id: string; id: string; name: string; unit_id: string }[]>(
      `select mm.mentorship_id, u.id, u.name, mm.unit_id from mentorship_mentors mm join users u on u.id = mm.user_id
        where mm.mentorship_id = any(?::uuid[]) order by mm.position, u.id`,
      [uuidArray(ids)],
    );
    for (const r of rows) {
      if (!out.has(r.mentorship_id)) out.set(r.mentorship_id, []);
      out.get(r.mentorship_id)!.push({ id: r.id, name: r.name, unitId: r.unit_id });
    }
    return out;
  }

  /** Summaries (what lists and dashboards show), in the order of `ids`. */
  async summaries(ids: string[], now = new Date(), em: EntityManager = this.em) {
    if (!ids.length) return [];
    const [rows, progress, mentors] = await Promise.all([
      em.getConnection().execute<SummaryRow[]>(
        `select m.id, m.replication_id, m.state, m.proposed_by_id, m.proposed_by_side, m.activated_at, m.closed_at, m.created_at, m.updated_at,
                r.innovation_id, i.title as innovation_title, r.origin_unit_id, ou.name as origin_unit_name,
                r.replicating_unit_id, ru.name as replicating_unit_name, r.facilitator_unit_id
           from mentorships m
           join replications r on r.id = m.replication_id
           join innovations i on i.id = r.innovation_id
           join units ou on ou.id = r.origin_unit_id
           join units ru on ru.id = r.replicating_unit_id
          where m.id = any(?::uuid[])`,
        [uuidArray(ids)],
      ),
      this.progress(ids, now, em),
      this.mentors(ids, em),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids
      .map((id) => byId.get(id))
      .filter((r): r is SummaryRow => !!r)
      .map((r) => ({
        id: r.id,
        replicationId: r.replication_id,
        innovationId: r.innovation_id,
        innovationTitle: r.innovation_title,
        originUnit: { id: r.origin_unit_id, name: r.origin_unit_name },
        replicatingUnit: { id: r.replicating_unit_id, name: r.replicating_unit_name },
        facilitatorUnitId: r.facilitator_unit_id,
        state: r.state,
        proposedById: r.proposed_by_id,
        proposedBySide: r.proposed_by_side,
        mentors: mentors.get(r.id) ?? [],
        progress: progress.get(r.id)!,
        activatedAt: iso(r.activated_at),
        closedAt: iso(r.closed_at),
        createdAt: iso(r.created_at)!,
        updatedAt: iso(r.updated_at)!,
      }));
  }

  /** The full mentorship: summary plus goals, sessions, feedback and history. */
  async detail(id: string, now = new Date(), em: EntityManager = this.em) {
    const conn = em.getConnection();
    const [[summary], goals, sessions, feedback, history] = await Promise.all([
      this.summaries([id], now, em),
      conn.execute<
        {
          id: string;
          title: string;
          due_date: string | null;
          status: string;
          completed_at: Date | null;
          created_at: Date;
          updated_at: Date;
        }[]
      >(
        `select id, title, to_char(due_date, 'YYYY-MM-DD') as due_date, status, completed_at, created_at, updated_at
           from mentorship_goals where mentorship_id = ? order by due_date nulls last, created_at, id`,
        [id],
      ),
      conn.execute<SessionRow[]>(`select * from mentorship_sessions where mentorship_id = ? order by scheduled_at, id`, [id]),
      conn.execute<
        {
          id: string;
          side: string;
          rated_unit_id: string;
          author_id: string | null;
          rating: number;
          comment: string | null;
          created_at: Date;
        }[]
      >(
        `select id, side, rated_unit_id, author_id, rating, comment, created_at from mentorship_feedback where mentorship_id = ? order by created_at`,
        [id],
      ),
      conn.execute<HistoryRow[]>(
        `select t.kind, t.from_state, t.to_state, t.actor_id, u.name as actor_name, t.note, t.at, t.mentors_added, t.mentors_removed
           from mentorship_transitions t left join users u on u.id = t.actor_id
          where t.mentorship_id = ? order by t.at, t.id`,
        [id],
      ),
    ]);
    const today = todayUtc(now);
    const goalViews = goals.map((g) => ({
      id: g.id,
      title: g.title,
      dueDate: g.due_date,
      status: g.status,
      overdue: g.status === 'open' && !!g.due_date && g.due_date < today,
      completedAt: iso(g.completed_at),
      createdAt: iso(g.created_at)!,
      updatedAt: iso(g.updated_at)!,
    }));
    const sessionViews = sessions.map((s) => sessionView(s, now));
    return {
      ...summary,
      goals: goalViews,
      sessions: sessionViews,
      overdueGoals: goalViews.filter((g) => g.overdue),
      sessionsWithoutNotes: sessionViews.filter((s) => s.missingNotes).map((s) => s.id),
      feedback: feedback.map((f) => ({
        id: f.id,
        side: f.side,
        ratedUnitId: f.rated_unit_id,
        authorId: f.author_id,
        rating: f.rating,
        comment: f.comment,
        createdAt: iso(f.created_at)!,
      })),
      history: history.map(historyView),
    };
  }
}

interface HistoryRow {
  kind: 'state' | 'mentors';
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  at: Date;
  mentors_added: string[] | null;
  mentors_removed: string[] | null;
}

/**
 * One history entry. `kind` state: a move `from` → `to`. `kind` mentors: the mentor list changed
 * (`from` = `to` = the state it happened in), with who was added and who removed.
 */
function historyView(h: HistoryRow) {
  const entry = {
    kind: h.kind,
    from: h.from_state,
    to: h.to_state,
    actorId: h.actor_id,
    actorName: h.actor_name,
    note: h.note,
    at: iso(h.at)!,
  };
  return h.kind === 'mentors' ? { ...entry, mentorsAdded: h.mentors_added ?? [], mentorsRemoved: h.mentors_removed ?? [] } : entry;
}

export interface SessionRow {
  id: string;
  mentorship_id: string;
  scheduled_at: Date;
  duration_minutes: number;
  mode: string;
  agenda: string;
  location: string | null;
  url: string | null;
  notes: string | null;
  outcome: string | null;
  attendee_ids: string[];
  held_at: Date | null;
  sequence: number;
  cancelled_at: Date | null;
  cancelled_by_id: string | null;
  cancel_reason: string | null;
  created_by_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function sessionView(s: SessionRow, now = new Date()) {
  const past = new Date(s.held_at ?? s.scheduled_at).getTime() < now.getTime();
  const cancelled = !!s.cancelled_at;
  return {
    id: s.id,
    mentorshipId: s.mentorship_id,
    scheduledAt: iso(s.scheduled_at)!,
    durationMinutes: s.duration_minutes,
    mode: s.mode,
    agenda: s.agenda,
    location: s.location,
    url: s.url,
    notes: s.notes,
    outcome: s.outcome,
    attendeeIds: s.attendee_ids ?? [],
    heldAt: iso(s.held_at),
    held: !!s.held_at,
    missingNotes: !cancelled && past && !(s.notes ?? '').trim(),
    sequence: s.sequence,
    /** Called off before it was held: read-only, its calendar entry says CANCELLED. */
    cancelled,
    cancelledAt: iso(s.cancelled_at),
    cancelledById: s.cancelled_by_id,
    cancelReason: s.cancel_reason,
    createdById: s.created_by_id,
    createdAt: iso(s.created_at)!,
    updatedAt: iso(s.updated_at)!,
  };
}
