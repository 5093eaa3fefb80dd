import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@app/common';
import { User } from '@app/database';
import { AccessTokenPayload, AuthUser } from './auth.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TokenCheck =
  { ok: true; userId: string; expiresAt: number; sessionId?: string } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/**
 * Signs and verifies access tokens. The same verifier serves HTTP (passport), socket.io and
 * the collaboration socket, so a token means the same thing everywhere.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly em: EntityManager,
  ) {}

  /** `sessionId`: the sign-in session (refresh-token family) the token belongs to; sockets live as long as it. */
  signAccessToken(userId: string, sessionId?: string): string {
    const payload: AccessTokenPayload = sessionId ? { sub: userId, typ: 'access', sid: sessionId } : { sub: userId, typ: 'access' };
    return this.jwt.sign(payload);
  }

  /** Checks signature, type and expiry; no database access. */
  check(token: string | undefined | null): TokenCheck {
    if (!token || typeof token !== 'string') return { ok: false, reason: 'missing' };
    try {
      const payload = this.jwt.verify<AccessTokenPayload>(token, { algorithms: ['HS256'] });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string') return { ok: false, reason: 'invalid' };
      const sessionId = typeof payload.sid === 'string' && UUID.test(payload.sid) ? payload.sid : undefined;
      return { ok: true, userId: payload.sub, expiresAt: (payload.exp ?? 0) * 1000, sessionId };
    } catch (error) {
      return { ok: false, reason: (error as Error)?.name === 'TokenExpiredError' ? 'expired' : 'invalid' };
    }
  }

  /** Verifies a token and loads its user (outside HTTP: uses its own EntityManager fork). */
  async authenticate(token: string | undefined | null): Promise<{ user: AuthUser; expiresAt: number; sessionId?: string }> {
    const checked = this.check(token);
    if (!checked.ok) throw tokenError(checked.reason);
    const user = await loadAuthUser(this.em.fork(), checked.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'The account of this token no longer exists');
    return { user, expiresAt: checked.expiresAt, sessionId: checked.sessionId };
  }
}

export function tokenError(reason: 'missing' | 'invalid' | 'expired'): AppError {
  if (reason === 'expired') return new AppError('AUTH_TOKEN_EXPIRED', 'Access token has expired');
  if (reason === 'missing') return new AppError('UNAUTHENTICATED', 'Authentication required');
  return new AppError('UNAUTHENTICATED', 'Access token is invalid');
}

export async function loadAuthUser(em: EntityManager, id: string): Promise<AuthUser | null> {
  const user = await em.findOne(User, { id }, { fields: ['id', 'email', 'name', 'roles', 'emailVerifiedAt'] as never });
  return user ? { id: user.id, email: user.email, name: user.name, roles: user.roles, emailVerified: !!user.emailVerifiedAt } : null;
}
