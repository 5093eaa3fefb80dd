import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { SearchHit, SearchProvider, SearchRegistry } from '../search';
import { ThreadAccess } from './thread-access.service';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Search type `thread`: thread titles and visible posts, only in threads the caller may read.
 * Hidden and deleted posts are never matched (the partial index excludes them too).
 */
@Injectable()
export class ThreadSearchProvider implements SearchProvider, OnModuleInit {
  readonly type = 'thread' as const;

  constructor(
    private readonly em: EntityManager,
    private readonly registry: SearchRegistry,
    private readonly access: ThreadAccess,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async search(user: AuthUser, q: string, limit: number): Promise<SearchHit[]> {
    if (!q.trim()) return [];
    const readable = this.access.readableSql(user);
    // ts_headline marks with control characters, so the rest can be escaped before <mark> goes in.
    const rows = await this.em.fork().execute<{ id: string; title: string; rank: number; snippet: string }[]>(
      `with q as (select plainto_tsquery('simple', ?) as q),
       hits as (
         select t.id as thread_id, ts_rank(t.search_vector, q.q, 32) * 1.5 as rank, t.title as text
           from threads t, q where t.search_vector @@ q.q and ${readable.sql}
         union all
         select t.id, ts_rank(p.search_vector, q.q, 32), p.body
           from posts p join threads t on t.id = p.thread_id, q
          where p.search_vector @@ q.q and not p.hidden and p.deleted_at is null and ${readable.sql}
       ),
       best as (select distinct on (thread_id) thread_id, rank, text from hits order by thread_id, rank desc)
       select b.thread_id as id, t.title, least(b.rank, 1)::float8 as rank,
              ts_headline('simple', b.text, q.q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=8') as snippet
         from best b join threads t on t.id = b.thread_id, q
        order by b.rank desc, t.last_post_at desc limit ?`,
      [q, ...readable.params, ...readable.params, limit],
    );
    return rows.map((r) => ({
      type: 'thread',
      id: r.id,
      title: r.title,
      snippet: escapeHtml(r.snippet)
        .replace(/\u0001/g, '<mark>')
        .replace(/\u0002/g, '</mark>'),
      score: Number(r.rank),
    }));
  }
}
