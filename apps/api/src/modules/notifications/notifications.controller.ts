import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { ApiErrors, QueryInt, QueryIsoTime, SortQuery, uuid } from '@app/common';
import { NotificationFeedResponse, NotificationResponse, ReadAllResponse } from './notifications.responses';
import { NOTIFICATION_SORTS, NotificationsService } from './notifications.service';

export class ListNotificationsQuery {
  /** `true` lists unread notifications only. */
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @SortQuery(NOTIFICATION_SORTS, '-created', '`type`: by type, then time; `before` and `after` filter in any order')
  sort?: string;

  @QueryInt(1, 100)
  limit?: number;

  /** Cursor: only notifications created before this time. */
  @QueryIsoTime('Cursor: only notifications created before this time (ISO-8601)')
  before?: string;

  /** Cursor for oldest-first pages (`sort=created`): only notifications created after this time. */
  @QueryIsoTime('Cursor: only notifications created after this time (ISO-8601); pages `sort=created` forwards')
  after?: string;
}

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's notifications (newest first unless sorted otherwise), with the unread count" })
  @ApiOkResponse({ type: NotificationFeedResponse })
  list(@CurrentUser() user: AuthUser, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(user, {
      unread: q.unread === 'true',
      limit: q.limit ?? 50,
      before: q.before,
      after: q.after,
      sort: q.sort,
    });
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark all the caller's notifications read" })
  @ApiOkResponse({ type: ReadAllResponse })
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiErrors('NOT_FOUND')
  read(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.notifications.markRead(user, id);
  }
}
