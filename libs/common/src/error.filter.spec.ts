import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { toErrorBody } from './error.filter';
import { AppError } from './errors';

describe('toErrorBody', () => {
  it('keeps an AppError as it is', () => {
    expect(toErrorBody(new AppError('THREAD_LOCKED', 'Thread is locked'))).toEqual({ statusCode: 423, code: 'THREAD_LOCKED', message: 'Thread is locked' });
  });

  it('maps framework exceptions to stable codes', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /api/x'))).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'Route not found' });
    expect(toErrorBody(new ForbiddenException())).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect(toErrorBody(new BadRequestException(['a', 'b']))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'a; b' });
    expect(toErrorBody(new ThrottlerException())).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
  });

  it('maps body-parser errors', () => {
    expect(toErrorBody(Object.assign(new Error('x'), { status: 400, type: 'entity.parse.failed' }))).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    expect(toErrorBody(Object.assign(new Error('x'), { status: 413, type: 'entity.too.large' }))).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers 503 when the database is unreachable and 500 otherwise, never with internals', () => {
    expect(toErrorBody(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    const body = toErrorBody(new TypeError('secret internals at /srv/app.js:1'));
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
  });
});
