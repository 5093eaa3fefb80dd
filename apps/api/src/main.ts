import 'reflect-metadata';
import { ConfigError, createRootLogger, loadConfig, resolveJwtSecret } from '@app/common';
import { EmbeddedPostgresError, migrateDatabase } from '@app/database';
import { buildApp } from './bootstrap';
import { describeDbError, resolveDatabase } from './database-url';
import { startupBanner } from './startup-banner';
import { DemoService } from './modules/demo';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
  const logger = createRootLogger(config.logLevel, undefined, config.logFormat);
  // Never die on one bad request or frame: log it and go on serving everyone else.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));

  let db;
  try {
    db = await resolveDatabase(config, logger);
  } catch (error) {
    logger.fatal(error instanceof EmbeddedPostgresError ? error.message : describeDbError(error, ''));
    process.exit(1);
  }

  try {
    if (config.nodeEnv === 'production' && !config.migrateOnStart) {
      logger.info('production: migrations are applied by `npm run migrate`, not on start');
    } else {
      const applied = await migrateDatabase(db.url);
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    logger.fatal(describeDbError(error, db.url));
    await db.embedded?.stop();
    process.exit(1);
  }

  const { app } = await buildApp(config, { databaseUrl: db.url, jwtSecret: resolveJwtSecret(config) });
  const demoService = app.get(DemoService);
  if (config.adminEmail && config.adminPassword) await demoService.ensureAdmin(config.adminEmail, config.adminPassword);
  const demoData = config.demoData ?? !config.databaseUrl;
  let demo: { password: string; accounts: { email: string; roles: string[] }[] } | undefined;
  if (demoData) {
    const seeded = await demoService.seedIfEmpty();
    demo = demoService.accounts();
    if (!seeded) logger.info('demo data present');
  }

  await app.listen(config.port);
  const url = `http://localhost:${config.port}`;
  // The last thing start-up says: where it is, where the docs are, and how to sign in.
  if (config.logFormat === 'pretty') process.stdout.write(startupBanner(url, demo));
  else
    logger.info(
      { url, docs: `${url}/api/docs`, demoPassword: demo?.password, demoAccounts: demo?.accounts.map((a) => a.email) },
      'JIPPNas Kolaborasi is up',
    );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: flushing work, closing connections');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.close();
    } catch (error) {
      logger.error({ err: error }, 'error while closing the app');
    }
    await db.embedded?.stop().catch(() => undefined);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main().catch((error) => {
  console.error('fatal start-up error:', error instanceof Error ? error.message : error);
  process.exit(1);
});
