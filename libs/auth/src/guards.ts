import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '@app/common';
import type { PlatformRole } from '@app/database';
import type { AuthUser } from './auth.types';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';

/** Global guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err instanceof AppError) throw err;
    // Anything else thrown while loading the user (the database being down) is not the
    // caller's fault: let the error filter map it (503), never a misleading 401.
    if (err && !(info as Error | undefined)?.name) throw err;
    if (err || !user) {
      const name = (info as Error | undefined)?.name;
      if (name === 'TokenExpiredError') throw new AppError('AUTH_TOKEN_EXPIRED', 'Access token has expired');
      const missing = (info as Error | undefined)?.message === 'No auth token';
      throw new AppError('UNAUTHENTICATED', missing ? 'Authentication required' : 'Access token is invalid');
    }
    return user;
  }
}

/** Global guard enforcing @Roles(...): the caller needs at least one of them. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<PlatformRole[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest().user as AuthUser | undefined;
    if (!user) throw new AppError('UNAUTHENTICATED', 'Authentication required');
    if (!roles.some((r) => user.roles.includes(r))) throw new AppError('FORBIDDEN', `Requires one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
