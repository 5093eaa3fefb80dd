import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { forbidden, notFound } from '@app/common';
import type { ReplicationStage } from '@app/database';
import { AccessService } from '../organisations';

/** The replication as evidence features need it (ids, names, stage). */
export interface EvidenceReplication {
  id: string;
  innovation_id: string;
  innovation_title: string;
  origin_unit_id: string;
  origin_unit_name: string;
  origin_agency_name: string;
  replicating_unit_id: string;
  replicating_unit_name: string;
  replicating_agency_name: string;
  facilitator_unit_id: string | null;
  facilitator_unit_name: string | null;
  model: string;
  stage: ReplicationStage;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who may change a replication's evidence: the playbook editors — members of its origin,
 * replicating and facilitator units, its active mentors, and admins. Reading follows the
 * replication itself (any signed-in user).
 */
@Injectable()
export class ReplicationAccessService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  async load(id: string, em: EntityManager = this.em): Promise<EvidenceReplication> {
    if (!UUID.test(id)) throw notFound('Replication');
    const [row] = await em.execute<EvidenceReplication[]>(
      `select r.id, r.innovation_id, i.title as innovation_title, r.origin_unit_id, ou.name as origin_unit_name, oa.name as origin_agency_name,
              r.replicating_unit_id, ru.name as replicating_unit_name, ra.name as replicating_agency_name,
              r.facilitator_unit_id, fu.name as facilitator_unit_name, r.model, r.stage, r.created_at
         from replications r join innovations i on i.id = r.innovation_id
         join units ou on ou.id = r.origin_unit_id join agencies oa on oa.id = ou.agency_id
         join units ru on ru.id = r.replicating_unit_id join agencies ra on ra.id = ru.agency_id
         left join units fu on fu.id = r.facilitator_unit_id
        where r.id = ?`,
      [id],
    );
    if (!row) throw notFound('Replication');
    return row;
  }

  async isEditor(user: AuthUser, r: Pick<EvidenceReplication, 'id' | 'origin_unit_id' | 'replicating_unit_id' | 'facilitator_unit_id'>, em: EntityManager = this.em): Promise<boolean> {
    if (this.access.isAdmin(user)) return true;
    if (await this.access.isMemberOfAny(user.id, [r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id], em)) return true;
    return this.access.isActiveMentor(user.id, r.id, em);
  }

  async assertEditor(user: AuthUser, r: EvidenceReplication, em: EntityManager = this.em): Promise<void> {
    if (!(await this.isEditor(user, r, em))) throw forbidden('Only the units of this replication, its mentors and admins may change its evidence');
  }

  /** Editors, plus curators (who keep the registry). */
  async assertEditorOrCurator(user: AuthUser, r: EvidenceReplication, em: EntityManager = this.em): Promise<void> {
    if (this.access.hasRole(user, 'curator')) return;
    await this.assertEditor(user, r, em);
  }

  isCurator(user: AuthUser): boolean {
    return this.access.hasRole(user, 'curator', 'admin');
  }
}
