import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { QueryInt, SortQuery } from '@app/common';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const DIRECTORY_SORTS = ['relevance', 'name', 'created'] as const;

export class DirectoryQuery {
  @ApiPropertyOptional({ description: 'Part of a name (accents and case ignored)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Only members of this unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @SortQuery(
    DIRECTORY_SORTS,
    'relevance',
    '`relevance`: names starting with `q` first, then by name (without `q` the same as `name`); `created`: account creation',
  )
  sort?: string;

  @QueryInt(1, 50)
  limit?: number;
}

export class DirectoryUnitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: string;
}

export class DirectoryPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Jabatan' }) position: string | null;
  @ApiPropertyOptional({ description: 'Only for admins and the person themself' }) email?: string;
  @ApiPropertyOptional({ type: [String], description: 'Platform roles; only for admins' }) roles?: string[];
  @ApiProperty({ type: [DirectoryUnitDto] }) units: DirectoryUnitDto[];
}

export class DirectoryDto {
  @ApiProperty({ type: [DirectoryPersonDto] }) items: DirectoryPersonDto[];
}

export class UpdateProfileDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Jabatan; null clears it' })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  position?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Digits, spaces, +, -, (); null clears it' })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^\+?[0-9 ()-]{6,30}$/, { message: 'phone must be a phone number' })
  phone?: string | null;
}

export class ProfileDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() emailVerified: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) position: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Download at GET /api/attachments/:id' }) avatarAttachmentId:
    string | null;
  @ApiProperty({ type: [DirectoryUnitDto] }) units: DirectoryUnitDto[];
}
