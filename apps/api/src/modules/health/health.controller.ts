import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '@app/common';
import { HealthResponse } from './health.responses';
import { HealthCheck, HealthCheckResult, HealthCheckService, MikroOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@app/auth';
import { RedisHealth } from './redis-health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: MikroOrmHealthIndicator,
    private readonly redis: RedisHealth,
  ) {}

  /**
   * 200 `{status: "ok"}` once the database answers; 503 otherwise. With REDIS_URL, Redis is
   * reported under `info`/`error` and `details.redis` and, when down, `degraded: ["redis"]` —
   * still 200: a node without Redis keeps serving its own clients, only cross-node fan-out stops.
   */
  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: 200 while the database answers (Redis reported, degraded: ["redis"] when down)' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiResponse({ status: 503, description: 'The database does not answer', type: ErrorResponse })
  async check(): Promise<HealthCheckResult & { degraded?: string[] }> {
    const [result, redis] = await Promise.all([
      this.health.check([() => this.db.pingCheck('database', { timeout: 1500 })]),
      this.redis.status(),
    ]);
    if (!redis) return result;
    const out: HealthCheckResult & { degraded?: string[] } = { ...result, details: { ...result.details, redis } };
    if (redis.status === 'up') {
      out.info = { ...(result.info ?? {}), redis };
    } else {
      out.error = { ...(result.error ?? {}), redis };
      out.degraded = ['redis'];
    }
    return out;
  }
}
