import { Module } from '@nestjs/common';
import { AccountController } from './account.controller';
import { AccountTokens } from './account-tokens.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { EmailVerificationService } from './email-verification.service';
import { PasswordRecoveryService } from './password-recovery.service';

@Module({
  controllers: [AuthController, AccountController],
  providers: [AuthService, AccountTokens, EmailVerificationService, PasswordRecoveryService],
  exports: [AuthService, AccountTokens, EmailVerificationService],
})
export class AuthModule {}
