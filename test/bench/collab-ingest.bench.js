// P2 (docs/performance.md): Yjs ingest through the real socket path (token, access, frame checks,
// apply, broadcast, persistence queue and its stores) of a synthetic OPS-op typing trace sent as
// fast as the socket takes it, against a bare Y.applyUpdate loop over the same updates in one
// process (pinned to the same CPU as the server); @y/websocket-server shown for reference.
// Env: BENCH_ROUNDS (3), BENCH_P2_OPS (50000).
'use strict';
const { writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { launch, startServers, startClients, cpuMs, median, fmt, hasTaskset, ROOT } = require('./lib/collab-bench-common');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const OPS = Number(process.env.BENCH_P2_OPS || 50000);

async function main() {
  // Bulk ingest from one socket: the per-connection rate limit is lifted for this bench only.
  const s = await startServers({ appEnv: { COLLAB_MAX_MSGS_PER_SEC: '10000000' } });
  const clients = startClients();
  const loop = launch(0, [path.join(__dirname, 'lib/yjs-apply-loop.js')], {}, true);
  const bareRun = () =>
    new Promise((resolve, reject) => {
      loop.once('message', (m) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
      loop.send({ kind: 'apply', ops: OPS, rounds: 1 });
    });
  const results = [];
  // Each round runs all three back to back, in a rotating order, so drift hits them alike.
  const orders = [
    ['bare', 'baseline', 'app'],
    ['app', 'bare', 'baseline'],
    ['baseline', 'app', 'bare'],
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of orders[round % 3]) {
      if (kind === 'bare') {
        const r = await bareRun();
        results.push({ kind, round, ...r });
        console.error(`  bare     round=${round} ${fmt(r.updatesPerSec, 0)} updates/s`);
        continue;
      }
      const room = await s.playbook(); // a fresh document each time: the same work every round
      const pid = kind === 'app' ? s.app.pid : s.base.pid;
      const c0 = cpuMs(pid);
      const r = await clients.ask({ cmd: 'ingest', url: kind === 'app' ? s.appWs : s.baseWs, room, token: s.token, ops: OPS });
      r.serverCpuPct = ((cpuMs(pid) - c0) / r.ms) * 100;
      results.push({ kind, round, ...r });
      console.error(`  ${kind.padEnd(8)} round=${round} ${fmt(r.updatesPerSec, 0)} updates/s (server CPU ${fmt(r.serverCpuPct, 0)} %)`);
    }
  }
  const pick = (kind, key) => median(results.filter((r) => r.kind === kind).map((r) => r[key]));
  const summary = {
    ops: OPS,
    bare_updatesPerSec: pick('bare', 'updatesPerSec'),
    baseline_updatesPerSec: pick('baseline', 'updatesPerSec'),
    app_updatesPerSec: pick('app', 'updatesPerSec'),
    app_serverCpuPct: pick('app', 'serverCpuPct'),
    app_clientCpuPct: pick('app', 'clientCpuPct'),
  };
  summary.ratio = summary.app_updatesPerSec / summary.bare_updatesPerSec;
  console.log(
    `\nP2 Yjs ingest, ${OPS}-op trace; medians of ${ROUNDS} rounds; taskset ${hasTaskset ? 'servers CPU 0, clients CPU 1' : 'unavailable'}`,
  );
  console.log(
    '| bare Y.applyUpdate loop updates/s | @y/websocket-server updates/s | app updates/s | app / bare (goal >= 0.7) | app server CPU % | client CPU % |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| ${fmt(summary.bare_updatesPerSec, 0)} | ${fmt(summary.baseline_updatesPerSec, 0)} | ${fmt(summary.app_updatesPerSec, 0)} | ${fmt(summary.ratio, 2)} | ${fmt(summary.app_serverCpuPct, 0)} | ${fmt(summary.app_clientCpuPct, 0)} |`,
  );
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const out = path.join(__dirname, 'results', 'collab-ingest.json');
  writeFileSync(
    out,
    JSON.stringify(
      { bench: 'P2 Yjs ingest', at: new Date().toISOString(), taskset: hasTaskset, rounds: ROUNDS, summary, results },
      null,
      2,
    ),
  );
  console.log(`\nwritten ${path.relative(ROOT, out)}`);
  loop.kill();
  clients.kill();
  await s.stop();
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
