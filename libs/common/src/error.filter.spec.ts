import { Writable } from 'node:stream';
import { ArgumentsHost, BadRequestException, ForbiddenException, Logger, NotFoundException } from '@nestjs/common';
import pino from 'pino';
import { ThrottlerException } from '@nestjs/throttler';
import { ErrorFilter, toErrorBody } from './error.filter';
import { createRootLogger, PinoNestLogger } from './logger';
import { AppError } from './errors';

describe('toErrorBody', () => {
  it('keeps an AppError as it is', () => {
    expect(toErrorBody(new AppError('THREAD_LOCKED', 'Thread is locked'))).toEqual({
      statusCode: 423,
      code: 'THREAD_LOCKED',
      message: 'Thread is locked',
    });
  });

  it('maps framework exceptions to stable codes', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /api/x'))).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Route not found',
    });
    expect(toErrorBody(new ForbiddenException())).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect(toErrorBody(new BadRequestException(['a', 'b']))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'a; b' });
    expect(toErrorBody(new ThrottlerException())).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
  });

  it('maps body-parser errors', () => {
    expect(toErrorBody(Object.assign(new Error('x'), { status: 400, type: 'entity.parse.failed' }))).toMatchObject({
      statusCode: 400,
      code: 'MALFORMED_JSON',
    });
    expect(toErrorBody(Object.assign(new Error('x'), { status: 413, type: 'entity.too.large' }))).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('answers 503 when the database is unreachable and 500 otherwise, never with internals', () => {
    expect(toErrorBody(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
    });
    const body = toErrorBody(new TypeError('secret internals at /srv/app.js:1'));
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
  });
});

describe('ErrorFilter logging', () => {
  it('logs a 500 by request, type and message, with no stack trace', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    Logger.overrideLogger(new PinoNestLogger(pino({ level: 'info' }, sink)));
    try {
      const res = { headersSent: false, status: jest.fn().mockReturnThis(), json: jest.fn() };
      const host = {
        getType: () => 'http',
        switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ method: 'GET', path: '/api/x' }) }),
      } as unknown as ArgumentsHost;
      new ErrorFilter().catch(new TypeError('boom'), host);
      expect(res.status).toHaveBeenCalledWith(500);
      expect(lines.join('')).toContain('GET /api/x -> 500 TypeError: boom');
      expect(lines.join('')).not.toMatch(/\n\s+at |error\.filter\.spec/);
    } finally {
      Logger.overrideLogger(false as never);
    }
  });

  it('the root logger writes errors without their stack and redacts secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    createRootLogger('info', sink).error({ err: new Error('kaput'), password: 'rahasia' }, 'failed');
    const line = JSON.parse(lines[0]!);
    expect(line.err).toEqual({ type: 'Error', message: 'kaput' });
    expect(line.password).toBe('[redacted]');
  });
});

describe('PinoNestLogger', () => {
  it("keeps Nest's route table and module list out of the info level", () => {
    const lines: { level: number; msg: string }[] = [];
    const sink = { write: (line: string) => lines.push(JSON.parse(line)) };
    const nest = new PinoNestLogger(pino({ level: 'info' }, sink));
    nest.log('Mapped {/api/me, GET} route', 'RouterExplorer');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('collaboration socket ready', 'CollabServer');
    expect(lines.map((l) => l.msg)).toEqual(['collaboration socket ready']);
  });
});
