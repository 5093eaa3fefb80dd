import { Global, Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Global: any feature can notify users (stored, and pushed live through the realtime module). */
@Global()
@Module({
  imports: [RealtimeModule],
  controllers: [NotificationsController],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
