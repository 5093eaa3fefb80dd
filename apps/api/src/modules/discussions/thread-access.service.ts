import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, forbidden } from '@app/common';
import { AccessService } from '../organisations';

/** The columns of a thread that decide who may read it. */
export interface ThreadScope {
  id: string;
  innovation_id: string | null;
  replication_id: string | null;
}

/**
 * Who may read a thread (and so post in it, subscribe to it, find it in search):
 * - innovation threads: every signed-in user (the catalogue is public to the network);
 * - replication threads: members of the replication's origin, replicating and facilitator
 *   units, its active mentors, and moderators, curators and admins.
 */
@Injectable()
export class ThreadAccess {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  isModerator(user: Pick<AuthUser, 'roles'>): boolean {
    return user.roles.includes('moderator') || user.roles.includes('admin');
  }

  /** Roles that read every replication thread. */
  isPrivileged(user: Pick<AuthUser, 'roles'>): boolean {
    return this.isModerator(user) || user.roles.includes('curator');
  }

  async canReadReplication(user: AuthUser, replicationId: string, em: EntityManager = this.em): Promise<boolean> {
    if (this.isPrivileged(user)) return true;
    const [r] = await em.execute<{ origin_unit_id: string; replicating_unit_id: string; facilitator_unit_id: string | null }[]>(
      'select origin_unit_id, replicating_unit_id, facilitator_unit_id from replications where id = ?',
      [replicationId],
    );
    if (!r) return false;
    if (await this.access.isMemberOfAny(user.id, [r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id], em)) return true;
    return this.access.isActiveMentor(user.id, replicationId, em);
  }

  async canRead(user: AuthUser, thread: ThreadScope, em: EntityManager = this.em): Promise<boolean> {
    if (thread.innovation_id) return true;
    return !!thread.replication_id && (await this.canReadReplication(user, thread.replication_id, em));
  }

  async assertCanRead(user: AuthUser, thread: ThreadScope, em: EntityManager = this.em): Promise<void> {
    if (!(await this.canRead(user, thread, em))) throw forbidden('You may not read this thread');
  }

  /**
   * A SQL condition (on alias `t`) matching threads the user may read, for lists and search.
   * Mentors of a replication are not covered here (their access lives in the mentoring module),
   * so they find replication threads through the replication itself, not through search.
   */
  readableSql(user: AuthUser): { sql: string; params: unknown[] } {
    if (this.isPrivileged(user)) return { sql: 'true', params: [] };
    return {
      sql: `(t.innovation_id is not null or exists (
        select 1 from replications r join memberships m on m.user_id = ?
          and m.unit_id in (r.origin_unit_id, r.replicating_unit_id, coalesce(r.facilitator_unit_id, r.origin_unit_id))
        where r.id = t.replication_id))`,
      params: [user.id],
    };
  }

  /** Suspended users read but do not write. */
  async assertNotSuspended(userId: string, em: EntityManager = this.em): Promise<void> {
    const rows = await em.execute<{ until: Date }[]>(
      'select until from user_suspensions where user_id = ? and lifted_at is null and until > now() order by until desc limit 1',
      [userId],
    );
    if (rows.length) throw new AppError('USER_SUSPENDED', `You are suspended until ${new Date(rows[0].until).toISOString()}`, [{ until: new Date(rows[0].until).toISOString() }]);
  }
}

