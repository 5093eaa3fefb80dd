import { applyDecorators, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AppError } from './errors';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The global pipe: strict DTOs, unknown properties rejected, errors in the catalogue's shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.length
        ? details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ')
        : 'Request body must be a JSON object';
      return new AppError('VALIDATION_FAILED', message, details);
    },
  });
}

/**
 * An optional whole number from the query string (`?limit=20`), within [min, max]: the query
 * arrives as text, so it is converted first. Documented in OpenAPI with its bounds.
 */
export function QueryInt(min: number, max: number, doc: { default?: number; description?: string } = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: min, maximum: max, ...doc }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );
}
