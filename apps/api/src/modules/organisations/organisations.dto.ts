import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AGENCY_KINDS, Agency, type AgencyKind, PLATFORM_ROLES, type PlatformRole, Unit, UNIT_ROLES, type UnitRole } from '@app/database';
import { IsUUID } from 'class-validator';

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

export class ListAgenciesQuery {
  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  regionCode?: string;
}

export const agencyView = (a: Agency) => ({ id: a.id, name: a.name, kind: a.kind, regionCode: a.regionCode ?? null, createdAt: a.createdAt.toISOString() });
export const unitView = (u: Unit) => ({ id: u.id, agencyId: u.agency.id, name: u.name, createdAt: u.createdAt.toISOString() });
