import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppError, isUuid } from '@app/common';
import type { AppConfig } from '@app/common';
import { Membership, RefreshToken, User } from '@app/database';
import { AuthSessionsService, SessionEvents, TokenService } from '@app/auth';
import type { MeResponse } from './auth.responses';
import { LoginDto, RegisterDto, TokenPair, toUserView, UserView } from './auth.dto';
import { EmailVerificationService } from './email-verification.service';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: TokenService,
    private readonly sessions: AuthSessionsService,
    private readonly sessionEvents: SessionEvents,
    private readonly verification: EmailVerificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(dto: RegisterDto): Promise<TokenPair & { user: UserView }> {
    const user = new User(dto.email, dto.name, await hashPassword(dto.password));
    try {
      await this.em.persist(user).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
      throw error;
    }
    await this.verification.send(user).catch(() => undefined); // a mail problem never fails the registration
    return { ...(await this.issue(user)), user: toUserView(user) };
  }

  async login(dto: LoginDto): Promise<TokenPair & { user: UserView }> {
    const user = await this.em.findOne(User, { email: dto.email }, { populate: ['passwordHash'] });
    if (!user) {
      await burnPasswordCheck(dto.password);
      throw new AppError('AUTH_INVALID_CREDENTIALS', 'Email or password is wrong');
    }
    if (!(await verifyPassword(user.passwordHash, dto.password)))
      throw new AppError('AUTH_INVALID_CREDENTIALS', 'Email or password is wrong');
    return { ...(await this.issue(user)), user: toUserView(user) };
  }

  /**
   * Rotates a refresh token. The token is spent atomically (one UPDATE), so two concurrent
   * uses cannot both succeed; presenting a spent token revokes its whole family.
   */
  async refresh(presented: string): Promise<TokenPair & { user: UserView }> {
    const parsed = parseRefreshToken(presented);
    if (!parsed) throw new AppError('AUTH_REFRESH_INVALID', 'Refresh token is invalid');
    const conn = this.em.getConnection();
    const spent = await conn.execute<{ user_id: string; family_id: string }[]>(
      `update refresh_tokens set used_at = now()
        where id = ? and secret_hash = ? and used_at is null and revoked_at is null and expires_at > now()
        returning user_id, family_id`,
      [parsed.id, sha256(parsed.secret)],
    );
    if (spent.length === 0) {
      const known = await conn.execute<{ family_id: string; used_at: Date | null; revoked_at: Date | null }[]>(
        `select family_id, used_at, revoked_at from refresh_tokens where id = ? and secret_hash = ?`,
        [parsed.id, sha256(parsed.secret)],
      );
      if (known.length && (known[0].used_at || known[0].revoked_at)) {
        await this.revokeFamily(known[0].family_id);
        throw new AppError('AUTH_REFRESH_REUSED', 'Refresh token was already used; all sessions of this sign-in are revoked');
      }
      throw new AppError('AUTH_REFRESH_INVALID', 'Refresh token is invalid or expired');
    }
    const user = await this.em.findOne(User, { id: spent[0].user_id });
    if (!user) throw new AppError('AUTH_REFRESH_INVALID', 'Refresh token is invalid');
    return { ...(await this.issue(user, spent[0].family_id)), user: toUserView(user) };
  }

  /** Ends the sign-in of this refresh token (its whole family). Unknown tokens are ignored. */
  async logout(presented: string): Promise<void> {
    const parsed = parseRefreshToken(presented);
    if (!parsed) return;
    const rows = await this.em
      .getConnection()
      .execute<{ family_id: string }[]>(`select family_id from refresh_tokens where id = ? and secret_hash = ?`, [
        parsed.id,
        sha256(parsed.secret),
      ]);
    if (rows.length) await this.revokeFamily(rows[0].family_id);
  }

  async me(user: { id: string }): Promise<MeResponse> {
    const found = await this.em.findOneOrFail(User, { id: user.id });
    const memberships = await this.em.find(
      Membership,
      { user: user.id },
      { populate: ['unit', 'unit.agency'], orderBy: { createdAt: 'asc' } },
    );
    return {
      ...toUserView(found),
      position: found.position ?? null,
      phone: found.phone ?? null,
      avatarAttachmentId: found.avatarAttachmentId ?? null,
      memberships: memberships.map((m) => ({
        unitId: m.unit.id,
        agencyId: m.unit.agency.id,
        role: m.role,
        unit: { id: m.unit.id, name: m.unit.name },
        agency: { id: m.unit.agency.id, name: m.unit.agency.name },
      })),
    };
  }

  /**
   * Ends every sign-in session of the user: all refresh-token families are revoked at once
   * (password reset, password change). Open sockets follow their session (closed with 4401).
   */
  async endAllSessions(userId: string, em: EntityManager = this.em): Promise<void> {
    await em.execute(`update refresh_tokens set revoked_at = now() where user_id = ? and revoked_at is null`, [userId]);
    // Their sockets close on every node (the same announcement as AuthSessionsService.endAllForUser).
    this.sessionEvents.ended({ userId });
  }

  /** A new sign-in session for a user who proved who they are another way (invitation, new password). */
  async startSession(user: User): Promise<TokenPair & { user: UserView }> {
    return { ...(await this.issue(user)), user: toUserView(user) };
  }

  /** Revokes the family and closes its sockets on every node. */
  private async revokeFamily(familyId: string): Promise<void> {
    await this.sessions.endFamily(familyId);
  }

  private async issue(user: User, familyId: string = randomUUID()): Promise<TokenPair> {
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    const token = new RefreshToken(user, familyId, sha256(secret), expiresAt);
    await this.em.persist(token).flush();
    return {
      accessToken: this.tokens.signAccessToken(user.id, familyId),
      refreshToken: `${token.id}.${secret}`,
      expiresIn: this.config.accessTokenTtlSeconds,
    };
  }
}

function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  return isUuid(id) && secret.length > 0 ? { id, secret } : null;
}
