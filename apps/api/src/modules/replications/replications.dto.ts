import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { QueryInt } from '@app/common';
import { REPLICATION_MODELS, REPLICATION_STAGES } from '@app/database';
import type { ReplicationModel, ReplicationStage } from '@app/database';

export const REPLICATION_SORTS = ['created', 'updated', 'stage'] as const;
const REPLICATION_SORT_VALUES = REPLICATION_SORTS.flatMap((k) => [k, `-${k}`] as const);

export class CreateReplicationDto {
  @ApiProperty()
  @IsUUID()
  replicatingUnitId!: string;

  @ApiPropertyOptional({ enum: REPLICATION_MODELS, description: 'default mandiri, or fasilitasi when facilitatorUnitId is given' })
  @IsOptional()
  @IsIn(REPLICATION_MODELS)
  model?: ReplicationModel;

  @ApiPropertyOptional({ description: 'the facilitator (fasilitator / JIPP hub); required for model fasilitasi' })
  @IsOptional()
  @IsUUID()
  facilitatorUnitId?: string;

  @ApiPropertyOptional({ description: 'the replication of the same innovation this one learned from (lineage)' })
  @IsOptional()
  @IsUUID()
  sourceReplicationId?: string;
}

export class ReplicationTransitionDto {
  @ApiProperty({ enum: REPLICATION_STAGES })
  @IsIn(REPLICATION_STAGES)
  to!: ReplicationStage;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'curators and admins: move although required checklist items are open (note required; audited)' })
  @IsOptional()
  @IsBoolean()
  override?: boolean;
}

export class ListReplicationsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  innovationId?: string;

  @ApiPropertyOptional({ description: 'origin, replicating or facilitator unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: REPLICATION_STAGES })
  @IsOptional()
  @IsIn(REPLICATION_STAGES)
  stage?: ReplicationStage;

  @ApiPropertyOptional({ enum: REPLICATION_SORT_VALUES, default: '-updated' })
  @IsOptional()
  @IsIn(REPLICATION_SORT_VALUES, { message: `sort must be one of ${REPLICATION_SORT_VALUES.join(', ')}` })
  sort?: (typeof REPLICATION_SORT_VALUES)[number];

  @QueryInt(1, 200, { default: 50 })
  limit?: number;

  @QueryInt(0, Number.MAX_SAFE_INTEGER, { default: 0 })
  offset?: number;
}

const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

export class ExportReplicationsQuery extends OmitType(ListReplicationsQuery, ['limit', 'offset'] as const) {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}

export const MENTORSHIP_STATES = ['PROPOSED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'DECLINED', 'CANCELLED'] as const;

export class ExportMentorshipsQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];

  @ApiPropertyOptional({ enum: MENTORSHIP_STATES })
  @IsOptional()
  @IsIn(MENTORSHIP_STATES)
  state?: (typeof MENTORSHIP_STATES)[number];

  @ApiPropertyOptional({ description: 'origin, replicating or facilitator unit of the replication' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export const STATS_GROUPS = ['stage', 'region', 'innovation', 'province', 'year', 'source'] as const;

export class StatsQuery {
  @ApiProperty({ enum: STATS_GROUPS })
  @IsIn(STATS_GROUPS)
  groupBy!: (typeof STATS_GROUPS)[number];
}

export class TopQuery {
  @QueryInt(1, 100, { default: 10 })
  limit?: number;
}
