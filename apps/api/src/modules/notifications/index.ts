// Public surface of the notifications module: what other modules may import.
export { NotificationsModule } from './notifications.module';
export { NOTIFICATION_TYPES, NotificationsService, notificationView } from './notifications.service';
export type { NotificationType } from './notifications.service';
