import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_CATALOGUE, ErrorCode } from './errors';

/** The body of every 4xx/5xx answer (the contract's error shape). */
export class ErrorResponse {
  @ApiProperty({ example: 404 })
  statusCode: number;
  @ApiProperty({ description: 'Stable upper-snake identifier from the error catalogue', example: 'NOT_FOUND' })
  code: string;
  @ApiProperty({ example: 'Thread not found' })
  message: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'Per-field problems, or what the code needs (e.g. retryAfterSeconds)',
  })
  details?: unknown[];
}

/**
 * Documents the error codes an operation can answer beyond the ones every operation has
 * (400 VALIDATION_FAILED, 401 UNAUTHENTICATED, 403 for role-restricted routes, which the spec
 * builder adds): one response per HTTP status, listing its codes.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_CATALOGUE[code], [...(byStatus.get(ERROR_CATALOGUE[code]) ?? []), code]);
  return applyDecorators(
    ...[...byStatus].map(([status, list]) =>
      ApiResponse({
        status,
        description: list.map((c) => `\`${c}\``).join(', '),
        type: ErrorResponse,
        // Every 429 carries the standard header (issue 14).
        ...(status === 429
          ? { headers: { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } } } }
          : {}),
      }),
    ),
  );
}

/** `{id, name}`: how a response names a person, unit, agency or thread next to its id. */
export class NamedRef {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
}

/** The body of a CSV-or-XLSX download (exports), for `@ApiOkResponse({ content })`. */
export const SPREADSHEET_CONTENT = {
  'text/csv': { schema: { type: 'string' } },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
};
