import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { SearchHit, SearchProvider, SearchRegistry } from '../search';
import { escapeHtml } from '../search';
import { queryWords, searchHitsSql } from './innovation-query';

/** Search type `innovation`: the whole catalogue (public), same matching and ranking as the list. */
@Injectable()
export class InnovationSearchProvider implements SearchProvider, OnModuleInit {
  readonly type = 'innovation' as const;

  constructor(
    private readonly em: EntityManager,
    private readonly registry: SearchRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async search(_user: AuthUser, q: string, limit: number): Promise<SearchHit[]> {
    const words = queryWords(q);
    if (!words.count) return [];
    const conn = this.em.fork().getConnection();
    const run = (mode: 'all' | 'any') => {
      const s = searchHitsSql(words, limit, mode);
      return conn.execute<{ id: string; title: string; rank: number; snippet: string }[]>(s.sql, s.params as never[]);
    };
    let rows = await run('all');
    if (!rows.length && words.count > 1) rows = await run('any');
    return rows.map((r) => ({
      type: 'innovation',
      id: r.id,
      title: r.title,
      // ts_headline marked with control characters, so the text can be escaped before <mark> goes in.
      snippet: escapeHtml(r.snippet)
        .replace(/\u0001/g, '<mark>')
        .replace(/\u0002/g, '</mark>'),
      score: Number(r.rank),
    }));
  }
}
