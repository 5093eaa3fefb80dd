import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppError } from '@app/common';
import type { AppConfig } from '@app/common';
import { User } from '@app/database';
import { MailQueue } from '../mail';
import { passwordChangedMail, passwordResetMail } from '../mail';
import { AccountTokens } from './account-tokens.service';
import { TokenPair, UserView } from './auth.dto';
import { AuthService } from './auth.service';
import { hashPassword, verifyPassword } from './passwords';

const RESET_TTL_SECONDS = 3600;
/** Reset mails per account per hour: more requests are answered alike but send nothing. */
const RESET_MAILS_PER_HOUR = 3;

/** Password reset by mailed single-use link, and password change by the signed-in user. */
@Injectable()
export class PasswordRecoveryService {
  constructor(
    private readonly em: EntityManager,
    private readonly auth: AuthService,
    private readonly tokens: AccountTokens,
    private readonly mail: MailQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Always resolves the same way, whether or not the account exists (no enumeration). */
  async request(email: string): Promise<void> {
    const user = await this.em.fork().findOne(User, { email });
    if (!user) return;
    if ((await this.tokens.issuedSince(user.id, 'password_reset', 3600)) >= RESET_MAILS_PER_HOUR) return;
    const token = await this.tokens.issue(user.id, 'password_reset', RESET_TTL_SECONDS);
    const link = `${this.config.publicUrl}/atur-ulang-sandi?token=${token}`;
    await this.mail.enqueue({ to: user.email, template: 'password_reset', ...passwordResetMail({ name: user.name, link }) });
  }

  /** Sets the new password and ends every sign-in session of the account. */
  async confirm(token: string, password: string): Promise<void> {
    const hash = await hashPassword(password);
    await this.em.fork().transactional(async (tx) => {
      const userId = await this.tokens.consume(token, 'password_reset', tx);
      if (!userId) throw new AppError('TOKEN_INVALID', 'This link is invalid, already used or expired');
      // The link reached the mailbox: that also confirms the address.
      await tx.execute(`update users set password_hash = ?, email_verified_at = coalesce(email_verified_at, now()) where id = ?`, [
        hash,
        userId,
      ]);
      await this.tokens.spendAll(userId, 'password_reset', tx);
      await this.auth.endAllSessions(userId, tx);
    });
  }

  /** Changes the password; every session ends, and the caller gets a fresh one. */
  async change(userId: string, current: string, next: string): Promise<TokenPair & { user: UserView }> {
    const em = this.em.fork();
    const user = await em.findOneOrFail(User, { id: userId }, { populate: ['passwordHash'] });
    if (!(await verifyPassword(user.passwordHash, current)))
      throw new AppError('CURRENT_PASSWORD_INVALID', 'The current password is wrong');
    user.passwordHash = await hashPassword(next);
    await em.flush();
    await this.auth.endAllSessions(userId, em);
    await this.mail.enqueue({ to: user.email, template: 'password_changed', ...passwordChangedMail({ name: user.name }) });
    return this.auth.startSession(user);
  }
}
