/**
 * Real processes for the fault tests: the built app (`dist/apps/api/src/main.js`), a private
 * Redis, a private PostgreSQL. Every child is tracked and killed in `killAll()` (afterAll) and,
 * as a last resort, when the jest worker exits — a failing test must never leave one behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../libs/database/src/embedded-postgres';

export const ROOT = resolve(__dirname, '../..');
// APP_MAIN: run another build (e.g. a copy, while someone rebuilds dist/ in the same tree).
export const MAIN = process.env.APP_MAIN ? resolve(process.env.APP_MAIN) : join(ROOT, 'dist/apps/api/src/main.js');
export const JWT_SECRET = 'fault-test-secret-fault-test-secret';
export const ADMIN = { email: 'admin@faults.test', password: 'admin-password-1' };

const children = new Set<ChildProcess>();
const pgDirs = new Set<string>();
const tmpDirs = new Set<string>();

/** SIGKILL every tracked child synchronously (also usable from an 'exit' handler). */
function killAllSync(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  // Embedded PostgreSQL runs detached: find it through its pid file.
  for (const dir of pgDirs) {
    const pidFile = join(dir, 'pg', 'postmaster.pid');
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
process.once('exit', killAllSync);

/** Kills every process this file started and removes temp dirs. Call in afterAll. */
export async function killAll(): Promise<void> {
  const waits = [...children].map((c) => waitExit(c, 5000));
  killAllSync();
  await Promise.all(waits);
  children.clear();
  pgDirs.clear();
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
  tmpDirs.clear();
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tmpDirs.add(dir);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolvePort(port));
    });
  });
}

export function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export async function poll<T>(check: () => Promise<T> | T, what: string, timeoutMs = 20000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// ---------------------------------------------------------------- Redis

export interface RedisProc {
  port: number;
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A private redis-server (no persistence) on a free port. */
export async function startRedis(port?: number): Promise<RedisProc> {
  const p = port ?? (await freePort());
  const child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const url = `redis://127.0.0.1:${p}`;
  await poll(() => tcpOpen(p), `redis-server on ${p}`, 10000);
  return {
    port: p,
    url,
    child,
    kill: async (signal = 'SIGKILL') => {
      child.kill(signal);
      await waitExit(child, 5000);
    },
  };
}

export function tcpOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const sock = require('node:net').connect(port, '127.0.0.1') as import('node:net').Socket;
    sock.once('connect', () => {
      sock.destroy();
      done(true);
    });
    sock.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------- PostgreSQL

/** A private embedded PostgreSQL cluster (its own directory and port) that a test may stop and restart. */
export class PrivatePostgres {
  pg?: EmbeddedPostgres;
  readonly dir = tempDir('jippnas-fault-pg-');
  constructor(readonly port: number) {
    pgDirs.add(this.dir);
  }
  static async start(): Promise<PrivatePostgres> {
    const p = new PrivatePostgres(await freePort());
    await p.start();
    return p;
  }
  get url(): string {
    return this.pg!.url;
  }
  async start(): Promise<void> {
    this.pg = await startEmbeddedPostgres({ dataDir: this.dir, port: this.port, settings: { fsync: 'off', synchronous_commit: 'off' } });
  }
  async stop(): Promise<void> {
    await this.pg?.stop();
  }
}

/** A fresh database in the run's shared PostgreSQL (jest global setup). The app migrates it on start. */
export async function sharedDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is not set: run through jest');
  const name = `f_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

// ---------------------------------------------------------------- the app

export interface NodeProc {
  port: number;
  baseUrl: string;
  wsUrl: string;
  child: ChildProcess;
  /** Last lines of the node's output, for failure messages. */
  output(): string;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawns the built app and resolves once GET /api/health answers 200. */
export async function startNode(env: Record<string, string>, port?: number): Promise<NodeProc> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm run test:faults does)`);
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(p),
      JWT_SECRET,
      AUTH_RATE_LIMIT: '100000',
      DEMO_DATA: '0',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      DATA_DIR: tempDir('jippnas-fault-data-'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      lines.push(line.slice(0, 500));
      if (lines.length > 40) lines.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const node: NodeProc = {
    port: p,
    baseUrl: `http://127.0.0.1:${p}`,
    wsUrl: `ws://127.0.0.1:${p}`,
    child,
    output: () => lines.join('\n'),
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: async (signal = 'SIGKILL') => {
      child.kill(signal);
      await waitExit(child, 25000);
    },
  };
  try {
    await poll(
      async () => {
        if (!node.alive()) throw new Error(`node exited (${child.exitCode ?? child.signalCode})`);
        const res = await fetch(`${node.baseUrl}/api/health`).catch(() => undefined);
        return res?.status === 200;
      },
      `node on port ${p} to be healthy`,
      60000,
      100,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- node output ---\n${node.output()}`);
  }
  return node;
}

// ---------------------------------------------------------------- HTTP helpers

export interface Reply {
  status: number;
  body: any;
}

/** fetch with a deadline; a network failure becomes status 0 (the node is down). */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body };
  } catch (error) {
    return { status: 0, body: String((error as Error)?.message ?? error) };
  }
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const r = await call(baseUrl, 'POST', '/api/auth/login', { body: { email, password } });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.accessToken as string;
}

export async function register(baseUrl: string, name = 'Pengguna Uji'): Promise<{ token: string; id: string }> {
  const email = `u${randomBytes(5).toString('hex')}@faults.test`;
  const r = await call(baseUrl, 'POST', '/api/auth/register', { body: { email, password: 'password-123', name } });
  if (r.status !== 201) throw new Error(`register: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.accessToken, id: r.body.user.id };
}
