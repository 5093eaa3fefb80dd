import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/** A suspension, with whether it holds now (decided by the database clock, as the posting check is). */
export interface SuspensionRecord {
  id: string;
  userId: string;
  until: Date;
  reason: string;
  createdById: string | null;
  createdAt: Date;
  liftedAt: Date | null;
  liftedById: string | null;
  liftReason: string | null;
  active: boolean;
}

/** `sort=` keys of a user's suspensions (trusted SQL for `orderBySql`). */
export const SUSPENSION_SORT = { created: 's.created_at', until: 's.until' };

interface SuspensionRow {
  id: string;
  user_id: string;
  until: Date | string;
  reason: string;
  created_by_id: string | null;
  created_at: Date | string;
  lifted_at: Date | string | null;
  lifted_by_id: string | null;
  lift_reason: string | null;
  active: boolean;
}

const SELECT = `select s.id, s.user_id, s.until, s.reason, s.created_by_id, s.created_at, s.lifted_at, s.lifted_by_id, s.lift_reason,
  (s.lifted_at is null and s.until > now()) as active from user_suspensions s`;

function date(v: Date | string): Date;
function date(v: Date | string | null): Date | null;
function date(v: Date | string | null): Date | null {
  return v === null ? null : v instanceof Date ? v : new Date(v);
}

function toRecord(r: SuspensionRow): SuspensionRecord {
  return {
    id: r.id,
    userId: r.user_id,
    until: date(r.until),
    reason: r.reason,
    createdById: r.created_by_id,
    createdAt: date(r.created_at),
    liftedAt: date(r.lifted_at),
    liftedById: r.lifted_by_id,
    liftReason: r.lift_reason,
    active: r.active,
  };
}

/**
 * Suspensions (`user_suspensions`) and the roles of the user they target. Whether a user is
 * suspended right now is `ThreadAccess.activeSuspensionUntil` (discussions), the one check
 * every write makes.
 */
@Injectable()
export class SuspensionsRepository {
  constructor(private readonly em: EntityManager) {}

  /** The target's platform roles, or null when there is no such user. */
  async userRoles(userId: string, em: EntityManager = this.em): Promise<string[] | null> {
    const [u] = await em.execute<{ roles: string[] }[]>('select roles from users where id = ?', [userId]);
    return u ? u.roles : null;
  }

  async find(userId: string, id: string, em: EntityManager = this.em): Promise<SuspensionRecord | null> {
    const [r] = await em.execute<SuspensionRow[]>(`${SELECT} where s.id = ? and s.user_id = ?`, [id, userId]);
    return r ? toRecord(r) : null;
  }

  /** A user's suspensions; `orderBy` trusted SQL on `s`. */
  async listFor(userId: string, orderBy: string, limit: number, em: EntityManager = this.em): Promise<SuspensionRecord[]> {
    const rows = await em.execute<SuspensionRow[]>(`${SELECT} where s.user_id = ? order by ${orderBy} limit ?`, [userId, limit]);
    return rows.map(toRecord);
  }

  async insert(s: { id: string; userId: string; until: Date; reason: string; createdById: string }, tx: EntityManager): Promise<void> {
    await tx.execute('insert into user_suspensions (id, user_id, until, reason, created_by_id) values (?, ?, ?, ?, ?)', [
      s.id,
      s.userId,
      s.until,
      s.reason,
      s.createdById,
    ]);
  }

  /**
   * Lifts the suspension if it is still active; returns when, or null when it was not (so two
   * moderators lifting at once, or a lift racing the end, act once).
   */
  async lift(userId: string, id: string, by: { moderatorId: string; reason: string }, tx: EntityManager): Promise<Date | null> {
    const [done] = await tx.execute<{ lifted_at: Date | string }[]>(
      'update user_suspensions set lifted_at = now(), lifted_by_id = ?, lift_reason = ? where id = ? and user_id = ? and lifted_at is null and until > now() returning lifted_at',
      [by.moderatorId, by.reason, id, userId],
    );
    return done ? date(done.lifted_at) : null;
  }
}
