import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, forbidden, isUniqueViolation, notFound } from '@app/common';
import { Innovation, Unit, User } from '@app/database';
import { AccessService } from '../organisations';
import { CatalogueFilters, countSql, FACETS, facetSql, INNOVATION_COLUMNS, InnovationRow, listSql, queryWords, Sql } from './innovation-query';
import { innovationView, InnovationView } from './innovation.view';
import { CreateInnovationDto, ListInnovationsQuery, UpdateInnovationDto } from './innovations.dto';

/** Postgres unique violation, whichever layer wrapped it. */

const PATCHABLE = ['title', 'summary', 'description', 'source', 'year', 'sector', 'regionCode', 'tags', 'sdgs', 'digital', 'award', 'stage', 'sustainability', 'externalId'] as const;

@Injectable()
export class InnovationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  private run<T>(s: Sql): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(s.sql, s.params as never[]);
  }

  async create(user: AuthUser, dto: CreateInnovationDto): Promise<InnovationView> {
    const [unit] = await this.run<{ id: string; region_code: string | null }>({
      sql: 'select u.id, a.region_code from units u join agencies a on a.id = u.agency_id where u.id = ?',
      params: [dto.unitId],
    });
    if (!unit) throw notFound('Unit');
    await this.access.assertUnitMemberOr(user, dto.unitId, 'curator', 'admin');
    const em = this.em.fork();
    const innovation = new Innovation({ title: dto.title.trim(), summary: dto.summary, unit: em.getReference(Unit, dto.unitId), year: dto.year, source: dto.source });
    for (const key of PATCHABLE) if (dto[key] !== undefined) (innovation as unknown as Record<string, unknown>)[key] = dto[key];
    innovation.regionCode = dto.regionCode ?? unit.region_code;
    innovation.tags = normaliseTags(dto.tags);
    innovation.sdgs = [...new Set(dto.sdgs ?? [])].sort((a, b) => a - b);
    innovation.createdBy = em.getReference(User, user.id);
    try {
      await em.persist(innovation).flush();
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate();
      throw e;
    }
    return this.get(innovation.id);
  }

  async get(id: string): Promise<InnovationView> {
    const [row] = await this.run<InnovationRow>({
      sql: `select ${INNOVATION_COLUMNS} from innovations i join units u on u.id = i.unit_id join agencies a on a.id = u.agency_id where i.id = ?`,
      params: [id],
    });
    if (!row) throw notFound('Innovation');
    return innovationView(row);
  }

  async update(user: AuthUser, id: string, dto: UpdateInnovationDto): Promise<InnovationView> {
    const em = this.em.fork();
    const innovation = await em.findOne(Innovation, id);
    if (!innovation) throw notFound('Innovation');
    if (!this.access.hasRole(user, 'curator', 'admin') && !(await this.access.isUnitMember(user.id, innovation.unit.id, em))) {
      throw forbidden('Only members of the origin unit, curators and admins may edit this innovation');
    }
    for (const key of PATCHABLE) if (dto[key] !== undefined) (innovation as unknown as Record<string, unknown>)[key] = dto[key];
    if (dto.title !== undefined) innovation.title = dto.title.trim();
    if (dto.tags !== undefined) innovation.tags = normaliseTags(dto.tags);
    if (dto.sdgs !== undefined) innovation.sdgs = [...new Set(dto.sdgs)].sort((a, b) => a - b);
    try {
      await em.flush();
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate();
      throw e;
    }
    return this.get(id);
  }

  /**
   * One page, best match first when `q` is given. When no innovation has every word, the
   * page falls back to innovations with any of them (`match: 'any'`), still ranked.
   */
  async list(q: ListInnovationsQuery) {
    const words = queryWords(q.q);
    const filters: CatalogueFilters = { source: q.source, year: q.year, regionCode: q.regionCode, sector: q.sector, stage: q.stage, sdg: q.sdg, digital: q.digital, unitId: q.unitId };
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    let mode: 'all' | 'any' = 'all';
    let rows = await this.run<InnovationRow>(listSql(words, filters, limit, offset, mode));
    if (!rows.length && words.length > 1) {
      const [{ n }] = await this.run<{ n: number }>(countSql(words, filters, 'all'));
      if (n === 0) {
        mode = 'any';
        rows = await this.run<InnovationRow>(listSql(words, filters, limit, offset, mode));
      }
    }
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && offset > 0) total = (await this.run<{ n: number }>(countSql(words, filters, mode)))[0].n;
    const result: { items: InnovationView[]; total: number; match?: 'all' | 'any'; facets?: Record<string, { key: string; count: number }[]> } = {
      items: rows.map(innovationView),
      total,
    };
    if (words.length) result.match = mode;
    if (q.facets) result.facets = await this.facets(words, filters, mode);
    return result;
  }

  private async facets(words: string[], filters: CatalogueFilters, mode: 'all' | 'any') {
    const rows = await this.run<{ facet: string; key: string; count: number }>(facetSql(words, filters, mode));
    const out: Record<string, { key: string; count: number }[]> = Object.fromEntries(FACETS.map((f) => [f, []]));
    for (const r of rows) out[r.facet].push({ key: r.key, count: r.count });
    for (const f of FACETS) {
      // Years newest first, SDGs in goal order, the rest by count.
      if (f === 'year') out[f].sort((a, b) => Number(b.key) - Number(a.key));
      else if (f === 'sdg') out[f].sort((a, b) => Number(a.key) - Number(b.key));
      else out[f].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    }
    return out;
  }
}

/** Tags trimmed, lower-cased, de-duplicated, blanks dropped. */
export function normaliseTags(tags: string[] | undefined | null): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

const duplicate = () => new AppError('ALREADY_EXISTS', 'An innovation with the same source and external id, or the same title, unit and year, already exists');
