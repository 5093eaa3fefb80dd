// Public surface of the auth module: what other modules may import.
export { AuthService } from './auth.service';
export { hashPassword, verifyPassword } from './passwords';
export { SignedInDto } from './account.dto';
export { tokenHash } from './account-tokens.service';
export { AuthModule } from './auth.module';
