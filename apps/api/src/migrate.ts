import 'reflect-metadata';
import { ConfigError, createRootLogger, loadConfig } from '@app/common';
import { migrateDatabase } from '@app/database';
import { describeDbError, resolveDatabase } from './database-url';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
  const logger = createRootLogger(config.logLevel, undefined, config.logFormat);
  const db = await resolveDatabase(config, logger);
  try {
    const applied = await migrateDatabase(db.url);
    logger.info({ applied }, applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
  } catch (error) {
    logger.fatal(describeDbError(error, db.url));
    process.exitCode = 1;
  } finally {
    await db.embedded?.stop();
  }
}

void main();
