import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ormConfig } from './orm.config';

/** Arbitrary but fixed: several nodes starting together migrate one at a time. */
const MIGRATION_LOCK = 7_262_011;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock on a dedicated connection
 * (a session lock must be released on the connection that took it); returns the names applied.
 */
export async function runMigrations(orm: MikroORM, url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.migrator.up();
    return applied.map((m) => m.name);
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.migrator.getPending()).map((m) => m.name);
}

/** Stand-alone migration run (the `npm run migrate` command and test set-up). */
export async function migrateDatabase(url: string): Promise<string[]> {
  const orm = await MikroORM.init(ormConfig(url, 2));
  try {
    return await runMigrations(orm, url);
  } finally {
    await orm.close(true);
  }
}
