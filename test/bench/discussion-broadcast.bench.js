// P4 (docs/performance.md): discussion broadcast to 1,000 socket.io subscribers in one thread,
// against a plain socket.io 4.8.3 server sending the same payload, in the same run.
// The application path is the real one: HTTP POST /api/threads/:id/posts (auth, validation,
// access, rate limit, Markdown, PostgreSQL insert) and then the broadcast through the adapter.
// Servers are pinned to CPU 0 and the load generator (clients + driver) to CPU 1 when taskset
// exists. Run: npm run bench (builds first), or `node test/bench/discussion-broadcast.bench.js`
// after `npm run build`. Env: BENCH_PG_ADMIN_URL (default TEST_PG_ADMIN_URL, DATABASE_URL, or
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_ROUNDS (3), BENCH_SIZES (100,1000).
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes, randomUUID } = require('node:crypto');
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const SIZES = (process.env.BENCH_SIZES || '100,1000').split(',').map(Number);
const CONCURRENCY = 4;
const children = [];

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return true;
  } catch {
    return false;
  }
})();
function launch(cpu, args, env, ipc = false) {
  const [cmd, argv] = hasTaskset ? ['taskset', ['-c', String(cpu), process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(cmd, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

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
async function waitHttp(url, okStatus, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === okStatus) return;
    if (Date.now() > deadline) throw new Error(`${url} not ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** utime + stime of a process, in ms (Linux). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}
const median = (xs) => {
  const s = [...xs].filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

async function main() {
  const adminUrl =
    process.env.BENCH_PG_ADMIN_URL ||
    process.env.TEST_PG_ADMIN_URL ||
    process.env.DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `bench_disc_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;

  const appPort = await freePort();
  const basePort = await freePort();
  const app = launch(0, [MAIN], {
    NODE_ENV: 'production',
    MIGRATE_ON_START: '1',
    PORT: String(appPort),
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: '',
    JWT_SECRET: randomBytes(24).toString('hex'),
    DEMO_DATA: '0',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '100000',
    DISCUSSION_POSTS_PER_MINUTE: '100000000',
    NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS || '',
  });
  const base = launch(0, [path.join(__dirname, 'lib/plain-socketio-server.js')], { PORT: String(basePort) });
  const appUrl = `http://127.0.0.1:${appPort}`;
  const baseUrl = `http://127.0.0.1:${basePort}`;
  await waitHttp(`${appUrl}/api/me`, 401);
  await waitHttp(`${baseUrl}/nothing`, 404);

  // Fixtures: a poster and a reader account, one innovation thread.
  const register = async (name) => {
    const r = await fetch(`${appUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${randomUUID()}@bench.test`, password: 'password123', name }),
    });
    return (await r.json()).accessToken;
  };
  const posterTokens = [];
  for (let i = 0; i < CONCURRENCY; i++) posterTokens.push(await register(`Bench Poster ${i + 1}`));
  const posterToken = posterTokens[0];
  const readerToken = await register('Bench Reader');
  const db = new Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const [agency, unit, innovation] = [randomUUID(), randomUUID(), randomUUID()];
  await db.query(`insert into agencies (id, name, kind) values ($1, 'Bench', 'city')`, [agency]);
  await db.query(`insert into units (id, agency_id, name) values ($1, $2, 'Bench unit')`, [unit, agency]);
  await db.query(`insert into innovations (id, title, summary, unit_id, year, source) values ($1, 'Bench', 'Bench', $2, 2024, 'OTHER')`, [
    innovation,
    unit,
  ]);
  const th = await fetch(`${appUrl}/api/threads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${posterToken}` },
    body: JSON.stringify({ innovationId: innovation, title: 'Bench thread', body: 'bench' }),
  }).then((r) => r.json());
  const threadId = th.id;

  const clients = launch(1, [path.join(__dirname, 'lib/discussion-clients.js')], {}, true);
  const ask = (msg, onConnected) =>
    new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (m.phase === 'connected') return onConnected();
        clients.off('message', onMessage);
        if (m.ok) resolve(m.result);
        else reject(new Error(m.error));
      };
      clients.on('message', onMessage);
      clients.send(msg);
    });

  // Two modes: `saturation` (closed loop, CONCURRENCY posts in flight: capacity in delivered
  // messages/s) and `paced` (open loop at a fixed rate below both capacities: latency under load).
  const MODES = [
    { mode: 'saturation', posts: (size) => (size >= 1000 ? 100 : 300) },
    { mode: 'paced', posts: (size) => (size >= 1000 ? 50 : 150), rate: (size) => (size >= 1000 ? 5 : 15) },
  ];
  const results = [];
  for (const size of SIZES) {
    for (const m of MODES) {
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate the order so drift on a shared machine does not favour one side.
        const order = round % 2 === 0 ? ['baseline', 'app'] : ['app', 'baseline'];
        for (const kind of order) {
          const pid = kind === 'app' ? app.pid : base.pid;
          let c0 = NaN;
          const r = await ask(
            {
              kind,
              url: kind === 'app' ? appUrl : baseUrl,
              token: readerToken,
              threadId,
              count: size,
              posts: m.posts(size),
              rate: m.rate ? m.rate(size) : 0,
              concurrency: CONCURRENCY,
              bodyBytes: 200,
              triggerUrl: kind === 'app' ? `${appUrl}/api/threads/${threadId}/posts` : `${baseUrl}/broadcast`,
              headersList: kind === 'app' ? posterTokens.map((tok) => ({ authorization: `Bearer ${tok}` })) : [],
            },
            () => (c0 = cpuMs(pid)),
          );
          r.serverCpuPct = ((cpuMs(pid) - c0) / r.elapsedMs) * 100;
          results.push({ kind, size, mode: m.mode, round, offeredPostsPerSec: m.rate ? m.rate(size) : null, ...r });
          console.error(
            `  ${m.mode.padEnd(10)} ${kind.padEnd(8)} subs=${size} round=${round} ${Math.round(r.deliveredPerSec)} msg/s p50=${r.p50?.toFixed(1)} p99=${r.p99?.toFixed(1)} fanout-p99=${r.fanoutP99?.toFixed(1)} ms lost=${r.lost}`,
          );
        }
      }
    }
  }

  const summary = [];
  for (const size of SIZES) {
    for (const m of MODES) {
      const pick = (kind, key) => median(results.filter((r) => r.kind === kind && r.size === size && r.mode === m.mode).map((r) => r[key]));
      const row = {
        mode: m.mode,
        subscribers: size,
        offered: m.rate ? `${m.rate(size)} posts/s = ${m.rate(size) * size} msg/s` : `${CONCURRENCY} in flight`,
      };
      for (const kind of ['baseline', 'app']) {
        for (const key of ['deliveredPerSec', 'p50', 'p99', 'fanoutP50', 'fanoutP99', 'lost', 'serverCpuPct', 'clientCpuPct'])
          row[`${kind}_${key}`] = pick(kind, key);
      }
      row.throughputRatio = row.app_deliveredPerSec / row.baseline_deliveredPerSec;
      row.p99Ratio = row.app_p99 / row.baseline_p99;
      row.fanoutP99Ratio = row.app_fanoutP99 / row.baseline_fanoutP99;
      summary.push(row);
    }
  }

  const fmt = (x, d = 1) => (x == null ? '-' : Number(x).toFixed(d));
  console.log(
    `\nP4 discussion broadcast: medians of ${ROUNDS} rounds each; taskset ${hasTaskset ? 'servers CPU 0, clients CPU 1' : 'unavailable'}`,
  );
  console.log(
    '| mode | subscribers | load | baseline msg/s | app msg/s | ratio (goal >= 0.85) | baseline p50/p99 ms | app p50/p99 ms | p99 ratio (goal <= 1.2) | fan-out p99 ms base/app (ratio) | lost base/app | server CPU % base/app | client CPU % base/app |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of summary) {
    console.log(
      `| ${r.mode} | ${r.subscribers} | ${r.offered} | ${fmt(r.baseline_deliveredPerSec, 0)} | ${fmt(r.app_deliveredPerSec, 0)} | ${fmt(r.throughputRatio, 2)} | ${fmt(r.baseline_p50)}/${fmt(r.baseline_p99)} | ${fmt(r.app_p50)}/${fmt(r.app_p99)} | ${fmt(r.p99Ratio, 2)} | ${fmt(r.baseline_fanoutP99)}/${fmt(r.app_fanoutP99)} (${fmt(r.fanoutP99Ratio, 2)}) | ${r.baseline_lost}/${r.app_lost} | ${fmt(r.baseline_serverCpuPct, 0)}/${fmt(r.app_serverCpuPct, 0)} | ${fmt(r.baseline_clientCpuPct, 0)}/${fmt(r.app_clientCpuPct, 0)} |`,
    );
  }
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const out = path.join(__dirname, 'results', 'discussion-broadcast.json');
  writeFileSync(
    out,
    JSON.stringify(
      {
        bench: 'P4 discussion broadcast',
        at: new Date().toISOString(),
        taskset: hasTaskset,
        rounds: ROUNDS,
        concurrency: CONCURRENCY,
        summary,
        results,
      },
      null,
      2,
    ),
  );
  console.log(`\nwritten ${path.relative(ROOT, out)}`);

  clients.kill();
  app.kill('SIGTERM');
  base.kill();
  await db.end();
  await new Promise((r) => app.once('exit', r));
  await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await admin.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
