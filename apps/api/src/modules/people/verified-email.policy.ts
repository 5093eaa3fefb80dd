import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppError } from '@app/common';
import type { AppConfig } from '@app/common';
import type { AuthUser } from '@app/auth';

/**
 * What an unconfirmed address may not do while `EMAIL_VERIFICATION=required` (the default):
 * write in discussions, or be added to a unit. Signing in and reading stay open.
 */
@Injectable()
export class VerifiedEmailPolicy {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get required(): boolean {
    return this.config.emailVerificationRequired;
  }

  /** For the caller's own writes. Users built without the flag (internal checks) pass. */
  assertMayWrite(user: Pick<AuthUser, 'emailVerified'>): void {
    if (this.required && user.emailVerified === false) {
      throw new AppError(
        'EMAIL_NOT_VERIFIED',
        'Confirm your email address first (the link was mailed at registration; POST /api/auth/verify-email sends it again)',
      );
    }
  }

  /** For adding someone to a unit. */
  assertMayJoin(user: { emailVerifiedAt?: Date | null }): void {
    if (this.required && !user.emailVerifiedAt)
      throw new AppError('MEMBER_NOT_VERIFIED', 'This account has not confirmed its email address yet; invite it instead');
  }
}
