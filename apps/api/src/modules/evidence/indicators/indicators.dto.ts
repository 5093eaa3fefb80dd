import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIsoTime } from '@app/common';
import { IsDefined, IsIn, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';

export const DIRECTIONS = ['lower', 'higher'] as const;
export type Direction = (typeof DIRECTIONS)[number];
const NOT_BLANK = /\S/;
const FINITE = { allowNaN: false, allowInfinity: false };

export class IndicatorBaselineDto {
  @ApiProperty() @IsNumber(FINITE) value!: number;
  @ApiProperty({ description: 'ISO-8601 date or time of the baseline measurement' }) @IsIsoTime() at!: string;
  @ApiPropertyOptional({ maxLength: 300, description: 'where the figure comes from (e.g. SIAK, laporan tahunan)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  source?: string;
}

export class CreateIndicatorDto {
  @ApiProperty({ maxLength: 120, example: 'Waktu penyelesaian layanan' })
  @IsString()
  @MaxLength(120)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ maxLength: 40, example: 'hari' })
  @IsString()
  @MaxLength(40)
  @Matches(NOT_BLANK, { message: 'unit must not be blank' })
  unit!: string;

  @ApiProperty({ enum: DIRECTIONS, description: 'which way is better' }) @IsIn(DIRECTIONS) direction!: Direction;

  @ApiProperty({ type: IndicatorBaselineDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => IndicatorBaselineDto)
  baseline!: IndicatorBaselineDto;

  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE) target?: number;
}

export class CreateMeasurementDto {
  @ApiProperty() @IsNumber(FINITE) value!: number;
  @ApiProperty({ description: 'ISO-8601; not before the baseline, not in the future' }) @IsIsoTime() at!: string;
  @ApiPropertyOptional({ description: 'an attachment of the replication proving the figure' })
  @IsOptional()
  @IsUUID()
  attachmentId?: string;
}

export class CreateInnovationResultDto {
  @ApiProperty({ maxLength: 120 }) @IsString() @MaxLength(120) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name!: string;
  @ApiProperty({ maxLength: 40 }) @IsString() @MaxLength(40) @Matches(NOT_BLANK, { message: 'unit must not be blank' }) unit!: string;
  @ApiProperty({ enum: DIRECTIONS }) @IsIn(DIRECTIONS) direction!: Direction;
  @ApiProperty({ description: 'the figure before the innovation' }) @IsNumber(FINITE) before!: number;
  @ApiProperty({ description: 'the figure with the innovation' }) @IsNumber(FINITE) after!: number;
  @ApiPropertyOptional() @IsOptional() @IsIsoTime() measuredAt?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) source?: string;
}

export class IndicatorBaselineView {
  @ApiProperty() value!: number;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() source?: string;
}

export class MeasurementView {
  @ApiProperty() id!: string;
  @ApiProperty() indicatorId!: string;
  @ApiProperty() value!: number;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() attachmentId?: string;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
}

export class IndicatorView {
  @ApiProperty() id!: string;
  @ApiProperty() replicationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: string;
  @ApiProperty({ type: IndicatorBaselineView }) baseline!: IndicatorBaselineView;
  @ApiPropertyOptional() target?: number;
  @ApiProperty({ type: [MeasurementView], description: 'oldest first' }) measurements!: MeasurementView[];
  @ApiPropertyOptional({ type: MeasurementView, description: 'the most recent measurement' }) latest?: MeasurementView;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'latest against baseline in percent (null: no measurement yet, or a baseline of 0)',
  })
  changePercent!: number | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'did it move the good way' }) improved!: boolean | null;
}

export class IndicatorListView {
  @ApiProperty({ type: [IndicatorView] }) items!: IndicatorView[];
}

export class InnovationResultView {
  @ApiProperty() id!: string;
  @ApiProperty() innovationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: string;
  @ApiProperty() before!: number;
  @ApiProperty() after!: number;
  @ApiProperty({ nullable: true, type: Number }) changePercent!: number | null;
  @ApiPropertyOptional() measuredAt?: string;
  @ApiPropertyOptional() source?: string;
  @ApiProperty() createdAt!: string;
}

export class ImpactIndicatorView {
  @ApiProperty({ description: 'the name most replications use (indicators are grouped by name, case-insensitively, and unit)' })
  name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: string;
  @ApiProperty({ description: 'replications that track it' }) replications!: number;
  @ApiProperty({ description: 'of those, with a measurement and a non-zero baseline' }) measured!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'median relative change, percent (e.g. -71.4)' }) medianChangePercent!:
    number | null;
  @ApiProperty({ description: 'replications whose latest figure moved the good way' }) improved!: number;
}

export class ImpactReplicationsView {
  @ApiProperty({ description: 'replications not declined or withdrawn' }) total!: number;
  @ApiProperty() institutionalized!: number;
  @ApiProperty() withIndicators!: number;
}

export class ImpactView {
  @ApiProperty() innovationId!: string;
  @ApiProperty({ type: ImpactReplicationsView }) replications!: ImpactReplicationsView;
  @ApiProperty({ type: [ImpactIndicatorView] }) indicators!: ImpactIndicatorView[];
  @ApiProperty({ type: [InnovationResultView], description: 'the origin innovation’s own reported results, for comparison' })
  originResults!: InnovationResultView[];
}

export class ImpactStatsIndicatorView extends ImpactIndicatorView {
  @ApiProperty({ description: 'innovations whose replications track it' }) innovations!: number;
}

export class ImpactStatsView {
  @ApiProperty({ type: [ImpactStatsIndicatorView], description: 'the 100 most widely tracked indicators across all innovations' })
  indicators!: ImpactStatsIndicatorView[];
}
