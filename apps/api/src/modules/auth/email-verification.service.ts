import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppError } from '@app/common';
import type { AppConfig } from '@app/common';
import { User } from '@app/database';
import { MailQueue } from '../mail';
import { verifyEmailMail } from '../mail';
import { AccountTokens } from './account-tokens.service';

const VERIFY_TTL_SECONDS = 48 * 3600;
/** Verification mails per account per hour (resends included). */
const VERIFY_MAILS_PER_HOUR = 5;

/** Mails the verification link and confirms it. */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: AccountTokens,
    private readonly mail: MailQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Queues a verification mail; quietly does nothing for verified accounts or past the hourly limit. */
  async send(user: Pick<User, 'id' | 'email' | 'name' | 'emailVerifiedAt'>): Promise<void> {
    if (user.emailVerifiedAt) return;
    if ((await this.tokens.issuedSince(user.id, 'verify_email', 3600)) >= VERIFY_MAILS_PER_HOUR) return;
    const token = await this.tokens.issue(user.id, 'verify_email', VERIFY_TTL_SECONDS);
    const link = `${this.config.publicUrl}/verifikasi-email?token=${token}`;
    await this.mail.enqueue({ to: user.email, template: 'verify_email', ...verifyEmailMail({ name: user.name, link }) });
  }

  async resend(userId: string): Promise<void> {
    const user = await this.em.fork().findOneOrFail(User, { id: userId });
    await this.send(user);
  }

  async confirm(token: string): Promise<void> {
    const userId = await this.tokens.consume(token, 'verify_email');
    if (!userId) throw new AppError('TOKEN_INVALID', 'This link is invalid, already used or expired');
    await this.em.execute(`update users set email_verified_at = coalesce(email_verified_at, now()) where id = ?`, [userId]);
  }
}
