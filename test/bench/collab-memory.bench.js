// P6 (docs/performance.md): memory of idle collaboration connections — stock y-websocket clients
// spread over 100 playbooks (100, then 1,000 connections) — as RSS growth of the server process
// over its own idle RSS, app against @y/websocket-server 0.1.1, same run. Each reading follows a
// full GC in the server (SIGUSR2, see lib/gc-on-signal.js), so it shows what the connections
// keep, not how much garbage happened to be uncollected at that instant.
// The baseline serves documents that start empty (no persistence), so the app's playbooks start
// empty too: what is compared is the cost of connections, not of document content. Set
// BENCH_P6_SEEDED=1 to give the app's playbooks their stage headings (the baseline's stay empty).
// Env: BENCH_ROUNDS (2), BENCH_P6_STEPS (100,1000), BENCH_P6_DOCS (100), BENCH_P6_SEEDED (0).
'use strict';
const { writeFileSync, mkdirSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { startServers, startClients, rssKb, median, fmt, hasTaskset, ROOT } = require('./lib/collab-bench-common');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const STEPS = (process.env.BENCH_P6_STEPS || '100,1000').split(',').map(Number);
const DOCS = Number(process.env.BENCH_P6_DOCS || 100);
const SEEDED = process.env.BENCH_P6_SEEDED === '1';
const settle = () => new Promise((r) => setTimeout(r, 3000));
/**
 * Memory of the process after a full GC: RSS, and what is live (V8 heap used + memory outside
 * the heap: buffers, sockets' native objects as far as V8 counts them).
 */
async function collected(pid) {
  const file = path.join(tmpdir(), `gc-report-${pid}.json`);
  const before = Date.now();
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      const m = JSON.parse(readFileSync(file, 'utf8'));
      if (m.at >= before) {
        await new Promise((r) => setTimeout(r, 500)); // freed pages go back to the OS
        return { rssKb: rssKb(pid), liveKb: (m.heapUsed + m.external) / 1024 };
      }
    } catch {
      // not written yet
    }
  }
  throw new Error(`no GC report from ${pid}`);
}

async function main() {
  // Documents unload as soon as their last client leaves, as the baseline's do: every round then
  // loads its documents afresh on both sides (otherwise an unload timer firing mid-round blurs it).
  const s = await startServers({ appEnv: { COLLAB_MAX_PENDING_AUTH: '5000', COLLAB_IDLE_UNLOAD_MS: '0' }, gcOnSignal: true });
  const clients = startClients();
  const rooms = [];
  for (let i = 0; i < DOCS; i++) rooms.push(await (SEEDED ? s.playbook() : s.playbook(Buffer.from([0, 0]))));
  const results = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of round % 2 === 0 ? ['baseline', 'app'] : ['app', 'baseline']) {
      const pid = kind === 'app' ? s.app.pid : s.base.pid;
      const url = kind === 'app' ? s.appWs : s.baseWs;
      // Warm up the code paths once, then measure from the idle RSS.
      await clients.ask({ cmd: 'idle', url, rooms, token: s.token, count: 10 });
      await clients.ask({ cmd: 'closeIdle' });
      await settle();
      const idle = await collected(pid);
      let open = 0;
      for (const step of STEPS) {
        await clients.ask({
          cmd: 'idle',
          url,
          rooms: rooms.slice(open % DOCS).concat(rooms.slice(0, open % DOCS)),
          token: s.token,
          count: step - open,
        });
        open = step;
        await settle();
        const now = await collected(pid);
        const growthKb = now.rssKb - idle.rssKb;
        const liveGrowthKb = now.liveKb - idle.liveKb;
        results.push({
          kind,
          round,
          connections: step,
          idleRssKb: idle.rssKb,
          rssKb: now.rssKb,
          growthKb,
          perConnectionKb: growthKb / step,
          liveGrowthKb,
          livePerConnectionKb: liveGrowthKb / step,
        });
        console.error(
          `  ${kind.padEnd(8)} round=${round} ${step} connections: RSS +${fmt(growthKb / 1024)} MiB, live +${fmt(liveGrowthKb / 1024)} MiB`,
        );
      }
      await clients.ask({ cmd: 'closeIdle' });
      await settle();
    }
  }
  const summary = STEPS.map((connections) => {
    const pick = (kind, key) => median(results.filter((r) => r.kind === kind && r.connections === connections).map((r) => r[key]));
    const row = { connections, docs: Math.min(DOCS, connections) };
    for (const kind of ['baseline', 'app'])
      for (const key of ['growthKb', 'perConnectionKb', 'idleRssKb', 'liveGrowthKb', 'livePerConnectionKb'])
        row[`${kind}_${key}`] = pick(kind, key);
    row.ratio = row.app_growthKb / row.baseline_growthKb;
    row.liveRatio = row.app_liveGrowthKb / row.baseline_liveGrowthKb;
    return row;
  });
  console.log(
    `\nP6 memory of idle collaboration connections over ${DOCS} ${SEEDED ? 'seeded (app) / empty (baseline)' : 'empty'} playbooks; medians of ${ROUNDS} rounds`,
  );
  console.log(
    '| connections | baseline RSS growth MiB (per conn KiB) | app RSS growth MiB (per conn KiB) | ratio (goal <= 1.3) | live growth MiB base/app (per conn KiB) | live ratio | idle RSS MiB base/app |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of summary) {
    console.log(
      `| ${r.connections} | ${fmt(r.baseline_growthKb / 1024)} (${fmt(r.baseline_perConnectionKb)}) | ${fmt(r.app_growthKb / 1024)} (${fmt(r.app_perConnectionKb)}) | ${fmt(r.ratio, 2)} | ` +
        `${fmt(r.baseline_liveGrowthKb / 1024)}/${fmt(r.app_liveGrowthKb / 1024)} (${fmt(r.baseline_livePerConnectionKb)}/${fmt(r.app_livePerConnectionKb)}) | ${fmt(r.liveRatio, 2)} | ${fmt(r.baseline_idleRssKb / 1024, 0)}/${fmt(r.app_idleRssKb / 1024, 0)} |`,
    );
  }
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const out = path.join(__dirname, 'results', 'collab-memory.json');
  writeFileSync(
    out,
    JSON.stringify(
      { bench: 'P6 memory', seeded: SEEDED, at: new Date().toISOString(), taskset: hasTaskset, rounds: ROUNDS, summary, results },
      null,
      2,
    ),
  );
  console.log(`\nwritten ${path.relative(ROOT, out)}`);
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
