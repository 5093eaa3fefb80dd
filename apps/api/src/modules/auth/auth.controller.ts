import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { CurrentUser, Public } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { LoginDto, RefreshDto, RegisterDto } from './auth.dto';
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
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto);
  }

  /** Limited per account (from any address) and, much higher, per client address. */
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ session: true, registration: true })
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto);
  }

  /** Exchanges a refresh token for a new pair; the presented token is spent. Limited per sign-in session and per address. */
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ account: true, registration: true })
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
