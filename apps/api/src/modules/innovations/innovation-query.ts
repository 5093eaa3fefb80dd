/**
 * The catalogue's SQL, built in one place: used by the list endpoint, facets, the cross-type
 * search provider, and (through the build) by the benchmark's raw-`pg` baseline, so both run
 * exactly the same statements. Placeholders are `?` (MikroORM's `execute`); `toPg()` numbers them.
 */

export const MAX_QUERY_WORDS = 8;

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

/**
 * Query text → search words: lower case, accents dropped, split on anything not a letter or
 * digit. The same normalisation PostgreSQL applies to documents (jippnas_unaccent + lower), so
 * the words can be inlined into tsqueries without escaping.
 */
export function queryWords(q: string | undefined | null): string[] {
  if (!q) return [];
  const plain = q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const words = plain.split(/[^a-z0-9]+/).filter((w) => w.length >= 2 && w.length <= 40);
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/**
 * `tq(q, q_any)`: the query as a tsquery, all words required (`q`) or any word (`q_any`).
 * Each word matches its Indonesian stem or itself; the last also as a prefix (typing); a word
 * the catalogue never uses is widened to its three nearest vocabulary words by trigram
 * similarity (kesehtan → kesehatan).
 */
export function tsqueryCte(words: string[]): Sql {
  const last = words[words.length - 1] ?? '';
  return {
    sql: `tq as (
      select tsquery_and_agg(wq) as q, tsquery_or_agg(wq) as q_any from (
        select tsquery_or_agg(alt) as wq from (
          select u.n, plainto_tsquery('public.jippnas', u.w) || plainto_tsquery('public.jippnas_simple', u.w)
                 || case when u.w = ? and length(u.w) >= 3 then to_tsquery('public.jippnas_simple', u.w || ':*') else ''::tsquery end as alt
            from unnest(string_to_array(?, ' ')) with ordinality u(w, n)
          union all
          select u.n, plainto_tsquery('public.jippnas', c.term) || plainto_tsquery('public.jippnas_simple', c.term)
            from unnest(string_to_array(?, ' ')) with ordinality u(w, n)
            cross join lateral (
              select t.term from innovation_terms t
               where length(u.w) >= 4 and t.term % u.w and similarity(t.term, u.w) >= 0.35
                 and not exists (select 1 from innovation_terms e where e.term = u.w)
               order by t.term <-> u.w limit 3
            ) c
        ) x group by x.n
      ) y
    )`,
    params: [last, words.join(' '), words.join(' ')],
  };
}

/** `and`-joined filter conditions on alias `i`. */
export function filterSql(f: CatalogueFilters): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.source) (parts.push('i.source = ?'), params.push(f.source));
  if (f.year !== undefined) (parts.push('i.year = ?'), params.push(f.year));
  // Region codes are hierarchical (35 = Jawa Timur, 35.78 = Kota Surabaya): a code also matches below it.
  if (f.regionCode) (parts.push(`(i.region_code = ? or i.region_code like ?)`), params.push(f.regionCode, `${f.regionCode.replace(/[%_\\]/g, '')}.%`));
  if (f.sector) (parts.push('i.sector = ?'), params.push(f.sector));
  if (f.stage) (parts.push('i.stage = ?'), params.push(f.stage));
  if (f.sdg !== undefined) (parts.push('i.sdgs @> array[?]::int[]'), params.push(f.sdg));
  if (f.digital !== undefined) (parts.push('i.digital = ?'), params.push(f.digital));
  if (f.unitId) (parts.push('i.unit_id = ?'), params.push(f.unitId));
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

export const INNOVATION_COLUMNS = `i.id, i.title, i.summary, i.description, i.unit_id, u.name as unit_name, a.id as agency_id, a.name as agency_name,
  i.region_code, i.year, i.source, i.external_id, i.award, i.sector, i.digital, i.sdgs, i.tags, i.stage, i.sustainability,
  i.replication_count, i.demo, i.created_by_id, i.created_at, i.updated_at, i.verified_at, i.unverified_since, i.contact`;

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

/**
 * One page of the catalogue with the total in the same statement. With words: matching rows
 * ranked by weighted relevance (title > tags > summary > description), then by how often the
 * innovation was replicated; `mode` picks all-words or any-word matching.
 */
export function listSql(words: string[], f: CatalogueFilters, limit: number, offset: number, mode: 'all' | 'any' = 'all'): Sql {
  const filters = filterSql(f);
  const from = `innovations i join units u on u.id = i.unit_id join agencies a on a.id = u.agency_id`;
  if (!words.length) {
    return {
      sql: `select ${INNOVATION_COLUMNS}, count(*) over() as total from ${from}
             where ${filters.sql} order by i.year desc, i.created_at desc, i.id limit ? offset ?`,
      params: [...filters.params, limit, offset],
    };
  }
  const tq = tsqueryCte(words);
  const q = mode === 'all' ? 'tq.q' : 'tq.q_any';
  // Rank and count on the narrow innovations rows first; join units/agencies for the page only.
  return {
    sql: `with ${tq.sql},
      page as (
        select i.id, ts_rank(i.search_vector, ${q}, 1) as rank, i.replication_count, i.year, count(*) over() as total
          from innovations i, tq
         where i.search_vector @@ ${q} and ${filters.sql}
         order by rank desc, i.replication_count desc, i.year desc, i.id
         limit ? offset ?
      )
      select ${INNOVATION_COLUMNS}, p.rank, p.total
        from page p join innovations i on i.id = p.id join units u on u.id = i.unit_id join agencies a on a.id = u.agency_id
       order by p.rank desc, p.replication_count desc, p.year desc, p.id`,
    params: [...tq.params, ...filters.params, limit, offset],
  };
}

/** Just the count, for a page past the end (where the window count has no row to ride on). */
export function countSql(words: string[], f: CatalogueFilters, mode: 'all' | 'any' = 'all'): Sql {
  const filters = filterSql(f);
  if (!words.length) return { sql: `select count(*)::int as n from innovations i where ${filters.sql}`, params: filters.params };
  const tq = tsqueryCte(words);
  const q = mode === 'all' ? 'tq.q' : 'tq.q_any';
  return { sql: `with ${tq.sql} select count(*)::int as n from innovations i, tq where i.search_vector @@ ${q} and ${filters.sql}`, params: [...tq.params, ...filters.params] };
}

export const FACETS = ['source', 'year', 'province', 'sector', 'stage', 'sdg', 'digital'] as const;
export type Facet = (typeof FACETS)[number];

/** Counts per facet value over the same matching set as the list. `province` = first part of the region code. */
export function facetSql(words: string[], f: CatalogueFilters, mode: 'all' | 'any' = 'all'): Sql {
  const filters = filterSql(f);
  const tq = words.length ? tsqueryCte(words) : null;
  const match = tq ? `i.search_vector @@ ${mode === 'all' ? 'tq.q' : 'tq.q_any'} and ` : '';
  return {
    sql: `with ${tq ? `${tq.sql},` : ''} m as (
        select i.source, i.year, i.sector, i.stage, i.digital, i.sdgs, split_part(i.region_code, '.', 1) as province
          from innovations i${tq ? ', tq' : ''} where ${match}${filters.sql}
      )
      select 'source' as facet, source as key, count(*)::int as count from m group by source
      union all select 'year', year::text, count(*)::int from m group by year
      union all select 'province', province, count(*)::int from m where province is not null and province <> '' group by province
      union all select 'sector', sector, count(*)::int from m where sector is not null group by sector
      union all select 'stage', stage, count(*)::int from m where stage is not null group by stage
      union all select 'sdg', s::text, count(*)::int from m, unnest(m.sdgs) s group by s
      union all select 'digital', digital::text, count(*)::int from m group by digital`,
    params: [...(tq?.params ?? []), ...filters.params],
  };
}

/** Best hits for the cross-type search, with a `<mark>`-able headline (control characters as markers). */
export function searchHitsSql(words: string[], limit: number, mode: 'all' | 'any' = 'all'): Sql {
  const tq = tsqueryCte(words);
  const q = mode === 'all' ? 'tq.q' : 'tq.q_any';
  return {
    sql: `with ${tq.sql},
      hits as (
        select i.id, i.title, i.summary, i.description, ts_rank(i.search_vector, ${q}, 1 | 32) as rank, i.replication_count
          from innovations i, tq where i.search_vector @@ ${q}
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
