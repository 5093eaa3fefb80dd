/**
 * Small helpers for the cluster suites: a fresh database in the run's PostgreSQL, and real
 * application nodes (`node dist/apps/api/src/main.js`) sharing it and one Redis. Every node is
 * tracked and killed in `stopAll()` (afterAll) and, as a last resort, when the worker exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const ROOT = resolve(__dirname, '../..');
export const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
export const CLUSTER_JWT_SECRET = 'cluster-test-secret-cluster-test-secret';
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const nodes = new Set<ChildProcess>();
process.once('exit', () => {
  for (const n of nodes) if (n.exitCode === null && n.signalCode === null) n.kill('SIGKILL');
});

export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => done(port));
    });
  });
}

/** An empty database created from TEST_PG_ADMIN_URL (the nodes migrate it on start). */
export async function createClusterDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is not set: run through jest (npm run test:cluster)');
  const name = `c_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await c.end();
    },
  };
}

export interface AppNode {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts one application node and resolves once it answers HTTP (the app listens only after
 * migrations and module init). Readiness is `GET /api/me` answering 401, not /api/health, so these
 * suites do not depend on what the health check includes.
 */
export async function startNode(env: Record<string, string>): Promise<AppNode> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DEMO_DATA: '0',
      JWT_SECRET: CLUSTER_JWT_SECRET,
      AUTH_RATE_LIMIT: '10000',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  nodes.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.once('exit', () => nodes.delete(child));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`${baseUrl}/api/me`).then(
      (r) => r.status === 401,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`node did not become healthy:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    baseUrl,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Stops every node this worker started. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...nodes].map(
      (n) =>
        new Promise<void>((done) => {
          if (n.exitCode !== null || n.signalCode !== null) return done();
          n.once('exit', () => done());
          n.kill('SIGTERM');
          setTimeout(() => n.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
}
