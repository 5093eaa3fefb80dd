import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TokenService } from '@app/auth';
import { APP_CONFIG, AppError } from '@app/common';
import type { AppConfig } from '@app/common';

/**
 * Who may scrape: `Authorization: Bearer <METRICS_TOKEN>` (for Prometheus; METRICS_TOKEN,
 * at least 16 characters, validated at start with the other settings) or a platform admin's access token. Figures such as connection counts
 * and routes help an attacker plan, so they are never public.
 */
@Injectable()
export class MetricsGate {
  private readonly token: string | undefined;

  constructor(
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metricsToken;
  }

  async check(authorization: unknown): Promise<void> {
    const header = typeof authorization === 'string' ? authorization : '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'Authentication required: Bearer METRICS_TOKEN or an admin access token');
    const given = match[1];
    if (this.token && sameSecret(given, this.token)) return;
    const { user } = await this.tokens.authenticate(given);
    if (!user.roles.includes('admin')) throw new AppError('FORBIDDEN', 'Metrics are for platform admins and the metrics scraper');
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
