// Public surface of the notifications module: what other modules may import.
export { NOTIFICATION_TYPES, NotificationsService, notificationView } from './notifications.service';
export type { NotificationType } from './notifications.service';
export { InnovationFollows } from './innovation-follows.service';
export { NotificationDigest } from './notification-digest.service';
export { NotificationsModule } from './notifications.module';
