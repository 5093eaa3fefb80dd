import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, badRequest, forbidden, isUniqueViolation, notFound, orderBySql } from '@app/common';
import {
  Mentorship,
  MentorshipFeedback,
  MentorshipGoal,
  MentorshipMentor,
  MentorshipState,
  MentorshipTransition,
  MENTORSHIP_STATES,
  OPEN_MENTORSHIP_STATES,
  ProposerSide,
  Replication,
  Unit,
  User,
} from '@app/database';
import { AccessEvents } from '../organisations';
import { assertOpen, mentorshipClosedError, toDate } from './mentoring.checks';
import { MentoringNotifier } from './mentoring-notifier.service';
import { MentoringQueries } from './mentoring.queries';
import {
  ChangeMentorsDto,
  CreateMentorshipDto,
  FeedbackDto,
  GoalDto,
  ListMentorshipsQuery,
  MENTORSHIP_SORTS,
  MentorshipTransitionDto,
  UpdateGoalDto,
} from './mentoring.dto';
import { MentorshipContext, MentorshipContextService, ReplicationRow } from './mentorship-context.service';
import { allowedTransitions, checkTransition, isTerminal } from './mentorship-state-machine';

/** Replication stages after which no new mentorship makes sense. */
const CLOSED_REPLICATION_STAGES = ['DECLINED', 'WITHDRAWN', 'DISCONTINUED'];
/** Why a closed mentorship's sessions ahead were called off (Indonesian, shown in calendars). */
const CLOSED_LABEL: Partial<Record<MentorshipState, string>> = { COMPLETED: 'selesai', DECLINED: 'ditolak', CANCELLED: 'dibatalkan' };

/** `sort=` keys of the mentorship list; `state` in lifecycle order, not alphabetical. */
const MENTORSHIP_ORDER: Record<(typeof MENTORSHIP_SORTS)[number], string> = {
  created: 'm.created_at',
  updated: 'm.updated_at',
  state: `array_position(array[${MENTORSHIP_STATES.map((s) => `'${s}'`).join(',')}], m.state::text)`,
};

/**
 * Mentorships (pendampingan replikasi): proposal, the state machine, mentors, goals and
 * feedback (sessions and their calendar files: `mentoring-sessions.service.ts`). Access is
 * checked at the top of every method.
 */
@Injectable()
export class MentoringService {
  constructor(
    private readonly em: EntityManager,
    private readonly contexts: MentorshipContextService,
    private readonly queries: MentoringQueries,
    private readonly notifier: MentoringNotifier,
    private readonly accessEvents: AccessEvents,
  ) {}

  async create(user: AuthUser, dto: CreateMentorshipDto) {
    const goals = (dto.goals ?? []).map((g) => ({ title: g.title.trim(), dueDate: g.dueDate ? toDate(g.dueDate) : null }));
    const replication = await this.contexts.replication(dto.replicationId);
    if (!replication) throw notFound('Replication');
    const roles = await this.contexts.rolesIn(user.id, [
      replication.origin_unit_id,
      replication.replicating_unit_id,
      replication.facilitator_unit_id,
    ]);
    let side: ProposerSide;
    if (roles.has(replication.replicating_unit_id)) side = 'mentee';
    else if (roles.has(replication.origin_unit_id) || (replication.facilitator_unit_id && roles.has(replication.facilitator_unit_id)))
      side = 'origin';
    else if (this.contexts.isStaff(user)) side = 'staff';
    else throw forbidden('Only the replicating unit, the origin or facilitator unit, curators and admins may propose a mentorship');
    if (CLOSED_REPLICATION_STAGES.includes(replication.stage))
      throw new AppError('REPLICATION_CLOSED', `The replication is ${replication.stage}; no mentorship can start`);
    const mentorUnit = await this.mentorUnits(replication, dto.mentorIds);
    await this.assertNoOpenMentorship(replication.id);

    const em = this.em.fork();
    const m = new Mentorship(em.getReference(Replication, replication.id), em.getReference(User, user.id), side);
    em.persist(m);
    dto.mentorIds.forEach((id, i) =>
      em.persist(new MentorshipMentor(m, em.getReference(User, id), em.getReference(Unit, mentorUnit.get(id)!), i)),
    );
    for (const g of goals) em.persist(new MentorshipGoal(m, g.title, g.dueDate, em.getReference(User, user.id)));
    em.persist(new MentorshipTransition(m, null, 'PROPOSED', em.getReference(User, user.id)));
    try {
      await em.flush();
    } catch (error) {
      // Two proposals raced: the partial unique index keeps one open mentorship per replication.
      if (isUniqueViolation(error)) throw this.existsError();
      throw error;
    }
    const ctx = await this.contexts.load(user, m.id);
    await this.notifier.proposed(ctx, user.id);
    return this.view(ctx);
  }

  /**
   * Mentors come from the origin unit or the facilitator unit (origin preferred when both):
   * mentor id → the unit they mentor for, or 422 INVALID_MENTOR naming everyone who is neither.
   */
  private async mentorUnits(replication: ReplicationRow, mentorIds: string[]): Promise<Map<string, string>> {
    const unitIds = [replication.origin_unit_id, replication.facilitator_unit_id].filter((x): x is string => !!x);
    const rows = await this.em
      .getConnection()
      .execute<{ user_id: string; unit_id: string }[]>(
        'select user_id, unit_id from memberships where user_id = any(?::uuid[]) and unit_id = any(?::uuid[])',
        [`{${mentorIds.join(',')}}`, `{${unitIds.join(',')}}`],
      );
    const mentorUnit = new Map<string, string>();
    for (const r of rows) if (!mentorUnit.has(r.user_id) || r.unit_id === replication.origin_unit_id) mentorUnit.set(r.user_id, r.unit_id);
    const invalid = mentorIds.filter((id) => !mentorUnit.has(id));
    if (invalid.length) {
      throw new AppError(
        'INVALID_MENTOR',
        'Every mentor must be a member of the replication’s origin unit or facilitator unit',
        invalid.map((mentorId) => ({ mentorId, problem: 'not a member of the origin or facilitator unit' })),
      );
    }
    return mentorUnit;
  }

  private existsError() {
    return new AppError('MENTORSHIP_EXISTS', 'This replication already has an open mentorship (proposed, active or paused)');
  }

  private async assertNoOpenMentorship(replicationId: string): Promise<void> {
    const n = await this.em.count(Mentorship, { replication: replicationId, state: { $in: [...OPEN_MENTORSHIP_STATES] } });
    if (n > 0) throw this.existsError();
  }

  async get(user: AuthUser, id: string) {
    const ctx = await this.contexts.loadReadable(user, id);
    return this.view(ctx);
  }

  private async view(ctx: MentorshipContext) {
    const detail = await this.queries.detail(ctx.mentorship.id);
    return { ...detail, allowedTransitions: allowedTransitions(detail.state, ctx.capacities) };
  }

  async list(user: AuthUser, q: ListMentorshipsQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!this.contexts.isStaff(user)) {
      where.push(`(exists (select 1 from mentorship_mentors mm where mm.mentorship_id = m.id and mm.user_id = ?)
        or exists (select 1 from memberships ms where ms.user_id = ? and ms.unit_id in (r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id)))`);
      params.push(user.id, user.id);
    }
    if (q.unitId) {
      where.push(`(? in (r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id)
        or exists (select 1 from mentorship_mentors mu where mu.mentorship_id = m.id and mu.unit_id = ?))`);
      params.push(q.unitId, q.unitId);
    }
    if (q.state) {
      where.push('m.state = ?');
      params.push(q.state);
    }
    if (q.replicationId) {
      where.push('m.replication_id = ?');
      params.push(q.replicationId);
    }
    const sql = `from mentorships m join replications r on r.id = m.replication_id ${where.length ? `where ${where.join(' and ')}` : ''}`;
    const conn = this.em.getConnection();
    const [rows, [count]] = await Promise.all([
      conn.execute<{ id: string }[]>(
        `select m.id ${sql} order by ${orderBySql(q.sort, '-updated', MENTORSHIP_ORDER, 'm.id')} limit ? offset ?`,
        [...params, q.limit ?? 50, q.offset ?? 0],
      ),
      conn.execute<{ n: number }[]>(`select count(*)::int as n ${sql}`, params),
    ]);
    return { items: await this.queries.summaries(rows.map((r) => r.id)), total: count.n };
  }

  async transition(user: AuthUser, id: string, dto: MentorshipTransitionDto) {
    const ctx = await this.contexts.loadReadable(user, id);
    const from = ctx.mentorship.state;
    const to = dto.to;
    const check = checkTransition(from, to, ctx.capacities);
    if (!check.ok && check.reason === 'INVALID_TRANSITION')
      throw new AppError('INVALID_TRANSITION', `A mentorship cannot move from ${from} to ${to}`, [{ from, to }]);
    if (!check.ok) throw forbidden(`You may not move this mentorship from ${from} to ${to}`);

    const now = new Date();
    const changes: Partial<Mentorship> = { state: to, updatedAt: now };
    if (to === 'ACTIVE' && from === 'PROPOSED') changes.activatedAt = now;
    if (isTerminal(to)) changes.closedAt = now;
    const mentorIds = await this.em.fork().transactional(async (tx) => {
      // Conditional on the state we checked: a concurrent move makes this one a conflict.
      const n = await tx.nativeUpdate(Mentorship, { id, state: from }, changes);
      if (n !== 1) throw new AppError('INVALID_TRANSITION', 'The mentorship changed meanwhile; reload and try again');
      tx.persist(new MentorshipTransition(tx.getReference(Mentorship, id), from, to, tx.getReference(User, user.id), dto.note ?? null));
      // Closing calls off the sessions still ahead, so calendars drop them (their .ics turns
      // into a cancellation with the next SEQUENCE).
      if (isTerminal(to)) {
        await tx.getConnection().execute(
          `update mentorship_sessions set cancelled_at = now(), cancelled_by_id = ?, cancel_reason = ?, sequence = sequence + 1, updated_at = now()
              where mentorship_id = ? and held_at is null and cancelled_at is null and scheduled_at > now()`,
          [user.id, `Pendampingan ${CLOSED_LABEL[to]}`, id],
          'run',
          tx.getTransactionContext(),
        );
      }
      // Read under the row lock the update took: the mentors as they are when this move commits,
      // even if a change of mentors committed since the context was loaded.
      return this.mentorIdsIn(tx, id);
    });
    // Mentors edit the replication's playbook only while ACTIVE: tell live connections.
    if ((from === 'ACTIVE') !== (to === 'ACTIVE')) {
      for (const mentorId of mentorIds) this.accessEvents.changed({ userId: mentorId, reason: 'mentorship' });
    }
    ctx.mentorIds = mentorIds;
    ctx.mentorship.state = to;
    await this.notifier.transitioned(ctx, from, to, user.id);
    return this.view(ctx);
  }

  private async mentorIdsIn(tx: EntityManager, mentorshipId: string): Promise<string[]> {
    const rows = await tx
      .getConnection()
      .execute<{ user_id: string }[]>(
        'select user_id from mentorship_mentors where mentorship_id = ? order by position, user_id',
        [mentorshipId],
        'all',
        tx.getTransactionContext(),
      );
    return rows.map((r) => r.user_id);
  }

  /**
   * Replaces the mentors (the first leads) while the mentorship is PROPOSED, ACTIVE or PAUSED.
   * Admins of the origin and facilitator units, curators and admins may; every mentor must be
   * a member of the origin or facilitator unit, as at proposal. The change is one history
   * entry; added and removed mentors are told; while ACTIVE their playbook access changes, so
   * their live connections are re-checked (a removed mentor who is no longer a member of a
   * participating unit loses edit access and their /collab sockets close with 4403).
   */
  async changeMentors(user: AuthUser, id: string, dto: ChangeMentorsDto) {
    const ctx = await this.contexts.loadMentorManageable(user, id);
    assertOpen(ctx);
    const mentorUnit = await this.mentorUnits(ctx.replication, dto.mentorIds);
    const note = dto.note?.trim() || null;
    const change = await this.em.fork().transactional(async (tx) => {
      const run = <T extends object[]>(sql: string, params: unknown[]) =>
        tx.getConnection().execute<T>(sql, params, 'all', tx.getTransactionContext());
      // The row lock orders this after (or before) any state move and any other change of mentors.
      const [m] = await run<{ state: MentorshipState }[]>('select state from mentorships where id = ? for update', [id]);
      if (!m) throw notFound('Mentorship');
      if (isTerminal(m.state)) throw mentorshipClosedError(m.state);
      const current = await run<{ user_id: string; unit_id: string }[]>(
        'select user_id, unit_id from mentorship_mentors where mentorship_id = ? order by position, user_id',
        [id],
      );
      const before = current.map((r) => r.user_id);
      const added = dto.mentorIds.filter((x) => !before.includes(x));
      const removed = before.filter((x) => !dto.mentorIds.includes(x));
      const reordered = !added.length && !removed.length && before.some((x, i) => x !== dto.mentorIds[i]);
      if (removed.length)
        await run('delete from mentorship_mentors where mentorship_id = ? and user_id = any(?::uuid[])', [id, `{${removed.join(',')}}`]);
      for (const [position, userId] of dto.mentorIds.entries()) {
        const unitId = mentorUnit.get(userId)!;
        if (added.includes(userId))
          tx.persist(
            new MentorshipMentor(tx.getReference(Mentorship, id), tx.getReference(User, userId), tx.getReference(Unit, unitId), position),
          );
        else
          await run('update mentorship_mentors set position = ?, unit_id = ? where mentorship_id = ? and user_id = ?', [
            position,
            unitId,
            id,
            userId,
          ]);
      }
      const changed = added.length > 0 || removed.length > 0 || reordered;
      if (changed) {
        const entry = new MentorshipTransition(tx.getReference(Mentorship, id), m.state, m.state, tx.getReference(User, user.id), note);
        entry.kind = 'mentors';
        entry.mentorsAdded = added;
        entry.mentorsRemoved = removed;
        tx.persist(entry);
        await tx.nativeUpdate(Mentorship, { id }, { updatedAt: new Date() });
      }
      return { state: m.state, added, removed, changed };
    });
    if (change.changed) {
      // Announced whatever the state: a move to or from ACTIVE waits for this change and then
      // announces the mentors it sees, so between the two every affected mentor is re-checked.
      for (const userId of [...change.added, ...change.removed]) this.accessEvents.changed({ userId, reason: 'mentorship' });
      ctx.mentorship.state = change.state;
      await this.notifier.mentorsChanged(
        ctx,
        { added: change.added, removed: change.removed, mentorIds: dto.mentorIds, state: change.state },
        user.id,
      );
    }
    return this.view(await this.contexts.load(user, id));
  }

  async addGoal(user: AuthUser, id: string, dto: GoalDto) {
    const ctx = await this.contexts.loadManageable(user, id);
    assertOpen(ctx);
    const em = this.em.fork();
    const goal = new MentorshipGoal(
      em.getReference(Mentorship, id),
      dto.title.trim(),
      dto.dueDate ? toDate(dto.dueDate) : null,
      em.getReference(User, user.id),
    );
    await em.persist(goal).flush();
    return this.goalView(id, goal.id);
  }

  async updateGoal(user: AuthUser, id: string, goalId: string, dto: UpdateGoalDto) {
    const ctx = await this.contexts.loadManageable(user, id);
    if (dto.status === undefined && dto.title === undefined && dto.dueDate === undefined)
      throw badRequest('Nothing to change: give status, title or dueDate');
    const em = this.em.fork();
    const goal = await em.findOne(MentorshipGoal, { id: goalId, mentorship: id });
    if (!goal) throw notFound('Goal');
    assertOpen(ctx);
    if (dto.status !== undefined && dto.status !== goal.status) {
      goal.status = dto.status;
      goal.completedAt = dto.status === 'done' ? new Date() : null;
    }
    if (dto.title !== undefined) goal.title = dto.title.trim();
    if (dto.dueDate !== undefined) {
      const due = dto.dueDate === null ? null : toDate(dto.dueDate);
      if (due !== goal.dueDate) goal.dueNotifiedAt = null; // a moved deadline deserves a new reminder
      goal.dueDate = due;
    }
    goal.updatedAt = new Date();
    await em.flush();
    return this.goalView(id, goal.id);
  }

  private async goalView(mentorshipId: string, goalId: string) {
    const detail = await this.queries.detail(mentorshipId);
    return detail.goals.find((g) => g.id === goalId)!;
  }

  async feedback(user: AuthUser, id: string, dto: FeedbackDto) {
    const ctx = await this.contexts.loadReadable(user, id);
    const c = ctx.capacities;
    // Mentors and the origin unit speak for the mentor side; the replicating team for the mentee side.
    const side = c.has('mentor') ? 'mentor' : ctx.inReplicating ? 'mentee' : ctx.inOrigin ? 'mentor' : null;
    if (!side) throw forbidden('Only the mentors, the origin unit and the replicating unit give feedback');
    if (ctx.mentorship.state !== 'COMPLETED')
      throw new AppError('MENTORSHIP_NOT_COMPLETED', 'Feedback opens once the mentorship is completed');
    const ratedUnitId = side === 'mentor' ? ctx.replication.replicating_unit_id : ctx.replication.origin_unit_id;
    const em = this.em.fork();
    const f = new MentorshipFeedback(
      em.getReference(Mentorship, id),
      side,
      em.getReference(Unit, ratedUnitId),
      em.getReference(User, user.id),
      dto.rating,
      dto.comment?.trim() || null,
    );
    try {
      await em.persist(f).flush();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('FEEDBACK_EXISTS', `The ${side} side has already given feedback`);
      throw error;
    }
    return {
      id: f.id,
      mentorshipId: id,
      side,
      ratedUnitId,
      authorId: user.id,
      rating: f.rating,
      comment: f.comment ?? null,
      createdAt: f.createdAt.toISOString(),
    };
  }
}
