import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { MentorshipState } from '@app/database';
import { NotificationsService } from '../notifications';
import type { NotificationType } from '../notifications';
import { MentorshipContext, MentorshipContextService } from './mentorship-context.service';

/**
 * Who hears about what in a mentorship (stored in the feed and pushed live):
 * - proposal → the mentors and the origin unit's admins (and the replicating team when the
 *   origin side proposed, since they must answer);
 * - acceptance → the replicating team and the proposer;
 * - decline, pause, resume, cancel → the mentors and the replicating team;
 * - a session scheduled, changed or cancelled, a goal due soon → the mentors and the replicating
 *   team (a cancellation is a `session_changed` with `change: "cancelled"`);
 * - mentors changed → each added mentor (`mentorship_mentor_added`) and each removed one
 *   (`mentorship_mentor_removed`);
 * - completion → everyone involved (mentors, replicating team, origin admins), the actor too,
 *   asking each side for feedback.
 * The actor is never told of their own action except on completion.
 */
/** The notice for the other moves (acceptance and completion have their own recipients). */
const TRANSITION_NOTICE: Partial<Record<MentorshipState, NotificationType>> = {
  ACTIVE: 'mentorship_resumed',
  PAUSED: 'mentorship_paused',
  DECLINED: 'mentorship_declined',
  CANCELLED: 'mentorship_cancelled',
};

@Injectable()
export class MentoringNotifier {
  private readonly logger = new Logger('Mentoring');

  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationsService,
    private readonly contexts: MentorshipContextService,
  ) {}

  private base(ctx: MentorshipContext) {
    return {
      mentorshipId: ctx.mentorship.id,
      replicationId: ctx.replication.id,
      innovationTitle: ctx.replication.innovation_title,
    };
  }

  /** The actor as every notification names people: `{id, name}`. */
  private async actor(actorId: string): Promise<{ id: string; name: string | null }> {
    const [row] = await this.em.fork().execute<{ name: string }[]>('select name from users where id = ?', [actorId]);
    return { id: actorId, name: row?.name ?? null };
  }

  /** Notification failures never fail the command that caused them. */
  private async send(userIds: string[], type: NotificationType, payload: Record<string, unknown>, actorId?: string): Promise<void> {
    try {
      await this.notifications.notify(userIds, type, payload, actorId);
    } catch (error) {
      this.logger.warn(`notification ${type} failed: ${(error as Error).message}`);
    }
  }

  async proposed(ctx: MentorshipContext, actorId: string): Promise<void> {
    const em = this.em.fork();
    const admins = await this.contexts.unitMemberIds(ctx.replication.origin_unit_id, true, em);
    const team =
      ctx.mentorship.proposed_by_side === 'origin' ? await this.contexts.unitMemberIds(ctx.replication.replicating_unit_id, false, em) : [];
    await this.send(
      [...ctx.mentorIds, ...admins, ...team],
      'mentorship_proposed',
      { ...this.base(ctx), by: await this.actor(actorId) },
      actorId,
    );
  }

  async transitioned(ctx: MentorshipContext, from: MentorshipState, to: MentorshipState, actorId: string): Promise<void> {
    const em = this.em.fork();
    const payload = { ...this.base(ctx), from, to, by: await this.actor(actorId) };
    const team = await this.contexts.unitMemberIds(ctx.replication.replicating_unit_id, false, em);
    if (from === 'PROPOSED' && to === 'ACTIVE') {
      const proposer = ctx.mentorship.proposed_by_id ? [ctx.mentorship.proposed_by_id] : [];
      return this.send([...team, ...proposer], 'mentorship_accepted', payload, actorId);
    }
    if (to === 'COMPLETED') {
      const admins = await this.contexts.unitMemberIds(ctx.replication.origin_unit_id, true, em);
      return this.send([...ctx.mentorIds, ...team, ...admins], 'mentorship_completed', { ...payload, feedbackRequested: true });
    }
    const type = TRANSITION_NOTICE[to];
    if (type) return this.send([...ctx.mentorIds, ...team], type, payload, actorId);
  }

  async session(
    ctx: MentorshipContext,
    type: 'session_scheduled' | 'session_changed',
    session: Record<string, unknown>,
    actorId: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const participants = await this.contexts.participantIds(ctx, this.em.fork());
    await this.send(participants, type, { ...this.base(ctx), ...extra, session }, actorId);
  }

  /** `ctx.mentorIds` is the list before the change; `mentorIds` the list after it. */
  async mentorsChanged(
    ctx: MentorshipContext,
    change: { added: string[]; removed: string[]; mentorIds: string[]; state: MentorshipState },
    actorId: string,
  ): Promise<void> {
    const payload = { ...this.base(ctx), state: change.state, mentorIds: change.mentorIds, by: await this.actor(actorId) };
    await this.send(change.added, 'mentorship_mentor_added', payload, actorId);
    await this.send(change.removed, 'mentorship_mentor_removed', payload, actorId);
  }

  async goalDue(ctx: MentorshipContext, goal: { id: string; title: string; dueDate: string; overdue: boolean }): Promise<void> {
    const participants = await this.contexts.participantIds(ctx, this.em.fork());
    await this.send(participants, 'goal_due', { ...this.base(ctx), goal });
  }
}
