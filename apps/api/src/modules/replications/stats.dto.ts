import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const INNOVATION_STATS_GROUPS = ['year', 'source', 'province', 'sector'] as const;

export class InnovationStatsQuery {
  @ApiProperty({ enum: INNOVATION_STATS_GROUPS })
  @IsIn(INNOVATION_STATS_GROUPS)
  groupBy!: (typeof INNOVATION_STATS_GROUPS)[number];
}

export class TimelineQuery {
  @ApiPropertyOptional({ enum: ['month', 'year'], default: 'month' })
  @IsOptional()
  @IsIn(['month', 'year'])
  interval?: 'month' | 'year';
}

export class StatRowResponse {
  @ApiProperty() key!: string;
  @ApiProperty() count!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'region/province name, or innovation title' }) label?: string | null;
  @ApiPropertyOptional({ description: 'innovation rows: replications straight from the origin' }) direct?: number;
  @ApiPropertyOptional({ description: 'innovation rows: replications learned from another replication' }) indirect?: number;
}

export class TimelineRowResponse {
  @ApiProperty({ example: '2026-08' }) period!: string;
  @ApiProperty() proposed!: number;
  @ApiProperty() agreed!: number;
  @ApiProperty() institutionalized!: number;
  @ApiProperty() innovationsAdded!: number;
}
