export * from './config';
export * from './error.filter';
export * from './errors';
export * from './logger';
export * from './validation';
export * from './iso-time';
export * from './request-guards';
