import { ApiErrors } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { ChecklistItemView, ChecklistView, CreateChecklistItemDto, UpdateChecklistItemDto } from './checklists.dto';
import { ChecklistsService } from './checklists.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('replication evidence')
@ApiBearerAuth()
@Controller('replications/:id/checklist')
export class ChecklistsController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Get()
  @ApiOperation({ summary: 'The replication’s checklist per stage (seeded from LAN’s guide on first use), with curator overrides' })
  @ApiOkResponse({ type: ChecklistView })
  @ApiErrors('NOT_FOUND')
  get(@Param('id', uuid) id: string) {
    return this.checklists.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Add an item to a stage’s checklist (editors)' })
  @ApiCreatedResponse({ type: ChecklistItemView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  add(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateChecklistItemDto) {
    return this.checklists.add(user, id, dto);
  }

  @Patch(':itemId')
  @ApiOperation({ summary: 'Tick off, rename or attach evidence to an item (editors)' })
  @ApiOkResponse({ type: ChecklistItemView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'EVIDENCE_REQUIRED', 'INVALID_ATTACHMENT')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Body() dto: UpdateChecklistItemDto,
  ) {
    return this.checklists.update(user, id, itemId, dto);
  }

  @Delete(':itemId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an item (editors; a required one: curators and admins)' })
  @ApiNoContentResponse()
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  remove(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('itemId', uuid) itemId: string) {
    return this.checklists.remove(user, id, itemId);
  }
}
