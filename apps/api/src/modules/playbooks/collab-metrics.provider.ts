import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../metrics';
import { CollabDocuments } from './collab/collab-documents.service';

/**
 * Collaboration gauges, read from the live documents on every scrape. Registered here, where
 * the documents live, so the metrics module needs to know nothing about playbooks.
 */
@Injectable()
export class CollabMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly collab: CollabDocuments,
  ) {}

  onModuleInit(): void {
    this.metrics.readGauge('collab_documents', 'Playbook documents loaded in memory on this node', () => this.collab.docs.size);
    this.metrics.readGauge('collab_connections', 'Open /collab (y-websocket) connections on this node', () =>
      this.collab.connectionCount(),
    );
  }
}
