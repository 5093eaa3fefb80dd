export * from './auth-core.module';
export * from './auth.types';
export * from './decorators';
export * from './guards';
export * from './jwt.strategy';
export * from './token.service';
export * from './sessions.service';
