import { Controller, Get, Headers, Res, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IS_PUBLIC } from '@app/auth';
import { ApiErrors } from '@app/common';
import { MetricsGate } from './metrics-gate.service';
import { MetricsService } from './metrics.service';

/** Prometheus exposition; also served at `/metrics` outside the API prefix (same access rule). */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly gate: MetricsGate,
  ) {}

  // Skips the JWT guard only (the gate accepts METRICS_TOKEN, which is not a JWT): not public,
  // so the spec keeps its lock.
  @SetMetadata(IS_PUBLIC, true)
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (Bearer METRICS_TOKEN or an admin access token)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors('UNAUTHENTICATED', 'FORBIDDEN')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    await this.gate.check(authorization);
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    res.status(200).send(body);
  }
}
