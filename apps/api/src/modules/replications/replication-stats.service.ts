import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UNCOUNTED_STAGES } from './replication-stages';

const counted = `r.stage not in (${UNCOUNTED_STAGES.map((s) => `'${s}'`).join(', ')})`;

export interface StatRow {
  key: string;
  count: number;
  label?: string | null;
  direct?: number;
  indirect?: number;
}

/**
 * Public statistics, computed from the registry and the catalogue themselves (so always
 * consistent with them). `stage` counts every replication; the other groups count replications
 * that happened or are happening (not declined or withdrawn), like `replicationCount`. Regions
 * and provinces carry their Kemendagri names as `label`.
 */
@Injectable()
export class ReplicationStatsService {
  constructor(private readonly em: EntityManager) {}

  async byGroup(groupBy: 'stage' | 'region' | 'innovation' | 'province' | 'year' | 'source'): Promise<StatRow[]> {
    const conn = this.em.getConnection();
    const replicating = `replications r join units u on u.id = r.replicating_unit_id join agencies a on a.id = u.agency_id`;
    switch (groupBy) {
      case 'stage':
        return conn.execute(`select r.stage as key, count(*)::int as count from replications r group by r.stage order by count desc, key`);
      case 'region':
        // Where the innovation was replicated: the replicating unit's agency region ('NONE' for national bodies).
        return conn.execute(
          `select coalesce(a.region_code, 'NONE') as key, min(g.name) as label, count(*)::int as count
             from ${replicating} left join regions g on g.code = a.region_code
            where ${counted} group by 1 order by count desc, key`,
        );
      case 'province':
        return conn.execute(
          `select coalesce(nullif(split_part(a.region_code, '.', 1), ''), 'NONE') as key, min(g.name) as label, count(*)::int as count
             from ${replicating} left join regions g on g.code = split_part(a.region_code, '.', 1)
            where ${counted} group by 1 order by count desc, key`,
        );
      case 'year':
        return conn.execute(
          `select extract(year from r.created_at)::int::text as key, count(*)::int as count from replications r where ${counted} group by 1 order by key`,
        );
      case 'source':
        return conn.execute(
          `select i.source as key, count(*)::int as count from replications r join innovations i on i.id = r.innovation_id where ${counted} group by 1 order by count desc, key`,
        );
      default:
        // Credit goes to the original innovation through the lineage chain: a replication that
        // learned from another replication still counts for it (`indirect`).
        return conn.execute(
          `select r.innovation_id::text as key, i.title as label, count(*)::int as count,
                  count(*) filter (where r.source_replication_id is null)::int as direct,
                  count(*) filter (where r.source_replication_id is not null)::int as indirect
             from replications r join innovations i on i.id = r.innovation_id
            where ${counted} group by r.innovation_id, i.title order by count desc, key limit 500`,
        );
    }
  }

  /** The catalogue by year, source, province (with names) or sector; innovations linked into another are not counted twice. */
  async innovations(groupBy: 'year' | 'source' | 'province' | 'sector'): Promise<StatRow[]> {
    const conn = this.em.getConnection();
    if (groupBy === 'province') {
      return conn.execute(
        `select coalesce(nullif(split_part(i.region_code, '.', 1), ''), 'NONE') as key, min(g.name) as label, count(*)::int as count
           from innovations i left join regions g on g.code = split_part(i.region_code, '.', 1)
          where i.merged_into_id is null group by 1 order by count desc, key`,
      );
    }
    const col = groupBy === 'year' ? 'i.year::text' : groupBy === 'source' ? 'i.source' : `coalesce(i.sector, 'NONE')`;
    return conn.execute(
      `select ${col} as key, count(*)::int as count from innovations i where i.merged_into_id is null group by 1 order by ${groupBy === 'year' ? 'key' : 'count desc, key'}`,
    );
  }

  /**
   * Over time: per month or year, replications proposed, agreed and institutionalised (from
   * the recorded transitions), and innovations added to the catalogue.
   */
  async timeline(
    interval: 'month' | 'year',
  ): Promise<{ period: string; proposed: number; agreed: number; institutionalized: number; innovationsAdded: number }[]> {
    const fmt = interval === 'month' ? 'YYYY-MM' : 'YYYY';
    const rows = await this.em
      .getConnection()
      .execute<{ period: string; proposed: number; agreed: number; institutionalized: number; innovations_added: number }[]>(
        `with t as (
         select to_char(date_trunc(?, t.at at time zone 'UTC'), ?) as period, t.to_stage from replication_transitions t
          where t.to_stage in ('PROPOSED', 'AGREED', 'INSTITUTIONALIZED')
       ), c as (
         select to_char(date_trunc(?, i.created_at at time zone 'UTC'), ?) as period, count(*)::int as n from innovations i where i.merged_into_id is null group by 1
       ), p as (select period from t union select period from c)
       select p.period,
              (select count(*) from t where t.period = p.period and t.to_stage = 'PROPOSED')::int as proposed,
              (select count(*) from t where t.period = p.period and t.to_stage = 'AGREED')::int as agreed,
              (select count(*) from t where t.period = p.period and t.to_stage = 'INSTITUTIONALIZED')::int as institutionalized,
              coalesce((select n from c where c.period = p.period), 0)::int as innovations_added
         from p order by p.period`,
        [interval, fmt, interval, fmt],
      );
    return rows.map((r) => ({
      period: r.period,
      proposed: r.proposed,
      agreed: r.agreed,
      institutionalized: r.institutionalized,
      innovationsAdded: r.innovations_added,
    }));
  }

  /** Innovations most replicated, from the maintained counter (index-backed). */
  async top(limit: number) {
    const rows = await this.em
      .getConnection()
      .execute<{ id: string; title: string; unit_id: string; source: string; year: number; replication_count: number }[]>(
        `select id, title, unit_id, source, year, replication_count from innovations where replication_count > 0 and merged_into_id is null
        order by replication_count desc, year desc, id limit ?`,
        [limit],
      );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      unitId: r.unit_id,
      source: r.source,
      year: r.year,
      replicationCount: r.replication_count,
    }));
  }
}
