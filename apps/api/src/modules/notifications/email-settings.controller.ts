import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import {
  EmailSettingsDto,
  FollowedInnovationsDto,
  FollowingDto,
  UnsubscribedDto,
  UnsubscribeQuery,
  UpdateEmailSettingsDto,
} from './email-settings.dto';
import { EmailSettingsService } from './email-settings.service';
import { InnovationFollows } from './innovation-follows.service';

const uuid = new ParseUUIDPipe();

@ApiTags('notifications')
@Controller()
export class EmailSettingsController {
  constructor(
    private readonly settings: EmailSettingsService,
    private readonly follows: InnovationFollows,
  ) {}

  @ApiBearerAuth()
  @Get('me/notification-settings')
  @ApiOperation({ summary: 'How each notification type reaches the caller by email: immediate, digest (daily) or off' })
  @ApiOkResponse({ type: EmailSettingsDto })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  get(@CurrentUser() user: AuthUser): Promise<EmailSettingsDto> {
    return this.settings.list(user.id);
  }

  @ApiBearerAuth()
  @Put('me/notification-settings')
  @ApiOperation({ summary: 'Sets the email delivery of the given types (others keep theirs)' })
  @ApiOkResponse({ type: EmailSettingsDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  put(@CurrentUser() user: AuthUser, @Body() dto: UpdateEmailSettingsDto): Promise<EmailSettingsDto> {
    return this.settings.update(user.id, dto.items);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('notifications/unsubscribe')
  @HttpCode(200)
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058) from one notification type, with the signed token of a mail' })
  @ApiOkResponse({ type: UnsubscribedDto })
  @ApiResponse({ status: 400, description: 'TOKEN_INVALID' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  unsubscribe(@Query() q: UnsubscribeQuery): Promise<UnsubscribedDto> {
    return this.settings.unsubscribe(q.token);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Get('notifications/unsubscribe')
  @ApiOperation({ summary: 'The unsubscribe link of a mail, opened in a browser: turns the type off and says so' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A short confirmation page (Indonesian)', schema: { type: 'string' } })
  @ApiResponse({ status: 400, description: 'TOKEN_INVALID' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  async unsubscribePage(@Query() q: UnsubscribeQuery, @Res() res: Response): Promise<void> {
    const done = await this.settings.unsubscribe(q.token);
    res
      .status(200)
      .type('html')
      .send(
        `<!doctype html><html lang="id"><meta charset="utf-8"><title>Berhenti berlangganan</title><p>Anda tidak akan lagi menerima email untuk pemberitahuan jenis <b>${done.type}</b>. Pengaturan dapat diubah kembali di halaman pemberitahuan.</p></html>`,
      );
  }

  @ApiBearerAuth()
  @Get('me/followed-innovations')
  @ApiOperation({ summary: 'The innovations the caller follows, most recently followed first (at most 500)' })
  @ApiOkResponse({ type: FollowedInnovationsDto })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  followed(@CurrentUser() user: AuthUser): Promise<FollowedInnovationsDto> {
    return this.follows.list(user.id);
  }

  @ApiBearerAuth()
  @Put('innovations/:id/follow')
  @ApiOperation({ summary: 'Follows an innovation: new threads on it are notified' })
  @ApiOkResponse({ type: FollowingDto })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  follow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<FollowingDto> {
    return this.follows.set(user, id, true);
  }

  @ApiBearerAuth()
  @Delete('innovations/:id/follow')
  @ApiOperation({ summary: 'Stops following an innovation' })
  @ApiOkResponse({ type: FollowingDto })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  unfollow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<FollowingDto> {
    return this.follows.set(user, id, false);
  }
}
