import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { forbidden, isUuid, notFound } from '@app/common';
import { AccessService } from '../organisations';

export type PlaybookAccessLevel = 'edit' | 'view';

export interface PlaybookRow {
  id: string;
  title: string;
  visibility: 'team' | 'public';
  replication_id: string | null;
  template_for_id: string | null;
  origin_unit_id: string | null;
  replicating_unit_id: string | null;
  facilitator_unit_id: string | null;
  template_unit_id: string | null;
}

/**
 * Who may edit or view a playbook. Replication playbooks: members of the origin, replicating
 * and facilitator units, active mentors, admins edit. Template playbooks: members of the
 * innovation's unit, curators, admins edit. Anyone signed in views a public playbook.
 */
@Injectable()
export class PlaybookAccess {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  async row(playbookId: string, em: EntityManager = this.em.fork()): Promise<PlaybookRow | null> {
    if (!isUuid(playbookId)) return null;
    const rows = await em.getConnection().execute<PlaybookRow[]>(
      `select p.id, p.title, p.visibility, p.replication_id, p.template_for_id,
              r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id, i.unit_id as template_unit_id
         from playbooks p
         left join replications r on r.id = p.replication_id
         left join innovations i on i.id = p.template_for_id
        where p.id = ?`,
      [playbookId],
    );
    return rows[0] ?? null;
  }

  /** The playbook and the caller's access to it; 404 unknown, 403 none, 403 when edit is needed. */
  async require(
    user: AuthUser,
    id: string,
    need: PlaybookAccessLevel,
    em: EntityManager = this.em.fork(),
  ): Promise<{ row: PlaybookRow; level: PlaybookAccessLevel }> {
    const row = await this.row(id, em);
    if (!row) throw notFound('Playbook');
    const level = await this.level(user, row, em);
    if (!level) throw forbidden('You may not open this playbook');
    if (need === 'edit' && level !== 'edit') throw forbidden('Only the playbook’s editors may do this');
    return { row, level };
  }

  /** The caller's access to the playbook, or null when none. */
  async level(user: AuthUser, pb: PlaybookRow, em: EntityManager = this.em.fork()): Promise<PlaybookAccessLevel | null> {
    if (this.access.isAdmin(user)) return 'edit';
    if (pb.replication_id) {
      if (await this.access.isMemberOfAny(user.id, [pb.origin_unit_id, pb.replicating_unit_id, pb.facilitator_unit_id], em)) return 'edit';
      if (await this.access.isActiveMentor(user.id, pb.replication_id, em)) return 'edit';
    } else if (pb.template_for_id) {
      if (this.access.hasRole(user, 'curator')) return 'edit';
      if (await this.access.isMemberOfAny(user.id, [pb.template_unit_id], em)) return 'edit';
    }
    return pb.visibility === 'public' ? 'view' : null;
  }
}
