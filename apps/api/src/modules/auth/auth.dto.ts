import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { User } from '@app/database';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class RegisterDto {
  /** Sign-in email; stored lower-case. */
  @Transform(lower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  /** At least 8 characters. */
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;
}

export class LoginDto {
  @Transform(lower)
  @IsString()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @IsString()
  @MaxLength(512)
  refreshToken: string;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: string[];
  /** False until the address is confirmed (POST /api/auth/verify-email/confirm). */
  emailVerified: boolean;
  createdAt: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    emailVerified: !!user.emailVerifiedAt,
    createdAt: user.createdAt.toISOString(),
  };
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}
