import { ApiErrors } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import {
  CampaignItemListView,
  CampaignItemsQuery,
  CampaignListQuery,
  CampaignItemView,
  CampaignListView,
  CampaignView,
  ConfirmInnovationDto,
  CreateCampaignDto,
} from './campaigns.dto';
import { CampaignsService } from './campaigns.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('data refresh campaigns')
@ApiBearerAuth()
@Controller()
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post('campaigns')
  @ApiOperation({
    summary: 'Start a data refresh campaign over the innovations matching a filter; their origin units are notified (curators, admins)',
  })
  @ApiCreatedResponse({ type: CampaignView })
  @ApiErrors('FORBIDDEN', 'CAMPAIGN_EMPTY')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(user, dto);
  }

  @Get('campaigns')
  @ApiOperation({ summary: 'Campaigns with their progress, newest first unless sorted otherwise (curators, admins)' })
  @ApiOkResponse({ type: CampaignListView })
  @ApiErrors('FORBIDDEN')
  list(@CurrentUser() user: AuthUser, @Query() q: CampaignListQuery) {
    return this.campaigns.list(user, q.sort);
  }

  @Get('campaigns/:id')
  @ApiOperation({ summary: 'One campaign with its progress (curators, admins)' })
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.campaigns.get(user, id);
  }

  @Get('campaigns/:id/items')
  @ApiOperation({ summary: 'The innovations a campaign asks about, by status (curators, admins)' })
  @ApiOkResponse({ type: CampaignItemListView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  items(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: CampaignItemsQuery) {
    return this.campaigns.items(user, id, q);
  }

  @Post('campaigns/:id/items/:innovationId/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm an innovation’s data, updating stage, sustainability and contact (origin unit members, curators, admins)',
  })
  @ApiOkResponse({ type: CampaignItemView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  confirm(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('innovationId', uuid) innovationId: string,
    @Body() dto: ConfirmInnovationDto,
  ) {
    return this.campaigns.confirm(user, id, innovationId, dto);
  }

  @Get('me/refresh-requests')
  @ApiOperation({ summary: 'What the caller’s units are asked to confirm and have not yet' })
  @ApiOkResponse({ type: CampaignItemListView })
  mine(@CurrentUser() user: AuthUser) {
    return this.campaigns.mine(user);
  }
}
