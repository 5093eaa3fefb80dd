// Public surface of the metrics module: what other modules may import.
export { MetricsService } from './metrics.service';
export type { GaugeReader } from './metrics.service';
export { MetricsModule } from './metrics.module';
