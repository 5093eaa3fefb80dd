import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Public, Roles } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { CreateInnovationDto, ListInnovationsQuery, UpdateInnovationDto } from './innovations.dto';
import { FacetCountResponse, ImportReportResponse, InnovationPageResponse, InnovationResponse } from './innovations.responses';
import { InnovationsService } from './innovations.service';
import { InnovationImportService } from './innovation-import.service';
import { ApiErrors, uuid } from '@app/common';

@ApiTags('innovations')
@ApiExtraModels(FacetCountResponse)
@Controller('innovations')
export class InnovationsController {
  constructor(
    private readonly innovations: InnovationsService,
    private readonly importer: InnovationImportService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an innovation (member of unitId, curator or admin)' })
  @ApiCreatedResponse({ type: InnovationResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInnovationDto) {
    return this.innovations.create(user, dto);
  }

  /** The catalogue is public knowledge (as on jippnas.menpan.go.id): readable without signing in. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'List/search the catalogue; best match first when q is given; `facets=true` adds counts' })
  @ApiOkResponse({ type: InnovationPageResponse })
  list(@Query() q: ListInnovationsQuery) {
    return this.innovations.list(q);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('curator', 'admin')
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ description: 'CSV with a header row, or a JSON array of innovation objects (see docs/import-format.md). Streamed.' })
  @ApiOperation({ summary: 'Bulk import, idempotent by source+externalId else title+unit+year (curator or admin)' })
  @ApiOkResponse({ type: ImportReportResponse })
  @ApiErrors('MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE')
  import(@CurrentUser() user: AuthUser, @Req() req: Request) {
    return this.importer.importRequest(user, req);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'One innovation' })
  @ApiOkResponse({ type: InnovationResponse })
  @ApiErrors('NOT_FOUND')
  get(@Param('id', uuid) id: string) {
    return this.innovations.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an innovation (member of its unit, curator or admin)' })
  @ApiOkResponse({ type: InnovationResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS')
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateInnovationDto) {
    return this.innovations.update(user, id, dto);
  }
}
