import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import {
  AcceptedInvitationDto,
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationDto,
  InvitationListDto,
  InvitationListQuery,
} from './invitations.dto';
import { InvitationsService } from './invitations.service';

const uuid = new ParseUUIDPipe();

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @ApiBearerAuth()
  @Post('units/:id/invitations')
  @ApiOperation({ summary: 'Invites someone by email into the unit with a role; the mail holds a link with a token (valid 7 days)' })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: the unit’s admins and platform admins only' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'ALREADY_EXISTS: already a member' })
  create(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateInvitationDto): Promise<InvitationDto> {
    return this.invitations.create(user, id, dto);
  }

  @ApiBearerAuth()
  @Get('units/:id/invitations')
  @ApiOperation({ summary: 'The unit’s invitations (newest first unless sorted otherwise), with their status' })
  @ApiOkResponse({ type: InvitationListDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: unknown sort' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: InvitationListQuery): Promise<InvitationListDto> {
    return this.invitations.list(user, id, q.sort);
  }

  @ApiBearerAuth()
  @Delete('invitations/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes a pending invitation (its link stops working)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'INVITATION_CLOSED: already accepted' })
  async revoke(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    await this.invitations.revoke(user, id);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accepts an invitation: creates the account if needed (name and password), joins the unit, signs in' })
  @ApiOkResponse({ type: AcceptedInvitationDto })
  @ApiResponse({ status: 400, description: 'TOKEN_INVALID (unknown, used, revoked or expired), VALIDATION_FAILED' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  accept(@Body() dto: AcceptInvitationDto): Promise<AcceptedInvitationDto> {
    return this.invitations.accept(dto);
  }
}
