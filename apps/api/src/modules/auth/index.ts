// Public surface of the auth module: what other modules may import.
export { AuthModule } from './auth.module';
export { AuthService } from './auth.service';
export { hashPassword, verifyPassword } from './passwords';
