import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '@app/common';
import type { AppConfig } from '@app/common';
import { authThrottlers } from './auth-throttler.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [
    // The auth endpoints' rate limits (AUTH_RATE_LIMIT): see authThrottlers.
    ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ throttlers: authThrottlers(config) }) }),
  ],
  controllers: [AuthController],
  providers: [AuthService],
  exports: [AuthService],
})
export class AuthModule {}
