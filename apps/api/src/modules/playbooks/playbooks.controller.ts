import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { playbookSchema } from './content/schema';
import { MyPlaybooksService } from './my-playbooks.service';
import { PlaybookContentService, RenderedExport } from './playbook-content.service';
import { CreateTemplateDto, CreateVersionDto, ExportQuery, MyPlaybooksPage, MyPlaybooksQuery, PlaybookSchemaView, UpdatePlaybookDto, VersionDiffView, VersionFormatQuery } from './playbooks.dto';
import { PlaybooksService } from './playbooks.service';

/** Sends an export with its type and a download name (ASCII slug, plus the UTF-8 form). */
function sendExport(res: Response, out: RenderedExport): unknown {
  res.type(out.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${out.filename}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`);
  return out.body;
}

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('playbooks')
@ApiBearerAuth()
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
  schema(): PlaybookSchemaView {
    return playbookSchema();
  }

  @Get('me/playbooks')
  @ApiOperation({ summary: 'Every playbook the caller may open, most recently edited first' })
  @ApiOkResponse({ type: MyPlaybooksPage })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (limit 1–100, offset ≥ 0)' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  myPlaybooks(@CurrentUser() user: AuthUser, @Query() q: MyPlaybooksQuery): Promise<MyPlaybooksPage> {
    return this.mine.list(user, q.limit ?? 20, q.offset ?? 0);
  }

  @Get('playbooks/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.playbooks.get(user, id);
  }

  @Patch('playbooks/:id')
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdatePlaybookDto) {
    return this.playbooks.update(user, id, dto);
  }

  @Post('playbooks/:id/versions')
  createVersion(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateVersionDto) {
    return this.playbooks.createVersion(user, id, dto.label);
  }

  @Get('playbooks/:id/versions')
  listVersions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.playbooks.listVersions(user, id);
  }

  /** The content becomes the version's, applied as a new change; the state before is kept as a version. */
  @Post('playbooks/:id/versions/:versionId/restore')
  @HttpCode(200)
  restore(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('versionId', uuid) versionId: string) {
    return this.playbooks.restore(user, id, versionId);
  }

  @Get('playbooks/:id/versions/:versionId')
  @ApiOperation({ summary: 'A stored version’s content as ProseMirror JSON (with meta), a full HTML document or Markdown (editors)' })
  @ApiProduces('application/json', 'text/html', 'text/markdown')
  @ApiOkResponse({ description: 'the version’s content, with Content-Disposition' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (format, ids)' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN (not an editor)' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND (playbook or version)' })
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
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (ids)' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN (not an editor)' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND (playbook or version)' })
  diff(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('versionId', uuid) versionId: string): Promise<VersionDiffView> {
    return this.content.diff(user, id, versionId);
  }

  @Get('playbooks/:id/export')
  @ApiOperation({ summary: 'The current content: Markdown, a full HTML document, or ProseMirror JSON with meta; a download name in Content-Disposition' })
  @ApiProduces('application/json', 'text/html', 'text/markdown')
  async export(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: ExportQuery, @Res({ passthrough: true }) res: Response) {
    return sendExport(res, await this.content.export(user, id, q.format ?? 'json'));
  }

  /** The innovation's template playbook: created if missing (201), else returned (200). */
  @Post('innovations/:id/template-playbook')
  async createTemplate(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateTemplateDto, @Res({ passthrough: true }) res: Response) {
    const { created, view } = await this.playbooks.ensureTemplate(user, id, dto.title);
    res.status(created ? 201 : 200);
    return view;
  }

  @Get('innovations/:id/template-playbook')
  getTemplate(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.playbooks.getTemplate(user, id);
  }
}
