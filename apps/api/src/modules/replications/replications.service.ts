import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, badRequest, forbidden, iso, isUniqueViolation, notFound } from '@app/common';
import {
  Innovation,
  REPLICATION_STAGES,
  Replication,
  ReplicationModel,
  ReplicationStage,
  ReplicationTransition,
  Unit,
  User,
} from '@app/database';
import { NotificationsService } from '../notifications';
import { AccessService } from '../organisations';
import { PlaybookFactory } from '../playbooks';
import { ChecklistGate } from '../evidence';
import { allowedMovers, Mover, nextStages, UNCOUNTED_STAGES } from './replication-stages';
import { CreateReplicationDto, ListReplicationsQuery, ReplicationTransitionDto } from './replications.dto';
import type { ReplicationDetailResponse, ReplicationResponse } from './replications.responses';

interface ReplicationRow {
  id: string;
  innovation_id: string;
  innovation_title: string;
  origin_unit_id: string;
  replicating_unit_id: string;
  facilitator_unit_id: string | null;
  origin_unit_name: string;
  replicating_unit_name: string;
  facilitator_unit_name: string | null;
  model: ReplicationModel;
  stage: ReplicationStage;
  playbook_id: string | null;
  source_replication_id: string | null;
  created_by_id: string | null;
  created_at: Date;
  updated_at: Date;
  total?: string;
}

const SELECT = `select r.id, r.innovation_id, i.title as innovation_title, r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id,
  r.model, r.stage, p.id as playbook_id, r.source_replication_id, r.created_by_id, r.created_at, r.updated_at,
  ou.name as origin_unit_name, ru.name as replicating_unit_name, fu.name as facilitator_unit_name
  from replications r join innovations i on i.id = r.innovation_id left join playbooks p on p.replication_id = r.id
  join units ou on ou.id = r.origin_unit_id join units ru on ru.id = r.replicating_unit_id left join units fu on fu.id = r.facilitator_unit_id`;

const view = (r: ReplicationRow): ReplicationResponse => ({
  id: r.id,
  innovationId: r.innovation_id,
  innovationTitle: r.innovation_title,
  innovation: { id: r.innovation_id, title: r.innovation_title },
  originUnitId: r.origin_unit_id,
  replicatingUnitId: r.replicating_unit_id,
  facilitatorUnitId: r.facilitator_unit_id,
  originUnit: { id: r.origin_unit_id, name: r.origin_unit_name },
  replicatingUnit: { id: r.replicating_unit_id, name: r.replicating_unit_name },
  facilitatorUnit: r.facilitator_unit_id ? { id: r.facilitator_unit_id, name: r.facilitator_unit_name ?? '' } : null,
  model: r.model,
  stage: r.stage,
  nextStages: nextStages(r.stage),
  playbookId: r.playbook_id,
  sourceReplicationId: r.source_replication_id,
  createdById: r.created_by_id,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** `order by` for the list's `sort` (ties on id, so pages never overlap). */
function replicationOrder(sort: ListReplicationsQuery['sort']): string {
  const key = (sort ?? '-updated').replace(/^-/, '');
  const dir = sort?.startsWith('-') || !sort ? 'desc' : 'asc';
  const col =
    key === 'created'
      ? 'r.created_at'
      : key === 'stage'
        ? `array_position(array[${REPLICATION_STAGES.map((s) => `'${s}'`).join(',')}], r.stage)`
        : 'r.updated_at';
  return `${col} ${dir}, r.id`;
}

/** The replication registry: adoption of an innovation by another unit, its stages and history. */
@Injectable()
export class ReplicationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly playbooks: PlaybookFactory,
    private readonly notifications: NotificationsService,
    private readonly checklists: ChecklistGate,
  ) {}

  async create(user: AuthUser, innovationId: string, dto: CreateReplicationDto) {
    const em = this.em.fork();
    const innovation = await em.findOne(Innovation, innovationId);
    if (!innovation) throw notFound('Innovation');
    const unitIds = [dto.replicatingUnitId, dto.facilitatorUnitId].filter((x): x is string => !!x);
    const found = new Set((await em.find(Unit, { id: { $in: unitIds } }, { fields: ['id'] as never })).map((u) => u.id));
    if (!found.has(dto.replicatingUnitId)) throw notFound('Replicating unit');
    if (dto.facilitatorUnitId && !found.has(dto.facilitatorUnitId)) throw notFound('Facilitator unit');
    // Contract: "member of the replicating unit" — unlike innovations, no curator/admin bypass:
    // a unit commits itself to a replication; nobody signs it up from outside.
    if (!(await this.access.isUnitMember(user.id, dto.replicatingUnitId, em))) {
      throw forbidden('Only members of the replicating unit may propose a replication');
    }
    const originUnitId = innovation.unit.id;
    if (dto.replicatingUnitId === originUnitId) throw badRequest('The origin unit cannot replicate its own innovation');
    const model: ReplicationModel = dto.model ?? (dto.facilitatorUnitId ? 'fasilitasi' : 'mandiri');
    if (model === 'fasilitasi' && !dto.facilitatorUnitId) throw badRequest('model fasilitasi needs facilitatorUnitId');
    if (model !== 'fasilitasi' && dto.facilitatorUnitId) throw badRequest('facilitatorUnitId is only for model fasilitasi');
    if (dto.facilitatorUnitId && [originUnitId, dto.replicatingUnitId].includes(dto.facilitatorUnitId)) {
      throw badRequest('The facilitator must be a third unit');
    }
    if (dto.sourceReplicationId) await this.assertSource(dto.sourceReplicationId, innovationId, dto.replicatingUnitId);

    let id: string;
    try {
      id = await em.transactional(async (tx) => {
        const replication = new Replication(
          tx.getReference(Innovation, innovationId),
          tx.getReference(Unit, originUnitId),
          tx.getReference(Unit, dto.replicatingUnitId),
        );
        replication.model = model;
        replication.facilitatorUnit = dto.facilitatorUnitId ? tx.getReference(Unit, dto.facilitatorUnitId) : null;
        replication.createdBy = tx.getReference(User, user.id);
        tx.persist(replication);
        tx.persist(new ReplicationTransition(replication, null, 'PROPOSED', tx.getReference(User, user.id), null));
        await this.playbooks.createForReplication(tx, replication, `Playbook replikasi: ${innovation.title}`);
        await tx.flush();
        if (dto.sourceReplicationId)
          await tx.execute('update replications set source_replication_id = ? where id = ?', [dto.sourceReplicationId, replication.id]);
        // Atomic in the database, so concurrent proposals never lose a count.
        await tx.execute('update innovations set replication_count = replication_count + 1 where id = ?', [innovationId]);
        return replication.id;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('ALREADY_EXISTS', 'This unit already has an active replication of this innovation');
      throw e;
    }
    const created = await this.row(id);
    await this.notifyStage(created, null, 'PROPOSED', user.id, null);
    return view(created);
  }

  async transition(user: AuthUser, id: string, dto: ReplicationTransitionDto) {
    const privileged = this.access.hasRole(user, 'curator', 'admin');
    const from = await this.em.fork().transactional(async (tx) => {
      const r = await tx.findOne(Replication, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!r) throw notFound('Replication');
      const roles = new Set<Mover>();
      const units = await this.access.memberUnitIds(user.id, tx);
      if (units.includes(r.originUnit.id)) roles.add('origin');
      if (units.includes(r.replicatingUnit.id)) roles.add('replicating');
      const involved = privileged || roles.size > 0 || (!!r.facilitatorUnit && units.includes(r.facilitatorUnit.id));
      if (!involved) throw forbidden('Only the units of this replication, curators and admins may move it');
      const movers = allowedMovers(r.stage, dto.to);
      if (!movers) {
        throw new AppError('INVALID_TRANSITION', `A replication cannot move from ${r.stage} to ${dto.to}`, [
          { from: r.stage, to: dto.to, allowed: nextStages(r.stage) },
        ]);
      }
      if (!privileged && !movers.some((m) => roles.has(m))) {
        throw forbidden(
          `Only the ${movers.map((m) => (m === 'origin' ? 'origin unit' : 'replicating unit')).join(' or ')} may move ${r.stage} to ${dto.to}`,
        );
      }
      await this.checklists.check(tx, user, r, dto);
      const previous = r.stage;
      r.stage = dto.to;
      tx.persist(new ReplicationTransition(r, previous, dto.to, tx.getReference(User, user.id), dto.note ?? null));
      await tx.flush();
      if (UNCOUNTED_STAGES.includes(dto.to) && !UNCOUNTED_STAGES.includes(previous)) {
        await tx.execute('update innovations set replication_count = replication_count - 1 where id = ?', [r.innovation.id]);
      }
      return previous;
    });
    const row = await this.row(id);
    await this.notifyStage(row, from, dto.to, user.id, dto.note ?? null);
    return this.get(id);
  }

  async get(id: string): Promise<ReplicationDetailResponse> {
    const row = await this.row(id);
    const history = await this.em
      .getConnection()
      .execute<
        { from_stage: string | null; to_stage: string; actor_id: string | null; actor_name: string | null; note: string | null; at: Date }[]
      >(
        `select t.from_stage, t.to_stage, t.actor_id, u.name as actor_name, t.note, t.at
         from replication_transitions t left join users u on u.id = t.actor_id
        where t.replication_id = ? order by t.at, t.id`,
        [id],
      );
    return {
      ...view(row),
      lineage: await this.lineage(row),
      history: history.map((h) => ({
        from: h.from_stage,
        to: h.to_stage,
        actorId: h.actor_id,
        actorName: h.actor_name,
        actor: h.actor_id ? { id: h.actor_id, name: h.actor_name ?? '' } : null,
        note: h.note,
        at: iso(h.at),
      })),
    };
  }

  async list(q: ListReplicationsQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.innovationId) (where.push('r.innovation_id = ?'), params.push(q.innovationId));
    if (q.unitId)
      (where.push('(r.origin_unit_id = ? or r.replicating_unit_id = ? or r.facilitator_unit_id = ?)'),
        params.push(q.unitId, q.unitId, q.unitId));
    if (q.stage) (where.push('r.stage = ?'), params.push(q.stage));
    const rows = await this.em.getConnection().execute<ReplicationRow[]>(
      `${SELECT.replace('select r.id', 'select count(*) over() as total, r.id')} ${where.length ? `where ${where.join(' and ')}` : ''}
       order by ${replicationOrder(q.sort)} limit ? offset ?`,
      [...params, q.limit ?? 50, q.offset ?? 0],
    );
    return { items: rows.map(view), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** The learned-from replication must exist, replicate the same innovation, and be another unit's. */
  private async assertSource(sourceId: string, innovationId: string, replicatingUnitId: string): Promise<void> {
    const [src] = await this.em
      .getConnection()
      .execute<{ innovation_id: string; replicating_unit_id: string }[]>(
        'select innovation_id, replicating_unit_id from replications where id = ?',
        [sourceId],
      );
    if (!src)
      throw new AppError('INVALID_SOURCE_REPLICATION', 'sourceReplicationId is not a replication', [{ field: 'sourceReplicationId' }]);
    if (src.innovation_id !== innovationId) {
      throw new AppError('SOURCE_REPLICATION_MISMATCH', 'sourceReplicationId replicates another innovation', [
        { field: 'sourceReplicationId' },
      ]);
    }
    if (src.replicating_unit_id === replicatingUnitId) {
      throw new AppError('INVALID_SOURCE_REPLICATION', 'A unit does not learn from its own replication', [
        { field: 'sourceReplicationId' },
      ]);
    }
  }

  /**
   * Where this replication comes from: the innovation's origin unit, then every replication it
   * learned from, oldest first, ending with this one; and the replications that learned from it.
   */
  private async lineage(r: ReplicationRow) {
    const conn = this.em.getConnection();
    const [chain, derived, [origin]] = await Promise.all([
      conn.execute<{ id: string; replicating_unit_id: string; unit_name: string; stage: string }[]>(
        `with recursive up as (
           select id, source_replication_id, 0 as depth from replications where id = ?
           union all
           select p.id, p.source_replication_id, up.depth + 1 from replications p join up on p.id = up.source_replication_id where up.depth < 100
         )
         select r.id, r.replicating_unit_id, u.name as unit_name, r.stage from up join replications r on r.id = up.id
           join units u on u.id = r.replicating_unit_id order by up.depth desc`,
        [r.id],
      ),
      conn.execute<{ id: string; replicating_unit_id: string; unit_name: string; stage: string }[]>(
        `select r.id, r.replicating_unit_id, u.name as unit_name, r.stage from replications r join units u on u.id = r.replicating_unit_id
          where r.source_replication_id = ? order by r.created_at, r.id`,
        [r.id],
      ),
      conn.execute<{ name: string }[]>('select name from units where id = ?', [r.origin_unit_id]),
    ]);
    const step = (c: { id: string; replicating_unit_id: string; unit_name: string; stage: string }) => ({
      replicationId: c.id,
      unitId: c.replicating_unit_id,
      unitName: c.unit_name,
      stage: c.stage,
    });
    return {
      innovationId: r.innovation_id,
      origin: { unitId: r.origin_unit_id, unitName: origin?.name ?? null },
      chain: chain.map(step),
      derived: derived.map(step),
    };
  }

  private async row(id: string): Promise<ReplicationRow> {
    const [row] = await this.em.getConnection().execute<ReplicationRow[]>(`${SELECT} where r.id = ?`, [id]);
    if (!row) throw notFound('Replication');
    return row;
  }

  /** Tells the members of the origin, replicating and facilitator units (not the actor). */
  private async notifyStage(
    r: ReplicationRow,
    from: ReplicationStage | null,
    to: ReplicationStage,
    actorId: string,
    note: string | null,
  ): Promise<void> {
    // A failed notification never fails the move that already happened.
    await this.notifyStageUnsafe(r, from, to, actorId, note).catch(() => undefined);
  }

  private async notifyStageUnsafe(
    r: ReplicationRow,
    from: ReplicationStage | null,
    to: ReplicationStage,
    actorId: string,
    note: string | null,
  ): Promise<void> {
    const units = [r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id].filter(Boolean);
    const members = await this.em
      .fork()
      .getConnection()
      .execute<{ user_id: string }[]>(`select distinct user_id from memberships where unit_id = any(string_to_array(?, ',')::uuid[])`, [
        units.join(','),
      ]);
    const [actor] = await this.em.fork().getConnection().execute<{ name: string }[]>('select name from users where id = ?', [actorId]);
    await this.notifications.notify(
      members.map((m) => m.user_id),
      'stage_change',
      {
        replicationId: r.id,
        innovationId: r.innovation_id,
        innovationTitle: r.innovation_title,
        from,
        to,
        note,
        actorId,
        by: { id: actorId, name: actor?.name ?? null },
      },
      actorId,
    );
  }
}
