import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { forbidden, isUuid, notFound } from '@app/common';
import type { MentorshipState, ProposerSide } from '@app/database';
import { Capacity } from './mentorship-state-machine';

/** The replication a mentorship (or a proposal) is about, as the access rules need it. */
export interface ReplicationRow {
  id: string;
  innovation_id: string;
  innovation_title: string;
  origin_unit_id: string;
  replicating_unit_id: string;
  facilitator_unit_id: string | null;
  stage: string;
}

export interface MentorshipRow {
  id: string;
  state: MentorshipState;
  proposed_by_id: string | null;
  proposed_by_side: ProposerSide;
}

/** Everything a command needs about one mentorship and the caller's standing towards it. */
export interface MentorshipContext {
  mentorship: MentorshipRow;
  replication: ReplicationRow;
  mentorIds: string[];
  capacities: Set<Capacity>;
  /** The caller's memberships among the origin, replicating and facilitator units. */
  inOrigin: boolean;
  inReplicating: boolean;
  inFacilitator: boolean;
  /** Admin of the facilitator unit (which, like the origin unit, provides mentors). */
  facilitatorAdmin: boolean;
  canRead: boolean;
}

/**
 * Loads a mentorship with its replication and works out how the caller stands towards it.
 * Reading: members of the origin, replicating and facilitator units, the mentors, curators and
 * admins. Everyone else gets 403.
 */
@Injectable()
export class MentorshipContextService {
  constructor(private readonly em: EntityManager) {}

  isStaff(user: Pick<AuthUser, 'roles'>): boolean {
    return user.roles.includes('admin') || user.roles.includes('curator');
  }

  async replication(replicationId: string, em: EntityManager = this.em): Promise<ReplicationRow | null> {
    if (!isUuid(replicationId)) return null;
    const [row] = await em.getConnection().execute<ReplicationRow[]>(
      `select r.id, r.innovation_id, i.title as innovation_title, r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id, r.stage
         from replications r join innovations i on i.id = r.innovation_id
        where r.id = ?`,
      [replicationId],
    );
    return row ?? null;
  }

  /** The caller's roles in the given units (unit id → role). */
  async rolesIn(userId: string, unitIds: (string | null)[], em: EntityManager = this.em): Promise<Map<string, string>> {
    const ids = unitIds.filter((x): x is string => !!x);
    if (!ids.length) return new Map();
    const rows = await em
      .getConnection()
      .execute<{ unit_id: string; role: string }[]>(
        'select unit_id, role from memberships where user_id = ? and unit_id = any(?::uuid[])',
        [userId, `{${ids.join(',')}}`],
      );
    return new Map(rows.map((r) => [r.unit_id, r.role]));
  }

  /** Loads and checks read access: 404 when unknown, 403 when the caller may not read it. */
  async load(user: AuthUser, mentorshipId: string, em: EntityManager = this.em): Promise<MentorshipContext> {
    const conn = em.getConnection();
    const [m] = await conn.execute<(MentorshipRow & { replication_id: string })[]>(
      'select id, state, proposed_by_id, proposed_by_side, replication_id from mentorships where id = ?',
      [mentorshipId],
    );
    if (!m) throw notFound('Mentorship');
    const replication = (await this.replication(m.replication_id, em))!;
    const mentorIds = (
      await conn.execute<{ user_id: string }[]>(
        'select user_id from mentorship_mentors where mentorship_id = ? order by position, user_id',
        [m.id],
      )
    ).map((r) => r.user_id);
    const roles = await this.rolesIn(
      user.id,
      [replication.origin_unit_id, replication.replicating_unit_id, replication.facilitator_unit_id],
      em,
    );

    const inOrigin = roles.has(replication.origin_unit_id);
    const inReplicating = roles.has(replication.replicating_unit_id);
    const inFacilitator = !!replication.facilitator_unit_id && roles.has(replication.facilitator_unit_id);
    const facilitatorAdmin = inFacilitator && roles.get(replication.facilitator_unit_id!) === 'admin';
    const capacities = new Set<Capacity>();
    if (this.isStaff(user)) capacities.add('staff');
    if (mentorIds.includes(user.id)) capacities.add('mentor');
    if (roles.get(replication.origin_unit_id) === 'admin') capacities.add('originAdmin');
    if (inReplicating) capacities.add('mentee');
    const originAnswers = capacities.has('mentor') || capacities.has('originAdmin');
    if (m.proposed_by_side === 'origin' ? inReplicating : originAnswers) capacities.add('responder');

    const canRead = capacities.has('staff') || capacities.has('mentor') || inOrigin || inReplicating || inFacilitator;
    return { mentorship: m, replication, mentorIds, capacities, inOrigin, inReplicating, inFacilitator, facilitatorAdmin, canRead };
  }

  async loadReadable(user: AuthUser, mentorshipId: string, em: EntityManager = this.em): Promise<MentorshipContext> {
    const ctx = await this.load(user, mentorshipId, em);
    if (!ctx.canRead) throw forbidden('You may not see this mentorship');
    return ctx;
  }

  /** May the caller manage goals and sessions? Either side's active participants, or staff. */
  canManage(ctx: MentorshipContext): boolean {
    const c = ctx.capacities;
    return c.has('staff') || c.has('mentor') || c.has('mentee') || c.has('originAdmin');
  }

  async loadManageable(user: AuthUser, mentorshipId: string, em: EntityManager = this.em): Promise<MentorshipContext> {
    const ctx = await this.loadReadable(user, mentorshipId, em);
    if (!this.canManage(ctx))
      throw forbidden('Only the mentors, the replicating team, the origin unit’s admins, curators and admins may change this mentorship');
    return ctx;
  }

  /**
   * May the caller change who mentors? The units that provide the mentors decide: admins of the
   * origin unit and of the facilitator unit, and curators and admins. Not the mentors themselves
   * nor the replicating team (they propose, accept or decline, but do not staff the other side).
   */
  canChangeMentors(ctx: MentorshipContext): boolean {
    return ctx.capacities.has('staff') || ctx.capacities.has('originAdmin') || ctx.facilitatorAdmin;
  }

  async loadMentorManageable(user: AuthUser, mentorshipId: string, em: EntityManager = this.em): Promise<MentorshipContext> {
    const ctx = await this.loadReadable(user, mentorshipId, em);
    if (!this.canChangeMentors(ctx))
      throw forbidden('Only the origin or facilitator unit’s admins, curators and admins may change the mentors');
    return ctx;
  }

  /** Users who take part: the mentors and the replicating team. */
  async participantIds(ctx: MentorshipContext, em: EntityManager = this.em): Promise<string[]> {
    const members = await this.unitMemberIds(ctx.replication.replicating_unit_id, false, em);
    return [...new Set([...ctx.mentorIds, ...members])];
  }

  async unitMemberIds(unitId: string, adminsOnly: boolean, em: EntityManager = this.em): Promise<string[]> {
    const rows = await em
      .getConnection()
      .execute<{ user_id: string }[]>(`select user_id from memberships where unit_id = ?${adminsOnly ? ` and role = 'admin'` : ''}`, [
        unitId,
      ]);
    return rows.map((r) => r.user_id);
  }
}
