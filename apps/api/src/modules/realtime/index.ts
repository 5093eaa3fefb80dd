// Public surface of the realtime module: what other modules may import.
export { RealtimeGateway, userRoom } from './realtime.gateway';
export type { RealtimeSocketData } from './realtime.gateway';
export { RedisIoAdapter } from './redis-io.adapter';
export { RealtimeModule } from './realtime.module';
