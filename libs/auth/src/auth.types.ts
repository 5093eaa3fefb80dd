import type { PlatformRole } from '@app/database';

/** Who is asking: attached to every authenticated HTTP request and socket. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: PlatformRole[];
}

export interface AccessTokenPayload {
  sub: string;
  typ: 'access';
  /** Sign-in session (refresh-token family) id; absent in tokens signed without one. */
  sid?: string;
  iat?: number;
  exp?: number;
}
