import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { PlatformRole } from '@app/database';
import type { AuthUser } from './auth.types';

export const IS_PUBLIC = 'auth:public';
/** The route needs no access token (the OpenAPI spec shows it without a lock). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

export const REQUIRED_ROLES = 'auth:roles';
/** The caller needs one of these platform roles (listed in the OpenAPI spec, with its 403). */
export const Roles = (...roles: PlatformRole[]) => applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiExtension('x-roles', roles));

/** The authenticated caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
