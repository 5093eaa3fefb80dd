import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AGENCY_KINDS, Agency, type AgencyKind, PLATFORM_ROLES, type PlatformRole, Unit, UNIT_ROLES, type UnitRole } from '@app/database';
import { IsUUID } from 'class-validator';
import { iso, QueryInt, SortQuery } from '@app/common';
import type { AgencyResponse, UnitResponse } from './organisations.responses';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Kemendagri region code: "33", "33.74", "33.74.01", "33.74.01.1001". */
export const REGION_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export class CreateAgencyDto {
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @IsIn(AGENCY_KINDS)
  kind: AgencyKind;

  @IsOptional()
  @IsString()
  @Matches(REGION_CODE, { message: 'regionCode must be a Kemendagri region code such as 33 or 33.74' })
  regionCode?: string;
}

export class CreateUnitDto {
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;
}

export class AddMemberDto {
  @IsUUID()
  userId: string;

  @IsIn(UNIT_ROLES)
  role: UnitRole;
}

export class SetRolesDto {
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(PLATFORM_ROLES, { each: true })
  roles: PlatformRole[];
}

export const AGENCY_SORTS = ['name', 'created', 'kind', 'region'] as const;
export const UNIT_SORTS = ['agency', 'name', 'created'] as const;

export class ListAgenciesQuery {
  /** Words of the name, in any order, case- and accent-insensitive. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @SortQuery(AGENCY_SORTS, 'name', '`region`: Kemendagri code')
  sort?: string;

  @QueryInt(1, 500, { default: 100 })
  limit?: number;

  @QueryInt(0, 1_000_000, { default: 0 })
  offset?: number;

  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  regionCode?: string;
}

export class ListUnitsQuery {
  /** Words of the unit's or its agency's name. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @SortQuery(UNIT_SORTS, 'agency', '`agency`: by agency name, then unit name')
  sort?: string;

  @QueryInt(1, 500, { default: 100 })
  limit?: number;

  @QueryInt(0, 1_000_000, { default: 0 })
  offset?: number;
}

export const agencyView = (a: Agency): AgencyResponse => ({
  id: a.id,
  name: a.name,
  kind: a.kind,
  regionCode: a.regionCode ?? null,
  createdAt: iso(a.createdAt),
});
export const unitView = (u: Unit): UnitResponse => ({ id: u.id, agencyId: u.agency.id, name: u.name, createdAt: iso(u.createdAt) });
