export * from './config';
export * from './error.filter';
export * from './errors';
export * from './logger';
export * from './validation';
