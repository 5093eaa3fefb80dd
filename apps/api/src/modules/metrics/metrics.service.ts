import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A gauge whose value is read when Prometheus scrapes (no timers, no stale pushes). */
export type GaugeReader = () => number | Array<{ labels: Record<string, string>; value: number }>;

/**
 * The process's Prometheus registry. Features record their own figures through it:
 * `metrics.gauge('collab_documents', 'Documents loaded').set(n)`, or
 * `metrics.readGauge('collab_documents', 'Documents loaded', () => docs.size)` to have the value
 * read on every scrape. Names get the `jippnas_` prefix; a name is created once and reused.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly gauges = new Map<string, Gauge<string>>();
  private readonly counters = new Map<string, Counter<string>>();
  private readonly readers = new Map<string, GaugeReader>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'jippnas_' });
    this.httpRequests = new Counter({
      name: 'jippnas_http_requests_total',
      help: 'HTTP requests by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'jippnas_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    // Declared up front so dashboards and alerts find them even before the feature reports.
    this.gauge('collab_connections', 'Open /collab (y-websocket) connections on this node');
    this.gauge('collab_documents', 'Playbook documents loaded in memory on this node');
  }

  /** A gauge by short name (without the `jippnas_` prefix), created on first use. */
  gauge(name: string, help = name, labelNames: string[] = []): Gauge<string> {
    const existing = this.gauges.get(name);
    if (existing) return existing;
    const readers = this.readers;
    const gauge = new Gauge<string>({
      name: `jippnas_${name}`,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        const read = readers.get(name);
        if (!read) return;
        const value = safeRead(read);
        if (typeof value === 'number') {
          this.set(value);
        } else {
          this.reset();
          for (const v of value) this.set(v.labels, v.value);
        }
      },
    });
    this.gauges.set(name, gauge);
    return gauge;
  }

  /** Has the gauge read by `read` on every scrape (replaces an earlier reader of that name). */
  readGauge(name: string, help: string, read: GaugeReader, labelNames: string[] = []): Gauge<string> {
    const gauge = this.gauge(name, help, labelNames);
    this.readers.set(name, read);
    return gauge;
  }

  /** A counter by short name (without the `jippnas_` prefix), created on first use. */
  counter(name: string, help = name, labelNames: string[] = []): Counter<string> {
    const existing = this.counters.get(name);
    if (existing) return existing;
    const counter = new Counter<string>({ name: `jippnas_${name}`, help, labelNames, registers: [this.registry] });
    this.counters.set(name, counter);
    return counter;
  }

  /** Records one finished HTTP request. `route` must be a template (bounded cardinality). */
  recordHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  /** The exposition text Prometheus scrapes. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** A reader that throws must not break the whole scrape. */
function safeRead(read: GaugeReader): ReturnType<GaugeReader> {
  try {
    return read();
  } catch {
    return 0;
  }
}
