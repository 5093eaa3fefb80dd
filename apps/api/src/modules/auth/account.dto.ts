import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'nama@instansi.go.id' })
  @Transform(lower)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class AccountTokenDto {
  @ApiProperty({ description: 'The token from the mailed link' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;
}

export class PasswordResetConfirmDto extends AccountTokenDto {
  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  newPassword: string;
}

export class AccountUserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty() emailVerified: boolean;
  @ApiProperty() createdAt: string;
}

export class SignedInDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: AccountUserDto }) user: AccountUserDto;
}

export class AcceptedDto {
  @ApiPropertyOptional({ example: true }) accepted: boolean;
}
