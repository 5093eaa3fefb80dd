import { Global, Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime';
import { EmailSettingsController } from './email-settings.controller';
import { EmailSettingsService } from './email-settings.service';
import { InnovationFollows } from './innovation-follows.service';
import { NotificationDigest } from './notification-digest.service';
import { NotificationEmailer } from './notification-emailer.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { MailModule } from '../mail';

/**
 * Global: any feature can notify users (stored, pushed live through the realtime module, and
 * mailed at once or in the daily digest by the user's choice per type).
 */
@Global()
@Module({
  imports: [RealtimeModule, MailModule],
  controllers: [NotificationsController, EmailSettingsController],
  providers: [NotificationsService, NotificationEmailer, NotificationDigest, EmailSettingsService, InnovationFollows],
  exports: [NotificationsService, InnovationFollows, NotificationDigest],
})
export class NotificationsModule {}
