import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { playbookSchema } from './content/schema';
import { MyPlaybooksService } from './my-playbooks.service';
import { PlaybookContentService, RenderedExport } from './playbook-content.service';
import {
  CreateTemplateDto,
  CreateVersionDto,
  ExportQuery,
  MyPlaybooksPage,
  MyPlaybooksQuery,
  VersionListQuery,
  PlaybookSchemaView,
  UpdatePlaybookDto,
  VersionDiffView,
  VersionFormatQuery,
} from './playbooks.dto';
import { PlaybookResponse, PlaybookRestoreResponse, PlaybookVersionListResponse, PlaybookVersionResponse } from './playbooks.responses';
import { PlaybooksService } from './playbooks.service';
import { ApiErrors, uuid } from '@app/common';

/** Sends an export with its type and a download name (ASCII slug, plus the UTF-8 form). */
function sendExport(res: Response, out: RenderedExport): unknown {
  res.type(out.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${out.filename}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`);
  return out.body;
}

const EXPORT_CONTENT = {
  'application/json': {
    schema: { type: 'object', additionalProperties: true, description: 'ProseMirror document (`{type: "doc", content, meta}`)' },
  },
  'text/markdown': { schema: { type: 'string' } },
  'text/html': { schema: { type: 'string' } },
} as const;

@ApiTags('playbooks')
@Controller()
export class PlaybooksController {
  constructor(
    private readonly playbooks: PlaybooksService,
    private readonly content: PlaybookContentService,
    private readonly mine: MyPlaybooksService,
  ) {}

  /** Declared before `playbooks/:id`, which would take `schema` for an id. */
  @Get('playbooks/schema')
  @Public()
  @ApiOperation({ summary: 'The document schema every playbook update is checked against (nodes, marks, nesting limit)' })
  @ApiOkResponse({ type: PlaybookSchemaView })
  @ApiErrors('RATE_LIMITED')
  schema(): PlaybookSchemaView {
    return playbookSchema();
  }

  @Get('me/playbooks')
  @ApiOperation({ summary: 'Every playbook the caller may open, most recently edited first unless sorted otherwise' })
  @ApiOkResponse({ type: MyPlaybooksPage })
  @ApiErrors()
  myPlaybooks(@CurrentUser() user: AuthUser, @Query() q: MyPlaybooksQuery): Promise<MyPlaybooksPage> {
    return this.mine.list(user, q.limit ?? 20, q.offset ?? 0, q.sort);
  }

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
  @ApiOperation({ summary: "A playbook's versions, newest first unless sorted otherwise (editors)" })
  @ApiOkResponse({ type: PlaybookVersionListResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  listVersions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: VersionListQuery) {
    return this.playbooks.listVersions(user, id, q.sort);
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
  @ApiOperation({
    summary:
      'The current content as Markdown, a full sanitised HTML document or ProseMirror JSON with meta (default); title, replication and export time in each; a download name in Content-Disposition',
  })
  @ApiProduces('application/json', 'text/markdown', 'text/html')
  @ApiOkResponse({
    description: 'The document in the requested format',
    content: {
      'application/json': {
        schema: { type: 'object', additionalProperties: true, description: 'ProseMirror document (`{type: "doc", content}`)' },
      },
      'text/markdown': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Query() q: ExportQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendExport(res, await this.content.export(user, id, q.format ?? 'json'));
  }

  @Get('playbooks/:id/versions/:versionId')
  @ApiOperation({
    summary: 'A stored version’s content as ProseMirror JSON (with meta, default), a full HTML document or Markdown (editors)',
  })
  @ApiProduces('application/json', 'text/markdown', 'text/html')
  @ApiOkResponse({ description: 'The version in the requested format, with Content-Disposition', content: EXPORT_CONTENT })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  async version(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('versionId', uuid) versionId: string,
    @Query() q: VersionFormatQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendExport(res, await this.content.version(user, id, versionId, q.format ?? 'json'));
  }

  @Get('playbooks/:id/versions/:versionId/diff')
  @ApiOperation({ summary: 'Top-level blocks added, removed and changed from the version to the current content (editors)' })
  @ApiOkResponse({ type: VersionDiffView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  diff(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('versionId', uuid) versionId: string,
  ): Promise<VersionDiffView> {
    return this.content.diff(user, id, versionId);
  }

  /** The innovation's template playbook: created if missing (201), else returned (200). */
  @Post('innovations/:id/template-playbook')
  @ApiOperation({ summary: "Create the innovation's template playbook (201), or return the existing one (200)" })
  @ApiCreatedResponse({ type: PlaybookResponse, description: 'Created' })
  @ApiOkResponse({ type: PlaybookResponse, description: 'Already there' })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  async createTemplate(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() dto: CreateTemplateDto,
    @Res({ passthrough: true }) res: Response,
  ) {
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
