import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, badRequest, notFound } from '@app/common';
import { Mentorship, MentorshipSession, User } from '@app/database';
import { buildIcs } from './ics';
import { assertOpen, toTime } from './mentoring.checks';
import { CancelSessionDto, CreateSessionDto, UpdateSessionDto } from './mentoring.dto';
import { MentoringNotifier } from './mentoring-notifier.service';
import { SessionRow, sessionView } from './mentoring.queries';
import { MentorshipContext, MentorshipContextService } from './mentorship-context.service';

/** Session fields whose change reschedules the event (new SEQUENCE, participants told). */
const SCHEDULE_FIELDS = ['scheduledAt', 'mode', 'agenda', 'durationMinutes', 'location', 'url'] as const;
/** Session fields that record what happened; still editable after completion. */
const RECORD_FIELDS = ['notes', 'outcome', 'attendeeIds', 'heldAt'] as const;
/** A few minutes' grace for clocks when a session is recorded as held "now". */
const CLOCK_SKEW_MS = 5 * 60_000;

const MODE_LABEL: Record<string, string> = { online: 'Daring (online)', onsite: 'Tatap muka', field_visit: 'Kunjungan lapangan' };

/**
 * Mentoring sessions (online, on site, field visits): scheduling, recording what happened,
 * cancelling, and each session as an iCalendar event. Access is checked at the top of every
 * method, through the mentorship's context.
 */
@Injectable()
export class MentoringSessionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly contexts: MentorshipContextService,
    private readonly notifier: MentoringNotifier,
  ) {}

  /** Attendees must take part: mentors or members of the origin, replicating or facilitator unit. */
  private async assertAttendees(ctx: MentorshipContext, ids: string[]): Promise<void> {
    const outside = ids.filter((id) => !ctx.mentorIds.includes(id));
    if (!outside.length) return;
    const units = [ctx.replication.origin_unit_id, ctx.replication.replicating_unit_id, ctx.replication.facilitator_unit_id].filter(
      (x): x is string => !!x,
    );
    const rows = await this.em
      .getConnection()
      .execute<{ user_id: string }[]>(
        'select distinct user_id from memberships where user_id = any(?::uuid[]) and unit_id = any(?::uuid[])',
        [`{${outside.join(',')}}`, `{${units.join(',')}}`],
      );
    const ok = new Set(rows.map((r) => r.user_id));
    const bad = outside.filter((id) => !ok.has(id));
    if (bad.length)
      throw new AppError(
        'INVALID_ATTENDEE',
        'Attendees must be mentors or members of the units taking part',
        bad.map((userId) => ({ userId, problem: 'not a participant' })),
      );
  }

  async addSession(user: AuthUser, id: string, dto: CreateSessionDto) {
    const ctx = await this.contexts.loadManageable(user, id);
    assertOpen(ctx);
    const em = this.em.fork();
    const s = new MentorshipSession(
      em.getReference(Mentorship, id),
      toTime(dto.scheduledAt, 'scheduledAt'),
      dto.mode,
      dto.agenda.trim(),
      em.getReference(User, user.id),
    );
    if (dto.durationMinutes !== undefined) s.durationMinutes = dto.durationMinutes;
    s.location = dto.location?.trim() || null;
    s.url = dto.url ?? null;
    await em.persist(s).flush();
    const view = await this.sessionById(id, s.id);
    await this.notifier.session(ctx, 'session_scheduled', view, user.id);
    return view;
  }

  private sessionCancelledError() {
    return new AppError('SESSION_CANCELLED', 'The session was cancelled; it can no longer be changed');
  }

  async updateSession(user: AuthUser, id: string, sessionId: string, dto: UpdateSessionDto) {
    const ctx = await this.contexts.loadManageable(user, id);
    // Locked while it changes, so a cancellation and an edit never interleave.
    const { rescheduled } = await this.em.fork().transactional((tx) => this.applySessionUpdate(tx, ctx, sessionId, dto));
    const view = await this.sessionById(id, sessionId);
    if (rescheduled) await this.notifier.session(ctx, 'session_changed', view, user.id);
    return view;
  }

  private async applySessionUpdate(
    em: EntityManager,
    ctx: MentorshipContext,
    sessionId: string,
    dto: UpdateSessionDto,
  ): Promise<{ rescheduled: boolean }> {
    const s = await em.findOne(
      MentorshipSession,
      { id: sessionId, mentorship: ctx.mentorship.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!s) throw notFound('Session');
    if (s.cancelledAt) throw this.sessionCancelledError();
    const given = (keys: readonly string[]) => keys.filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
    const schedule = given(SCHEDULE_FIELDS);
    if (!schedule.length && !given(RECORD_FIELDS).length) throw badRequest('Nothing to change');
    // Recording what happened stays possible after completion; rescheduling does not.
    if (schedule.length || ctx.mentorship.state === 'DECLINED' || ctx.mentorship.state === 'CANCELLED') assertOpen(ctx);
    if (dto.heldAt !== undefined && toTime(dto.heldAt, 'heldAt').getTime() > Date.now() + CLOCK_SKEW_MS)
      throw badRequest('heldAt: cannot be in the future');
    if (dto.attendeeIds) await this.assertAttendees(ctx, dto.attendeeIds);

    let rescheduled = false;
    if (dto.scheduledAt !== undefined && toTime(dto.scheduledAt, 'scheduledAt').getTime() !== s.scheduledAt.getTime()) {
      s.scheduledAt = new Date(dto.scheduledAt);
      rescheduled = true;
    }
    for (const k of ['mode', 'agenda', 'durationMinutes', 'location', 'url'] as const) {
      const v = dto[k];
      if (v === undefined) continue;
      const next = typeof v === 'string' ? v.trim() || null : v;
      if (next !== s[k]) {
        (s as unknown as Record<string, unknown>)[k] = next;
        rescheduled = true;
      }
    }
    if (dto.notes !== undefined) s.notes = dto.notes;
    if (dto.outcome !== undefined) s.outcome = dto.outcome;
    if (dto.attendeeIds !== undefined) s.attendeeIds = dto.attendeeIds;
    if (dto.heldAt !== undefined) s.heldAt = new Date(dto.heldAt);
    if (rescheduled) s.sequence += 1;
    s.updatedAt = new Date();
    return { rescheduled };
  }

  /**
   * Calls off a session not yet held (either side's participants who manage sessions, as for
   * scheduling). Possible even once the mentorship closed, so calendars can drop the event.
   * The session becomes read-only, stops counting in progress, its SEQUENCE is bumped and its
   * calendar file turns into a cancellation; the participants are told (`session_changed`).
   */
  async cancelSession(user: AuthUser, id: string, sessionId: string, dto: CancelSessionDto) {
    const ctx = await this.contexts.loadManageable(user, id);
    const reason = dto.reason?.trim() || null;
    const now = new Date();
    // One conditional update: of a concurrent cancel, edit or "held" record, one wins.
    const rows = await this.em.getConnection().execute<{ id: string }[]>(
      `update mentorship_sessions set cancelled_at = ?, cancelled_by_id = ?, cancel_reason = ?, sequence = sequence + 1, updated_at = ?
        where id = ? and mentorship_id = ? and cancelled_at is null and held_at is null returning id`,
      [now, user.id, reason, now, sessionId, id],
    );
    if (!rows.length) {
      const s = await this.sessionRow(id, sessionId);
      if (!s) throw notFound('Session');
      if (s.cancelled_at) throw this.sessionCancelledError();
      throw new AppError('SESSION_HELD', 'The session was held; it cannot be cancelled');
    }
    const view = await this.sessionById(id, sessionId);
    await this.notifier.session(ctx, 'session_changed', view, user.id, { change: 'cancelled', reason });
    return view;
  }

  private async sessionRow(mentorshipId: string, sessionId: string): Promise<SessionRow | undefined> {
    const [row] = await this.em
      .getConnection()
      .execute<SessionRow[]>('select * from mentorship_sessions where id = ? and mentorship_id = ?', [sessionId, mentorshipId]);
    return row;
  }

  private async sessionById(mentorshipId: string, sessionId: string) {
    return sessionView((await this.sessionRow(mentorshipId, sessionId))!);
  }

  /** The session as one iCalendar VEVENT. */
  async ics(user: AuthUser, id: string, sessionId: string): Promise<{ filename: string; body: string }> {
    const ctx = await this.contexts.loadReadable(user, id);
    const s = await this.sessionRow(id, sessionId);
    if (!s) throw notFound('Session');
    const units = await this.em
      .getConnection()
      .execute<{ id: string; name: string; agency: string }[]>(
        'select u.id, u.name, a.name as agency from units u join agencies a on a.id = u.agency_id where u.id in (?, ?)',
        [ctx.replication.origin_unit_id, ctx.replication.replicating_unit_id],
      );
    const place = (unitId: string) => {
      const u = units.find((x) => x.id === unitId);
      return u ? `${u.name}, ${u.agency}` : null;
    };
    const replicating = units.find((u) => u.id === ctx.replication.replicating_unit_id)?.name ?? '';
    const lead = ctx.mentorIds[0]
      ? (
          await this.em
            .getConnection()
            .execute<{ name: string; email: string }[]>('select name, email from users where id = ?', [ctx.mentorIds[0]])
        )[0]
      : undefined;
    // Default places: on site = the replicating team's office (the mentor comes);
    // field visit = the origin unit, where the innovation runs.
    const location =
      s.location ??
      (s.mode === 'online'
        ? (s.url ?? MODE_LABEL.online)
        : s.mode === 'onsite'
          ? place(ctx.replication.replicating_unit_id)
          : place(ctx.replication.origin_unit_id));
    const cancelled = !!s.cancelled_at;
    const description = [
      ...(cancelled ? [`DIBATALKAN${s.cancel_reason ? `: ${s.cancel_reason}` : ''}`, ''] : []),
      s.agenda,
      '',
      `Mode: ${MODE_LABEL[s.mode]}`,
      ...(s.url ? [`Tautan: ${s.url}`] : []),
    ].join('\n');
    const body = buildIcs({
      uid: `${s.id}@kolaborasi.jippnas.id`,
      stamp: new Date(s.updated_at),
      start: new Date(s.scheduled_at),
      durationMinutes: s.duration_minutes,
      summary: `Pendampingan: ${ctx.replication.innovation_title}${replicating ? ` — ${replicating}` : ''}`,
      description,
      location,
      url: s.url,
      sequence: s.sequence,
      status: cancelled ? 'CANCELLED' : 'CONFIRMED',
      organizer: lead ?? null,
    });
    return { filename: `pendampingan-${s.id}.ics`, body };
  }
}
