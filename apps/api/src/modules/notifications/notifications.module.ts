import { Global, Module } from '@nestjs/common';
import { EmailSettingsController } from './email-settings.controller';
import { EmailSettingsService } from './email-settings.service';
import { InnovationFollows } from './innovation-follows.service';
import { NotificationDigest } from './notification-digest.service';
import { NotificationEmailer } from './notification-emailer.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Global: any feature can notify users. Notifications also go out by mail (immediate or digest). */
@Global()
@Module({
  controllers: [NotificationsController, EmailSettingsController],
  providers: [NotificationsService, NotificationEmailer, NotificationDigest, EmailSettingsService, InnovationFollows],
  exports: [NotificationsService, InnovationFollows, NotificationDigest],
})
export class NotificationsModule {}
