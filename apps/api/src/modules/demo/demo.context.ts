import type { EntityManager } from '@mikro-orm/postgresql';
import type { Agency, Unit, User } from '@app/database';

/** What earlier demo seeders created, by a short key, for later seeders to build on. */
export interface DemoContext {
  em: EntityManager;
  agencies: Record<string, Agency>;
  units: Record<string, Unit>;
  users: Record<string, User>;
  /** Free-form store for feature seeders (e.g. created innovations by key). */
  extra: Record<string, unknown>;
}

/** A feature's demo data. Seeders run in order, inside one transaction, on an empty database. */
export type DemoSeeder = { name: string; run: (ctx: DemoContext) => Promise<void> };

/** Every demo account shares this password (documented in README.md). */
export const DEMO_PASSWORD = 'Kolaborasi2026!';
