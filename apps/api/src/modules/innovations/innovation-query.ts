/**
 * The catalogue's SQL, built in one place: used by the list endpoint, facets, the cross-type
 * search provider, and (through the build) by the benchmark's raw-`pg` baseline, so both run
 * exactly the same statements. Placeholders are `?` (MikroORM's `execute`); `toPg()` numbers them.
 */

import { parseQuery, QueryTerms } from './query-terms';
import { attachmentsSql } from './table-export';

export interface CatalogueFilters {
  source?: string;
  year?: number;
  regionCode?: string;
  sector?: string;
  stage?: string;
  sdg?: number;
  digital?: boolean;
  unitId?: string;
}

export interface Sql {
  sql: string;
  params: unknown[];
}

export const INNOVATION_SORTS = ['relevance', 'year', 'title', 'replications', 'updated'] as const;
export type InnovationSort = (typeof INNOVATION_SORTS)[number] | `-${(typeof INNOVATION_SORTS)[number]}`;

/** Query text → search terms (see query-terms.ts); kept under this name for the benchmark's baseline. */
export const queryWords = (q: string | undefined | null): QueryTerms => parseQuery(q);

/** Sector as stored and filtered: trimmed, lower case, single spaces ("Administrasi  Kependudukan" = "administrasi kependudukan"). */
export const normaliseSector = (s: string | null | undefined): string | null => {
  const v = (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return v || null;
};

/**
 * `tq(q, q_any)`: the query as a tsquery, all terms required (`q`) or any term (`q_any`).
 * A word matches its Indonesian stem or itself; the last also as a prefix (typing); a word the
 * catalogue never uses is widened to its three nearest vocabulary words by trigram similarity
 * (kesehtan → kesehatan). Acronyms and spelled-out phrases match exactly (no widening).
 */
export function tsqueryCte(t: QueryTerms): Sql {
  return {
    sql: `tq as (
      select tsquery_and_agg(wq) as q, tsquery_or_agg(wq) as q_any from (
        select tsquery_or_agg(alt) as wq from (
          select u.n, plainto_tsquery('public.jippnas', u.w) || plainto_tsquery('public.jippnas_simple', u.w)
                 || case when u.last and length(u.w) >= 3 then to_tsquery('public.jippnas_simple', u.w || ':*') else ''::tsquery end as alt
            from jsonb_to_recordset(?::jsonb) u(n int, w text, last boolean)
          union all
          select u.n, plainto_tsquery('public.jippnas', c.term) || plainto_tsquery('public.jippnas_simple', c.term)
            from jsonb_to_recordset(?::jsonb) u(n int, w text, last boolean)
            cross join lateral (
              select t.term from innovation_terms t
               where length(u.w) >= 4 and t.term % u.w and similarity(t.term, u.w) >= 0.35
                 and not exists (select 1 from innovation_terms e where e.term = u.w)
               order by t.term <-> u.w limit 3
            ) c
          union all
          select e.n, case when e.loose then plainto_tsquery('public.jippnas', e.p) || plainto_tsquery('public.jippnas_simple', e.p)
                           else phraseto_tsquery('public.jippnas_simple', e.p) end
            from jsonb_to_recordset(?::jsonb) e(n int, p text, loose boolean)
        ) x group by x.n
      ) y
    )`,
    params: [JSON.stringify(t.words), JSON.stringify(t.words), JSON.stringify(t.alts)],
  };
}

/** `order by` for a sort key; `rank` names the relevance column. Ties always end on id, so pages never overlap. */
export function orderSql(sort: InnovationSort | undefined, hasWords: boolean, rank: string, alias = 'i'): string {
  const desc = !!sort?.startsWith('-');
  const key = (sort ?? (hasWords ? 'relevance' : '-year')).replace(/^-/, '');
  const dir = desc ? 'desc' : 'asc';
  switch (key) {
    case 'relevance':
      // Best match first; "-relevance" reverses. Without words: the default order.
      if (!hasWords) return `${alias}.year desc, ${alias}.created_at desc, ${alias}.id`;
      return desc
        ? `${rank} asc, ${alias}.replication_count asc, ${alias}.year asc, ${alias}.id`
        : `${rank} desc, ${alias}.replication_count desc, ${alias}.year desc, ${alias}.id`;
    case 'year':
      return `${alias}.year ${dir}, ${alias}.created_at ${dir}, ${alias}.id`;
    case 'title':
      return `lower(${alias}.title) ${dir}, ${alias}.id`;
    case 'replications':
      return `${alias}.replication_count ${dir}, ${alias}.year desc, ${alias}.id`;
    default:
      return `${alias}.updated_at ${dir}, ${alias}.id`;
  }
}

/** `and`-joined filter conditions on alias `i`. */
export function filterSql(f: CatalogueFilters): Sql {
  // Innovations linked into another (duplicates) are known through that one.
  const parts: string[] = ['i.merged_into_id is null'];
  const params: unknown[] = [];
  if (f.source) (parts.push('i.source = ?'), params.push(f.source));
  if (f.year !== undefined) (parts.push('i.year = ?'), params.push(f.year));
  // Region codes are hierarchical (35 = Jawa Timur, 35.78 = Kota Surabaya): a code also matches below it.
  if (f.regionCode)
    (parts.push(`(i.region_code = ? or i.region_code like ?)`), params.push(f.regionCode, `${f.regionCode.replace(/[%_\\]/g, '')}.%`));
  if (f.sector) (parts.push('i.sector = ?'), params.push(normaliseSector(f.sector)));
  if (f.stage) (parts.push('i.stage = ?'), params.push(f.stage));
  if (f.sdg !== undefined) (parts.push('i.sdgs @> array[?]::int[]'), params.push(f.sdg));
  if (f.digital !== undefined) (parts.push('i.digital = ?'), params.push(f.digital));
  if (f.unitId) (parts.push('i.unit_id = ?'), params.push(f.unitId));
  return { sql: parts.join(' and '), params };
}

export const INNOVATION_COLUMNS = `i.id, i.title, i.summary, i.description, i.unit_id, u.name as unit_name, a.id as agency_id, a.name as agency_name,
  i.region_code, rg.name as region_name, rp.code as province_code, rp.name as province_name, i.year, i.source, i.external_id, i.award, i.sector,
  i.digital, i.sdgs, i.tags, i.stage, i.sustainability, i.replication_count, i.demo, i.merged_into_id, i.created_by_id, i.created_at, i.updated_at,
  i.verified_at, i.unverified_since, i.contact`;

/** The joins INNOVATION_COLUMNS needs, on alias `i`. */
export const INNOVATION_JOINS = `join units u on u.id = i.unit_id join agencies a on a.id = u.agency_id
  left join regions rg on rg.code = i.region_code left join regions rp on rp.code = split_part(i.region_code, '.', 1)`;

export interface InnovationRow {
  id: string;
  title: string;
  summary: string;
  description: string | null;
  unit_id: string;
  unit_name: string;
  agency_id: string;
  agency_name: string;
  region_code: string | null;
  region_name: string | null;
  province_code: string | null;
  province_name: string | null;
  year: number;
  source: string;
  external_id: string | null;
  award: string | null;
  sector: string | null;
  digital: boolean;
  sdgs: number[];
  tags: string[];
  stage: string | null;
  sustainability: string | null;
  replication_count: number;
  demo: boolean;
  merged_into_id: string | null;
  created_by_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  /** Data refresh (replication evidence): last confirmation, flag, contact person. */
  verified_at?: Date | string | null;
  unverified_since?: Date | string | null;
  contact?: Record<string, string> | null;
  rank?: number;
  total?: string | number;
}

const matchOf = (mode: 'all' | 'any') => (mode === 'all' ? 'tq.q' : 'tq.q_any');

/**
 * One page of the catalogue with the total in the same statement. With terms: matching rows,
 * ranked by weighted relevance (title and unit > tags, sector, region > summary > description),
 * then by how often the innovation was replicated, unless `sort` asks otherwise; `mode` picks
 * all-terms or any-term matching.
 */
export function listSql(
  t: QueryTerms,
  f: CatalogueFilters,
  limit: number,
  offset: number,
  mode: 'all' | 'any' = 'all',
  sort?: InnovationSort,
): Sql {
  const filters = filterSql(f);
  if (!t.count) {
    return {
      sql: `select ${INNOVATION_COLUMNS}, count(*) over() as total from innovations i ${INNOVATION_JOINS}
             where ${filters.sql} order by ${orderSql(sort, false, '0')} limit ? offset ?`,
      params: [...filters.params, limit, offset],
    };
  }
  const tq = tsqueryCte(t);
  const q = matchOf(mode);
  // Rank and count on the narrow innovations rows first; join names for the page only.
  return {
    sql: `with ${tq.sql},
      page as (
        select i.id, ts_rank(i.search_vector, ${q}, 1) as rank, count(*) over() as total
          from innovations i, tq
         where i.search_vector @@ ${q} and ${filters.sql}
         order by ${orderSql(sort, true, 'rank')}
         limit ? offset ?
      )
      select ${INNOVATION_COLUMNS}, p.rank, p.total
        from page p join innovations i on i.id = p.id ${INNOVATION_JOINS}
       order by ${orderSql(sort, true, 'p.rank')}`,
    params: [...tq.params, ...filters.params, limit, offset],
  };
}

/** Just the count, for a page past the end (where the window count has no row to ride on). */
export function countSql(t: QueryTerms, f: CatalogueFilters, mode: 'all' | 'any' = 'all'): Sql {
  const filters = filterSql(f);
  if (!t.count) return { sql: `select count(*)::int as n from innovations i where ${filters.sql}`, params: filters.params };
  const tq = tsqueryCte(t);
  return {
    sql: `with ${tq.sql} select count(*)::int as n from innovations i, tq where i.search_vector @@ ${matchOf(mode)} and ${filters.sql}`,
    params: [...tq.params, ...filters.params],
  };
}

/**
 * Every matching row in `sort` order, for exports (read through a cursor, never all at once).
 * Same matching as the list; `rank` is 0 without terms.
 */
export function exportSql(t: QueryTerms, f: CatalogueFilters, mode: 'all' | 'any', sort?: InnovationSort): Sql {
  const filters = filterSql(f);
  const tq = t.count ? tsqueryCte(t) : null;
  const rank = tq ? `ts_rank(i.search_vector, ${matchOf(mode)}, 1)` : '0';
  return {
    sql: `${tq ? `with ${tq.sql} ` : ''}select ${INNOVATION_COLUMNS}, ${rank} as rank, ${attachmentsSql('innovation', 'i.id')} as attachments
        from innovations i ${INNOVATION_JOINS}${tq ? ', tq' : ''}
       where ${tq ? `i.search_vector @@ ${matchOf(mode)} and ` : ''}${filters.sql}
       order by ${orderSql(sort, !!tq, rank)}`,
    params: [...(tq?.params ?? []), ...filters.params],
  };
}

export const FACETS = ['source', 'year', 'province', 'sector', 'stage', 'sdg', 'digital'] as const;
export type Facet = (typeof FACETS)[number];

/**
 * Counts per facet value over the same matching set as the list. `province` = first part of
 * the region code; `label` is the province's name.
 */
export function facetSql(t: QueryTerms, f: CatalogueFilters, mode: 'all' | 'any' = 'all'): Sql {
  const filters = filterSql(f);
  const tq = t.count ? tsqueryCte(t) : null;
  const match = tq ? `i.search_vector @@ ${matchOf(mode)} and ` : '';
  return {
    sql: `with ${tq ? `${tq.sql},` : ''} m as (
        select i.source, i.year, i.sector, i.stage, i.digital, i.sdgs, split_part(i.region_code, '.', 1) as province
          from innovations i${tq ? ', tq' : ''} where ${match}${filters.sql}
      )
      select 'source' as facet, source as key, null as label, count(*)::int as count from m group by source
      union all select 'year', year::text, null, count(*)::int from m group by year
      union all select 'province', m.province, min(r.name), count(*)::int from m left join regions r on r.code = m.province
                 where m.province is not null and m.province <> '' group by m.province
      union all select 'sector', sector, null, count(*)::int from m where sector is not null group by sector
      union all select 'stage', stage, null, count(*)::int from m where stage is not null group by stage
      union all select 'sdg', s::text, null, count(*)::int from m, unnest(m.sdgs) s group by s
      union all select 'digital', digital::text, null, count(*)::int from m group by digital`,
    params: [...(tq?.params ?? []), ...filters.params],
  };
}

/** Best hits for the cross-type search, with a `<mark>`-able headline (control characters as markers). */
export function searchHitsSql(t: QueryTerms, limit: number, mode: 'all' | 'any' = 'all'): Sql {
  const tq = tsqueryCte(t);
  const q = matchOf(mode);
  return {
    sql: `with ${tq.sql},
      hits as (
        select i.id, i.title, i.summary, i.description, ts_rank(i.search_vector, ${q}, 1 | 32) as rank, i.replication_count
          from innovations i, tq where i.search_vector @@ ${q} and i.merged_into_id is null
         order by rank desc, i.replication_count desc, i.id limit ?
      )
      select h.id, h.title, h.rank::float8 as rank,
             ts_headline('public.jippnas', h.title || '. ' || h.summary || ' ' || coalesce(h.description, ''), ${q},
                         'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=10, MaxFragments=2') as snippet
        from hits h, tq order by h.rank desc, h.replication_count desc, h.id`,
    params: [...tq.params, limit],
  };
}

/** `?` placeholders → `$1..$n`, for raw `pg`. */
export function toPg(s: Sql): { text: string; values: unknown[] } {
  let n = 0;
  return { text: s.sql.replace(/\?/g, () => `$${++n}`), values: s.params };
}
