import { Global, MiddlewareConsumer, Module, NestModule, OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { Request, Response } from 'express';
import { toErrorBody } from '@app/common';
import { CollabDocuments } from '../playbooks/collab/collab-documents.service';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsGate } from './metrics-gate.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics: HTTP requests by route template, socket.io connections, and whatever
 * features report through MetricsService (collaboration documents and connections).
 */
@Global()
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
    private readonly realtime: RealtimeGateway,
    private readonly moduleRef: ModuleRef,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  onModuleInit(): void {
    this.metrics.readGauge('socketio_connections', 'socket.io connections on this node, by namespace', () => [
      { labels: { namespace: '/realtime' }, value: this.realtime.server?.sockets?.size ?? 0 },
    ], ['namespace']);
    this.metrics.readGauge('socketio_engine_clients', 'Engine.IO clients (all namespaces) on this node', () => {
      const engine = (this.realtime.server?.server as { engine?: { clientsCount?: number } } | undefined)?.engine;
      return engine?.clientsCount ?? 0;
    });
    // Collaboration gauges read from the live documents on each scrape (when the module is there).
    let collab: CollabDocuments | undefined;
    try {
      collab = this.moduleRef.get(CollabDocuments, { strict: false });
    } catch {
      collab = undefined;
    }
    if (collab) {
      const docs = collab.docs;
      this.metrics.readGauge('collab_documents', 'Playbook documents loaded in memory on this node', () => docs.size);
      this.metrics.readGauge('collab_connections', 'Open /collab (y-websocket) connections on this node', () => {
        let n = 0;
        for (const d of docs.values()) n += d.conns.size;
        return n;
      });
    }
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
