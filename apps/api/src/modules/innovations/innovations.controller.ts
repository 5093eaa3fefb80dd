import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, Roles } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { ApiErrors, SPREADSHEET_CONTENT, uuid } from '@app/common';
import { DismissDuplicateDto, DuplicatesPageResponse, DuplicatesQuery, ImportQuery, LinkDuplicateDto } from './catalogue-admin.dto';
import { CreateInnovationDto, ExportInnovationsQuery, ListInnovationsQuery, UpdateInnovationDto } from './innovations.dto';
import { FacetCountResponse, ImportReportResponse, InnovationPageResponse, InnovationResponse } from './innovations.responses';
import { InnovationsService } from './innovations.service';
import { InnovationImportService } from './innovation-import.service';
import { InnovationExportService } from './innovation-export.service';
import { InnovationDuplicatesService } from './innovation-duplicates.service';
import { XLSX_TYPE } from './xlsx-rows';

@ApiTags('innovations')
@ApiExtraModels(FacetCountResponse)
@Controller('innovations')
export class InnovationsController {
  constructor(
    private readonly innovations: InnovationsService,
    private readonly importer: InnovationImportService,
    private readonly exporter: InnovationExportService,
    private readonly duplicates: InnovationDuplicatesService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an innovation (member of unitId, curator or admin)' })
  @ApiCreatedResponse({ type: InnovationResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS', 'REGION_UNKNOWN')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInnovationDto) {
    return this.innovations.create(user, dto);
  }

  /** The catalogue is public knowledge (as on jippnas.menpan.go.id): readable without signing in. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'List/search the catalogue; best match first when q is given; `facets=true` adds counts; `sort=`' })
  @ApiOkResponse({ type: InnovationPageResponse })
  @ApiErrors('REGION_UNKNOWN')
  list(@Query() q: ListInnovationsQuery) {
    return this.innovations.list(q);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('curator', 'admin')
  @ApiConsumes('text/csv', 'application/json', XLSX_TYPE)
  @ApiBody({
    description:
      'CSV (`,` `;` or tab) with a header row, an XLSX workbook (first sheet), or a JSON array of innovation objects (see docs/import-format.md). Streamed.',
  })
  @ApiOperation({ summary: 'Bulk import, idempotent by source+externalId else title+unit+year (curator or admin)' })
  @ApiOkResponse({ type: ImportReportResponse })
  @ApiErrors('MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE')
  import(@CurrentUser() user: AuthUser, @Req() req: Request, @Query() q: ImportQuery) {
    return this.importer.importRequest(user, req, { dryRun: !!q.dryRun, createMissing: !!q.createMissing });
  }

  @Get('export')
  @Roles('curator', 'admin')
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOperation({ summary: 'Export the innovations matching the list filters as CSV or XLSX, streamed (curator or admin)' })
  @ApiOkResponse({
    description: 'the file (Content-Disposition: attachment); formula-like cells start with an apostrophe',
    content: SPREADSHEET_CONTENT,
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, REGION_UNKNOWN' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  async export(@Query() q: ExportInnovationsQuery, @Res() res: Response): Promise<void> {
    await this.exporter.export(res, q);
  }

  @Get('duplicates')
  @Roles('curator', 'admin')
  @ApiOperation({
    summary: 'Possible duplicates: near-identical titles from different sources with the same unit or region (curator or admin)',
  })
  @ApiOkResponse({ type: DuplicatesPageResponse })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  listDuplicates(@Query() q: DuplicatesQuery) {
    return this.duplicates.list(q.limit ?? 20, q.offset ?? 0, q.sort);
  }

  @Post('duplicates/link')
  @HttpCode(200)
  @Roles('curator', 'admin')
  @ApiOperation({ summary: 'Link a duplicate into the innovation that stays: one innovation known by both source ids (curator or admin)' })
  @ApiOkResponse({ type: InnovationResponse, description: 'the innovation that stays, with `sourceIds`' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'DUPLICATE_LINK_CONFLICT' })
  async link(@CurrentUser() user: AuthUser, @Body() dto: LinkDuplicateDto) {
    await this.duplicates.link(user, dto.primaryId, dto.duplicateId);
    return this.innovations.page(dto.primaryId);
  }

  @Post('duplicates/dismiss')
  @HttpCode(204)
  @Roles('curator', 'admin')
  @ApiOperation({ summary: 'Dismiss a pair: not a duplicate, never proposed again (curator or admin)' })
  @ApiNoContentResponse()
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  async dismiss(@CurrentUser() user: AuthUser, @Body() dto: DismissDuplicateDto): Promise<void> {
    await this.duplicates.dismiss(user.id, dto.innovationIds);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'One innovation, with the source ids it is known by and the credit of its replication lineage' })
  @ApiOkResponse({ type: InnovationResponse })
  @ApiErrors('NOT_FOUND')
  get(@Param('id', uuid) id: string) {
    return this.innovations.page(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an innovation (member of its unit, curator or admin)' })
  @ApiOkResponse({ type: InnovationResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS', 'REGION_UNKNOWN')
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateInnovationDto) {
    return this.innovations.update(user, id, dto);
  }
}
