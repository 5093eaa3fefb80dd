"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runMigrations = runMigrations;
exports.pendingMigrations = pendingMigrations;
exports.migrateDatabase = migrateDatabase;
const postgresql_1 = require("@mikro-orm/postgresql");
const pg_1 = require("pg");
const orm_config_1 = require("./orm.config");
/** Arbitrary but fixed: several nodes starting together migrate one at a time. */
const MIGRATION_LOCK = 7_262_011;
/**
 * Runs pending migrations while holding a PostgreSQL advisory lock on a dedicated connection
 * (a session lock must be released on the connection that took it); returns the names applied.
 */
async function runMigrations(orm, url) {
    const lock = new pg_1.Client({ connectionString: url });
    await lock.connect();
    try {
        await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        const applied = await orm.migrator.up();
        return applied.map((m) => m.name);
    }
    finally {
        await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        await lock.end().catch(() => undefined);
    }
}
/** Names of migrations not yet applied. */
async function pendingMigrations(orm) {
    return (await orm.migrator.getPending()).map((m) => m.name);
}
/** Stand-alone migration run (the `npm run migrate` command and test set-up). */
async function migrateDatabase(url) {
    const orm = await postgresql_1.MikroORM.init((0, orm_config_1.ormConfig)(url, 2));
    try {
        return await runMigrations(orm, url);
    }
    finally {
        await orm.close(true);
    }
}
//# sourceMappingURL=migrate.js.map