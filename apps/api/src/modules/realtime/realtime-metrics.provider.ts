import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../metrics';
import { RealtimeGateway } from './realtime.gateway';

/** socket.io gauges, read from the live server on every scrape. */
@Injectable()
export class RealtimeMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly realtime: RealtimeGateway,
  ) {}

  onModuleInit(): void {
    this.metrics.readGauge(
      'socketio_connections',
      'socket.io connections on this node, by namespace',
      () => [{ labels: { namespace: '/realtime' }, value: this.realtime.server?.sockets?.size ?? 0 }],
      ['namespace'],
    );
    this.metrics.readGauge('socketio_engine_clients', 'Engine.IO clients (all namespaces) on this node', () => {
      const engine = (this.realtime.server?.server as { engine?: { clientsCount?: number } } | undefined)?.engine;
      return engine?.clientsCount ?? 0;
    });
  }
}
