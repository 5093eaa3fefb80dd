import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '@app/common';
import { REPLICATION_MODELS, REPLICATION_STAGES } from '@app/database';

export class InnovationRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class ReplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) innovationId: string;
  @ApiProperty() innovationTitle: string;
  @ApiProperty({ type: InnovationRef }) innovation: InnovationRef;
  @ApiProperty({ format: 'uuid' }) originUnitId: string;
  @ApiProperty({ format: 'uuid' }) replicatingUnitId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) facilitatorUnitId: string | null;
  @ApiProperty({ type: NamedRef }) originUnit: NamedRef;
  @ApiProperty({ type: NamedRef }) replicatingUnit: NamedRef;
  @ApiProperty({ type: NamedRef, nullable: true }) facilitatorUnit: NamedRef | null;
  @ApiProperty({ enum: REPLICATION_MODELS }) model: string;
  @ApiProperty({ enum: REPLICATION_STAGES }) stage: string;
  @ApiProperty({ enum: REPLICATION_STAGES, isArray: true, description: 'Stages the state machine allows next' }) nextStages: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) playbookId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the replication of the same innovation this one learned from',
  })
  sourceReplicationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ReplicationHistoryEntry {
  @ApiProperty({ enum: REPLICATION_STAGES, nullable: true, type: String }) from: string | null;
  @ApiProperty({ enum: REPLICATION_STAGES }) to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: NamedRef, nullable: true }) actor: NamedRef | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ReplicationLineageStep {
  @ApiProperty({ format: 'uuid' }) replicationId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: REPLICATION_STAGES }) stage: string;
}

export class ReplicationLineageOrigin {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
}

export class ReplicationLineage {
  @ApiProperty({ format: 'uuid' }) innovationId: string;
  @ApiProperty({ type: ReplicationLineageOrigin, description: 'the innovation’s origin unit, always credited' })
  origin: ReplicationLineageOrigin;
  @ApiProperty({ type: [ReplicationLineageStep], description: 'the replications it learned from, oldest first, ending with this one' })
  chain: ReplicationLineageStep[];
  @ApiProperty({ type: [ReplicationLineageStep], description: 'replications that learned from this one' })
  derived: ReplicationLineageStep[];
}

export class ReplicationDetailResponse extends ReplicationResponse {
  @ApiProperty({ type: ReplicationLineage }) lineage: ReplicationLineage;
  @ApiProperty({ type: [ReplicationHistoryEntry] }) history: ReplicationHistoryEntry[];
}

export class ReplicationPageResponse {
  @ApiProperty({ type: [ReplicationResponse] }) items: ReplicationResponse[];
  @ApiProperty() total: number;
}

export class ReplicationStatResponse {
  @ApiProperty({ description: 'The stage, the region code (NONE for national bodies) or the innovation id' }) key: string;
  @ApiProperty() count: number;
  @ApiProperty({
    required: false,
    type: String,
    nullable: true,
    description: "groupBy=innovation: the innovation's title; region/province: its Kemendagri name",
  })
  label?: string | null;
  @ApiProperty({ required: false, description: 'groupBy=innovation: replications straight from the origin' }) direct?: number;
  @ApiProperty({ required: false, description: 'groupBy=innovation: replications learned from another replication' }) indirect?: number;
}

export class TopInnovationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() source: string;
  @ApiProperty() year: number;
  @ApiProperty() replicationCount: number;
}
