import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { SearchHit, SearchProvider, SearchRegistry } from '../search';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Search type `playbook`: title and plain text (kept fresh on every store), only over the
 * playbooks the caller may open — public ones, those of the caller's units, templates for
 * curators, everything for admins. (Mentor access lives in the mentoring module.)
 */
@Injectable()
export class PlaybookSearchProvider implements SearchProvider, OnModuleInit {
  readonly type = 'playbook' as const;

  constructor(
    private readonly em: EntityManager,
    private readonly registry: SearchRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async search(user: AuthUser, q: string, limit: number): Promise<SearchHit[]> {
    if (!q.trim()) return [];
    const admin = user.roles.includes('admin');
    const curator = user.roles.includes('curator');
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ id: string; title: string; rank: number; snippet: string }[]>(
        `with q as (select plainto_tsquery('simple', ?) as q)
       select p.id, p.title, least(ts_rank(p.search_vector, q.q, 32) * 2, 1)::float8 as rank,
              ts_headline('simple', p.title || ' — ' || p.plain_text, q.q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=8') as snippet
         from playbooks p
         left join replications r on r.id = p.replication_id
         left join innovations i on i.id = p.template_for_id, q
        where p.search_vector @@ q.q
          and (?::boolean or p.visibility = 'public'
               or (p.template_for_id is not null and ?::boolean)
               or exists (select 1 from memberships m where m.user_id = ?
                          and m.unit_id in (r.origin_unit_id, r.replicating_unit_id, r.facilitator_unit_id, i.unit_id)))
        order by rank desc, p.updated_at desc limit ?`,
        [q, admin, curator, user.id, limit],
      );
    return rows.map((r) => ({
      type: 'playbook',
      id: r.id,
      title: r.title,
      snippet: escapeHtml(r.snippet)
        .replace(/\u0001/g, '<mark>')
        .replace(/\u0002/g, '</mark>'),
      score: Number(r.rank),
    }));
  }
}
