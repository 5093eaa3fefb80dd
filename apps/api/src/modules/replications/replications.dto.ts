import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { QueryInt } from '@app/common';
import { REPLICATION_MODELS, REPLICATION_STAGES } from '@app/database';
import type { ReplicationModel, ReplicationStage } from '@app/database';

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

  @QueryInt(1, 200, { default: 50 })
  limit?: number;

  @QueryInt(0, Number.MAX_SAFE_INTEGER, { default: 0 })
  offset?: number;
}

export const STATS_GROUPS = ['stage', 'region', 'innovation'] as const;

export class StatsQuery {
  @ApiProperty({ enum: STATS_GROUPS })
  @IsIn(STATS_GROUPS)
  groupBy!: (typeof STATS_GROUPS)[number];
}

export class TopQuery {
  @QueryInt(1, 100, { default: 10 })
  limit?: number;
}
