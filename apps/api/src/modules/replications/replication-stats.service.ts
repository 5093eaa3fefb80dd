import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UNCOUNTED_STAGES } from './replication-stages';

const counted = `r.stage not in (${UNCOUNTED_STAGES.map((s) => `'${s}'`).join(', ')})`;

/**
 * Public replication statistics, computed from the registry itself (so always consistent with
 * it). `stage` counts every replication; `region` and `innovation` count replications that
 * happened or are happening (not declined or withdrawn), like `replicationCount`.
 */
@Injectable()
export class ReplicationStatsService {
  constructor(private readonly em: EntityManager) {}

  async byGroup(groupBy: 'stage' | 'region' | 'innovation'): Promise<{ key: string; count: number; label?: string }[]> {
    const conn = this.em.getConnection();
    if (groupBy === 'stage') {
      return conn.execute(`select r.stage as key, count(*)::int as count from replications r group by r.stage order by count desc, key`);
    }
    if (groupBy === 'region') {
      // Where the innovation was replicated: the replicating unit's agency region ('NONE' for national bodies).
      return conn.execute(
        `select coalesce(a.region_code, 'NONE') as key, count(*)::int as count
           from replications r join units u on u.id = r.replicating_unit_id join agencies a on a.id = u.agency_id
          where ${counted} group by 1 order by count desc, key`,
      );
    }
    return conn.execute(
      `select r.innovation_id::text as key, i.title as label, count(*)::int as count
         from replications r join innovations i on i.id = r.innovation_id
        where ${counted} group by r.innovation_id, i.title order by count desc, key limit 500`,
    );
  }

  /** Innovations most replicated, from the maintained counter (index-backed). */
  async top(limit: number) {
    const rows = await this.em.getConnection().execute<{ id: string; title: string; unit_id: string; source: string; year: number; replication_count: number }[]>(
      `select id, title, unit_id, source, year, replication_count from innovations where replication_count > 0
        order by replication_count desc, year desc, id limit ?`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, unitId: r.unit_id, source: r.source, year: r.year, replicationCount: r.replication_count }));
  }
}
