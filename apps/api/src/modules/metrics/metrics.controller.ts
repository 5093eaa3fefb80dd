import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/auth';
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

  // Public for the JWT guard only: the gate accepts METRICS_TOKEN, which is not a JWT.
  @Public()
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (Bearer METRICS_TOKEN or an admin access token)' })
  @ApiProduces('text/plain')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    await this.gate.check(authorization);
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    res.status(200).send(body);
  }
}
