import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { QueryInt } from '@app/common';
import { DUPLICATE_SORTS } from './innovation-duplicates.service';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class ImportQuery {
  @ApiPropertyOptional({ description: 'true: validate and resolve everything, report what would happen, write nothing' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'true: agencies and units named in rows but missing are created (listed in the report)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  createMissing?: boolean;
}

export class DuplicatesQuery {
  @ApiPropertyOptional({ enum: DUPLICATE_SORTS, default: 'similarity' })
  @IsOptional()
  @IsIn(DUPLICATE_SORTS)
  sort?: (typeof DUPLICATE_SORTS)[number];

  @QueryInt(1, 100, { default: 20 })
  limit?: number;

  @QueryInt(0, 100_000, { default: 0 })
  offset?: number;
}

export class DuplicatePairResponse {
  @ApiProperty({ type: Object, description: 'an innovation view' }) a!: object;
  @ApiProperty({ type: Object, description: 'an innovation view' }) b!: object;
  @ApiProperty() similarity!: number;
  @ApiProperty() sameUnit!: boolean;
  @ApiProperty() sameRegion!: boolean;
}

export class DuplicatesPageResponse {
  @ApiProperty({ type: [DuplicatePairResponse] }) items!: DuplicatePairResponse[];
  @ApiProperty() total!: number;
}

export class LinkDuplicateDto {
  @ApiProperty({ description: 'the innovation that stays' })
  @IsUUID()
  primaryId!: string;

  @ApiProperty({ description: 'the innovation linked into it (keeps its row and source id, leaves lists)' })
  @IsUUID()
  duplicateId!: string;
}

export class DismissDuplicateDto {
  @ApiProperty({ type: [String], minItems: 2, maxItems: 2 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsUUID(undefined, { each: true })
  innovationIds!: [string, string];
}
