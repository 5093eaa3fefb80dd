// P1 (docs/performance.md): Yjs update fan-out — 1 writer and N stock y-websocket receivers on one
// playbook, RATE updates/s for DURATION — through the app's /collab socket (auth, access, persistence)
// against @y/websocket-server 0.1.1 (no auth, no persistence), same run, alternating order.
// Env: BENCH_ROUNDS (3), BENCH_P1_RECEIVERS (20,200), BENCH_P1_RATE (20), BENCH_P1_SECONDS (30).
'use strict';
const { writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { startServers, startClients, cpuMs, median, fmt, hasTaskset, ROOT } = require('./lib/collab-bench-common');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const SIZES = (process.env.BENCH_P1_RECEIVERS || '20,200').split(',').map(Number);
const RATE = Number(process.env.BENCH_P1_RATE || 20);
const SECONDS = Number(process.env.BENCH_P1_SECONDS || 30);

async function main() {
  const s = await startServers({ appEnv: { COLLAB_MAX_CLIENTS_PER_DOC: '5000' } });
  const clients = startClients();
  const room = await s.playbook();
  const results = [];
  let offset = 0;
  for (const receivers of SIZES) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? ['baseline', 'app'] : ['app', 'baseline']) {
        const pid = kind === 'app' ? s.app.pid : s.base.pid;
        const c0 = cpuMs(pid);
        offset += 1e6;
        const r = await clients.ask({ cmd: 'fanout', url: kind === 'app' ? s.appWs : s.baseWs, room, token: s.token, receivers, rate: RATE, durationMs: SECONDS * 1000, offset });
        r.serverCpuPct = ((cpuMs(pid) - c0) / (SECONDS * 1000)) * 100;
        results.push({ kind, receivers, round, ...r });
        console.error(`  ${kind.padEnd(8)} receivers=${receivers} round=${round} p50=${fmt(r.p50)} p99=${fmt(r.p99)} ms lost=${r.lost}`);
      }
    }
  }
  const summary = SIZES.map((receivers) => {
    const pick = (kind, key) => median(results.filter((r) => r.kind === kind && r.receivers === receivers).map((r) => r[key]));
    const row = { receivers };
    for (const kind of ['baseline', 'app']) for (const key of ['p50', 'p99', 'max', 'lost', 'serverCpuPct', 'clientCpuPct']) row[`${kind}_${key}`] = pick(kind, key);
    row.p99Ratio = row.app_p99 / row.baseline_p99;
    return row;
  });
  console.log(`\nP1 Yjs fan-out: 1 writer, ${RATE} updates/s for ${SECONDS} s; medians of ${ROUNDS} rounds; taskset ${hasTaskset ? 'servers CPU 0, clients CPU 1' : 'unavailable'}`);
  console.log('| receivers | baseline p50/p99 ms | app p50/p99 ms | p99 ratio (goal <= 1.2, app p99 <= 50 ms) | lost base/app | server CPU % base/app | client CPU % base/app |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of summary) {
    console.log(`| ${r.receivers} | ${fmt(r.baseline_p50)}/${fmt(r.baseline_p99)} | ${fmt(r.app_p50)}/${fmt(r.app_p99)} | ${fmt(r.p99Ratio, 2)} | ${r.baseline_lost}/${r.app_lost} | ${fmt(r.baseline_serverCpuPct, 0)}/${fmt(r.app_serverCpuPct, 0)} | ${fmt(r.baseline_clientCpuPct, 0)}/${fmt(r.app_clientCpuPct, 0)} |`);
  }
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const out = path.join(__dirname, 'results', 'collab-fanout.json');
  writeFileSync(out, JSON.stringify({ bench: 'P1 Yjs fan-out', at: new Date().toISOString(), taskset: hasTaskset, rounds: ROUNDS, rate: RATE, seconds: SECONDS, summary, results }, null, 2));
  console.log(`\nwritten ${path.relative(ROOT, out)}`);
  clients.kill();
  await s.stop();
}
main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
