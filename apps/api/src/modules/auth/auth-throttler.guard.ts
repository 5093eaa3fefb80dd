import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerException, ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { AppConfig } from '@app/common';

/**
 * Each client address may make this many times AUTH_RATE_LIMIT sign-in and refresh requests a
 * minute together (300 at the default 10): an office of a few hundred people behind one NAT
 * signs in at 08:00, while one address cannot try passwords for thousands of accounts.
 */
export const ADDRESS_CEILING_FACTOR = 30;

const MINUTE = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const bodyOf = (req: Request) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});
const addressOf = (req: Request) => req.ip ?? req.socket?.remoteAddress ?? 'unknown';

/**
 * The auth endpoints' limits (the contract's AUTH_RATE_LIMIT row), by name:
 * - `account`: sign-in attempts per account (its e-mail, from any address);
 * - `session`: refreshes per sign-in session (refresh-token family);
 * - `registration`: registrations per client address;
 * - `address`: sign-in and refresh together per client address, a much larger ceiling.
 * Each route skips the ones that are not its own (see AuthController).
 */
export function authThrottlers(config: AppConfig): ThrottlerOptions[] {
  const n = config.authRateLimit;
  return [
    {
      name: 'account',
      ttl: MINUTE,
      limit: n,
      setHeaders: false,
      getTracker: (req) =>
        `account:${String(bodyOf(req as Request).email ?? '')
          .trim()
          .toLowerCase()
          .slice(0, 254)}`,
    },
    { name: 'session', ttl: MINUTE, limit: n, setHeaders: false },
    { name: 'registration', ttl: MINUTE, limit: n, setHeaders: false, getTracker: (req) => `address:${addressOf(req as Request)}` },
    {
      name: 'address',
      ttl: MINUTE,
      limit: n * ADDRESS_CEILING_FACTOR,
      setHeaders: false,
      getTracker: (req) => `address:${addressOf(req as Request)}`,
      // One counter for every endpoint it covers, not one per route.
      generateKey: (_ctx, tracker, name) => `${name}:${tracker}`,
    },
  ];
}

/**
 * ThrottlerGuard with the trackers that need the database (a refresh token's family) and the
 * standard `Retry-After` header (seconds) on every 429, instead of the library's per-name header.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly em: EntityManager,
  ) {
    super(options, storage, reflector);
  }

  /** The refresh-token family of the presented token; unknown or malformed tokens share one bucket per address. */
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as Request;
    const token = bodyOf(request).refreshToken;
    const id = typeof token === 'string' ? token.slice(0, token.indexOf('.')) : '';
    if (UUID.test(id)) {
      const rows = await this.em
        .fork()
        .getConnection()
        .execute<{ family_id: string }[]>('select family_id from refresh_tokens where id = ?', [id]);
      if (rows[0]) return `session:${rows[0].family_id}`;
    }
    return `session:unknown:${addressOf(request)}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    throw new ThrottlerException();
  }
}
