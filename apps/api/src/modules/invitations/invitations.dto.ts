import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SortQuery } from '@app/common';
import { UNIT_ROLES } from '@app/database';
import type { UnitRole } from '@app/database';
import { SignedInDto } from '../auth';

export class CreateInvitationDto {
  @ApiProperty({ example: 'staf@instansi.go.id' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: UNIT_ROLES })
  @IsIn(UNIT_ROLES)
  role: UnitRole;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the mailed link' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;

  @ApiPropertyOptional({ description: 'Needed when the invitation creates the account' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ minLength: 8, description: 'Needed when the invitation creates the account' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;
}

export class InvitationDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: UNIT_ROLES }) role: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'revoked', 'expired'] }) status: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) acceptedAt: string | null;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto] }) items: InvitationDto[];
}

export class AcceptedInvitationDto extends SignedInDto {
  @ApiProperty({ description: 'The unit joined' }) unitId: string;
  @ApiProperty({ enum: UNIT_ROLES }) role: string;
}

export interface InvitationRow {
  id: string;
  unit_id: string;
  email: string;
  role: UnitRole;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

export function toInvitation(r: InvitationRow): InvitationDto {
  const status = r.accepted_at ? 'accepted' : r.revoked_at ? 'revoked' : new Date(r.expires_at) <= new Date() ? 'expired' : 'pending';
  return {
    id: r.id,
    email: r.email,
    role: r.role,
    expiresAt: new Date(r.expires_at).toISOString(),
    unitId: r.unit_id,
    status,
    createdAt: new Date(r.created_at).toISOString(),
    acceptedAt: r.accepted_at ? new Date(r.accepted_at).toISOString() : null,
  };
}

export const INVITATION_SORTS = ['created', 'email', 'expires'] as const;

export class InvitationListQuery {
  @SortQuery(INVITATION_SORTS, '-created')
  sort?: string;
}
