import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { AuthUser } from '@app/auth';
import { AppError, notFound } from '@app/common';
import { Agency, Membership, Unit, User } from '@app/database';
import { VerifiedEmailPolicy } from '../people';
import { AccessEvents, AccessService } from './access.service';
import { AddMemberDto, agencyView, CreateAgencyDto, CreateUnitDto, ListAgenciesQuery, SetRolesDto, unitView } from './organisations.dto';

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

  async listAgencies(query: ListAgenciesQuery) {
    const where: Record<string, unknown> = {};
    if (query.kind) where.kind = query.kind;
    if (query.regionCode) where.regionCode = { $like: `${query.regionCode.replace(/[%_]/g, '')}%` };
    const agencies = await this.em.find(Agency, where, { orderBy: { name: 'asc' } });
    return agencies.map(agencyView);
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
    return members.map((m) => ({ userId: m.user.id, name: m.user.name, role: m.role, since: m.createdAt.toISOString() }));
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
