import { ValidationError, ValidationPipe } from '@nestjs/common';
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
