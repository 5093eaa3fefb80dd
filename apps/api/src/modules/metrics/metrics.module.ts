import { MiddlewareConsumer, Module, NestModule, OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { toErrorBody } from '@app/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsGate } from './metrics-gate.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics: HTTP requests by route template, and whatever features report through
 * MetricsService (the realtime and playbooks modules register their gauges themselves). It
 * depends on no feature module, so any of them may import it.
 */
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, MetricsGate, HttpMetricsMiddleware],
  exports: [MetricsService],
})
export class MetricsModule implements NestModule, OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly gate: MetricsGate,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  onModuleInit(): void {
    // `/metrics` outside the `/api` prefix, the path Prometheus expects by default. Registered
    // here (before Nest adds its not-found handler) on the underlying Express app.
    const http = this.adapterHost.httpAdapter;
    http.get('/metrics', (req: Request, res: Response) => {
      this.gate
        .check(req.headers.authorization)
        .then(() => this.metrics.render())
        .then(({ contentType, body }) => {
          res.setHeader('Content-Type', contentType);
          res.status(200).send(body);
        })
        .catch((error: unknown) => {
          const body = toErrorBody(error);
          res.status(body.statusCode).json(body);
        });
    });
  }
}
