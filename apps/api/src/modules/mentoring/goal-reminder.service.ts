import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { every } from '@app/common';
import { MentoringNotifier } from './mentoring-notifier.service';
import { MentorshipContext } from './mentorship-context.service';
import { todayUtc } from './mentoring.queries';

/** Goals due within this many days (or already overdue) get their one reminder. */
export const DUE_SOON_DAYS = 3;
const HOUR = 3_600_000;

/**
 * The periodic "goal due soon" check. Each open goal of an ACTIVE mentorship is announced once:
 * the claim is one conditional UPDATE, so concurrent runs (several nodes, a test calling in
 * while the timer fires) never notify twice. Moving the due date clears the claim.
 */
@Injectable()
export class GoalReminderService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('GoalReminders');
  private stop?: () => void;

  constructor(
    private readonly em: EntityManager,
    private readonly notifier: MentoringNotifier,
  ) {}

  onModuleInit(): void {
    this.stop = every(
      HOUR,
      () => this.checkDueGoals(),
      (error) => this.logger.warn(`due-goal check failed: ${error.message}`),
    );
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  /** Sends the reminders due at `now`; returns how many goals were announced. */
  async checkDueGoals(now = new Date()): Promise<number> {
    const em = this.em.fork();
    const today = todayUtc(now);
    const horizon = todayUtc(new Date(now.getTime() + DUE_SOON_DAYS * 24 * HOUR));
    const claimed = await em.getConnection().execute<
      {
        id: string;
        title: string;
        due_date: string;
        mentorship_id: string;
        replication_id: string;
        innovation_title: string;
        replicating_unit_id: string;
      }[]
    >(
      `with due as (
         update mentorship_goals g set due_notified_at = ?
           from mentorships m
          where g.mentorship_id = m.id and m.state = 'ACTIVE' and g.status = 'open'
            and g.due_notified_at is null and g.due_date is not null and g.due_date <= ?::date
        returning g.id, g.title, to_char(g.due_date, 'YYYY-MM-DD') as due_date, g.mentorship_id, m.replication_id)
       select due.*, i.title as innovation_title, r.replicating_unit_id
         from due join replications r on r.id = due.replication_id join innovations i on i.id = r.innovation_id`,
      [now, horizon],
    );
    for (const g of claimed) {
      const mentorIds = (
        await em
          .getConnection()
          .execute<{ user_id: string }[]>('select user_id from mentorship_mentors where mentorship_id = ?', [g.mentorship_id])
      ).map((r) => r.user_id);
      const ctx = {
        mentorship: { id: g.mentorship_id },
        replication: { id: g.replication_id, innovation_title: g.innovation_title, replicating_unit_id: g.replicating_unit_id },
        mentorIds,
      } as unknown as MentorshipContext;
      await this.notifier.goalDue(ctx, { id: g.id, title: g.title, dueDate: g.due_date, overdue: g.due_date < today });
    }
    return claimed.length;
  }
}
