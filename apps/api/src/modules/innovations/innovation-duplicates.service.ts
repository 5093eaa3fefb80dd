import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, badRequest, isUniqueViolation, notFound } from '@app/common';
import { INNOVATION_COLUMNS, INNOVATION_JOINS, InnovationRow } from './innovation-query';
import { innovationView, InnovationView } from './innovation.view';

/** Titles at least this similar (trigram similarity of the lower-cased titles) make a possible duplicate. */
export const DUPLICATE_SIMILARITY = 0.6;

export const DUPLICATE_SORTS = ['similarity', '-similarity', 'title', '-title'] as const;

export interface DuplicatePair {
  a: InnovationView;
  b: InnovationView;
  similarity: number;
  sameUnit: boolean;
  sameRegion: boolean;
}

/**
 * Possible duplicates: the same innovation arriving from two sources (KIPP and IGA, say), found
 * as near-identical titles from different sources with the same origin unit or region. A
 * curator links a pair (the duplicate's row stays, points at the kept one, and drops out of
 * lists; its replications move over) or dismisses it (never proposed again).
 */
@Injectable()
export class InnovationDuplicatesService {
  constructor(private readonly em: EntityManager) {}

  async list(
    limit: number,
    offset: number,
    sort: (typeof DUPLICATE_SORTS)[number] = 'similarity',
  ): Promise<{ items: DuplicatePair[]; total: number }> {
    const order = { similarity: 'sim desc', '-similarity': 'sim asc', title: 'lower(a.title) asc', '-title': 'lower(a.title) desc' }[sort];
    const conn = this.em.getConnection();
    const pairs = await conn.transactional(async (trx) => {
      // The `%` operator uses the trigram index at this threshold (set for this transaction only).
      await conn.execute(`select set_config('pg_trgm.similarity_threshold', ?, true)`, [String(DUPLICATE_SIMILARITY)], 'all', trx);
      return conn.execute<{ a_id: string; b_id: string; sim: number; same_unit: boolean; same_region: boolean; total: string }[]>(
        `select a.id as a_id, b.id as b_id, similarity(lower(a.title), lower(b.title))::float8 as sim,
                a.unit_id = b.unit_id as same_unit, coalesce(a.region_code = b.region_code, false) as same_region, count(*) over() as total
           from innovations a join innovations b on lower(b.title) % lower(a.title) and a.id < b.id
          where a.merged_into_id is null and b.merged_into_id is null and a.source <> b.source
            and (a.unit_id = b.unit_id or a.region_code = b.region_code)
            and not exists (select 1 from innovation_duplicate_dismissals d where d.a_id = a.id and d.b_id = b.id)
          order by ${order}, a.id, b.id limit ? offset ?`,
        [limit, offset],
        'all',
        trx,
      );
    });
    const ids = [...new Set(pairs.flatMap((p) => [p.a_id, p.b_id]))];
    const rows = ids.length
      ? await conn.execute<InnovationRow[]>(
          `select ${INNOVATION_COLUMNS} from innovations i ${INNOVATION_JOINS} where i.id = any(string_to_array(?, ',')::uuid[])`,
          [ids.join(',')],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.id, innovationView(r)]));
    return {
      items: pairs.map((p) => ({
        a: byId.get(p.a_id)!,
        b: byId.get(p.b_id)!,
        similarity: Number(p.sim),
        sameUnit: p.same_unit,
        sameRegion: p.same_region,
      })),
      total: pairs.length ? Number(pairs[0].total) : 0,
    };
  }

  /** Links `duplicateId` into `primaryId`: one innovation known by both source ids. */
  async link(_user: AuthUser, primaryId: string, duplicateId: string): Promise<void> {
    if (primaryId === duplicateId) throw badRequest('primaryId and duplicateId must differ');
    await this.em.getConnection().transactional(async (trx) => {
      const conn = this.em.getConnection();
      const rows = await conn.execute<{ id: string; merged_into_id: string | null }[]>(
        `select id, merged_into_id from innovations where id in (?, ?) order by id for update`,
        [primaryId, duplicateId],
        'all',
        trx,
      );
      const primary = rows.find((r) => r.id === primaryId);
      const dup = rows.find((r) => r.id === duplicateId);
      if (!primary || !dup) throw notFound('Innovation');
      if (primary.merged_into_id || dup.merged_into_id)
        throw new AppError('DUPLICATE_LINK_CONFLICT', 'One of these innovations is already linked into another');
      try {
        await conn.execute(`update replications set innovation_id = ? where innovation_id = ?`, [primaryId, duplicateId], 'all', trx);
      } catch (e) {
        if (isUniqueViolation(e))
          throw new AppError('DUPLICATE_LINK_CONFLICT', 'A unit has an active replication of both innovations; settle one first');
        throw e;
      }
      await conn.execute(
        `update innovations set merged_into_id = ? where id = ? or merged_into_id = ?`,
        [primaryId, duplicateId, duplicateId],
        'all',
        trx,
      );
      await conn.execute(
        `update innovations i set replication_count = (select count(*) from replications r where r.innovation_id = i.id and r.stage not in ('DECLINED','WITHDRAWN'))
          where i.id in (?, ?)`,
        [primaryId, duplicateId],
        'all',
        trx,
      );
    });
  }

  async dismiss(userId: string, ids: [string, string]): Promise<void> {
    const [a, b] = [...ids].sort();
    if (a === b) throw badRequest('innovationIds must be two different innovations');
    const found = await this.em
      .getConnection()
      .execute<{ n: number }[]>(`select count(*)::int as n from innovations where id in (?, ?)`, [a, b]);
    if (found[0].n !== 2) throw notFound('Innovation');
    await this.em
      .getConnection()
      .execute(`insert into innovation_duplicate_dismissals (a_id, b_id, dismissed_by_id) values (?, ?, ?) on conflict do nothing`, [
        a,
        b,
        userId,
      ]);
  }
}
