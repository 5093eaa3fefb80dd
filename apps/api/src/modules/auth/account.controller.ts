import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import {
  AcceptedDto,
  AccountTokenDto,
  ChangePasswordDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  SignedInDto,
} from './account.dto';
import { EmailVerificationService } from './email-verification.service';
import { PasswordRecoveryService } from './password-recovery.service';

/** Accounts that look after themselves: email verification, password reset and change. */
@ApiTags('auth')
@Controller('auth')
export class AccountController {
  constructor(
    private readonly recovery: PasswordRecoveryService,
    private readonly verification: EmailVerificationService,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mails a single-use link (valid one hour) to reset the password; answers alike whether or not the account exists',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  async requestReset(@Body() dto: PasswordResetRequestDto): Promise<AcceptedDto> {
    await this.recovery.request(dto.email);
    return { accepted: true };
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sets a new password with the mailed token; every sign-in session of the account ends' })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiResponse({ status: 400, description: 'TOKEN_INVALID (unknown, used or expired), VALIDATION_FAILED' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  async confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.recovery.confirm(dto.token, dto.password);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('verify-email/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirms the email address with the token mailed at registration' })
  @ApiNoContentResponse({ description: 'Address confirmed' })
  @ApiResponse({ status: 400, description: 'TOKEN_INVALID, VALIDATION_FAILED' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  async confirmEmail(@Body() dto: AccountTokenDto): Promise<void> {
    await this.verification.confirm(dto.token);
  }

  @ApiBearerAuth()
  @UseGuards(ThrottlerGuard)
  @Post('verify-email')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mails the verification link again (at most 5 a hour; nothing for a verified account)' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  async resendVerification(@CurrentUser() user: AuthUser): Promise<AcceptedDto> {
    await this.verification.resend(user.id);
    return { accepted: true };
  }

  @ApiBearerAuth()
  @UseGuards(ThrottlerGuard)
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Changes the password: every other sign-in session ends; answers with a fresh session for the caller' })
  @ApiOkResponse({ type: SignedInDto })
  @ApiResponse({ status: 400, description: 'CURRENT_PASSWORD_INVALID, VALIDATION_FAILED' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<SignedInDto> {
    return this.recovery.change(user.id, dto.currentPassword, dto.newPassword);
  }
}
