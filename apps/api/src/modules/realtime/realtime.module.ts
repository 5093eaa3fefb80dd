import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics';
import { RealtimeMetrics } from './realtime-metrics.provider';
import { RealtimeGateway } from './realtime.gateway';

/** The authenticated socket.io namespace `/realtime`; features push to users' rooms through it. */
@Module({
  imports: [MetricsModule],
  providers: [RealtimeGateway, RealtimeMetrics],
  exports: [RealtimeGateway],
})
export class RealtimeModule {}
