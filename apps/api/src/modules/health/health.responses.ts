import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' }) status: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Checks that are up (database, redis)' }) info?: Record<
    string,
    unknown
  >;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Checks that are down' }) error?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String], example: ['redis'], description: 'Still serving, without cross-node fan-out' })
  degraded?: string[];
}
