import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '@app/common';
import type { AppConfig } from '@app/common';
import { authThrottlers } from './auth-throttler.guard';
import { AccountController } from './account.controller';
import { AccountTokens } from './account-tokens.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { EmailVerificationService } from './email-verification.service';
import { PasswordRecoveryService } from './password-recovery.service';
import { MailModule } from '../mail';

@Module({
  imports: [
    MailModule,
    // The auth endpoints' rate limits (AUTH_RATE_LIMIT): see authThrottlers.
    ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ throttlers: authThrottlers(config) }) }),
  ],
  controllers: [AuthController, AccountController],
  providers: [AuthService, AccountTokens, EmailVerificationService, PasswordRecoveryService],
  exports: [AuthService, AccountTokens, EmailVerificationService],
})
export class AuthModule {}
