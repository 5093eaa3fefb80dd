// What a catalogue import costs in PostgreSQL, taken apart (docs/performance.md, P5 import).
// The import's own statement (one `insert … select from jsonb_to_recordset … on conflict do
// update` per batch of 1,000, one transaction each) writes 20,000 new rows, then the same rows
// again (updates), into databases that differ in one thing each from the current schema:
// the names trigger off (names supplied by the statement instead, so the text is the same),
// the title trigram index dropped, the pre-names four-field search vector, the `updated_at`
// index dropped, and all of these at once (the schema before issue 16's names). Variants run
// back to back in each round (medians of the rounds), so load from other work hits them alike;
// besides wall time, the backend's own CPU time (from /proc) is reported, which that load disturbs less.
// Run: `npm run build && node test/bench/import-cost.bench.js`. Env: BENCH_PG_ADMIN_URL (default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_ROUNDS (3), BENCH_ROWS (20000).
'use strict';
const { execFileSync } = require('node:child_process');
const { randomBytes, randomUUID } = require('node:crypto');
const { mkdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '../..');
const MIGRATE = path.join(ROOT, 'dist/apps/api/src/migrate.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const ROWS = Number(process.env.BENCH_ROWS || 20000);
const BATCH = 1000; // as innovation-import.service.ts

// The import's statement (innovation-import.service.ts), with names_text/region_text optional.
const COLUMNS = `title text, summary text, description text, unit_id uuid, region_code text, year int, source text, external_id text,
  award text, sector text, digital boolean, sdgs int[], tags text[], stage text, sustainability text, n int, names_text text, region_text text`;
const SET = `title = excluded.title, summary = excluded.summary, description = excluded.description, region_code = excluded.region_code,
  award = excluded.award, sector = excluded.sector, digital = excluded.digital, sdgs = excluded.sdgs, tags = excluded.tags,
  stage = excluded.stage, sustainability = excluded.sustainability, updated_at = now()`;
const upsertSql = (
  withNames,
) => `insert into innovations (id, title, summary, description, unit_id, region_code, year, source, external_id, award, sector, digital,
    sdgs, tags, stage, sustainability, created_at, updated_at${withNames ? ', names_text, region_text' : ''})
  select gen_random_uuid(), r.title, r.summary, r.description, r.unit_id, r.region_code, r.year, r.source, r.external_id, r.award,
         r.sector, coalesce(r.digital, false), coalesce(r.sdgs, '{}'), coalesce(r.tags, '{}'), r.stage, r.sustainability, now(), now()
         ${withNames ? ', r.names_text, r.region_text' : ''}
    from jsonb_to_recordset($1::jsonb) as r(${COLUMNS}) order by r.n
  on conflict (source, external_id) where external_id is not null do update set ${SET}`;

const OLD_VECTOR = `jippnas_doc(title, 'A') || jippnas_doc(jippnas_tags_text(tags), 'B') || jippnas_doc(summary, 'C') || jippnas_doc(description, 'D')`;
const VARIANTS = {
  current: [],
  'no names trigger': ['alter table innovations disable trigger innovations_names_trg'],
  'no title trigram index': ['drop index innovations_title_trgm_idx'],
  'four-field vector': [
    'alter table innovations drop column search_vector',
    `alter table innovations add column search_vector tsvector generated always as (${OLD_VECTOR}) stored`,
    'create index innovations_search_idx on innovations using gin (search_vector)',
  ],
  'no updated_at index': ['drop index innovations_updated_idx'],
};
VARIANTS['before names (all four)'] = Object.entries(VARIANTS)
  .filter(([k]) => k !== 'current')
  .flatMap(([, ddl]) => ddl);
const namesSupplied = (variant) => variant === 'no names trigger' || variant === 'before names (all four)';

const WORDS =
  'layanan publik desa warga digital kesehatan pendidikan terpadu cepat mudah aplikasi data antrean puskesmas sekolah pasar izin'.split(
    ' ',
  );
const pick = (a, n) => a[n % a.length];
function record(i, unitId) {
  const r = (k) => Math.floor((((Math.sin(i * 12.9898 + k * 78.233) + 1) * 43758.5453) % 1) * 1e6);
  return {
    title: `${pick(WORDS, r(1))} ${pick(WORDS, r(2))} ${pick(WORDS, r(3))} ${i}`,
    summary: `${Array.from({ length: 18 }, (_, k) => pick(WORDS, r(10 + k))).join(' ')}.`,
    unit_id: unitId,
    region_code: '35.78',
    year: 2014 + (r(5) % 11),
    source: ['KIPP', 'IGA', 'INNOLAND', 'OTHER'][r(4) % 4],
    external_id: `BENCH-${i}`,
    sector: pick(['kesehatan', 'pendidikan', 'pertanian', 'adminduk'], r(6)),
    tags: [pick(WORDS, r(7)), pick(WORDS, r(8))],
    sdgs: [1 + (r(9) % 17)],
    digital: r(10) % 2 === 0,
  };
}

/** User + system CPU of a PostgreSQL backend (same machine), from /proc: less sensitive to other load than wall time. */
function backendCpuMs(pid) {
  const f = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * (1000 / 100); // clock ticks, 100 per second on Linux
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!require('node:fs').existsSync(MIGRATE)) throw new Error('build first: npm run build');
  const adminUrl = process.env.BENCH_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const dbs = {};
  try {
    for (const [variant, ddl] of Object.entries(VARIANTS)) {
      const name = `bench_import_${randomBytes(4).toString('hex')}`;
      await admin.query(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      dbs[variant] = { name, url: url.toString() };
      execFileSync(process.execPath, [MIGRATE], {
        env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' },
        stdio: 'inherit',
      });
      const db = new Client({ connectionString: url.toString() });
      await db.connect();
      for (const q of ddl) await db.query(q);
      const [agency, unit] = [randomUUID(), randomUUID()];
      await db.query(`insert into agencies (id, name, kind, region_code) values ($1, 'Pemerintah Kota Bench', 'city', '35.78')`, [agency]);
      await db.query(`insert into units (id, agency_id, name) values ($1, $2, 'Dinas Bench')`, [unit, agency]);
      const names = (
        await db.query(
          `select (select u.name || ' ' || a.name from units u join agencies a on a.id = u.agency_id where u.id = $1) as names_text,
                  (select concat_ws(' ', r.name, nullif(p.name, r.name)) from regions r left join regions p on p.code = r.province_code where r.code = '35.78') as region_text`,
          [unit],
        )
      ).rows[0];
      dbs[variant].db = db;
      dbs[variant].pid = (await db.query('select pg_backend_pid() as pid')).rows[0].pid;
      dbs[variant].batches = [];
      for (let i = 0; i < ROWS; i += BATCH) {
        const rows = Array.from({ length: Math.min(BATCH, ROWS - i) }, (_, k) => ({
          ...record(i + k, unit),
          n: i + k,
          ...(namesSupplied(variant) ? names : {}),
        }));
        dbs[variant].batches.push(JSON.stringify(rows));
      }
    }

    const results = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of Object.keys(VARIANTS)) {
        const { db, batches } = dbs[variant];
        await db.query('truncate innovations, innovation_terms cascade');
        await db.query('checkpoint').catch(() => undefined); // superuser only; evens out dirty buffers between variants
        const pass = async () => {
          const cpu0 = backendCpuMs(dbs[variant].pid);
          const t0 = performance.now();
          for (const b of batches) {
            await db.query('begin');
            await db.query(upsertSql(namesSupplied(variant)), [b]);
            await db.query('commit');
          }
          return { ms: performance.now() - t0, cpuMs: backendCpuMs(dbs[variant].pid) - cpu0 };
        };
        const { ms: create, cpuMs: createCpu } = await pass();
        const { ms: update, cpuMs: updateCpu } = await pass();
        const [{ n, names }] = (
          await db.query(`select count(*)::int as n, count(*) filter (where names_text is not null)::int as names from innovations`)
        ).rows;
        if (n !== ROWS || names !== ROWS) throw new Error(`${variant}: ${n} rows, ${names} with names`);
        const r = (results[variant] ??= { create: [], update: [], createCpu: [], updateCpu: [] });
        r.create.push(Math.round(create));
        r.update.push(Math.round(update));
        r.createCpu.push(createCpu);
        r.updateCpu.push(updateCpu);
        console.log(
          `round ${round + 1} ${variant}: create ${Math.round(create)} ms (backend CPU ${createCpu} ms), update ${Math.round(update)} ms (CPU ${updateCpu} ms)`,
        );
      }
    }

    const base = results.current;
    const table = Object.entries(results).map(([variant, r]) => ({
      variant,
      createMs: median(r.create),
      updateMs: median(r.update),
      createCpuMs: median(r.createCpu),
      updateCpuMs: median(r.updateCpu),
      createCpuVsCurrent: +(median(r.createCpu) / median(base.createCpu)).toFixed(2),
      updateCpuVsCurrent: +(median(r.updateCpu) / median(base.updateCpu)).toFixed(2),
    }));
    console.log(`\n${ROWS} rows, ${ROUNDS} rounds (medians), load average ${os.loadavg()[0].toFixed(1)} at the end`);
    console.table(table);
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      path.join(__dirname, 'results', 'import-cost.json'),
      JSON.stringify({ rows: ROWS, rounds: ROUNDS, loadAverage: os.loadavg(), results, table }, null, 2),
    );
  } finally {
    for (const d of Object.values(dbs)) await d.db?.end().catch(() => undefined);
    for (const d of Object.values(dbs)) await admin.query(`drop database if exists ${d.name}`).catch(() => undefined);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
