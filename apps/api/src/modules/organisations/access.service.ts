import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '@app/auth';
import { AppError } from '@app/common';
import { Membership, PlatformRole, UnitRole } from '@app/database';

/**
 * The permission questions every feature asks, answered in one place:
 * "has platform role Y", "is a member / admin of unit X".
 */
@Injectable()
export class AccessService {
  constructor(private readonly em: EntityManager) {}

  hasRole(user: AuthUser, ...roles: PlatformRole[]): boolean {
    return roles.some((r) => user.roles.includes(r));
  }

  isAdmin(user: AuthUser): boolean {
    return user.roles.includes('admin');
  }

  /** The user's role in a unit, or null when not a member. */
  async unitRole(userId: string, unitId: string, em: EntityManager = this.em): Promise<UnitRole | null> {
    const m = await em.findOne(Membership, { user: userId, unit: unitId }, { fields: ['role'] as never });
    return m?.role ?? null;
  }

  async isUnitMember(userId: string, unitId: string, em: EntityManager = this.em): Promise<boolean> {
    return (await this.unitRole(userId, unitId, em)) !== null;
  }

  /** Ids of every unit the user belongs to. */
  async memberUnitIds(userId: string, em: EntityManager = this.em): Promise<string[]> {
    const rows = await em.getConnection().execute<{ unit_id: string }[]>('select unit_id from memberships where user_id = ?', [userId]);
    return rows.map((r) => r.unit_id);
  }

  /** Is the user a member of any of these units? */
  async isMemberOfAny(userId: string, unitIds: (string | null | undefined)[], em: EntityManager = this.em): Promise<boolean> {
    const ids = unitIds.filter((x): x is string => !!x);
    if (!ids.length) return false;
    return (await em.count(Membership, { user: userId, unit: { $in: ids } })) > 0;
  }

  /**
   * Is the user a mentor of an ACTIVE mentorship on this replication who still belongs to its
   * origin or facilitator unit? Mentors come from those units, and their access follows that
   * membership: leaving the unit ends it at once (removeMember announces the change, so open
   * sockets re-check).
   */
  async isActiveMentor(userId: string, replicationId: string, em: EntityManager = this.em): Promise<boolean> {
    const rows = await em.getConnection().execute<{ ok: boolean }[]>(
      `select exists (select 1 from mentorship_mentors mm
                        join mentorships m on m.id = mm.mentorship_id
                        join replications r on r.id = m.replication_id
                        join memberships ms on ms.user_id = mm.user_id and ms.unit_id in (r.origin_unit_id, r.facilitator_unit_id)
                       where mm.user_id = ? and m.replication_id = ? and m.state = 'ACTIVE') as ok`,
      [userId, replicationId],
    );
    return rows[0]?.ok === true;
  }

  /** Unit member lists: the SQL rule `can_list_unit_members` (its members, partner units in a replication, curators, admins). */
  async assertCanListMembers(user: AuthUser, unitId: string, em: EntityManager = this.em): Promise<void> {
    const rows = await em
      .getConnection()
      .execute<{ ok: boolean }[]>('select can_list_unit_members(?::uuid, ?::uuid) as ok', [user.id, unitId]);
    if (rows[0]?.ok !== true)
      throw new AppError(
        'FORBIDDEN',
        'Only this unit’s members, units it works with in a replication, curators and admins see its members',
      );
  }

  /** Platform admin, or the unit's own admin. */
  async assertUnitAdmin(user: AuthUser, unitId: string): Promise<void> {
    if (this.isAdmin(user)) return;
    if ((await this.unitRole(user.id, unitId)) === 'admin') return;
    throw new AppError('FORBIDDEN', 'Only a platform admin or this unit’s admin may do this');
  }

  /** A member of the unit, or one of the given platform roles. */
  async assertUnitMemberOr(user: AuthUser, unitId: string, ...roles: PlatformRole[]): Promise<void> {
    if (this.hasRole(user, ...roles)) return;
    if (await this.isUnitMember(user.id, unitId)) return;
    throw new AppError('FORBIDDEN', 'You are not a member of this unit');
  }
}

export interface AccessChange {
  userId: string;
  reason: 'roles' | 'membership' | 'suspension' | 'mentorship' | 'visibility';
}

/**
 * In-process announcements that a user's access changed (roles, memberships), so live
 * connections (collaboration sockets, realtime subscriptions) can re-check what they hold.
 * With Redis, the playbook and realtime modules relay these across nodes.
 */
@Injectable()
export class AccessEvents extends EventEmitter {
  changed(change: AccessChange): void {
    this.emit('changed', change);
  }
  onChanged(listener: (change: AccessChange) => void): () => void {
    this.on('changed', listener);
    return () => this.off('changed', listener);
  }
}
