import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuthSessionsService, SessionEvents } from './sessions.service';
import { JwtAuthGuard, RolesGuard } from './guards';
import { JWT_SECRET, JwtStrategy } from './jwt.strategy';
import { TokenService } from './token.service';

/** Token verification shared by HTTP and sockets, plus the global auth and role guards. */
@Global()
@Module({})
export class AuthCoreModule {
  static forRoot(options: { secret: string; accessTokenTtlSeconds: number }): DynamicModule {
    return {
      module: AuthCoreModule,
      imports: [
        PassportModule,
        JwtModule.register({
          secret: options.secret,
          signOptions: { expiresIn: options.accessTokenTtlSeconds, algorithm: 'HS256' },
        }),
      ],
      providers: [
        { provide: JWT_SECRET, useValue: options.secret },
        JwtStrategy,
        TokenService,
        SessionEvents,
        AuthSessionsService,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [TokenService, SessionEvents, AuthSessionsService, JwtModule],
    };
  }
}
