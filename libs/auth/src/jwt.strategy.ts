import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { EntityManager } from '@mikro-orm/postgresql';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppError } from '@app/common';
import { AccessTokenPayload, AuthUser } from './auth.types';
import { loadAuthUser } from './token.service';

export const JWT_SECRET = Symbol('JWT_SECRET');

/** Passport strategy for `Authorization: Bearer <accessToken>`; loads the user so role changes apply at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(JWT_SECRET) secret: string,
    private readonly em: EntityManager,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: secret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthUser> {
    if (payload?.typ !== 'access' || typeof payload.sub !== 'string') throw new AppError('UNAUTHENTICATED', 'Access token is invalid');
    const user = await loadAuthUser(this.em, payload.sub);
    if (!user) throw new AppError('UNAUTHENTICATED', 'The account of this token no longer exists');
    return user;
  }
}
