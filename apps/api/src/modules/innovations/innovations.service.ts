import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, forbidden, isUniqueViolation, notFound } from '@app/common';
import { Innovation, Unit, User } from '@app/database';
import { AccessService } from '../organisations';
import { RegionsService } from '../regions';
import {
  CatalogueFilters,
  countSql,
  FACETS,
  facetSql,
  INNOVATION_COLUMNS,
  INNOVATION_JOINS,
  InnovationRow,
  listSql,
  normaliseSector,
  queryWords,
  Sql,
} from './innovation-query';
import { innovationView, InnovationView } from './innovation.view';
import type { QueryTerms } from './query-terms';
import { CreateInnovationDto, ListInnovationsQuery, UpdateInnovationDto } from './innovations.dto';

/** Postgres unique violation, whichever layer wrapped it. */

const PATCHABLE = [
  'title',
  'summary',
  'description',
  'source',
  'year',
  'sector',
  'regionCode',
  'tags',
  'sdgs',
  'digital',
  'award',
  'stage',
  'sustainability',
  'externalId',
] as const;

@Injectable()
export class InnovationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly regions: RegionsService,
  ) {}

  private run<T>(s: Sql): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(s.sql, s.params as never[]);
  }

  async create(user: AuthUser, dto: CreateInnovationDto) {
    const [unit] = await this.run<{ id: string; region_code: string | null }>({
      sql: 'select u.id, a.region_code from units u join agencies a on a.id = u.agency_id where u.id = ?',
      params: [dto.unitId],
    });
    if (!unit) throw notFound('Unit');
    await this.access.assertUnitMemberOr(user, dto.unitId, 'curator', 'admin');
    await this.regions.assertKnown(dto.regionCode);
    const em = this.em.fork();
    const innovation = new Innovation({
      title: dto.title.trim(),
      summary: dto.summary,
      unit: em.getReference(Unit, dto.unitId),
      year: dto.year,
      source: dto.source,
    });
    for (const key of PATCHABLE) if (dto[key] !== undefined) (innovation as unknown as Record<string, unknown>)[key] = dto[key];
    innovation.regionCode = dto.regionCode ?? (await this.regions.narrow(unit.region_code));
    innovation.sector = normaliseSector(dto.sector);
    innovation.tags = normaliseTags(dto.tags);
    innovation.sdgs = [...new Set(dto.sdgs ?? [])].sort((a, b) => a - b);
    innovation.createdBy = em.getReference(User, user.id);
    try {
      await em.persist(innovation).flush();
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate();
      throw e;
    }
    return this.page(innovation.id);
  }

  async get(id: string): Promise<InnovationView> {
    const [row] = await this.run<InnovationRow>({
      sql: `select ${INNOVATION_COLUMNS} from innovations i ${INNOVATION_JOINS} where i.id = ?`,
      params: [id],
    });
    if (!row) throw notFound('Innovation');
    return innovationView(row);
  }

  /**
   * The innovation page: the view plus every source id it is known by (its own and those of
   * duplicates linked into it) and the credit of its replications through the lineage chain
   * (a replication learned from another replication still replicates this innovation).
   */
  async page(id: string) {
    const view = await this.get(id);
    const [sources, [credit]] = await Promise.all([
      this.run<{ id: string; source: string; external_id: string | null }>({
        sql: `select id, source, external_id from innovations where id = ? or merged_into_id = ? order by (id = ?) desc, source, external_id`,
        params: [id, id, id],
      }),
      this.run<{ total: number; direct: number; indirect: number; generations: number }>({
        sql: `with recursive chain as (
                select r.id, 1 as depth from replications r where r.innovation_id = ? and r.source_replication_id is null and r.stage not in ('DECLINED','WITHDRAWN')
                union all
                select r.id, c.depth + 1 from replications r join chain c on r.source_replication_id = c.id where r.stage not in ('DECLINED','WITHDRAWN')
              )
              select count(*)::int as total, count(*) filter (where depth = 1)::int as direct, count(*) filter (where depth > 1)::int as indirect,
                     coalesce(max(depth), 0)::int as generations from chain`,
        params: [id],
      }),
    ]);
    return {
      ...view,
      sourceIds: sources.map((s) => ({ innovationId: s.id, source: s.source, externalId: s.external_id })),
      lineage: credit,
    };
  }

  async update(user: AuthUser, id: string, dto: UpdateInnovationDto) {
    const em = this.em.fork();
    const innovation = await em.findOne(Innovation, id);
    if (!innovation) throw notFound('Innovation');
    if (!this.access.hasRole(user, 'curator', 'admin') && !(await this.access.isUnitMember(user.id, innovation.unit.id, em))) {
      throw forbidden('Only members of the origin unit, curators and admins may edit this innovation');
    }
    if (dto.regionCode) await this.regions.assertKnown(dto.regionCode);
    for (const key of PATCHABLE) if (dto[key] !== undefined) (innovation as unknown as Record<string, unknown>)[key] = dto[key];
    if (dto.sector !== undefined) innovation.sector = normaliseSector(dto.sector);
    if (dto.title !== undefined) innovation.title = dto.title.trim();
    if (dto.tags !== undefined) innovation.tags = normaliseTags(dto.tags);
    if (dto.sdgs !== undefined) innovation.sdgs = [...new Set(dto.sdgs)].sort((a, b) => a - b);
    try {
      await em.flush();
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate();
      throw e;
    }
    return this.page(id);
  }

  /**
   * One page, best match first when `q` is given. When no innovation has every word, the
   * page falls back to innovations with any of them (`match: 'any'`), still ranked.
   */
  async list(q: ListInnovationsQuery) {
    const words = queryWords(q.q);
    const filters = InnovationsService.filters(q);
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    let mode: 'all' | 'any' = 'all';
    if (q.regionCode) await this.regions.assertKnown(q.regionCode);
    let rows = await this.run<InnovationRow>(listSql(words, filters, limit, offset, mode, q.sort));
    if (!rows.length && words.count > 1) {
      const [{ n }] = await this.run<{ n: number }>(countSql(words, filters, 'all'));
      if (n === 0) {
        mode = 'any';
        rows = await this.run<InnovationRow>(listSql(words, filters, limit, offset, mode, q.sort));
      }
    }
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && offset > 0) total = (await this.run<{ n: number }>(countSql(words, filters, mode)))[0].n;
    const result: { items: InnovationView[]; total: number; match?: 'all' | 'any'; facets?: Record<string, FacetBucket[]> } = {
      items: rows.map(innovationView),
      total,
    };
    if (words.count) result.match = mode;
    if (q.facets) result.facets = await this.facets(words, filters, mode);
    return result;
  }

  /** The filters of a list query, as the SQL builders take them (shared with exports). */
  static filters(q: Omit<ListInnovationsQuery, 'limit' | 'offset' | 'facets'>): CatalogueFilters {
    return {
      source: q.source,
      year: q.year,
      regionCode: q.regionCode,
      sector: q.sector,
      stage: q.stage,
      sdg: q.sdg,
      digital: q.digital,
      unitId: q.unitId,
    };
  }

  private async facets(words: QueryTerms, filters: CatalogueFilters, mode: 'all' | 'any') {
    const rows = await this.run<{ facet: string; key: string; label: string | null; count: number }>(facetSql(words, filters, mode));
    const out: Record<string, FacetBucket[]> = Object.fromEntries(FACETS.map((f) => [f, []]));
    // Province buckets carry the province's name.
    for (const r of rows)
      out[r.facet].push(r.facet === 'province' ? { key: r.key, label: r.label, count: r.count } : { key: r.key, count: r.count });
    for (const f of FACETS) {
      // Years newest first, SDGs in goal order, the rest by count.
      if (f === 'year') out[f].sort((a, b) => Number(b.key) - Number(a.key));
      else if (f === 'sdg') out[f].sort((a, b) => Number(a.key) - Number(b.key));
      else out[f].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    }
    return out;
  }
}

export interface FacetBucket {
  key: string;
  label?: string | null;
  count: number;
}

/** Tags trimmed, lower-cased, de-duplicated, blanks dropped. */
export function normaliseTags(tags: string[] | undefined | null): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

const duplicate = () =>
  new AppError('ALREADY_EXISTS', 'An innovation with the same source and external id, or the same title, unit and year, already exists');
