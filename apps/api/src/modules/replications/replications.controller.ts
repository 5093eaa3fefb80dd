import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { CreateReplicationDto, ListReplicationsQuery, StatsQuery, TopQuery, ReplicationTransitionDto } from './replications.dto';
import { ReplicationStatsService } from './replication-stats.service';
import { ReplicationsService } from './replications.service';
import {
  ReplicationDetailResponse,
  ReplicationPageResponse,
  ReplicationResponse,
  ReplicationStatResponse,
  TopInnovationResponse,
} from './replications.responses';
import { ApiErrors, uuid } from '@app/common';

@ApiTags('replications')
@Controller()
export class ReplicationsController {
  constructor(
    private readonly replications: ReplicationsService,
    private readonly stats: ReplicationStatsService,
  ) {}

  @Post('innovations/:id/replications')
  @ApiOperation({ summary: 'Propose a replication (member of the replicating unit); creates its playbook' })
  @ApiCreatedResponse({ type: ReplicationResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS')
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

  @Get('replications')
  @ApiOperation({ summary: 'Replications by innovation, unit (any role) and stage, most recently changed first' })
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
  @Get('stats/innovations/top')
  @ApiOperation({ summary: 'Most replicated innovations' })
  @ApiOkResponse({ type: [TopInnovationResponse] })
  top(@Query() q: TopQuery) {
    return this.stats.top(q.limit ?? 10);
  }
}
