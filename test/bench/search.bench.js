// P5 (docs/performance.md): GET /api/innovations?q= over 20,000 innovations, 50 concurrent
// connections, against the same SQL through raw `pg` in a bare Node HTTP server, same run,
// back to back, medians of several rounds. Also: bulk import throughput (20,000 rows as CSV,
// then the same rows again as a JSON array = 20,000 updates) through POST /api/innovations/import.
// Servers on CPU 0, the load generator on CPU 1 (taskset when present); the load generator
// reports its own CPU so a saturated client shows.
// Run: npm run bench (builds first), or `node test/bench/search.bench.js` after `npm run build`.
// Env: BENCH_PG_ADMIN_URL (default TEST_PG_ADMIN_URL, DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_ROUNDS (3), BENCH_SECONDS (8),
// BENCH_ROWS (20000), BENCH_CONCURRENCY (50).
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes, randomUUID } = require('node:crypto');
const { writeFileSync, mkdirSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const ROWS = Number(process.env.BENCH_ROWS || 20000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 50);
const children = [];

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return os.cpus().length > 1;
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
async function waitHttp(url, okStatus, timeoutMs = 90000) {
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
const median = (xs) => {
  const s = [...xs].filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

// A synthetic but Indonesian-looking catalogue: words of public-service innovations, so the
// vocabulary, stems and result-set sizes resemble the real thing.
const VOCAB = {
  lead: [
    'Layanan',
    'Pelayanan',
    'Sistem',
    'Gerakan',
    'Program',
    'Aplikasi',
    'Klinik',
    'Pusat',
    'Rumah',
    'Mobil',
    'Posyandu',
    'Sekolah',
    'Pasar',
    'Bank',
    'Kampung',
  ],
  topic: [
    'Kesehatan',
    'Kependudukan',
    'Perizinan',
    'Pengaduan',
    'Pembayaran Pajak',
    'Pendidikan',
    'Pertanian',
    'Persampahan',
    'Air Bersih',
    'Gizi',
    'Stunting',
    'Ibu Hamil',
    'Lansia',
    'Disabilitas',
    'UMKM',
    'Pariwisata',
    'Perikanan',
    'Transportasi',
    'Perpustakaan',
    'Kebencanaan',
    'Ketenagakerjaan',
    'Bantuan Sosial',
    'Akta Kelahiran',
    'Rekam Medis',
    'Irigasi',
  ],
  tail: [
    'Terpadu',
    'Daring',
    'Keliling',
    'Desa',
    'Digital',
    'Berbasis Komunitas',
    'Satu Pintu',
    '24 Jam',
    'Ramah Anak',
    'Mandiri',
    'Cerdas',
    'Gratis',
    'Jemput Bola',
    'Terintegrasi',
  ],
  words: [
    'warga',
    'masyarakat',
    'desa',
    'kelurahan',
    'kecamatan',
    'petugas',
    'kader',
    'aplikasi',
    'data',
    'layanan',
    'antrean',
    'pendampingan',
    'pemeriksaan',
    'pendaftaran',
    'pengelolaan',
    'keluhan',
    'penanganan',
    'rujukan',
    'pelatihan',
    'pembinaan',
    'pemantauan',
    'tabungan',
    'sertifikat',
    'dokumen',
    'rumah',
    'sekolah',
    'puskesmas',
    'rumah sakit',
    'bidan',
    'guru',
    'petani',
    'nelayan',
    'usaha',
    'anggaran',
    'transparansi',
    'kolaborasi',
    'relawan',
    'lintas dinas',
    'waktu layanan',
    'biaya',
    'jarak',
    'terjangkau',
    'cepat',
    'mudah',
    'gratis',
    'daring',
    'terpadu',
  ],
};
const pick = (arr, n) => arr[n % arr.length];
function row(i, unitId) {
  const r = (k) => Math.floor((((Math.sin(i * 12.9898 + k * 78.233) + 1) * 43758.5453) % 1) * 1e6);
  const title = `${pick(VOCAB.lead, r(1))} ${pick(VOCAB.topic, r(2))} ${pick(VOCAB.tail, r(3))} ${i}`;
  const summary = Array.from({ length: 18 }, (_, k) => pick(VOCAB.words, r(10 + k))).join(' ');
  return {
    title,
    summary: `${summary}.`,
    unitId,
    source: ['KIPP', 'IGA', 'INNOLAND', 'OTHER'][r(4) % 4],
    year: 2014 + (r(5) % 11),
    externalId: `BENCH-${i}`,
    sector: pick(['kesehatan', 'pendidikan', 'pertanian', 'adminduk', 'perizinan', 'lingkungan hidup'], r(6)),
    tags: [pick(VOCAB.topic, r(7)).toLowerCase(), pick(VOCAB.tail, r(8)).toLowerCase()],
    sdgs: [1 + (r(9) % 17)],
    digital: r(10) % 2 === 0,
  };
}
const csvCell = (v) => {
  const s = Array.isArray(v) ? v.join(';') : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const COLS = ['title', 'summary', 'unitId', 'source', 'year', 'externalId', 'sector', 'tags', 'sdgs', 'digital'];
const toCsv = (rows) => `${COLS.join(',')}\n${rows.map((r) => COLS.map((c) => csvCell(r[c])).join(',')).join('\n')}\n`;

// Queries people type: one word, two or three words, typos, affix variants, a prefix, rare and common.
const QUERIES = [
  'kesehatan',
  'layanan kesehatan desa',
  'kesehtan',
  'perizinan usaha',
  'izin',
  'pengaduan warga',
  'aduan',
  'pembayaran pajak daring',
  'bayar pajak',
  'stunting gizi',
  'stuntng',
  'akta kelahiran',
  'kependudukan',
  'sekolah ramah anak',
  'pendidkan',
  'irigasi petani',
  'persampahan',
  'sampah',
  'ibu hamil kader',
  'lansia',
  'disabilitas',
  'rekam medis puskesmas',
  'air bersih desa',
  'kebencanaan',
  'ketenagakerjaan pelatihan',
  'pariwisata',
  'perikanan nelayan',
  'transportasi',
  'perpus',
  'umkm pasar',
];

async function main() {
  const adminUrl =
    process.env.BENCH_PG_ADMIN_URL ||
    process.env.TEST_PG_ADMIN_URL ||
    process.env.DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `bench_search_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const results = {
    goal: 'P5',
    rows: ROWS,
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    rounds: ROUNDS,
    taskset: hasTaskset,
    import: {},
    search: [],
  };
  try {
    const appPort = await freePort();
    const basePort = await freePort();
    const adminEmail = `admin-${randomUUID()}@bench.test`;
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
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: 'bench-password-123',
    });
    const appUrl = `http://127.0.0.1:${appPort}`;
    await waitHttp(`${appUrl}/api/health`, 200);
    const login = await fetch(`${appUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: 'bench-password-123' }),
    }).then((r) => r.json());
    const auth = `Bearer ${login.accessToken}`;
    const db = new Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const [agency, unit] = [randomUUID(), randomUUID()];
    await db.query(`insert into agencies (id, name, kind, region_code) values ($1, 'Pemerintah Kota Bench', 'city', '35.78')`, [agency]);
    await db.query(`insert into units (id, agency_id, name) values ($1, $2, 'Dinas Bench')`, [unit, agency]);

    // Import throughput: CSV into an empty catalogue (creates), then the same rows as JSON (updates).
    const rows = Array.from({ length: ROWS }, (_, i) => row(i, unit));
    const timeImport = async (label, type, body) => {
      const cpu0 = Number(
        execFileSync('cat', [`/proc/${app.pid}/stat`])
          .toString()
          .split(') ')[1]
          .split(' ')[11],
      );
      const t0 = performance.now();
      const res = await fetch(`${appUrl}/api/innovations/import`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: auth },
        body,
      });
      const report = await res.json();
      const ms = performance.now() - t0;
      if (res.status !== 200 || report.failed?.length) throw new Error(`${label}: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
      const cpu1 = Number(
        execFileSync('cat', [`/proc/${app.pid}/stat`])
          .toString()
          .split(') ')[1]
          .split(' ')[11],
      );
      return {
        label,
        rows: ROWS,
        bytes: Buffer.byteLength(body),
        ms: Math.round(ms),
        rowsPerSec: Math.round((ROWS / ms) * 1000),
        created: report.created,
        updated: report.updated,
        appUserCpuMs: (cpu1 - cpu0) * 10,
      };
    };
    results.import.csvCreate = await timeImport('CSV, 20k new rows', 'text/csv', toCsv(rows));
    results.import.jsonUpdate = await timeImport('JSON array, 20k existing rows', 'application/json', JSON.stringify(rows));
    await db.query('vacuum analyze innovations');
    await db.query('vacuum analyze innovation_terms');
    const [{ n }] = (await db.query('select count(*)::int as n from innovations')).rows;
    results.catalogueSize = n;

    const base = launch(0, [path.join(__dirname, 'lib/search-baseline-server.js')], {
      PORT: String(basePort),
      DATABASE_URL: dbUrl.toString(),
    });
    const baseUrl = `http://127.0.0.1:${basePort}`;
    await waitHttp(`${baseUrl}/nothing`, 404);

    // Same answers from both (sanity: the baseline really runs the same query).
    for (const q of QUERIES.slice(0, 5)) {
      const a = await fetch(`${appUrl}/api/innovations?q=${encodeURIComponent(q)}`).then((r) => r.json());
      const b = await fetch(`${baseUrl}/api/innovations?q=${encodeURIComponent(q)}`).then((r) => r.json());
      if (a.total !== b.total || a.items[0]?.id !== b.items[0]?.id) throw new Error(`app and baseline disagree on "${q}"`);
    }

    const load = launch(1, [path.join(__dirname, 'lib/http-load.js')], {}, true);
    const ask = (msg) =>
      new Promise((resolve, reject) => {
        load.once('message', (m) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
        load.send(msg);
      });
    const paths = QUERIES.map((q) => `/api/innovations?q=${encodeURIComponent(q)}&limit=20`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of [
        ['app', appUrl],
        ['baseline', baseUrl],
      ]) {
        const r = await ask({ base: url, paths, concurrency: CONCURRENCY, durationMs: SECONDS * 1000, warmupMs: 1500 });
        results.search.push({ round, server: name, ...r });
      }
    }
    load.kill();
    await db.end();
  } finally {
    children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
    await new Promise((r) => setTimeout(r, 500));
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${dbUrl}`);
    else await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
  }

  const med = (server, key) => median(results.search.filter((r) => r.server === server).map((r) => r[key]));
  const summary = {
    appRps: med('app', 'rps'),
    baseRps: med('baseline', 'rps'),
    appP50: med('app', 'p50'),
    appP99: med('app', 'p99'),
    baseP50: med('baseline', 'p50'),
    baseP99: med('baseline', 'p99'),
    loadCpuPct: median(results.search.map((r) => r.loadCpuPct)),
    errors: results.search.reduce((n, r) => n + r.errors, 0),
  };
  summary.ratio = summary.appRps / summary.baseRps;
  summary.p5 = summary.ratio >= 0.5 && summary.appP99 <= 50 ? 'met' : 'not met';
  results.summary = summary;

  const f = (x, d = 1) => (x == null ? '-' : x.toFixed(d));
  console.log(`\nImport (${ROWS} rows, one request each)`);
  console.log('what                           | ms     | rows/s | MB   | created | updated');
  for (const r of Object.values(results.import))
    console.log(
      `${r.label.padEnd(30)} | ${String(r.ms).padStart(6)} | ${String(r.rowsPerSec).padStart(6)} | ${f(r.bytes / 1e6).padStart(4)} | ${String(r.created).padStart(7)} | ${String(r.updated).padStart(7)}`,
    );
  console.log(
    `\nP5 search: ${results.catalogueSize} innovations, ${CONCURRENCY} concurrent, ${SECONDS}s x ${ROUNDS} rounds, ${QUERIES.length} queries in turn (taskset: ${hasTaskset})`,
  );
  console.log('server   | req/s  | p50 ms | p99 ms | load CPU %');
  for (const s of ['app', 'baseline'])
    console.log(
      `${s.padEnd(8)} | ${f(med(s, 'rps')).padStart(6)} | ${f(med(s, 'p50')).padStart(6)} | ${f(med(s, 'p99')).padStart(6)} | ${f(median(results.search.filter((r) => r.server === s).map((r) => r.loadCpuPct))).padStart(5)}`,
    );
  console.log(
    `ratio app/baseline req/s = ${f(summary.ratio, 2)} (goal >= 0.5), app p99 = ${f(summary.appP99)} ms (goal <= 50): ${summary.p5}; errors ${summary.errors}`,
  );
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results/search.json'), JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
