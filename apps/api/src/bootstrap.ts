import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { INestApplication, NotFoundException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import {
  AppConfig,
  createRootLogger,
  createValidationPipe,
  PinoNestLogger,
  refuseUnstorableUrl,
  toErrorBody,
  verifyJsonBody,
} from '@app/common';
import { AppModule, RuntimeOptions } from './app.module';
import { RedisIoAdapter } from './modules/realtime';
import { mountWebClient } from './modules/web';
import { buildOpenApi } from './openapi';

export interface BuiltApp {
  app: INestApplication;
  logger: Logger;
}

/** Builds the whole application (used by main and by the tests alike). Does not listen. */
export async function buildApp(config: AppConfig, runtime: RuntimeOptions): Promise<BuiltApp> {
  const logger = createRootLogger(config.logLevel, undefined, config.logFormat);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, runtime), {
    bodyParser: false,
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  configureHttp(app, config, logger);

  if (config.redisUrl) {
    const adapter = new RedisIoAdapter(app, config.redisUrl);
    adapter.connect();
    app.useWebSocketAdapter(adapter);
  }
  await app.init();
  answerUnknownPaths(app);
  return { app, logger };
}

const redactToken = (url: string | undefined) => url?.replace(/token=[^&]+/g, 'token=[redacted]');

/**
 * Paths no route took (under `/api`, and outside it what the web client does not serve: other
 * methods, or every path when it is not built) answer the JSON error shape, not Express's HTML
 * page. Added after init, so it runs last.
 */
function answerUnknownPaths(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as { use(handler: (req: Request, res: Response) => void): void };
  express.use((req: Request, res: Response) => {
    const body = toErrorBody(new NotFoundException(`Cannot ${req.method} ${req.path}`));
    res.status(body.statusCode).json(body);
  });
}

function configureHttp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: logger.child({ component: 'http' }),
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // One readable line per request (`GET /api/me 200 12ms`); the fields stay for JSON readers.
      customSuccessMessage: (req, res, ms) => `${req.method} ${redactToken(req.url)} ${res.statusCode} ${Math.round(ms)}ms`,
      customErrorMessage: (req, res, err) => `${req.method} ${redactToken(req.url)} ${res.statusCode} ${err.message}`,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactToken(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: (e: Error) => ({ type: e?.name, message: e?.message }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'script-src': ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  app.enableCors({ origin: config.corsOrigins, credentials: true, exposedHeaders: ['x-request-id'] });
  // The one rule for strings and bodies (issue 14): a NUL in the URL, and a JSON body too deep, too
  // wide or carrying NUL / lone surrogates, are refused (400) before parsing, routing or guards.
  app.use(refuseUnstorableUrl);
  const json = express.json({ limit: config.bodyLimit, type: ['application/json', 'application/*+json'], verify: verifyJsonBody });
  // Bulk import streams its own body (CSV or a large JSON array), past the JSON limit.
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === '/api/innovations/import' ? next() : json(req, res, next)));
  // Body-parser failures (malformed JSON, too large) never reach Nest's filters: answer them here.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const body = toErrorBody(err);
    res.status(body.statusCode).json(body);
  });
  // The web client (built into dist/web) at /, with SPA fallback outside the server's prefixes.
  mountWebClient(app, logger.child({ component: 'web' }));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
