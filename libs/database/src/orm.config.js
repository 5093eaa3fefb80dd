"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ormConfig = ormConfig;
const postgresql_1 = require("@mikro-orm/postgresql");
const migrations_1 = require("@mikro-orm/migrations");
const legacy_1 = require("@mikro-orm/decorators/legacy");
const entities_1 = require("./entities");
const migrations_2 = require("./migrations");
/** The one MikroORM configuration, used by the app, the migrate command and the tests. */
function ormConfig(clientUrl, poolMax = 20) {
    return (0, postgresql_1.defineConfig)({
        clientUrl,
        entities: entities_1.ENTITIES,
        metadataProvider: legacy_1.ReflectMetadataProvider,
        extensions: [migrations_1.Migrator],
        migrations: {
            migrationsList: migrations_2.MIGRATIONS,
            transactional: true,
            allOrNothing: true,
            tableName: 'mikro_orm_migrations',
        },
        forceUtcTimezone: true,
        // The request-scoped EntityManager comes from @mikro-orm/nestjs for HTTP; everything else
        // (sockets, timers) must fork explicitly, so the global one is off limits.
        allowGlobalContext: false,
        pool: { min: 0, max: poolMax },
        debug: false,
        ensureDatabase: false,
    });
}
//# sourceMappingURL=orm.config.js.map