import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one MikroORM configuration, used by the app, the migrate command and the tests. */
export function ormConfig(clientUrl: string, poolMax = 20) {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      tableName: 'mikro_orm_migrations',
      silent: true,
      // The schema lives in hand-written migrations; no diff snapshots on disk.
      snapshot: false,
    },
    forceUtcTimezone: true,
    // The request-scoped EntityManager comes from @mikro-orm/nestjs for HTTP; everything else
    // (sockets, timers) must fork explicitly, so the global one is off limits.
    allowGlobalContext: false,
    pool: { min: 0, max: poolMax },
    debug: false,
    // Migration progress is reported by our own start-up log line; the ORM's other warnings pass through.
    logger: (message: string) => {
      if (!message.includes('migrator')) process.stderr.write(message + '\n');
    },
    ensureDatabase: false,
  });
}
