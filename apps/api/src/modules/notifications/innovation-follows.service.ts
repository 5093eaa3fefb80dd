import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { notFound } from '@app/common';
import { NotificationsService } from './notifications.service';

/**
 * Following innovations, and who hears of a new thread on one: the members of its origin unit
 * and its followers (a new-thread notice goes to neither the author nor those the opening post
 * already mentions).
 */
@Injectable()
export class InnovationFollows {
  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationsService,
  ) {}

  async set(user: AuthUser, innovationId: string, on: boolean): Promise<{ innovationId: string; following: boolean }> {
    const [i] = await this.em.execute('select id from innovations where id = ?', [innovationId]);
    if (!i) throw notFound('Innovation');
    if (on)
      await this.em.execute('insert into innovation_follows (innovation_id, user_id) values (?, ?) on conflict do nothing', [
        innovationId,
        user.id,
      ]);
    else await this.em.execute('delete from innovation_follows where innovation_id = ? and user_id = ?', [innovationId, user.id]);
    return { innovationId, following: on };
  }

  /** The innovations the user follows, most recently followed first. */
  async list(userId: string): Promise<{ items: { id: string; title: string; followedAt: string }[] }> {
    const rows = await this.em.execute<{ id: string; title: string; created_at: Date }[]>(
      `select i.id, i.title, f.created_at from innovation_follows f join innovations i on i.id = f.innovation_id
        where f.user_id = ? order by f.created_at desc, i.id limit 500`,
      [userId],
    );
    return { items: rows.map((r) => ({ id: r.id, title: r.title, followedAt: new Date(r.created_at).toISOString() })) };
  }

  async threadOpened(
    thread: { id: string; title: string; innovationId: string },
    actor: { id: string; name: string },
    skip: string[] = [],
  ): Promise<void> {
    const rows = await this.em.fork().execute<{ user_id: string; innovation_title: string }[]>(
      `select m.user_id, i.title as innovation_title from innovations i join memberships m on m.unit_id = i.unit_id where i.id = ?
        union
       select f.user_id, i.title from innovations i join innovation_follows f on f.innovation_id = i.id where i.id = ?`,
      [thread.innovationId, thread.innovationId],
    );
    const recipients = rows.map((r) => r.user_id).filter((id) => !skip.includes(id));
    if (!recipients.length) return;
    await this.notifications.notify(
      recipients,
      'new_thread',
      {
        threadId: thread.id,
        threadTitle: thread.title,
        innovationId: thread.innovationId,
        innovationTitle: rows[0].innovation_title,
        by: { id: actor.id, name: actor.name },
      },
      actor.id,
    );
  }
}
