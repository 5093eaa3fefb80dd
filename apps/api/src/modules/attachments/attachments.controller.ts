import { pipeline } from 'node:stream/promises';
import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import {
  AttachmentDto,
  AttachmentLinkDto,
  AttachmentLinkQuery,
  AttachmentListDto,
  AttachmentListQuery,
  RenameAttachmentDto,
} from './attachments.dto';
import type { ParentRef, ParentType } from './attachment-parents.service';
import { AttachmentsService, Download } from './attachments.service';

const uuid = new ParseUUIDPipe();

const Upload = (what: string) =>
  applyDecorators(
    ApiOperation({ summary: `Uploads a file to ${what} (multipart field \`file\`; type judged from the bytes)` }),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } }),
    ApiCreatedResponse({ type: AttachmentDto }),
    ApiResponse({ status: 400, description: 'VALIDATION_FAILED: no field `file`, malformed multipart' }),
    ApiResponse({ status: 401, description: 'UNAUTHENTICATED' }),
    ApiResponse({ status: 403, description: `FORBIDDEN: only those who may edit ${what}` }),
    ApiResponse({ status: 404, description: 'NOT_FOUND' }),
    ApiResponse({ status: 413, description: 'ATTACHMENT_TOO_LARGE (ATTACHMENT_MAX_BYTES)' }),
    ApiResponse({ status: 415, description: 'ATTACHMENT_TYPE_NOT_ALLOWED; UNSUPPORTED_MEDIA_TYPE when the body is not multipart' }),
  );

const List = (what: string) =>
  applyDecorators(
    ApiOperation({ summary: `Files on ${what}, oldest first unless sorted otherwise` }),
    ApiOkResponse({ type: AttachmentListDto }),
    ApiResponse({ status: 400, description: 'VALIDATION_FAILED: unknown sort' }),
    ApiResponse({ status: 401, description: 'UNAUTHENTICATED' }),
    ApiResponse({ status: 403, description: `FORBIDDEN: only those who may read ${what}` }),
    ApiResponse({ status: 404, description: 'NOT_FOUND' }),
  );

/** Attachments on replications, innovations, posts, playbooks and mentoring sessions. */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  private up(user: AuthUser, type: ParentType, id: string, req: Request, mentorshipId?: string) {
    const parent: ParentRef = { type, id, mentorshipId };
    return this.attachments.upload(user, parent, req);
  }

  @Post('replications/:id/attachments')
  @Upload('a replication')
  uploadToReplication(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Req() req: Request) {
    return this.up(user, 'replication', id, req);
  }

  @Get('replications/:id/attachments')
  @List('a replication')
  listOfReplication(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: AttachmentListQuery) {
    return this.attachments.list(user, { type: 'replication', id }, q.sort);
  }

  @Post('innovations/:id/attachments')
  @Upload('an innovation')
  uploadToInnovation(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Req() req: Request) {
    return this.up(user, 'innovation', id, req);
  }

  @Get('innovations/:id/attachments')
  @List('an innovation')
  listOfInnovation(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: AttachmentListQuery) {
    return this.attachments.list(user, { type: 'innovation', id }, q.sort);
  }

  @Post('posts/:id/attachments')
  @Upload('a post (its author)')
  uploadToPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Req() req: Request) {
    return this.up(user, 'post', id, req);
  }

  @Get('posts/:id/attachments')
  @List('a post')
  listOfPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: AttachmentListQuery) {
    return this.attachments.list(user, { type: 'post', id }, q.sort);
  }

  @Post('playbooks/:id/attachments')
  @Upload('a playbook (images in the editor point at /api/attachments/:id)')
  uploadToPlaybook(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Req() req: Request) {
    return this.up(user, 'playbook', id, req);
  }

  @Get('playbooks/:id/attachments')
  @List('a playbook')
  listOfPlaybook(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: AttachmentListQuery) {
    return this.attachments.list(user, { type: 'playbook', id }, q.sort);
  }

  @Post('mentorships/:id/sessions/:sessionId/attachments')
  @Upload('a mentoring session')
  uploadToSession(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('sessionId', uuid) sessionId: string,
    @Req() req: Request,
  ) {
    return this.up(user, 'session', sessionId, req, id);
  }

  @Get('mentorships/:id/sessions/:sessionId/attachments')
  @List('a mentoring session')
  listOfSession(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('sessionId', uuid) sessionId: string,
    @Query() q: AttachmentListQuery,
  ) {
    return this.attachments.list(user, { type: 'session', id: sessionId, mentorshipId: id }, q.sort);
  }

  @Get('attachments/:id')
  @ApiOperation({
    summary: 'Downloads the bytes (Content-Disposition, X-Content-Type-Options: nosniff; images inline, everything else as a download)',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: only those who may read its parent' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  async download(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() res: Response): Promise<void> {
    await send(res, await this.attachments.download(user, id));
  }

  @Post('attachments/:id/link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A signed download URL for this one file, valid five minutes, that needs no bearer token (for <img src>)',
  })
  @ApiOkResponse({ type: AttachmentLinkDto })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: only those who may read its parent' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  link(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<AttachmentLinkDto> {
    return this.attachments.link(user, id);
  }

  @Public()
  @Get('attachments/:id/signed')
  @ApiOperation({ summary: 'Downloads the bytes through a signed link from POST /api/attachments/:id/link (no bearer token)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: no token' })
  @ApiResponse({ status: 403, description: 'ATTACHMENT_LINK_INVALID (forged, or for another file), ATTACHMENT_LINK_EXPIRED' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: the file was deleted' })
  async signed(@Param('id', uuid) id: string, @Query() q: AttachmentLinkQuery, @Res() res: Response): Promise<void> {
    await send(res, await this.attachments.downloadSigned(id, q.token));
  }

  @Get('attachments/:id/meta')
  @ApiOperation({ summary: 'The attachment’s description without its bytes' })
  @ApiOkResponse({ type: AttachmentDto })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  meta(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.attachments.get(user, id);
  }

  @Patch('attachments/:id')
  @ApiOperation({ summary: 'Renames an attachment (its uploader or the parent’s editors)' })
  @ApiOkResponse({ type: AttachmentDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  rename(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RenameAttachmentDto) {
    return this.attachments.rename(user, id, dto.name);
  }

  @Delete('attachments/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes an attachment (its uploader or the parent’s editors)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    await this.attachments.remove(user, id);
  }
}

async function send(res: Response, file: Download): Promise<void> {
  res.status(200).set(file.headers);
  await pipeline(file.body, res).catch(() => res.destroy());
}
