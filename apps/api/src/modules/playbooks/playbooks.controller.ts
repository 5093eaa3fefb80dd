import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { CreateTemplateDto, CreateVersionDto, ExportQuery, UpdatePlaybookDto } from './playbooks.dto';
import { PlaybooksService } from './playbooks.service';
import { uuid } from '@app/common';


@ApiTags('playbooks')
@ApiBearerAuth()
@Controller()
export class PlaybooksController {
  constructor(private readonly playbooks: PlaybooksService) {}

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

  @Get('playbooks/:id/export')
  async export(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: ExportQuery, @Res({ passthrough: true }) res: Response) {
    const out = await this.playbooks.export(user, id, q.format ?? 'json');
    res.type(out.contentType);
    return out.body;
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
