import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '@app/common';

export class InnovationVerificationResponse {
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) notVerifiedSince: string | null;
}

export class InnovationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ format: 'uuid', description: 'The origin unit' }) unitId: string;
  @ApiProperty({ type: NamedRef }) unit: NamedRef;
  @ApiProperty({ type: NamedRef }) agency: NamedRef;
  @ApiProperty({ type: String, nullable: true, example: '35.78' }) regionCode: string | null;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['KIPP', 'IGA', 'INNOLAND', 'OTHER'] }) source: string;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'KIPP Top 45 2023' }) award: string | null;
  @ApiProperty({ type: String, nullable: true }) sector: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) digital: boolean | null;
  @ApiProperty({ type: [Number] }) sdgs: number[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: String, nullable: true }) stage: string | null;
  @ApiProperty({ type: String, nullable: true }) sustainability: string | null;
  @ApiProperty({ description: 'Replications not declined or withdrawn' }) replicationCount: number;
  @ApiProperty() demo: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: InnovationVerificationResponse, description: 'Data refresh: when last confirmed, and since when it is overdue' })
  verification: InnovationVerificationResponse;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'Contact confirmed in a data refresh campaign' })
  contact: Record<string, unknown> | null;
  @ApiPropertyOptional({ description: 'Relevance, when searched with q' }) score?: number;
}

export class FacetCountResponse {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
}

export class InnovationPageResponse {
  @ApiProperty({ type: [InnovationResponse] }) items: InnovationResponse[];
  @ApiProperty() total: number;
  @ApiPropertyOptional({ enum: ['all', 'any'], description: 'With q: whether every word matched, or (nothing matching all) any' }) match?: 'all' | 'any';
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/FacetCountResponse' } },
    description: 'With facets=true: counts per source, year, province, sector, stage, sdg, digital',
  })
  facets?: Record<string, FacetCountResponse[]>;
}

export class ImportFailureResponse {
  @ApiProperty({ description: 'Record number, from 1 (the header is not a record)' }) row: number;
  @ApiPropertyOptional() field?: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

export class ImportReportResponse {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty({ type: [ImportFailureResponse] }) failed: ImportFailureResponse[];
  @ApiPropertyOptional({ description: 'Failures beyond the listed ones' }) failedNotListed?: number;
}
