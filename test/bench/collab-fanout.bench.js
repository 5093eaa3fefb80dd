// P1 (docs/performance.md): Yjs update fan-out — 1 writer and N stock y-websocket receivers on one
// playbook, RATE updates/s for DURATION — through the app's /collab socket (auth, access, persistence)
// against @y/websocket-server 0.1.1 (no auth, no persistence), and Hocuspocus 4.7 (its own
// provider, no extensions) for reference, same run, order rotating per round.
// P1b: the same at 500 receivers for 15 s, where the goal is against the better of the two.
// Env: BENCH_ROUNDS (3), BENCH_P1_RECEIVERS (20,200), BENCH_P1_RATE (20), BENCH_P1_SECONDS (30),
// BENCH_P1B_RECEIVERS (500; empty skips P1b), BENCH_P1B_SECONDS (15), BENCH_P1B_KINDS (baseline,hocuspocus,app),
// BENCH_P1_JOIN_MS (5000: when each run starts, after the first receiver joined).
'use strict';
const { writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { startServers, startClients, launch, cpuMs, median, fmt, hasTaskset, ROOT } = require('./lib/collab-bench-common');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const list = (v, d) => (v ?? d).split(',').filter(Boolean).map(Number);
const SIZES = list(process.env.BENCH_P1_RECEIVERS, '20,200');
const RATE = Number(process.env.BENCH_P1_RATE || 20);
const SECONDS = Number(process.env.BENCH_P1_SECONDS || 30);
const P1B_SIZES = list(process.env.BENCH_P1B_RECEIVERS, '500');
const P1B_SECONDS = Number(process.env.BENCH_P1B_SECONDS || 15);
// The run starts this long after the first receiver joined, whatever the server's join speed:
// the presence renewal wave (15 s after joining) then falls ~10 s into every run.
const JOIN_MS = Number(process.env.BENCH_P1_JOIN_MS || 5000);
// For experiments: fewer P1b servers (the table then shows '-' for the others).
const P1B_KINDS = (process.env.BENCH_P1B_KINDS || 'baseline,hocuspocus,app').split(',').filter(Boolean);

async function main() {
  // One bench account for every receiver: the per-user cap is lifted here.
  const s = await startServers({ appEnv: { COLLAB_MAX_CLIENTS_PER_DOC: '5000', COLLAB_MAX_CLIENTS_PER_USER: '5000' } });
  const hocus = launch(0, [path.join(__dirname, 'lib/hocuspocus-baseline-server.js')], {}, true);
  const hocusWs = `ws://127.0.0.1:${await new Promise((resolve) => hocus.once('message', (m) => resolve(m.port)))}`;
  const clients = startClients();
  const room = await s.playbook();
  const results = [];
  let offset = 0;
  const target = { app: () => [s.app.pid, s.appWs], baseline: () => [s.base.pid, s.baseWs], hocuspocus: () => [hocus.pid, hocusWs] };
  const stage = async (sizes, kinds, seconds) => {
    for (const receivers of sizes) {
      for (let round = 0; round < ROUNDS; round++) {
        // Order rotates between rounds, so no kind always runs first (or last) on a warm machine.
        const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]);
        for (const kind of order) {
          const [pid, url] = target[kind]();
          const c0 = cpuMs(pid);
          offset += 1e6;
          // A fresh room per run on every server: a reused one grows by every run's updates, and each
          // joining client parses all of them (the app's join grew from 0.7 to 11 s over a bench run).
          const r = await clients.ask({
            cmd: 'fanout',
            url,
            room: kind === 'app' ? await s.playbook() : `${room}-${offset}`,
            token: s.token,
            receivers,
            rate: RATE,
            durationMs: seconds * 1000,
            offset,
            hocuspocus: kind === 'hocuspocus',
            joinMs: JOIN_MS,
          });
          r.serverCpuPct = ((cpuMs(pid) - c0) / (seconds * 1000)) * 100;
          results.push({ kind, receivers, round, seconds, ...r });
          console.error(
            `  ${kind.padEnd(10)} receivers=${receivers} round=${round} p50=${fmt(r.p50)} p99=${fmt(r.p99)} ms lost=${r.lost} merged deliveries=${r.merged} server CPU=${fmt(r.serverCpuPct, 0)}% client CPU=${fmt(r.clientCpuPct, 0)}% join=${fmt(r.joinMs, 0)} ms awareness msgs/s at receivers=${fmt(r.awarenessPerSec, 0)} slowest updates (sent at ms: slowest delivery ms) ${r.slowest.map((x) => `${x.atMs}:${x.worstMs}`).join(' ')}`,
          );
        }
      }
    }
  };
  // Hocuspocus at 20 and 200 too, for reference (P1's goal is against @y/websocket-server).
  await stage(SIZES, ['baseline', 'hocuspocus', 'app'], SECONDS);
  await stage(P1B_SIZES, P1B_KINDS, P1B_SECONDS);
  const summarise = (receivers, kinds) => {
    const pick = (kind, key) => median(results.filter((r) => r.kind === kind && r.receivers === receivers).map((r) => r[key]));
    const row = { receivers };
    for (const kind of kinds)
      for (const key of ['p50', 'p99', 'max', 'lost', 'serverCpuPct', 'clientCpuPct', 'awarenessPerSec'])
        row[`${kind}_${key}`] = pick(kind, key);
    row.p99Ratio = row.app_p99 / row.baseline_p99;
    return row;
  };
  const summary = SIZES.map((n) => summarise(n, ['baseline', 'hocuspocus', 'app']));
  const summaryP1b = P1B_SIZES.map((n) => summarise(n, ['baseline', 'hocuspocus', 'app']));
  console.log(
    `\nP1 Yjs fan-out: 1 writer, ${RATE} updates/s for ${SECONDS} s; medians of ${ROUNDS} rounds; taskset ${hasTaskset ? 'servers CPU 0, clients CPU 1' : 'unavailable'}`,
  );
  console.log(
    '| receivers | baseline p50/p99 ms | Hocuspocus p50/p99 ms | app p50/p99 ms | p99 ratio app/baseline (goal <= 1.2, app p99 <= 50 ms) | lost base/hocus/app | server CPU % base/hocus/app | client CPU % base/hocus/app |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of summary) {
    console.log(
      `| ${r.receivers} | ${fmt(r.baseline_p50)}/${fmt(r.baseline_p99)} | ${fmt(r.hocuspocus_p50)}/${fmt(r.hocuspocus_p99)} | ${fmt(r.app_p50)}/${fmt(r.app_p99)} | ${fmt(r.p99Ratio, 2)} | ${r.baseline_lost}/${r.hocuspocus_lost}/${r.app_lost} | ${fmt(r.baseline_serverCpuPct, 0)}/${fmt(r.hocuspocus_serverCpuPct, 0)}/${fmt(r.app_serverCpuPct, 0)} | ${fmt(r.baseline_clientCpuPct, 0)}/${fmt(r.hocuspocus_clientCpuPct, 0)}/${fmt(r.app_clientCpuPct, 0)} |`,
    );
  }
  if (summaryP1b.length) {
    console.log(
      `\nP1b Yjs fan-out: 1 writer, ${RATE} updates/s for ${P1B_SECONDS} s; medians of ${ROUNDS} rounds; Hocuspocus with its own provider`,
    );
    console.log(
      '| receivers | y-websocket-server p50/p99 ms | Hocuspocus p50/p99 ms | app p50/p99 ms | goal: app p99 <= better peer | lost base/hocus/app | server CPU % base/hocus/app | load generator CPU % base/hocus/app |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of summaryP1b) {
      const better = Math.min(r.baseline_p99 ?? Infinity, r.hocuspocus_p99 ?? Infinity);
      console.log(
        `| ${r.receivers} | ${fmt(r.baseline_p50)}/${fmt(r.baseline_p99)} | ${fmt(r.hocuspocus_p50)}/${fmt(r.hocuspocus_p99)} | ${fmt(r.app_p50)}/${fmt(r.app_p99)} | ${r.app_p99 <= better ? 'met' : 'not met'} (${fmt(r.app_p99 / better, 2)}x) | ${r.baseline_lost}/${r.hocuspocus_lost}/${r.app_lost} | ${fmt(r.baseline_serverCpuPct, 0)}/${fmt(r.hocuspocus_serverCpuPct, 0)}/${fmt(r.app_serverCpuPct, 0)} | ${fmt(r.baseline_clientCpuPct, 0)}/${fmt(r.hocuspocus_clientCpuPct, 0)}/${fmt(r.app_clientCpuPct, 0)} |`,
      );
    }
  }
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const out = path.join(__dirname, 'results', 'collab-fanout.json');
  writeFileSync(
    out,
    JSON.stringify(
      {
        bench: 'P1 Yjs fan-out',
        at: new Date().toISOString(),
        taskset: hasTaskset,
        rounds: ROUNDS,
        rate: RATE,
        seconds: SECONDS,
        p1bSeconds: P1B_SECONDS,
        summary,
        summaryP1b,
        results,
      },
      null,
      2,
    ),
  );
  console.log(`\nwritten ${path.relative(ROOT, out)}`);
  clients.kill();
  hocus.kill();
  await s.stop();
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
