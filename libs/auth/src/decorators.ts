import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { PlatformRole } from '@app/database';
import type { AuthUser } from './auth.types';

export const IS_PUBLIC = 'auth:public';
/** The route needs no access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLES = 'auth:roles';
/** The caller needs one of these platform roles. */
export const Roles = (...roles: PlatformRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
