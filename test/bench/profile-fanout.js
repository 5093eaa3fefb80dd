// Profiles the servers of P1b (not part of `npm run bench`): the app, @y/websocket-server and
// Hocuspocus, each under the fan-out load of collab-fanout.bench.js, with a V8 CPU profile of the
// sending phase only (lib/cpu-prof-on-signal.js) and its GC pauses. Prints, per server, CPU ms
// per update (one update = one message to every receiver) and the top functions.
// Env: PROF_KINDS (app,baseline,hocuspocus), PROF_RECEIVERS (500), PROF_SECONDS (15),
// PROF_ROUNDS (1), PROF_TOP (20), BENCH_PROF_DIR (a fresh temporary directory), BENCH_PROF_SAMPLE
// (0: no profile, CPU time and GC only — the sampler thread costs CPU of its own).
'use strict';
const { mkdtempSync, readdirSync, readFileSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { startServers, startClients, launch, fmt } = require('./lib/collab-bench-common');
const { summarise, print } = require('./lib/cpuprofile-top');

const KINDS = (process.env.PROF_KINDS || 'app,baseline,hocuspocus').split(',').filter(Boolean);
const RECEIVERS = Number(process.env.PROF_RECEIVERS || 500);
const SECONDS = Number(process.env.PROF_SECONDS || 15);
const ROUNDS = Number(process.env.PROF_ROUNDS || 1);
const TOP = Number(process.env.PROF_TOP || 20);
const RATE = 20;

async function main() {
  const dir = process.env.BENCH_PROF_DIR || mkdtempSync(path.join(tmpdir(), 'fanout-prof-'));
  process.env.BENCH_PROF_DIR = dir;
  const preload = `--require ${path.join(__dirname, 'lib/cpu-prof-on-signal.js')}`;
  process.env.BENCH_APP_NODE_OPTIONS = `${process.env.BENCH_APP_NODE_OPTIONS || ''} ${preload}`;
  const s = await startServers({
    baseline: false,
    appEnv: { COLLAB_MAX_CLIENTS_PER_DOC: '5000', COLLAB_MAX_CLIENTS_PER_USER: '5000' },
  });
  const port = (child) => new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
  const servers = { app: { pid: s.app.pid, url: s.appWs } };
  if (KINDS.includes('baseline')) {
    const c = launch(0, [path.join(__dirname, 'lib/yws-baseline-server.js')], { NODE_OPTIONS: preload }, true);
    servers.baseline = { child: c, pid: c.pid, url: `ws://127.0.0.1:${await port(c)}` };
  }
  if (KINDS.includes('hocuspocus')) {
    const c = launch(0, [path.join(__dirname, 'lib/hocuspocus-baseline-server.js')], { NODE_OPTIONS: preload }, true);
    servers.hocuspocus = { child: c, pid: c.pid, url: `ws://127.0.0.1:${await port(c)}` };
  }
  const clients = startClients();
  const room = await s.playbook();
  let offset = 0;
  const seen = new Set();
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of KINDS) {
      const { pid, url } = servers[kind];
      offset += 1e6;
      const r = await clients.ask({
        cmd: 'fanout',
        url,
        room: kind === 'app' ? await s.playbook() : `${room}-${offset}`, // fresh every run, as in collab-fanout.bench.js
        token: s.token,
        receivers: RECEIVERS,
        rate: RATE,
        durationMs: SECONDS * 1000,
        offset,
        hocuspocus: kind === 'hocuspocus',
        profilePid: pid,
        joinMs: Number(process.env.BENCH_P1_JOIN_MS || 5000),
      });
      // The profile is written asynchronously after the second signal.
      let file;
      for (let i = 0; i < 100 && !file; i++) {
        file = readdirSync(dir).find((f) => f.startsWith(`cpu-${pid}-`) && f.endsWith('.gc.json') && !seen.has(f));
        if (!file) await new Promise((res) => setTimeout(res, 100));
      }
      seen.add(file);
      const gc = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const prof = path.join(dir, file.replace(/\.gc\.json$/, '.cpuprofile'));
      const sum = existsSync(prof) ? summarise(JSON.parse(readFileSync(prof, 'utf8')), TOP) : null;
      const updates = r.sent;
      console.log(
        `\n### ${kind} round ${round}: receivers=${RECEIVERS} p50=${fmt(r.p50)} p99=${fmt(r.p99)} ms lost=${r.lost} merged deliveries=${r.merged} load generator CPU=${fmt(r.clientCpuPct, 0)}%`,
      );
      console.log(
        `server CPU ${fmt(gc.cpuMs, 0)} ms (user ${fmt(gc.userMs, 0)}) over ${fmt(gc.wallMs, 0)} ms wall = ${fmt(gc.cpuMs / updates, 2)} ms per update (${updates} updates); GC ${gc.count} pauses ${fmt(gc.ms, 0)} ms (longest ${fmt(gc.maxMs, 1)}); server event-loop delay p99/max ${fmt(gc.loopDelayP99Ms, 1)}/${fmt(gc.loopDelayMaxMs, 1)} ms; load generator's ${fmt(r.clientLoopDelayP99Ms, 1)}/${fmt(r.clientLoopDelayMaxMs, 1)} ms, its GC ${r.clientGc.count} pauses ${fmt(r.clientGc.ms, 0)} ms (longest ${fmt(r.clientGc.maxMs, 1)}) (by kind ${JSON.stringify(Object.fromEntries(Object.entries(gc.byKind).map(([k, v]) => [k, Math.round(v)])))}); profile ${prof}`,
      );
      console.log(`slowest updates (sent at ms: slowest delivery ms): ${r.slowest.map((x) => `${x.atMs}:${x.worstMs}`).join(' ')}`);
      if (sum) print(sum, kind);
    }
  }
  clients.kill();
  for (const k of Object.values(servers)) k.child?.kill();
  await s.stop();
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
