// Public surface of the metrics module: what other modules may import.
export { MetricsModule } from './metrics.module';
export { MetricsService } from './metrics.service';
export type { GaugeReader } from './metrics.service';
