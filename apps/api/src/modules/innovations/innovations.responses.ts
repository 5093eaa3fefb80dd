import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '@app/common';

export class InnovationVerificationResponse {
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) notVerifiedSince: string | null;
}

export class RegionProvinceRef {
  @ApiProperty({ example: '73' }) code: string;
  @ApiProperty({ type: String, nullable: true, example: 'Sulawesi Selatan' }) name: string | null;
}

export class InnovationRegionRef {
  @ApiProperty({ example: '73.71' }) code: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Kota Makassar',
    description: 'null for a code Kemendagri does not list (older data)',
  })
  name: string | null;
  @ApiProperty({ type: RegionProvinceRef }) province: RegionProvinceRef;
}

export class InnovationSourceIdRef {
  @ApiProperty({ format: 'uuid' }) innovationId: string;
  @ApiProperty() source: string;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
}

export class InnovationLineageCredit {
  @ApiProperty({ description: 'replications (not declined or withdrawn) reached through the lineage chain' }) total: number;
  @ApiProperty({ description: 'straight from the origin unit' }) direct: number;
  @ApiProperty({ description: 'learned from another replication' }) indirect: number;
  @ApiProperty({ description: 'longest chain' }) generations: number;
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
  @ApiProperty({ type: InnovationRegionRef, nullable: true }) region: InnovationRegionRef | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set when linked into another innovation as a duplicate' })
  mergedIntoId: string | null;
  @ApiPropertyOptional({ type: [InnovationSourceIdRef], description: 'single reads: every source id it is known by' })
  sourceIds?: InnovationSourceIdRef[];
  @ApiPropertyOptional({ type: InnovationLineageCredit, description: 'single reads' }) lineage?: InnovationLineageCredit;
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
  @ApiProperty({ type: InnovationVerificationResponse }) verification: InnovationVerificationResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description: 'Contact person for replicating units',
  })
  contact: Record<string, string> | null;
  @ApiPropertyOptional({ description: 'Relevance, when searched with q' }) score?: number;
}

export class FacetCountResponse {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'province buckets: the province name' }) label?: string | null;
}

export class InnovationPageResponse {
  @ApiProperty({ type: [InnovationResponse] }) items: InnovationResponse[];
  @ApiProperty() total: number;
  @ApiPropertyOptional({ enum: ['all', 'any'], description: 'With q: whether every word matched, or (nothing matching all) any' }) match?:
    'all' | 'any';
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/FacetCountResponse' } },
    description: 'With facets=true: counts per source, year, province, sector, stage, sdg, digital',
  })
  facets?: Record<string, FacetCountResponse[]>;
}

export class ImportFailureResponse {
  @ApiProperty({ description: 'Record number, from 1 (the header is not a record)' }) row: number;
  @ApiPropertyOptional({ description: 'line (CSV, JSON) or spreadsheet row (XLSX) where the record starts' }) line?: number;
  @ApiPropertyOptional() field?: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

export class ImportCreatedOrgResponse {
  @ApiProperty({ enum: ['agency', 'unit'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() agencyName?: string;
  @ApiProperty({ description: 'the first record that needed it' }) row: number;
}

export class ImportReportResponse {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty({ type: [ImportFailureResponse] }) failed: ImportFailureResponse[];
  @ApiPropertyOptional({ description: 'Failures beyond the listed ones' }) failedNotListed?: number;
  @ApiProperty({ description: 'records read' }) rows: number;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({
    type: [ImportCreatedOrgResponse],
    description: 'agencies and units created (createMissing=true); in a dry run, those it would create',
  })
  createdOrganisations: ImportCreatedOrgResponse[];
}
