import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { AuditQuery, FlagDto, OptionalReasonDto, QueueQuery, ReasonDto, ResolveDto, SlowModeDto, SuspensionDto, SuspensionListQuery } from './moderation.dto';
import { ModerationService } from './moderation.service';
import { uuid } from '@app/common';


@ApiTags('moderation')
@ApiBearerAuth()
@Controller()
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  /** Anyone who can read the post. */
  @Post('posts/:id/flags')
  flag(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: FlagDto) {
    return this.moderation.flag(user, id, dto);
  }

  @Get('moderation/queue')
  @Roles('moderator', 'admin')
  queue(@CurrentUser() user: AuthUser, @Query() q: QueueQuery) {
    return this.moderation.queue(user, q);
  }

  @Post('moderation/queue/:id/claim')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  claim(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.moderation.claim(user, id);
  }

  @Post('moderation/queue/:id/resolve')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  resolve(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ResolveDto) {
    return this.moderation.resolve(user, id, dto);
  }

  /** Gives a claimed item back to the queue: its claimer, or an admin. */
  @Post('moderation/queue/:id/release')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  release(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.release(user, id, dto.reason);
  }

  @Get('moderation/audit')
  @Roles('moderator', 'admin')
  audit(@CurrentUser() user: AuthUser, @Query() q: AuditQuery) {
    return this.moderation.audit(user, q);
  }

  @Post('posts/:id/hide')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  hide(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReasonDto) {
    return this.moderation.hide(user, id, dto.reason);
  }

  @Post('posts/:id/restore')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  restore(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.restore(user, id, dto.reason);
  }

  @Post('threads/:id/lock')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  lock(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.setThreadFlag(user, id, 'lock', dto.reason);
  }

  @Post('threads/:id/unlock')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  unlock(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.setThreadFlag(user, id, 'unlock', dto.reason);
  }

  @Post('threads/:id/pin')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  pin(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.setThreadFlag(user, id, 'pin', dto.reason);
  }

  @Post('threads/:id/unpin')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  unpin(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.setThreadFlag(user, id, 'unpin', dto.reason);
  }

  @Put('threads/:id/slow-mode')
  @Roles('moderator', 'admin')
  slowMode(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SlowModeDto) {
    return this.moderation.slowMode(user, id, dto.seconds, dto.reason);
  }

  @Post('users/:id/suspensions')
  @Roles('moderator', 'admin')
  suspend(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SuspensionDto) {
    return this.moderation.suspend(user, id, dto);
  }

  /** A user's suspensions, newest first: moderators and admins, or the user themself. */
  @Get('users/:id/suspensions')
  suspensions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: SuspensionListQuery) {
    return this.moderation.suspensions(user, id, q);
  }

  /** Ends an active suspension now; the user may write again at once and is told. */
  @Post('users/:id/suspensions/:suspensionId/lift')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  liftSuspension(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('suspensionId', uuid) suspensionId: string, @Body() dto: ReasonDto) {
    return this.moderation.liftSuspension(user, id, suspensionId, dto.reason);
  }
}
