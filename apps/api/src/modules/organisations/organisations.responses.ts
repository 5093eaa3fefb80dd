import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '@app/common';
import { AGENCY_KINDS } from '@app/database';

export class AgencyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true, example: '33.74' }) regionCode: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AgencyWithUnitsResponse extends AgencyResponse {
  @ApiProperty({ type: [UnitResponse] }) units: UnitResponse[];
}

export class AgencyPageResponse {
  @ApiProperty({ type: [AgencyResponse] }) items: AgencyResponse[];
  @ApiProperty({ description: 'Matches in all, not only on this page' }) total: number;
}

export class UnitListItemResponse extends UnitResponse {
  @ApiProperty({ type: NamedRef }) agency: NamedRef;
}

export class UnitPageResponse {
  @ApiProperty({ type: [UnitListItemResponse] }) items: UnitListItemResponse[];
  @ApiProperty() total: number;
}

export class UnitDetailResponse extends UnitResponse {
  @ApiProperty({ type: AgencyResponse }) agency: AgencyResponse;
  @ApiProperty() memberCount: number;
}

export class UnitMemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: string;
  @ApiProperty({ format: 'date-time' }) since: string;
}

export class MembershipChangeResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: string;
}

export class UserRolesResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) roles: string[];
}

/** A person by name, as anyone signed in may see them. */
export class PersonResponse extends NamedRef {}
