import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppError, ErrorBody } from './errors';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  423: 'LOCKED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Maps any thrown value to the contract's `{statusCode, code, message, details?}`; never leaks a stack. */
export function toErrorBody(exception: unknown): ErrorBody {
  // getResponse(), not body(): body-parser sets a `body` property (the raw text) on errors thrown from its `verify`.
  if (exception instanceof AppError) return exception.getResponse() as ErrorBody;
  if (exception instanceof ThrottlerException) {
    return { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests; try again later' };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    let message = exception.message;
    if (typeof response === 'object' && response && 'message' in response) {
      const m = (response as { message: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
    if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(message)) message = 'Route not found';
    return { statusCode: status, code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'), message };
  }
  // Errors raised by Express middleware (body parser) carry an HTTP status and a type.
  const e = exception as { status?: number; statusCode?: number; type?: string };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (e.type === 'entity.parse.failed') return { statusCode: 400, code: 'MALFORMED_JSON', message: 'Request body is not valid JSON' };
    if (e.type === 'entity.too.large') return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' };
    if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
      return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported body encoding' };
    }
    return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message: 'Bad request' };
  }
  if (isDatabaseDown(exception)) {
    return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'The database is not reachable; try again shortly' };
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' };
}

const DB_DOWN_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
];
const DB_DOWN_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|sorry, too many clients/i;

/** Connection-level database failures, also when wrapped (MikroORM DriverException, `cause`, AggregateError). */
function isDatabaseDown(exception: unknown, depth = 0): boolean {
  if (!exception || typeof exception !== 'object' || depth > 4) return false;
  const e = exception as { code?: unknown; name?: string; message?: string; cause?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string' && DB_DOWN_CODES.includes(e.code)) return true;
  if (e.name === 'ConnectionException') return true;
  if (DB_DOWN_MESSAGE.test(e.message ?? '')) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseDown(x, depth + 1))) return true;
  return isDatabaseDown(e.cause, depth + 1);
}

/** Every 429 carries the standard `Retry-After` (seconds): the error's own hint, else a minute. */
function retryAfterSeconds(body: ErrorBody): number {
  const hint = (body.details?.[0] as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof hint === 'number' && hint > 0 ? Math.ceil(hint) : 60;
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      // Name and message only: stack traces stay out of logs as well as responses.
      const err = exception as Error;
      const req = host.switchToHttp().getRequest<{ method?: string; path?: string }>();
      const line = `${req.method} ${req.path} -> ${body.statusCode} ${err?.name ?? 'Error'}: ${err?.message ?? String(exception)}`;
      if (body.statusCode === 503) this.logger.warn(line);
      else this.logger.error(line);
    }
    if (res.headersSent) return;
    if (body.statusCode === 429 && !res.getHeader('retry-after')) res.setHeader('Retry-After', String(retryAfterSeconds(body)));
    res.status(body.statusCode).json(body);
  }
}
