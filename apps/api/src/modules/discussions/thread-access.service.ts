import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, forbidden } from '@app/common';
import type { ThreadScope } from './threads.repository';

/**
 * Who may read a thread (and so post in it, subscribe to it, find it in search):
 * - innovation threads: every signed-in user (the catalogue is public to the network);
 * - replication threads: the SQL function `can_read_replication` (migration
 *   `…020000_access_rules`), the one definition used by single checks, lists, search and
 *   notification filters alike: members of the replication's origin, replicating and facilitator
 *   units (mentors through their unit), and moderators, curators and admins.
 */
@Injectable()
export class ThreadAccess {
  constructor(private readonly em: EntityManager) {}

  isModerator(user: Pick<AuthUser, 'roles'>): boolean {
    return user.roles.includes('moderator') || user.roles.includes('admin');
  }

  async canReadReplication(user: AuthUser, replicationId: string, em: EntityManager = this.em): Promise<boolean> {
    const [row] = await em.execute<{ ok: boolean }[]>('select can_read_replication(?::uuid, ?::uuid) as ok', [user.id, replicationId]);
    return row?.ok === true;
  }

  async canRead(user: AuthUser, thread: ThreadScope, em: EntityManager = this.em): Promise<boolean> {
    if (thread.innovationId) return true;
    return !!thread.replicationId && (await this.canReadReplication(user, thread.replicationId, em));
  }

  async assertCanRead(user: AuthUser, thread: ThreadScope, em: EntityManager = this.em): Promise<void> {
    if (!(await this.canRead(user, thread, em))) throw forbidden('You may not read this thread');
  }

  /** A SQL condition (on alias `t`) matching threads the user may read, for lists and search. */
  readableSql(user: AuthUser): { sql: string; params: unknown[] } {
    return { sql: '(t.innovation_id is not null or can_read_replication(?::uuid, t.replication_id))', params: [user.id] };
  }

  /** Which of these users may read the thread: one query for the whole list. */
  async readersOf(thread: ThreadScope, userIds: string[], em: EntityManager = this.em): Promise<string[]> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return [];
    const rows = await em.execute<{ id: string }[]>(
      `select u.id from users u where u.id = any(?::uuid[]) and (?::boolean or can_read_replication(u.id, ?::uuid))`,
      [`{${ids.join(',')}}`, !!thread.innovationId, thread.replicationId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The end of the user's longest active suspension, or null. The database clock decides, so
   * every node (and the suspensions list's `active`) agrees on the moment it ends.
   */
  async activeSuspensionUntil(userId: string, em: EntityManager = this.em): Promise<Date | null> {
    const [row] = await em.execute<{ until: Date | string }[]>(
      'select until from user_suspensions where user_id = ? and lifted_at is null and until > now() order by until desc limit 1',
      [userId],
    );
    return row ? new Date(row.until) : null;
  }

  /** Suspended users read but do not write. */
  async assertNotSuspended(userId: string, em: EntityManager = this.em): Promise<void> {
    const until = await this.activeSuspensionUntil(userId, em);
    if (until) throw new AppError('USER_SUSPENDED', `You are suspended until ${until.toISOString()}`, [{ until: until.toISOString() }]);
  }
}
