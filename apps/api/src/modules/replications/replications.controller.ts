import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '@app/auth';
import type { AuthUser } from '@app/auth';
import {
  CreateReplicationDto,
  ExportMentorshipsQuery,
  ExportReplicationsQuery,
  ListReplicationsQuery,
  StatsQuery,
  TopQuery,
  ReplicationTransitionDto,
} from './replications.dto';
import { InnovationStatsQuery, StatRowResponse, TimelineQuery, TimelineRowResponse } from './stats.dto';
import { RegistryExportService } from './registry-export.service';
import { ReplicationStatsService } from './replication-stats.service';
import { ReplicationsService } from './replications.service';
import {
  ReplicationDetailResponse,
  ReplicationPageResponse,
  ReplicationResponse,
  ReplicationStatResponse,
  TopInnovationResponse,
} from './replications.responses';
import { ApiErrors, SPREADSHEET_CONTENT, uuid } from '@app/common';

@ApiTags('replications')
@Controller()
export class ReplicationsController {
  constructor(
    private readonly replications: ReplicationsService,
    private readonly stats: ReplicationStatsService,
    private readonly exports: RegistryExportService,
  ) {}

  @Post('innovations/:id/replications')
  @ApiOperation({
    summary: 'Propose a replication (member of the replicating unit); creates its playbook; sourceReplicationId records the lineage',
  })
  @ApiCreatedResponse({ type: ReplicationResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS', 'INVALID_SOURCE_REPLICATION', 'SOURCE_REPLICATION_MISMATCH')
  create(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateReplicationDto) {
    return this.replications.create(user, id, dto);
  }

  @Post('replications/:id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a replication to another stage (409 INVALID_TRANSITION, 403 when not yours to move)' })
  @ApiOkResponse({ type: ReplicationDetailResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION')
  transition(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReplicationTransitionDto) {
    return this.replications.transition(user, id, dto);
  }

  @Get('replications/export')
  @Roles('curator', 'admin')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary: 'Export replications (with the time each stage was entered and the full history) as CSV or XLSX, streamed (curator or admin)',
  })
  @ApiOkResponse({ description: 'the file (Content-Disposition: attachment)', content: SPREADSHEET_CONTENT })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  async exportReplications(@Query() q: ExportReplicationsQuery, @Res() res: Response): Promise<void> {
    await this.exports.replications(res, q);
  }

  /** Here, not in the mentoring module: this module is registered first, so `mentorships/:id` does not shadow it. */
  @Get('mentorships/export')
  @Roles('curator', 'admin')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Export mentorships (mentors, goals, sessions, rating) as CSV or XLSX, streamed (curator or admin)' })
  @ApiOkResponse({ description: 'the file (Content-Disposition: attachment)', content: SPREADSHEET_CONTENT })
  @ApiResponse({ status: 403, description: 'FORBIDDEN' })
  async exportMentorships(@Query() q: ExportMentorshipsQuery, @Res() res: Response): Promise<void> {
    await this.exports.mentorships(res, q);
  }

  @Get('replications')
  @ApiOperation({
    summary:
      'Replications by innovation, unit (any role) and stage; sort=created|updated|stage (prefix - for descending), default -updated',
  })
  @ApiOkResponse({ type: ReplicationPageResponse })
  list(@Query() q: ListReplicationsQuery) {
    return this.replications.list(q);
  }

  @Get('replications/:id')
  @ApiOperation({ summary: 'A replication with its stage history' })
  @ApiOkResponse({ type: ReplicationDetailResponse })
  @ApiErrors('NOT_FOUND')
  get(@Param('id', uuid) id: string) {
    return this.replications.get(id);
  }

  /** Public statistics (BRIEF: replications per innovation, region and stage). */
  @Public()
  @Get('stats/replications')
  @ApiOperation({ summary: '[{key, count}] by stage, region (replicating agency region code) or innovation (with label)' })
  @ApiOkResponse({ type: [ReplicationStatResponse] })
  byGroup(@Query() q: StatsQuery) {
    return this.stats.byGroup(q.groupBy);
  }

  @Public()
  @Get('stats/innovations')
  @ApiOperation({ summary: 'The catalogue by year, source, province (with names) or sector' })
  @ApiOkResponse({ type: [StatRowResponse] })
  innovationStats(@Query() q: InnovationStatsQuery) {
    return this.stats.innovations(q.groupBy);
  }

  @Public()
  @Get('stats/timeline')
  @ApiOperation({ summary: 'Over time: replications proposed, agreed and institutionalised, innovations added, per month or year' })
  @ApiOkResponse({ type: [TimelineRowResponse] })
  timeline(@Query() q: TimelineQuery) {
    return this.stats.timeline(q.interval ?? 'month');
  }

  @Public()
  @Get('stats/innovations/top')
  @ApiOperation({ summary: 'Most replicated innovations' })
  @ApiOkResponse({ type: [TopInnovationResponse] })
  top(@Query() q: TopQuery) {
    return this.stats.top(q.limit ?? 10);
  }
}
