import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TokenService } from '@app/auth';
import { AppError } from '@app/common';

/**
 * Who may scrape: `Authorization: Bearer <METRICS_TOKEN>` (for Prometheus; set METRICS_TOKEN,
 * at least 16 characters) or a platform admin's access token. Figures such as connection counts
 * and routes help an attacker plan, so they are never public.
 */
@Injectable()
export class MetricsGate {
  private readonly token = readToken();

  constructor(private readonly tokens: TokenService) {}

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

function readToken(): string | undefined {
  const raw = process.env.METRICS_TOKEN?.trim();
  // A short token is as good as none: refuse it rather than invite brute force.
  return raw && raw.length >= 16 ? raw : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
