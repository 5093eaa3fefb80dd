import type { Logger } from 'pino';
import { AppConfig } from '@app/common';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@app/database';

/** DATABASE_URL, or the embedded PostgreSQL in the data directory when it is unset. */
export async function resolveDatabase(config: AppConfig, logger: Logger): Promise<{ url: string; embedded?: EmbeddedPostgres }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const log = logger.child({ component: 'postgres' });
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    log: (line) => log.debug(line),
  });
  logger.info({ port: config.embeddedPgPort, dataDir: config.dataDir }, 'embedded PostgreSQL is running');
  return { url: embedded.url, embedded };
}

/** A one-line reason for a failed database connection, without credentials. */
export function describeDbError(error: unknown, url: string): string {
  let where = 'the database';
  try {
    const u = new URL(url);
    where = `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    /* keep the generic wording */
  }
  const e = error as { code?: string; message?: string };
  return `Cannot use ${where}: ${e?.code ? e.code + ' ' : ''}${(e?.message ?? String(error)).replace(/postgres(ql)?:\/\/[^\s]+/g, '[url]')}`;
}
