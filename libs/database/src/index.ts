export * from './entities';
export * from './embedded-postgres';
export * from './migrate';
export * from './orm.config';
