import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { QueryInt, IsIsoTime, SortQuery } from '@app/common';
import { INNOVATION_SOURCES, INNOVATION_STAGES, SUSTAINABILITY_STATUSES } from '@app/database';

const NOT_BLANK = /\S/;

/** Which innovations a campaign asks about; every given field must match. */
export class CampaignFilterDto {
  @ApiPropertyOptional({ enum: INNOVATION_SOURCES }) @IsOptional() @IsIn(INNOVATION_SOURCES) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1900) @Max(2100) year?: number;
  @ApiPropertyOptional({ description: 'province (73) or regency/city (73.71) code; a province includes its regencies' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'regionCode must look like 73 or 73.71' })
  regionCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) sector?: string;
  @ApiPropertyOptional({ description: 'origin unit' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: INNOVATION_STAGES }) @IsOptional() @IsIn(INNOVATION_STAGES) stage?: string;
  @ApiPropertyOptional({ enum: SUSTAINABILITY_STATUSES }) @IsOptional() @IsIn(SUSTAINABILITY_STATUSES) sustainability?: string;
  @ApiPropertyOptional({ description: 'only innovations not confirmed since this time (never confirmed counts)' })
  @IsOptional()
  @IsIsoTime()
  verifiedBefore?: string;
  @ApiPropertyOptional({ type: [String], maxItems: 5000 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID(undefined, { each: true })
  innovationIds?: string[];
}

export class CreateCampaignDto {
  @ApiProperty({ maxLength: 200, example: 'Pemutakhiran data inovasi 2026' })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;
  @ApiProperty({ description: 'ISO-8601, in the future' }) @IsIsoTime() deadline!: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 60, default: 3, description: 'reminder this many days before the deadline (0: none)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  remindDaysBefore?: number;
  @ApiProperty({ type: CampaignFilterDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignFilterDto)
  filter!: CampaignFilterDto;
}

export class ContactDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{6,40}$/, { message: 'phone must be digits, spaces, +, ( ) or -' })
  phone?: string;
}

export class ConfirmInnovationDto {
  @ApiPropertyOptional({ enum: INNOVATION_STAGES }) @IsOptional() @IsIn(INNOVATION_STAGES) stage?: (typeof INNOVATION_STAGES)[number];
  @ApiPropertyOptional({ enum: SUSTAINABILITY_STATUSES })
  @IsOptional()
  @IsIn(SUSTAINABILITY_STATUSES)
  sustainability?: (typeof SUSTAINABILITY_STATUSES)[number];
  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export const ITEM_STATUSES = ['pending', 'confirmed', 'flagged'] as const;

export const CAMPAIGN_SORTS = ['created', 'deadline', 'title'] as const;

export class CampaignListQuery {
  @SortQuery(CAMPAIGN_SORTS, '-created', 'the 200 first in this order')
  sort?: string;
}

export const CAMPAIGN_ITEM_SORTS = ['unit', 'title', 'confirmed'] as const;

export class CampaignItemsQuery {
  @ApiPropertyOptional({ enum: ITEM_STATUSES }) @IsOptional() @IsIn(ITEM_STATUSES) status?: (typeof ITEM_STATUSES)[number];
  @SortQuery(CAMPAIGN_ITEM_SORTS, 'unit', '`unit`: unit name, then innovation title; `confirmed`: confirmation time, unconfirmed last')
  sort?: string;
  @QueryInt(1, 500, { default: 100 }) limit?: number;
  @QueryInt(0, Number.MAX_SAFE_INTEGER, { default: 0 }) offset?: number;
}

export class CampaignProgressView {
  @ApiProperty() total!: number;
  @ApiProperty() confirmed!: number;
  @ApiProperty() pending!: number;
  @ApiProperty({ description: 'pending items that were reminded' }) reminded!: number;
  @ApiProperty({ description: 'not confirmed by the deadline' }) flagged!: number;
  @ApiProperty({ description: 'origin units asked' }) units!: number;
  @ApiProperty({ description: 'origin units that confirmed all of theirs' }) unitsComplete!: number;
}

export class CampaignView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: CampaignFilterDto }) filter!: Record<string, unknown>;
  @ApiProperty() deadline!: string;
  @ApiProperty() remindDaysBefore!: number;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'set when the deadline passed and the rest was flagged' }) closedAt!:
    string | null;
  @ApiProperty({ type: CampaignProgressView }) progress!: CampaignProgressView;
}

export class CampaignListView {
  @ApiProperty({ type: [CampaignView] }) items!: CampaignView[];
}

export class CampaignItemView {
  @ApiProperty() campaignId!: string;
  @ApiProperty() innovationId!: string;
  @ApiProperty() innovationTitle!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ enum: ITEM_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) confirmedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) confirmedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) remindedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) flaggedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'what the confirmation changed' })
  changes!: Record<string, unknown> | null;
  @ApiPropertyOptional({ description: 'the campaign’s deadline (in /api/me/refresh-requests)' }) deadline?: string;
  @ApiPropertyOptional({ description: 'the campaign’s title (in /api/me/refresh-requests)' }) campaignTitle?: string;
}

export class CampaignItemListView {
  @ApiProperty({ type: [CampaignItemView] }) items!: CampaignItemView[];
  @ApiProperty() total!: number;
}
