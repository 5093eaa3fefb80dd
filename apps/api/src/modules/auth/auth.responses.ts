import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '@app/common';

/** A signed-in account as the API shows it (never a password hash). */
export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], example: ['user'] }) roles: string[];
  @ApiProperty({ description: 'The address was confirmed through the mailed link' }) emailVerified: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuthTokensResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Single use: refreshing spends it and returns a new pair' }) refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}

export class MembershipResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: string;
  @ApiProperty({ type: NamedRef }) unit: NamedRef;
  @ApiProperty({ type: NamedRef }) agency: NamedRef;
}

export class MeResponse extends UserResponse {
  @ApiProperty({ type: String, nullable: true }) position: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) avatarAttachmentId: string | null;
  @ApiProperty({ type: [MembershipResponse] }) memberships: MembershipResponse[];
}
