import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { CreateTemplateDto, CreateVersionDto, ExportQuery, UpdatePlaybookDto } from './playbooks.dto';
import { PlaybookResponse, PlaybookRestoreResponse, PlaybookVersionListResponse, PlaybookVersionResponse } from './playbooks.responses';
import { PlaybooksService } from './playbooks.service';
import { ApiErrors, uuid } from '@app/common';

@ApiTags('playbooks')
@Controller()
export class PlaybooksController {
  constructor(private readonly playbooks: PlaybooksService) {}

  @Get('playbooks/:id')
  @ApiOperation({ summary: "A playbook with the caller's access (edit or view)" })
  @ApiOkResponse({ type: PlaybookResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.playbooks.get(user, id);
  }

  @Patch('playbooks/:id')
  @ApiOperation({ summary: 'Rename a playbook or change its visibility (editors); open sockets are re-checked' })
  @ApiOkResponse({ type: PlaybookResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdatePlaybookDto) {
    return this.playbooks.update(user, id, dto);
  }

  @Post('playbooks/:id/versions')
  @ApiOperation({ summary: 'Keep the current content as a named version (editors)' })
  @ApiCreatedResponse({ type: PlaybookVersionResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  createVersion(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateVersionDto) {
    return this.playbooks.createVersion(user, id, dto.label);
  }

  @Get('playbooks/:id/versions')
  @ApiOperation({ summary: "A playbook's versions, newest first (editors)" })
  @ApiOkResponse({ type: PlaybookVersionListResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  listVersions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.playbooks.listVersions(user, id);
  }

  /** The content becomes the version's, applied as a new change; the state before is kept as a version. */
  @Post('playbooks/:id/versions/:versionId/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a version as a new change that open editors receive live (editors)' })
  @ApiOkResponse({ type: PlaybookRestoreResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'SERVICE_UNAVAILABLE')
  restore(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('versionId', uuid) versionId: string) {
    return this.playbooks.restore(user, id, versionId);
  }

  @Get('playbooks/:id/export')
  @ApiOperation({ summary: 'The current content as Markdown, sanitised HTML or ProseMirror JSON (default)' })
  @ApiProduces('application/json', 'text/markdown', 'text/html')
  @ApiOkResponse({
    description: 'The document in the requested format',
    content: {
      'application/json': { schema: { type: 'object', additionalProperties: true, description: 'ProseMirror document (`{type: "doc", content}`)' } },
      'text/markdown': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  async export(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: ExportQuery, @Res({ passthrough: true }) res: Response) {
    const out = await this.playbooks.export(user, id, q.format ?? 'json');
    res.type(out.contentType);
    return out.body;
  }

  /** The innovation's template playbook: created if missing (201), else returned (200). */
  @Post('innovations/:id/template-playbook')
  @ApiOperation({ summary: "Create the innovation's template playbook (201), or return the existing one (200)" })
  @ApiCreatedResponse({ type: PlaybookResponse, description: 'Created' })
  @ApiOkResponse({ type: PlaybookResponse, description: 'Already there' })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  async createTemplate(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateTemplateDto, @Res({ passthrough: true }) res: Response) {
    const { created, view } = await this.playbooks.ensureTemplate(user, id, dto.title);
    res.status(created ? 201 : 200);
    return view;
  }

  @Get('innovations/:id/template-playbook')
  @ApiOperation({ summary: "The innovation's template playbook" })
  @ApiOkResponse({ type: PlaybookResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  getTemplate(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.playbooks.getTemplate(user, id);
  }
}
