import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { LoginDto, RefreshDto, RegisterDto } from './auth.dto';
import { AuthThrottlerGuard } from './auth-throttler.guard';
import { AuthService } from './auth.service';

/** The 429 of the auth limits (AUTH_RATE_LIMIT), with the standard header. */
const Limited = (what: string) =>
  ApiResponse({ status: 429, description: `\`RATE_LIMITED\`: ${what}`, headers: { 'Retry-After': { description: 'seconds until the limit lets the request through', schema: { type: 'integer' } } } });

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates an account and signs it in. Limited per client address. */
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ account: true, session: true, address: true })
  @Limited('AUTH_RATE_LIMIT registrations a minute from this address')
  @Post('auth/register')
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto);
  }

  /** Limited per account (from any address) and, much higher, per client address. */
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ session: true, registration: true })
  @Limited('AUTH_RATE_LIMIT sign-in attempts a minute for this account, or 30 × that from this address')
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto);
  }

  /** Exchanges a refresh token for a new pair; the presented token is spent. Limited per sign-in session and per address. */
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ account: true, registration: true })
  @Limited('AUTH_RATE_LIMIT refreshes a minute for this sign-in session, or 30 × that from this address')
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }
}
