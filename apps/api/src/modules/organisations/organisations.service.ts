import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { AuthUser } from '@app/auth';
import { AppError, iso, notFound, orderBySql } from '@app/common';
import { Agency, Membership, Unit, User } from '@app/database';
import { VerifiedEmailPolicy } from '../people';
import { AccessEvents, AccessService } from './access.service';
import {
  AddMemberDto,
  AGENCY_SORTS,
  agencyView,
  CreateAgencyDto,
  CreateUnitDto,
  ListAgenciesQuery,
  ListUnitsQuery,
  SetRolesDto,
  UNIT_SORTS,
  unitView,
} from './organisations.dto';
import type { AgencyPageResponse, UnitPageResponse } from './organisations.responses';

/** Search words (at most 8), matched anywhere in the name, case- and accent-insensitive. */
function words(q: string | undefined): string[] {
  return (q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
}
const nameWords = (column: string, q: string | undefined) => words(q).map(() => `jippnas_unaccent(lower(${column})) like ?`);
// LIKE's wildcards in a word are matched literally (backslash is PostgreSQL's default LIKE escape).
const wordParams = (q: string | undefined) =>
  words(q).map(
    (w) =>
      `%${w
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/[%_\\]/g, '\\$&')}%`,
  );

/** `sort=` keys of the agency and unit lists (both alphabetical by default). */
const AGENCY_ORDER: Record<(typeof AGENCY_SORTS)[number], string> = {
  name: 'a.name',
  created: 'a.created_at',
  kind: 'a.kind',
  region: 'a.region_code',
};
const UNIT_ORDER: Record<(typeof UNIT_SORTS)[number], string | string[]> = {
  agency: ['a.name', 'u.name'],
  name: 'u.name',
  created: 'u.created_at',
};

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly events: AccessEvents,
    private readonly verifiedEmail: VerifiedEmailPolicy,
  ) {}

  async createAgency(dto: CreateAgencyDto) {
    const agency = new Agency(dto.name, dto.kind, dto.regionCode);
    await this.em.persist(agency).flush();
    return agencyView(agency);
  }

  /** Agencies by name words, kind and region prefix, alphabetical, one page. */
  async listAgencies(query: ListAgenciesQuery): Promise<AgencyPageResponse> {
    const conds: string[] = [...nameWords('a.name', query.q)];
    const params: unknown[] = [...wordParams(query.q)];
    if (query.kind) (conds.push('a.kind = ?'), params.push(query.kind));
    if (query.regionCode) (conds.push('a.region_code like ?'), params.push(`${query.regionCode.replace(/[%_\\]/g, '')}%`));
    const where = conds.length ? `where ${conds.join(' and ')}` : '';
    const rows = await this.em.execute<
      { id: string; name: string; kind: string; region_code: string | null; created_at: Date; total: string }[]
    >(
      `select a.id, a.name, a.kind, a.region_code, a.created_at, count(*) over () as total from agencies a ${where}
        order by ${orderBySql(query.sort, 'name', AGENCY_ORDER, 'a.id')} limit ? offset ?`,
      [...params, query.limit ?? 100, query.offset ?? 0],
    );
    const total = rows.length ? Number(rows[0].total) : await this.countWhere('agencies a', where, params);
    return {
      items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, regionCode: r.region_code, createdAt: iso(r.created_at) })),
      total,
    };
  }

  /** Units by their or their agency's name words, optionally of one agency, one page. */
  async listUnits(query: ListUnitsQuery): Promise<UnitPageResponse> {
    const conds: string[] = [...nameWords("u.name || ' ' || a.name", query.q)];
    const params: unknown[] = [...wordParams(query.q)];
    if (query.agencyId) (conds.push('u.agency_id = ?'), params.push(query.agencyId));
    const where = conds.length ? `where ${conds.join(' and ')}` : '';
    const from = 'units u join agencies a on a.id = u.agency_id';
    const rows = await this.em.execute<
      { id: string; name: string; agency_id: string; agency_name: string; created_at: Date; total: string }[]
    >(
      `select u.id, u.name, u.agency_id, a.name as agency_name, u.created_at, count(*) over () as total from ${from} ${where}
        order by ${orderBySql(query.sort, 'agency', UNIT_ORDER, 'u.id')} limit ? offset ?`,
      [...params, query.limit ?? 100, query.offset ?? 0],
    );
    const total = rows.length ? Number(rows[0].total) : await this.countWhere(from, where, params);
    return {
      items: rows.map((r) => ({
        id: r.id,
        agencyId: r.agency_id,
        name: r.name,
        createdAt: iso(r.created_at),
        agency: { id: r.agency_id, name: r.agency_name },
      })),
      total,
    };
  }

  /** A page past the end still reports how many there are. */
  private async countWhere(from: string, where: string, params: unknown[]): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*) as n from ${from} ${where}`, params);
    return Number(row.n);
  }

  async getAgency(id: string) {
    const agency = await this.em.findOne(Agency, { id });
    if (!agency) throw notFound('Agency');
    const units = await this.em.find(Unit, { agency: id }, { orderBy: { name: 'asc' } });
    return { ...agencyView(agency), units: units.map(unitView) };
  }

  async createUnit(agencyId: string, dto: CreateUnitDto) {
    const agency = await this.em.findOne(Agency, { id: agencyId });
    if (!agency) throw notFound('Agency');
    const unit = new Unit(agency, dto.name);
    await this.em.persist(unit).flush();
    return unitView(unit);
  }

  async getUnit(id: string) {
    const unit = await this.em.findOne(Unit, { id }, { populate: ['agency'] });
    if (!unit) throw notFound('Unit');
    const memberCount = await this.em.count(Membership, { unit: id });
    return { ...unitView(unit), agency: agencyView(unit.agency), memberCount };
  }

  async listMembers(actor: AuthUser, unitId: string) {
    const unit = await this.em.findOne(Unit, { id: unitId });
    if (!unit) throw notFound('Unit');
    await this.access.assertCanListMembers(actor, unitId);
    const members = await this.em.find(Membership, { unit: unitId }, { populate: ['user'], orderBy: { createdAt: 'asc' } });
    return members.map((m) => ({ userId: m.user.id, name: m.user.name, role: m.role, since: iso(m.createdAt) }));
  }

  async addMember(actor: AuthUser, unitId: string, dto: AddMemberDto) {
    const unit = await this.em.findOne(Unit, { id: unitId });
    if (!unit) throw notFound('Unit');
    await this.access.assertUnitAdmin(actor, unitId);
    const user = await this.em.findOne(User, { id: dto.userId });
    if (!user) throw notFound('User');
    let membership = await this.em.findOne(Membership, { unit: unitId, user: dto.userId });
    if (membership) {
      membership.role = dto.role;
    } else {
      this.verifiedEmail.assertMayJoin(user);
      membership = new Membership(unit, user, dto.role);
      this.em.persist(membership);
    }
    user.accessVersion += 1;
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new AppError('ALREADY_EXISTS', 'This user is already a member');
      throw error;
    }
    this.events.changed({ userId: user.id, reason: 'membership' });
    return { unitId, agencyId: unit.agency.id, userId: user.id, role: membership.role };
  }

  async removeMember(actor: AuthUser, unitId: string, userId: string) {
    const unit = await this.em.findOne(Unit, { id: unitId });
    if (!unit) throw notFound('Unit');
    await this.access.assertUnitAdmin(actor, unitId);
    const membership = await this.em.findOne(Membership, { unit: unitId, user: userId }, { populate: ['user'] });
    if (!membership) throw notFound('Membership');
    membership.user.accessVersion += 1;
    this.em.remove(membership);
    await this.em.flush();
    this.events.changed({ userId, reason: 'membership' });
  }

  async setRoles(actor: AuthUser, userId: string, dto: SetRolesDto) {
    const user = await this.em.findOne(User, { id: userId });
    if (!user) throw notFound('User');
    const roles = [...new Set(dto.roles)];
    if (!roles.includes('user')) roles.push('user');
    if (actor.id === userId && user.roles.includes('admin') && !roles.includes('admin')) {
      // Keep at least one way back in: an admin cannot demote themself.
      throw new AppError('FORBIDDEN', 'An admin cannot remove their own admin role');
    }
    user.roles = roles;
    user.accessVersion += 1;
    await this.em.flush();
    this.events.changed({ userId, reason: 'roles' });
    return { id: user.id, email: user.email, name: user.name, roles: user.roles };
  }

  async getUser(id: string) {
    const user = await this.em.findOne(User, { id });
    if (!user) throw notFound('User');
    return { id: user.id, name: user.name };
  }
}
