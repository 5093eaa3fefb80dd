import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { ApiErrors } from '@app/common';
import { LoginDto, RefreshDto, RegisterDto } from './auth.dto';
import { AuthTokensResponse, MeResponse } from './auth.responses';
import { AuthThrottlerGuard } from './auth-throttler.guard';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates an account and signs it in. Limited per client address. */
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ account: true, session: true, address: true })
  @Post('auth/register')
  @ApiOperation({ summary: 'Create an account and sign it in' })
  @ApiCreatedResponse({ type: AuthTokensResponse })
  @ApiErrors('EMAIL_TAKEN', 'RATE_LIMITED')
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto);
  }

  /** Limited per account (from any address) and, much higher, per client address. */
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ session: true, registration: true })
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: AuthTokensResponse })
  @ApiErrors('AUTH_INVALID_CREDENTIALS', 'RATE_LIMITED')
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto);
  }

  /** Exchanges a refresh token for a new pair; the presented token is spent. Limited per sign-in session and per address. */
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ account: true, registration: true })
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (a spent token revokes its family)' })
  @ApiOkResponse({ type: AuthTokensResponse })
  @ApiErrors('AUTH_REFRESH_INVALID', 'AUTH_REFRESH_REUSED', 'RATE_LIMITED')
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the sign-in session of this refresh token' })
  @ApiNoContentResponse({ description: 'Signed out (also for an unknown or spent token)' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiOperation({ summary: 'The caller, with platform roles and unit memberships (unit and agency names)' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }
}
