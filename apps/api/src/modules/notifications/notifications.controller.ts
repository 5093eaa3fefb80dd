import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { QueryInt, QueryIsoTime, uuid } from '@app/common';
import { NotificationsService } from './notifications.service';

export class ListNotificationsQuery {
  /** `true` lists unread notifications only. */
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @QueryInt(1, 100)
  limit?: number;

  /** Cursor: only notifications created before this time. */
  @QueryIsoTime('Cursor: only notifications created before this time (ISO-8601)')
  before?: string;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(user, { unread: q.unread === 'true', limit: q.limit ?? 50, before: q.before });
  }

  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.notifications.markRead(user, id);
  }
}
