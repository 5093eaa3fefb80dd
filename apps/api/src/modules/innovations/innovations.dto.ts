import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { QueryInt } from '@app/common';
import { INNOVATION_SORTS } from './innovation-query';
import type { InnovationSort } from './innovation-query';
import { INNOVATION_SOURCES, INNOVATION_STAGES, SUSTAINABILITY_STATUSES } from '@app/database';
import type { InnovationSource, InnovationStage, SustainabilityStatus } from '@app/database';

const NOT_BLANK = /\S/;
const SORT_VALUES = INNOVATION_SORTS.flatMap((k) => [k, `-${k}`]);
/** Kemendagri region code of a province (`73`) or regency/city (`73.71`); existence is checked against `regions`. */
export const REGION_CODE = /^\d{2}(\.\d{2})?$/;
const REGION_MESSAGE = 'regionCode must be a Kemendagri province or regency/city code like 73 or 73.71';
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** Query strings carry booleans as text; anything but true/false stays a string and fails @IsBoolean. */
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Fields shared by create and update (update has all optional). */
export class InnovationFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string | null;

  @ApiPropertyOptional({ description: 'urusan pemerintahan, e.g. kesehatan' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sector?: string | null;

  @ApiPropertyOptional({ example: '35.78', description: 'Kemendagri region code; defaults to the origin agency’s' })
  @IsOptional()
  @Matches(REGION_CODE, { message: REGION_MESSAGE })
  regionCode?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [Number], description: 'SDG goals 1..17' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(17)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(17, { each: true })
  sdgs?: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  digital?: boolean;

  @ApiPropertyOptional({ example: 'KIPP Top 45 2023' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  award?: string | null;

  @ApiPropertyOptional({ enum: INNOVATION_STAGES })
  @IsOptional()
  @IsIn(INNOVATION_STAGES)
  stage?: InnovationStage | null;

  @ApiPropertyOptional({ enum: SUSTAINABILITY_STATUSES })
  @IsOptional()
  @IsIn(SUSTAINABILITY_STATUSES)
  sustainability?: SustainabilityStatus | null;

  @ApiPropertyOptional({ description: 'id in the source system (natural key with source)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalId?: string | null;
}

export class CreateInnovationDto extends InnovationFieldsDto {
  @ApiProperty()
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(5_000)
  @Matches(NOT_BLANK, { message: 'summary must not be blank' })
  summary!: string;

  @ApiProperty()
  @IsUUID()
  unitId!: string;

  @ApiProperty({ enum: INNOVATION_SOURCES })
  @IsIn(INNOVATION_SOURCES)
  source!: InnovationSource;

  @ApiProperty()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
}

export class UpdateInnovationDto extends InnovationFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  @Matches(NOT_BLANK, { message: 'summary must not be blank' })
  summary?: string;

  @ApiPropertyOptional({ enum: INNOVATION_SOURCES })
  @IsOptional()
  @IsIn(INNOVATION_SOURCES)
  source?: InnovationSource;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
}

export class ListInnovationsQuery {
  @ApiPropertyOptional({ description: 'words; typos, accents and Indonesian affixes tolerated' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: INNOVATION_SOURCES })
  @IsOptional()
  @IsIn(INNOVATION_SOURCES)
  source?: InnovationSource;

  @QueryInt(MIN_YEAR, MAX_YEAR)
  year?: number;

  @ApiPropertyOptional({ description: 'a code also matches the regions below it (35 → 35.78)' })
  @IsOptional()
  @Matches(REGION_CODE, { message: REGION_MESSAGE })
  regionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sector?: string;

  @ApiPropertyOptional({ enum: INNOVATION_STAGES })
  @IsOptional()
  @IsIn(INNOVATION_STAGES)
  stage?: InnovationStage;

  @QueryInt(1, 17, { description: 'SDG goal 1..17' })
  sdg?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  digital?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'true adds `facets` (counts per source, year, province, sector, stage, sdg, digital)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  facets?: boolean;

  @ApiPropertyOptional({
    enum: SORT_VALUES,
    description: 'default: relevance with q, else -year; `-` = descending (for relevance: worst first)',
  })
  @IsOptional()
  @IsIn(SORT_VALUES, { message: `sort must be one of ${SORT_VALUES.join(', ')}` })
  sort?: InnovationSort;

  @QueryInt(1, 100, { default: 20 })
  limit?: number;

  @QueryInt(0, 100_000, { default: 0 })
  offset?: number;
}

const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/** The list's filters (no paging) plus the file format. */
export class ExportInnovationsQuery extends OmitType(ListInnovationsQuery, ['limit', 'offset', 'facets'] as const) {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}
