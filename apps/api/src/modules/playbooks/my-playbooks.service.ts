import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { orderBySql } from '@app/common';
import type { MY_PLAYBOOK_SORTS, MyPlaybookItem } from './playbooks.dto';

interface Row {
  id: string;
  title: string;
  replication_id: string | null;
  innovation_id: string | null;
  innovation_title: string | null;
  access: 'edit' | 'view';
  edited_at: Date | string;
  edited_by_id: string | null;
  edited_by_name: string | null;
  total: string | number;
}

const MY_PLAYBOOK_ORDER: Record<(typeof MY_PLAYBOOK_SORTS)[number], string> = {
  edited: 'mine.edited_at',
  title: 'lower(mine.title)',
  created: 'mine.created_at',
};

/**
 * "My playbooks": every playbook the caller may open, most recently edited first, in one query.
 * The access rule is `PlaybookAccess.level` written as SQL (kept side by side with it): editors
 * of replication playbooks (origin, replicating, facilitator unit members, active mentors who are
 * still members of the origin or facilitator unit, as `AccessService.isActiveMentor`),
 * template editors (the innovation's unit, curators), admins everything, anyone a public one.
 */
@Injectable()
export class MyPlaybooksService {
  constructor(private readonly em: EntityManager) {}

  async list(user: AuthUser, limit: number, offset: number, sort?: string): Promise<{ items: MyPlaybookItem[]; total: number }> {
    const rows = await this.query(user, limit, offset, sort);
    // Past the end no row carries the window count: ask for the first row only.
    const total = rows[0] ? Number(rows[0].total) : offset > 0 ? Number((await this.query(user, 1, 0))[0]?.total ?? 0) : 0;
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        replicationId: r.replication_id,
        innovation: r.innovation_id ? { id: r.innovation_id, title: r.innovation_title ?? '' } : null,
        access: r.access,
        lastEditedAt: new Date(r.edited_at).toISOString(),
        lastEditedBy: r.edited_by_id ? { id: r.edited_by_id, name: r.edited_by_name ?? '' } : null,
      })),
    };
  }

  private query(user: AuthUser, limit: number, offset: number, sort?: string): Promise<Row[]> {
    const admin = user.roles.includes('admin');
    const curator = user.roles.includes('curator');
    return this.em
      .fork()
      .getConnection()
      .execute<Row[]>(
        `with mine as (
         select p.id, p.title, p.replication_id, i.id as innovation_id, i.title as innovation_title,
                coalesce(p.last_edited_at, p.created_at) as edited_at, p.created_at, p.last_edited_by_id as edited_by_id,
                case
                  when ?::boolean then 'edit'
                  when p.replication_id is not null and (
                         exists (select 1 from memberships m where m.user_id = ?::uuid and m.unit_id in (r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id))
                      or exists (select 1 from mentorship_mentors mm join mentorships ms on ms.id = mm.mentorship_id
                                   join memberships mb on mb.user_id = mm.user_id and mb.unit_id in (r.origin_unit_id, r.facilitator_unit_id)
                                  where mm.user_id = ?::uuid and ms.replication_id = p.replication_id and ms.state = 'ACTIVE')) then 'edit'
                  when p.template_for_id is not null and (?::boolean or exists (select 1 from memberships m where m.user_id = ?::uuid and m.unit_id = i.unit_id)) then 'edit'
                  when p.visibility = 'public' then 'view'
                end as access
           from playbooks p
           left join replications r on r.id = p.replication_id
           left join innovations i on i.id = coalesce(r.innovation_id, p.template_for_id)
       )
       select mine.*, u.name as edited_by_name, count(*) over () as total
         from mine left join users u on u.id = mine.edited_by_id
        where mine.access is not null
        order by ${orderBySql(sort, '-edited', MY_PLAYBOOK_ORDER, 'mine.id')}
        limit ? offset ?`,
        [admin, user.id, user.id, curator, user.id, limit, offset],
      );
  }
}
