// Shared set-up of the collaboration benches (P1, P2, P3, P6): the real app on a fresh database
// next to the @y/websocket-server baseline, both pinned to CPU 0; load generators on CPU 1.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes, randomUUID } = require('node:crypto');
const { readFileSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
const children = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return true;
  } catch {
    return false;
  }
})();

function launch(cpu, args, env = {}, ipc = false) {
  const [cmd, argv] = hasTaskset ? ['taskset', ['-c', String(cpu), process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(cmd, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(check, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Resident set size of a process in KiB (Linux). */
function rssKb(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

const median = (xs) => {
  const s = [...xs].filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

/**
 * The application (production mode, fresh database, no Redis) and/or the baseline server.
 * `appEnv` adds COLLAB_* tunables; `gcOnSignal` lets SIGUSR2 run a full GC in both servers. Returns URLs, pids, a pg client on the app's database and
 * fixture helpers.
 */
async function startServers({ appEnv = {}, baseline = true, gcOnSignal = false } = {}) {
  const gcOptions = gcOnSignal ? `--expose-gc --require ${path.join(__dirname, 'gc-on-signal.js')}` : '';
  const adminUrl =
    process.env.BENCH_PG_ADMIN_URL ||
    process.env.TEST_PG_ADMIN_URL ||
    process.env.DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `bench_collab_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const appPort = await freePort();
  const app = launch(0, [MAIN], {
    NODE_ENV: 'production',
    MIGRATE_ON_START: '1',
    PORT: String(appPort),
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: '',
    JWT_SECRET: randomBytes(24).toString('hex'),
    DEMO_DATA: '0',
    LOG_LEVEL: 'error',
    AUTH_RATE_LIMIT: '100000',
    NODE_OPTIONS: `${process.env.BENCH_APP_NODE_OPTIONS || ''} ${gcOptions}`.trim(),
    ...appEnv,
  });
  const appUrl = `http://127.0.0.1:${appPort}`;
  let base = null;
  let baseUrl = null;
  if (baseline) {
    base = launch(0, [path.join(__dirname, 'yws-baseline-server.js')], { NODE_OPTIONS: gcOptions }, true);
    const port = await new Promise((resolve) => base.once('message', (m) => resolve(m.port)));
    baseUrl = `http://127.0.0.1:${port}`;
  }
  await waitFor(
    () =>
      fetch(`${appUrl}/api/me`).then(
        (r) => r.status === 401,
        () => false,
      ),
    'app',
  );
  const db = new Client({ connectionString: dbUrl.toString() });
  await db.connect();

  const r = await fetch(`${appUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${randomUUID()}@bench.test`, password: 'password123', name: 'Bench' }),
  });
  const { accessToken: token, user } = await r.json();
  const [agency, unit, other] = [randomUUID(), randomUUID(), randomUUID()];
  await db.query(`insert into agencies (id, name, kind) values ($1, 'Bench', 'city')`, [agency]);
  await db.query(`insert into units (id, agency_id, name) values ($1, $3, 'Bench'), ($2, $3, 'Bench 2')`, [unit, other, agency]);
  await db.query(`insert into memberships (id, unit_id, user_id, role) values ($1, $2, $3, 'member')`, [randomUUID(), unit, user.id]);
  const { stageSeedUpdate } = require(path.join(ROOT, 'dist/apps/api/src/modules/playbooks/content/prosemirror.js'));

  /** A replication playbook the bench user edits, seeded with the stage headings. */
  const playbook = async (snapshot = Buffer.from(stageSeedUpdate())) => {
    const [innovation, replication, id] = [randomUUID(), randomUUID(), randomUUID()];
    await db.query(`insert into innovations (id, title, summary, unit_id, year, source) values ($1, $3, 'Bench', $2, 2024, 'OTHER')`, [
      innovation,
      unit,
      `Bench ${innovation}`,
    ]);
    await db.query(`insert into replications (id, innovation_id, origin_unit_id, replicating_unit_id) values ($1, $2, $3, $4)`, [
      replication,
      innovation,
      unit,
      other,
    ]);
    await db.query(`insert into playbooks (id, replication_id, title) values ($1, $2, 'Bench')`, [id, replication]);
    await db.query(`insert into playbook_snapshots (playbook_id, data) values ($1, $2)`, [id, snapshot]);
    return id;
  };

  const stop = async () => {
    app.kill('SIGTERM');
    base?.kill();
    await db.end();
    await new Promise((r) => (app.exitCode !== null ? r() : app.once('exit', r)));
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
  };
  return {
    app,
    base,
    appUrl,
    baseUrl,
    appWs: appUrl.replace('http', 'ws'),
    baseWs: baseUrl?.replace('http', 'ws'),
    db,
    token,
    playbook,
    stop,
  };
}

/** The load generator process (CPU 1), driven over IPC. */
function startClients() {
  const clients = launch(1, [path.join(__dirname, 'collab-clients.js')], {}, true);
  const ask = (msg) =>
    new Promise((resolve, reject) => {
      clients.once('message', (m) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
      clients.send(msg);
    });
  return { ask, kill: () => clients.kill() };
}

const fmt = (x, d = 1) => (x == null || Number.isNaN(x) ? '-' : Number(x).toFixed(d));

module.exports = { ROOT, hasTaskset, launch, startServers, startClients, cpuMs, rssKb, median, fmt, waitFor };
