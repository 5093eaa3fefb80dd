import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_TYPES } from './notifications.service';

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What happened, by type; the person who acted is always `by: {id, name}`',
  })
  payload: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationFeedResponse {
  @ApiProperty({ type: [NotificationResponse] }) items: NotificationResponse[];
  @ApiProperty() unreadCount: number;
}

export class ReadAllResponse {
  @ApiProperty({ description: 'How many were unread' }) updated: number;
}
