export * from './config';
export * from './error.filter';
export * from './errors';
export * from './logger';
export * from './validation';
export * from './db-errors';
export * from './ids';
export * from './time';
