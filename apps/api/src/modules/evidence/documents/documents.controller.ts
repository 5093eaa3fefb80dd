import { ApiErrors } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, ParseUUIDPipe, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { DocumentRegistry } from './document-registry.service';
import { REPLICATION_DOCUMENT_KINDS, RevokeDocumentDto, VerificationView } from './documents.dto';
import { DocumentsService, GeneratedDocument } from './documents.service';
import { verificationPage } from './verification-page';

const uuid = new ParseUUIDPipe({ version: undefined });
const PDF_RESPONSE = {
  description: 'the PDF; its verification code also in `X-Verification-Code`',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};
const kindEnum = Object.fromEntries(REPLICATION_DOCUMENT_KINDS.map((k) => [k, k])) as Record<string, string>;

function send(res: Response, doc: GeneratedDocument): StreamableFile {
  res.setHeader('X-Verification-Code', doc.code);
  res.setHeader('Access-Control-Expose-Headers', 'X-Verification-Code, Content-Disposition');
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(doc.pdf, {
    type: 'application/pdf',
    disposition: `inline; filename="${doc.filename}"`,
    length: doc.pdf.length,
  });
}

@ApiTags('replication evidence')
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly registry: DocumentRegistry,
  ) {}

  @Get('replications/:id/documents/:kind')
  @ApiBearerAuth()
  @ApiParam({ name: 'kind', enum: REPLICATION_DOCUMENT_KINDS })
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'Agreement summary (once AGREED) or replication certificate (once INSTITUTIONALIZED), as PDF with a verification code (editors, curators)',
  })
  @ApiOkResponse(PDF_RESPONSE)
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'DOCUMENT_NOT_AVAILABLE')
  async replicationDocument(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('kind', new ParseEnumPipe(kindEnum)) kind: 'agreement' | 'certificate',
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.documents.replicationDocument(user, id, kind));
  }

  @Get('mentorships/:id/documents/report')
  @ApiBearerAuth()
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Mentoring report (once COMPLETED): goals, sessions, attendance, ratings; PDF with a verification code' })
  @ApiOkResponse(PDF_RESPONSE)
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'DOCUMENT_NOT_AVAILABLE')
  async mentoringReport(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res({ passthrough: true }) res: Response) {
    return send(res, await this.documents.mentoringReport(user, id));
  }

  /** Public: anyone holding a paper copy checks it. A browser (Accept: text/html) gets a readable page. */
  @Public()
  @Get('verify/:code')
  @ApiProduces('application/json', 'text/html')
  @ApiOperation({ summary: 'Verify a document’s code: what was certified, when, and whether it was revoked' })
  @ApiOkResponse({ type: VerificationView })
  @ApiErrors('NOT_FOUND')
  async verify(@Param('code') code: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const view = await this.registry.verify(code);
    if (req.accepts(['json', 'html']) === 'html') {
      res.type('html');
      return verificationPage(view);
    }
    return view;
  }

  @Post('documents/:code/revoke')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Revoke a document (curators, admins); its code then verifies as revoked, and the next request issues a new code',
  })
  @ApiOkResponse({ type: VerificationView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'DOCUMENT_REVOKED')
  revoke(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: RevokeDocumentDto) {
    return this.registry.revoke(user, code, dto.reason);
  }
}
