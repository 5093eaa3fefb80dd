import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { AuthUser } from '@app/auth';
import {
  AuditQuery,
  FlagDto,
  OptionalReasonDto,
  QueueQuery,
  ReasonDto,
  ResolveDto,
  SlowModeDto,
  SuspensionDto,
  SuspensionListQuery,
} from './moderation.dto';
import { PostResponse, ThreadResponse } from '../discussions';
import {
  AuditPageResponse,
  FlagResponse,
  QueueItemResponse,
  QueueResponse,
  SuspensionListResponse,
  SuspensionResponse,
} from './moderation.responses';
import { ModerationService } from './moderation.service';
import { ApiErrors, uuid } from '@app/common';

@ApiTags('moderation')
@Controller()
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  /** Anyone who can read the post. */
  @Post('posts/:id/flags')
  @ApiOperation({ summary: 'Flag a post for moderators (anyone who can read it; once per post)' })
  @ApiCreatedResponse({ type: FlagResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS', 'CONFLICT', 'RATE_LIMITED')
  flag(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: FlagDto) {
    return this.moderation.flag(user, id, dto);
  }

  @Get('moderation/queue')
  @ApiOperation({ summary: 'The moderation queue, heaviest flags first, with thread titles and names' })
  @ApiOkResponse({ type: QueueResponse })
  @Roles('moderator', 'admin')
  queue(@CurrentUser() user: AuthUser, @Query() q: QueueQuery) {
    return this.moderation.queue(user, q);
  }

  @Post('moderation/queue/:id/claim')
  @ApiOperation({ summary: 'Claim a queue item (one moderator at a time; a claim lapses after 15 minutes)' })
  @ApiOkResponse({ type: QueueItemResponse })
  @ApiErrors('NOT_FOUND', 'CONFLICT')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  claim(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.moderation.claim(user, id);
  }

  @Post('moderation/queue/:id/resolve')
  @ApiOperation({ summary: 'Resolve a claimed item: hide the post or dismiss the flags (its claimer)' })
  @ApiOkResponse({ type: QueueItemResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'CONFLICT')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  resolve(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ResolveDto) {
    return this.moderation.resolve(user, id, dto);
  }

  /** Gives a claimed item back to the queue: its claimer, or an admin. */
  @Post('moderation/queue/:id/release')
  @ApiOperation({ summary: 'Give a claim back to the queue (its claimer or an admin)' })
  @ApiOkResponse({ type: QueueItemResponse })
  @ApiErrors('CLAIM_HELD_BY_OTHER', 'NOT_FOUND', 'QUEUE_ITEM_NOT_CLAIMED')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  release(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.release(user, id, dto.reason);
  }

  @Get('moderation/audit')
  @ApiOperation({ summary: 'The audit log of moderator actions, newest first' })
  @ApiOkResponse({ type: AuditPageResponse })
  @Roles('moderator', 'admin')
  audit(@CurrentUser() user: AuthUser, @Query() q: AuditQuery) {
    return this.moderation.audit(user, q);
  }

  @Post('posts/:id/hide')
  @ApiOperation({ summary: 'Hide a post with a reason its author is told (not one’s own)' })
  @ApiOkResponse({ type: PostResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'CONFLICT')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  hide(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReasonDto) {
    return this.moderation.hide(user, id, dto.reason);
  }

  @Post('posts/:id/restore')
  @ApiOperation({ summary: 'Restore a hidden post (its author is told)' })
  @ApiOkResponse({ type: PostResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'CONFLICT')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  restore(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.restore(user, id, dto.reason);
  }

  @Post('threads/:id/lock')
  @ApiOperation({ summary: 'Lock a thread: only moderators may still post' })
  @ApiOkResponse({ type: ThreadResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  lock(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.setThreadFlag(user, id, 'lock', dto.reason);
  }

  @Post('threads/:id/unlock')
  @ApiOperation({ summary: 'Unlock a thread' })
  @ApiOkResponse({ type: ThreadResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  unlock(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.setThreadFlag(user, id, 'unlock', dto.reason);
  }

  @Post('threads/:id/pin')
  @ApiOperation({ summary: 'Pin a thread to the top of its list' })
  @ApiOkResponse({ type: ThreadResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  pin(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.setThreadFlag(user, id, 'pin', dto.reason);
  }

  @Post('threads/:id/unpin')
  @ApiOperation({ summary: 'Unpin a thread' })
  @ApiOkResponse({ type: ThreadResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  unpin(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OptionalReasonDto) {
    return this.moderation.setThreadFlag(user, id, 'unpin', dto.reason);
  }

  @Put('threads/:id/slow-mode')
  @ApiOperation({ summary: 'Set slow mode: seconds between one user’s posts (0 turns it off)' })
  @ApiOkResponse({ type: ThreadResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  @Roles('moderator', 'admin')
  slowMode(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SlowModeDto) {
    return this.moderation.slowMode(user, id, dto.seconds, dto.reason);
  }

  @Post('users/:id/suspensions')
  @ApiOperation({ summary: 'Suspend a user from posting until a time, with a reason they are told' })
  @ApiCreatedResponse({ type: SuspensionResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  @Roles('moderator', 'admin')
  suspend(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SuspensionDto) {
    return this.moderation.suspend(user, id, dto);
  }

  /** A user's suspensions, newest first: moderators and admins, or the user themself. */
  @Get('users/:id/suspensions')
  @ApiOperation({ summary: "A user's suspensions (moderators, or the user themself)" })
  @ApiOkResponse({ type: SuspensionListResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  suspensions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: SuspensionListQuery) {
    return this.moderation.suspensions(user, id, q);
  }

  /** Ends an active suspension now; the user may write again at once and is told. */
  @Post('users/:id/suspensions/:suspensionId/lift')
  @ApiOperation({ summary: 'Lift a suspension early, with a reason (not one’s own)' })
  @ApiOkResponse({ type: SuspensionResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'SUSPENSION_NOT_ACTIVE')
  @Roles('moderator', 'admin')
  @HttpCode(200)
  liftSuspension(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('suspensionId', uuid) suspensionId: string,
    @Body() dto: ReasonDto,
  ) {
    return this.moderation.liftSuspension(user, id, suspensionId, dto.reason);
  }
}
