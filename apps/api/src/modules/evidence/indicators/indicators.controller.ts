import { ApiErrors } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { ImpactService } from './impact.service';
import {
  CreateIndicatorDto,
  CreateInnovationResultDto,
  CreateMeasurementDto,
  ImpactStatsView,
  ImpactView,
  IndicatorListView,
  IndicatorView,
  InnovationResultView,
  MeasurementView,
} from './indicators.dto';
import { IndicatorsService } from './indicators.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('replication evidence')
@Controller()
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly impact: ImpactService,
  ) {}

  @Post('replications/:id/indicators')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add a before/after service indicator to a replication (editors)' })
  @ApiCreatedResponse({ type: IndicatorView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  create(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateIndicatorDto) {
    return this.indicators.create(user, id, dto);
  }

  @Get('replications/:id/indicators')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A replication’s indicators with their measurements and change against the baseline' })
  @ApiOkResponse({ type: IndicatorListView })
  @ApiErrors('NOT_FOUND')
  list(@Param('id', uuid) id: string) {
    return this.indicators.list(id);
  }

  @Post('indicators/:id/measurements')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Record a measurement of an indicator, optionally with an attachment as evidence (editors)' })
  @ApiCreatedResponse({ type: MeasurementView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'INVALID_ATTACHMENT')
  measure(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateMeasurementDto) {
    return this.indicators.measure(user, id, dto);
  }

  /** Public like the catalogue and the statistics: aggregates only. */
  @Public()
  @Get('innovations/:id/impact')
  @ApiOperation({
    summary: 'Impact roll-up over the innovation’s replications (median change per indicator) beside the origin’s own results',
  })
  @ApiOkResponse({ type: ImpactView })
  @ApiErrors('NOT_FOUND')
  rollUp(@Param('id', uuid) id: string) {
    return this.impact.impact(id);
  }

  /** Public like the other statistics: the impact roll-up across every innovation. */
  @Public()
  @Get('stats/impact')
  @ApiOperation({ summary: 'Impact across all innovations: per indicator, innovations and replications tracking it, median change' })
  @ApiOkResponse({ type: ImpactStatsView })
  // The request guards refuse a malformed query string on every route, this one included.
  @ApiErrors('VALIDATION_FAILED')
  overall() {
    return this.impact.overall();
  }

  @Post('innovations/:id/results')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The origin unit reports a result of the innovation itself (origin members, curators, admins)' })
  @ApiCreatedResponse({ type: InnovationResultView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  addResult(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateInnovationResultDto) {
    return this.impact.addResult(user, id, dto);
  }

  @Delete('innovations/:id/results/:resultId')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Remove a reported result (origin members, curators, admins)' })
  @ApiNoContentResponse()
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  removeResult(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('resultId', uuid) resultId: string) {
    return this.impact.removeResult(user, id, resultId);
  }
}
