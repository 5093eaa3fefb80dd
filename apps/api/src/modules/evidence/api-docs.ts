import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The contract's error body, as the evidence endpoints document it. */
export class EvidenceErrorBody {
  @ApiProperty() statusCode!: number;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } }) details?: unknown[];
}

/** Documents the error statuses of an endpoint with their stable codes, e.g. `{ 409: 'CHECKLIST_INCOMPLETE' }`. */
export function ApiErrors(errors: Record<number, string>) {
  return applyDecorators(...Object.entries(errors).map(([status, codes]) => ApiResponse({ status: Number(status), description: codes, type: EvidenceErrorBody })));
}

/** Every authenticated endpoint can answer these. */
export const SIGNED_IN = { 400: 'VALIDATION_FAILED', 401: 'UNAUTHENTICATED' } as const;
