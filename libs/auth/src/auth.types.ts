import type { PlatformRole } from '@app/database';

/** Who is asking: attached to every authenticated HTTP request and socket. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: PlatformRole[];
  /** Whether the address is confirmed (absent on users built outside a request, e.g. for checks). */
  emailVerified?: boolean;
}

export interface AccessTokenPayload {
  sub: string;
  typ: 'access';
  /** Sign-in session (refresh-token family) id; absent in tokens signed without one. */
  sid?: string;
  iat?: number;
  exp?: number;
}
