// Load and soak (docs/performance.md, issue 7): many playbooks edited at once and many discussion
// subscribers for several minutes, at two scales (100 and 1,000 connections in total). For each
// scale a fresh app (production build, fresh database, no Redis) runs on CPU 0 and the load
// generator (test/bench/lib/soak-clients.js) on CPU 1:
//   - 60 % of the connections are stock y-websocket providers, 12 per playbook (5 playbooks at
//     100, 50 at 1,000), 2 per playbook typing continuously at 2 keystrokes/s each;
//   - 40 % are socket.io-client subscribers, 40 per discussion thread (1 thread at 100, 10 at
//     1,000), while posts are created over HTTP at 0.5 posts/s per thread from 4 poster accounts.
// Yjs latency = receipt of a keystroke's update by each other provider of the playbook − its
// send (the sender notes the time under its client id and clock; nothing extra goes into the
// document); post latency = receipt of post:created by each subscriber − the HTTP send.
// The server's RSS, heap, event-loop lag and connection gauges are sampled from /metrics and
// /proc every few seconds. Through the inspector (the app runs with --inspect on loopback) a
// full GC is forced when idle, once connected, at the end of the load and after every client
// left, to read the retained heap; during the load nothing is forced, but the app logs the heap
// in use after each of its own major collections. Reported: p50/p99 of Yjs fan-out and post
// delivery, delivered/lost, memory at the start of the steady window (second half of the load)
// and at the end, its slope (MB/min, least squares over the second half), the per-connection
// cost at each scale, server and load-generator CPU, and the machine's load.
// Exit status is non-zero only for a real failure (app crash, lost or undelivered messages,
// failed posts, dropped sockets, documents that did not converge), never for a timing.
// Env: SOAK_SECONDS (180 per scale), SOAK_SCALES (100,1000), SOAK_SAMPLE_MS (3000),
// SOAK_TYPING_RATE (2), SOAK_POST_RATE_PER_THREAD (0.5), SOAK_GC (1; 0 = no inspector, no
// forced GC), SOAK_RESULT (soak: results/soak.json), BENCH_PG_ADMIN_URL as the other benches.
'use strict';
const { randomBytes, randomUUID } = require('node:crypto');
const { writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { startServers, launch, cpuMs, fmt, hasTaskset, ROOT } = require('./lib/collab-bench-common');
const {
  freePort,
  scrape,
  procMem,
  gcAndMeasure,
  watchMajorGc,
  majorGcLog,
  machineCpu,
  machineBusyPct,
  loadavg,
  slope,
} = require('./lib/soak-probe');

const SECONDS = Number(process.env.SOAK_SECONDS || 180);
const SCALES = (process.env.SOAK_SCALES || '100,1000').split(',').map(Number);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_MS || 3000);
const TYPING_RATE = Number(process.env.SOAK_TYPING_RATE || 2);
const POST_RATE_PER_THREAD = Number(process.env.SOAK_POST_RATE_PER_THREAD || 0.5);
const FORCE_GC = process.env.SOAK_GC !== '0';
const PER_PLAYBOOK = 12;
const TYPISTS = 2;
const PER_THREAD = 40;
const COLLAB_SHARE = 0.6;
const POSTERS = 4;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** RSS of a reading: right after the forced GC when there was one. */
const rssOf = (x) => x.gc?.rssMb ?? x.vmRssMb;
const log = (...a) => console.error(`  [${new Date().toISOString().slice(11, 19)}]`, ...a);

function clientProcess() {
  const child = launch(1, [path.join(__dirname, 'lib/soak-clients.js')], {}, true);
  let exited = null;
  child.on('exit', (code, sig) => (exited = `load generator exited (${code ?? sig})`));
  const ask = (msg) =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(exited));
      const onExit = () => reject(new Error(exited || 'load generator exited'));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        if (m.ok) resolve(m.result);
        else reject(new Error(m.error));
      });
      child.send(msg);
    });
  return { child, ask, kill: () => child.kill() };
}

async function register(appUrl, name) {
  const r = await fetch(`${appUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${randomUUID()}@bench.test`, password: 'password123', name }),
  });
  if (r.status !== 201) throw new Error(`register ${r.status} ${await r.text()}`);
  return (await r.json()).accessToken;
}

async function runScale(total) {
  const nPlaybooks = Math.max(1, Math.round((total * COLLAB_SHARE) / PER_PLAYBOOK));
  const nThreads = Math.max(1, Math.round((total * (1 - COLLAB_SHARE)) / PER_THREAD));
  const metricsToken = randomBytes(16).toString('hex');
  const inspectPort = FORCE_GC ? await freePort() : 0;
  const s = await startServers({
    baseline: false,
    appEnv: {
      METRICS_TOKEN: metricsToken,
      NODE_OPTIONS: `${process.env.BENCH_APP_NODE_OPTIONS || ''}${FORCE_GC ? ` --inspect=127.0.0.1:${inspectPort}` : ''}`.trim(),
      LOG_LEVEL: 'warn',
      ACCESS_TOKEN_TTL: '86400',
      DISCUSSION_POSTS_PER_MINUTE: '100000000',
      COLLAB_MAX_PENDING_AUTH: '5000',
      COLLAB_MAX_CLIENTS_PER_DOC: '5000',
      COLLAB_MAX_CLIENTS_PER_USER: '5000',
      // Documents nobody holds unload 5 s after the last client left (default 30 s): the
      // after-close reading then shows whether everything was released.
      COLLAB_IDLE_UNLOAD_MS: '5000',
    },
  });
  let stopping = false;
  let crashed = null;
  s.app.on('exit', (code, sig) => {
    if (!stopping) crashed = `app exited during the run (${code ?? sig})`;
  });
  const clients = clientProcess();
  const result = {
    connections: total,
    playbooks: nPlaybooks,
    perPlaybook: PER_PLAYBOOK,
    typistsPerPlaybook: TYPISTS,
    typingRate: TYPING_RATE,
    threads: nThreads,
    perThread: PER_THREAD,
    postRate: nThreads * POST_RATE_PER_THREAD,
    seconds: SECONDS,
  };
  try {
    // Fixtures: playbooks of the bench user, one thread per innovation, posters and a reader.
    const playbooks = [];
    for (let i = 0; i < nPlaybooks; i++) playbooks.push(await s.playbook());
    const posterTokens = [];
    for (let i = 0; i < POSTERS; i++) posterTokens.push(await register(s.appUrl, `Soak Poster ${i + 1}`));
    const readerToken = await register(s.appUrl, 'Soak Reader');
    const { rows: innovations } = await s.db.query('select id from innovations order by id limit $1', [nThreads]);
    const threadIds = [];
    for (const { id } of innovations) {
      const r = await fetch(`${s.appUrl}/api/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${posterTokens[0]}` },
        body: JSON.stringify({ innovationId: id, title: 'Koordinasi replikasi', body: 'Utas uji beban' }),
      });
      if (r.status !== 201) throw new Error(`thread ${r.status} ${await r.text()}`);
      threadIds.push((await r.json()).id);
    }
    const openMsg = { cmd: 'open', url: s.appWs, token: s.token, readerToken };
    const runMsg = { cmd: 'run', httpUrl: s.appUrl, posterTokens, typists: TYPISTS, typingRate: TYPING_RATE, windowMs: 30000 };

    // Warm-up (code paths, pools), then let the warm-up document unload; idle reading.
    await clients.ask({ ...openMsg, playbooks: playbooks.slice(0, 1), perPlaybook: 3, threadIds: threadIds.slice(0, 1), perThread: 3 });
    await clients.ask({ ...runMsg, durationMs: 3000, postRate: 2, drainMs: 5000 });
    await clients.ask({ cmd: 'close' });
    await sleep(8000);
    // The app's open database connections (its pool) are among its active handles.
    const dbConnections = () =>
      s.db.query('select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()').then(
        (r) => r.rows[0].n,
        () => null,
      );
    const reading = async (gc) => ({
      ...(await scrape(s.appUrl, metricsToken)),
      ...procMem(s.app.pid),
      dbConnections: await dbConnections(),
      gc: gc && FORCE_GC ? await gcAndMeasure(inspectPort) : null,
    });
    result.idle = await reading(true);
    log(`${total}: idle RSS after GC ${fmt(rssOf(result.idle))} MiB, heap after GC ${fmt(result.idle.gc?.heapUsedMb)} MiB`);

    const opened = await clients.ask({ ...openMsg, playbooks, perPlaybook: PER_PLAYBOOK, threadIds, perThread: PER_THREAD });
    result.open = opened;
    await sleep(3000);
    result.connected = await reading(true);
    log(
      `${total}: ${opened.providers} providers on ${nPlaybooks} playbooks + ${opened.subscribers} subscribers on ${nThreads} threads open in ${fmt(opened.ms / 1000)} s; RSS after GC ${fmt(rssOf(result.connected))} MiB, heap after GC ${fmt(result.connected.gc?.heapUsedMb)} MiB; collab ${result.connected.collabConnections}, socket.io ${result.connected.socketioConnections}`,
    );

    // The soak: the load generator runs; meanwhile this process samples the server.
    const samples = [];
    const server0 = cpuMs(s.app.pid);
    const client0 = cpuMs(clients.child.pid);
    const m0 = machineCpu();
    const la0 = loadavg();
    if (FORCE_GC) await watchMajorGc(inspectPort);
    const t0 = Date.now();
    let running = true;
    const sampler = (async () => {
      for (let next = t0; running; next += SAMPLE_MS) {
        await sleep(Math.max(0, next - Date.now()));
        if (!running || crashed) break;
        try {
          samples.push({
            t: (Date.now() - t0) / 1000,
            ...(await scrape(s.appUrl, metricsToken)),
            ...procMem(s.app.pid),
            load1: loadavg()[0],
            serverCpuMs: cpuMs(s.app.pid),
            clientCpuMs: cpuMs(clients.child.pid),
          });
        } catch (e) {
          samples.push({ t: (Date.now() - t0) / 1000, error: String(e) });
        }
        const last = samples[samples.length - 1];
        if (samples.length % Math.max(1, Math.round(30000 / SAMPLE_MS)) === 0)
          log(
            `${total}: t=${fmt(last.t, 0)} s RSS ${fmt(last.vmRssMb)} MiB heap ${fmt(last.heapUsedMb)} MiB lag p99 ${fmt(last.loopLagP99Ms)} ms load ${fmt(last.load1, 2)}`,
          );
      }
    })();
    // Database statements (or open transactions) of the app taking longer than 150 ms, polled
    // every 200 ms: explains a slow write path when there is one.
    const slowSql = new Map();
    const sqlWatch = (async () => {
      while (running) {
        try {
          const { rows } = await s.db.query(
            `select pid, state, wait_event_type, wait_event, query_start, extract(epoch from now() - coalesce(xact_start, query_start)) * 1000 as ms, left(query, 160) as query
               from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'
                and now() - coalesce(xact_start, query_start) > interval '150 milliseconds'`,
          );
          for (const r of rows) {
            const key = `${r.pid}:${r.query_start?.toISOString()}`;
            const prev = slowSql.get(key);
            if (!prev || prev.ms < r.ms)
              slowSql.set(key, {
                t: (Date.now() - t0) / 1000,
                ms: Number(r.ms),
                state: r.state,
                wait: [r.wait_event_type, r.wait_event].filter(Boolean).join(':') || null,
                query: r.query,
                waits: [...new Set([...(prev?.waits || []), [r.wait_event_type, r.wait_event].filter(Boolean).join(':') || 'cpu'])],
              });
          }
        } catch {
          // the watcher never fails the bench
        }
        await sleep(200);
      }
    })();
    const runResult = clients.ask({ ...runMsg, durationMs: SECONDS * 1000, postRate: nThreads * POST_RATE_PER_THREAD, drainMs: 20000 });
    let load;
    try {
      load = await runResult;
    } finally {
      running = false;
      await sampler;
      await sqlWatch;
      result.slowSql = [...slowSql.values()].sort((a, b) => b.ms - a.ms).slice(0, 20);
    }
    const elapsedMs = load.elapsedMs;
    result.serverCpuPct = ((samples.filter((x) => x.t * 1000 <= elapsedMs + SAMPLE_MS).at(-1)?.serverCpuMs - server0) / elapsedMs) * 100;
    result.clientCpuPct = ((samples.filter((x) => x.t * 1000 <= elapsedMs + SAMPLE_MS).at(-1)?.clientCpuMs - client0) / elapsedMs) * 100;
    result.machineBusyPct = machineBusyPct(m0, machineCpu());
    const loads = samples.map((x) => x.load1).filter(Number.isFinite);
    result.loadavg = {
      start: la0,
      end: loadavg(),
      min1: Math.min(...loads),
      max1: Math.max(...loads),
      mean1: loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length),
    };
    Object.assign(result, { yjs: load.yjs, posts: load.posts, windows: load.windows, client: load.client, drainMs: load.drainMs });
    // The app's own major collections during the load (none forced): heap in use after each.
    result.majorGcs = FORCE_GC
      ? (await majorGcLog(inspectPort))
          .map(([at, heapMb, ms]) => ({ t: (at - t0) / 1000, heapMb, ms }))
          .filter((g) => g.t >= 0 && g.t * 1000 <= elapsedMs)
      : [];
    result.end = await reading(true);

    // Steady window: the second half of the load.
    const inLoad = samples.filter((x) => !x.error && x.t * 1000 <= elapsedMs);
    const steady = inLoad.filter((x) => x.t >= SECONDS / 2);
    const perMin = (key) => {
      const k = slope(
        steady.map((x) => x.t),
        steady.map((x) => x[key]),
      );
      return k == null ? null : k * 60;
    };
    result.steady = {
      fromS: steady[0]?.t ?? null,
      toS: steady.at(-1)?.t ?? null,
      samples: steady.length,
      start: steady[0]
        ? {
            rssMb: steady[0].vmRssMb,
            heapUsedMb: steady[0].heapUsedMb,
            heapTotalMb: steady[0].heapTotalMb,
            externalMb: steady[0].externalMb,
          }
        : null,
      end: steady.at(-1)
        ? {
            rssMb: steady.at(-1).vmRssMb,
            heapUsedMb: steady.at(-1).heapUsedMb,
            heapTotalMb: steady.at(-1).heapTotalMb,
            externalMb: steady.at(-1).externalMb,
          }
        : null,
      rssSlopeMbPerMin: perMin('vmRssMb'),
      heapUsedSlopeMbPerMin: perMin('heapUsedMb'),
      heapTotalSlopeMbPerMin: perMin('heapTotalMb'),
      externalSlopeMbPerMin: perMin('externalMb'),
      handlesSlopePerMin: perMin('handles'),
      majorGcs: result.majorGcs.filter((g) => g.t >= SECONDS / 2).length,
      heapAfterMajorGc: (() => {
        const g = result.majorGcs.filter((x) => x.t >= SECONDS / 2);
        const k = slope(
          g.map((x) => x.t),
          g.map((x) => x.heapMb),
        );
        return g.length
          ? {
              first: g[0].heapMb,
              last: g.at(-1).heapMb,
              min: Math.min(...g.map((x) => x.heapMb)),
              max: Math.max(...g.map((x) => x.heapMb)),
              slopeMbPerMin: k == null ? null : k * 60,
            }
          : null;
      })(),
      serverLoopLagP99MaxMs: Math.max(...steady.map((x) => x.loopLagP99Ms).filter(Number.isFinite)),
    };
    result.peakRssMb = procMem(s.app.pid).vmHwmMb;
    // Per-connection cost: growth over the idle reading, divided by the connections.
    // RSS is compared right after a forced GC at both points when there is one (V8 gives pages
    // back on a full GC, so a reading without it mostly shows where the last GC happened).
    const per = (a, b) => (a != null && b != null ? ((a - b) * 1024) / total : null);
    result.perConnectionKb = {
      rssConnected: per(rssOf(result.connected), rssOf(result.idle)),
      rssEnd: per(rssOf(result.end), rssOf(result.idle)),
      heapAfterGcConnected: per(result.connected.gc?.heapUsedMb, result.idle.gc?.heapUsedMb),
      heapAfterGcEnd: per(result.end.gc?.heapUsedMb, result.idle.gc?.heapUsedMb),
    };
    log(
      `${total}: load done; Yjs p50/p99 ${fmt(load.yjs.p50)}/${fmt(load.yjs.p99)} ms lost ${load.yjs.lost}; posts p50/p99 ${fmt(load.posts.p50)}/${fmt(load.posts.p99)} ms lost ${load.posts.lost}; RSS slope ${fmt(result.steady.rssSlopeMbPerMin, 2)} MB/min`,
    );

    // Everyone leaves: connections and documents must go back to zero.
    await clients.ask({ cmd: 'close' });
    const deadline = Date.now() + 45000;
    let after;
    for (;;) {
      after = await scrape(s.appUrl, metricsToken);
      if ((!after.collabConnections && !after.collabDocuments && !after.socketioConnections) || Date.now() > deadline) break;
      await sleep(1000);
    }
    await sleep(2000);
    result.afterClose = await reading(true);
    result.leftOver = {
      collabConnections: result.afterClose.collabConnections,
      collabDocuments: result.afterClose.collabDocuments,
      socketioConnections: result.afterClose.socketioConnections,
      engineClients: result.afterClose.engineClients,
      handles: result.afterClose.handles,
      idleHandles: result.idle.handles,
      dbConnections: result.afterClose.dbConnections,
      idleDbConnections: result.idle.dbConnections,
    };
    result.samples = samples;
  } finally {
    result.crashed = crashed;
    clients.kill();
    stopping = true;
    await s.stop().catch((e) => log(`stop: ${e.message}`));
  }
  return result;
}

function failures(r) {
  const out = [];
  if (r.crashed) out.push(r.crashed);
  if (r.yjs?.lost) out.push(`${r.connections}: ${r.yjs.lost} Yjs updates not delivered`);
  if (r.yjs && r.yjs.roomsConverged !== r.yjs.rooms)
    out.push(`${r.connections}: ${r.yjs.rooms - r.yjs.roomsConverged} playbooks did not converge`);
  if (r.posts?.lost) out.push(`${r.connections}: ${r.posts.lost} post deliveries lost`);
  if (r.posts?.errors) out.push(`${r.connections}: ${r.posts.errors} posts failed (${r.posts.errorSamples.join('; ')})`);
  if (r.posts?.socketDrops) out.push(`${r.connections}: ${r.posts.socketDrops} subscriber sockets dropped`);
  return out;
}

async function main() {
  const results = [];
  const failed = [];
  for (const total of SCALES) {
    console.error(`soak: ${total} connections, ${SECONDS} s`);
    try {
      const r = await runScale(total);
      results.push(r);
      failed.push(...failures(r));
    } catch (e) {
      failed.push(`${total}: ${e.message}`);
      console.error(e);
    }
  }

  console.log(
    `\nLoad and soak: ${SECONDS} s per scale, samples every ${SAMPLE_MS / 1000} s; taskset ${hasTaskset ? 'app CPU 0, load generator CPU 1' : 'unavailable'}`,
  );
  console.log(
    '| connections | collab (playbooks × conns, typing) | discussion (threads × subs, posts/s) | Yjs fan-out p50/p99 ms | Yjs delivered / lost | post delivery p50/p99 ms | post HTTP answer p50/p99, fan-out p99 ms | post deliveries / lost | server CPU % | load gen CPU % (loop lag p99 ms) | machine busy %, load avg 1 min |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    if (!r.yjs) continue;
    console.log(
      `| ${r.connections} | ${r.playbooks} × ${r.perPlaybook}, ${r.yjs.typists} typing ${r.typingRate}/s | ${r.threads} × ${r.perThread}, ${r.postRate} | ${fmt(r.yjs.p50)}/${fmt(r.yjs.p99)} | ${r.yjs.received.toLocaleString('en')} / ${r.yjs.lost} | ${fmt(r.posts.p50)}/${fmt(r.posts.p99)} | ${fmt(r.posts.httpP50)}/${fmt(r.posts.httpP99)}, ${fmt(r.posts.fanoutP99)} | ${r.posts.received.toLocaleString('en')} / ${r.posts.lost} | ${fmt(r.serverCpuPct, 0)} | ${fmt(r.clientCpuPct, 0)} (${fmt(r.client.loopLagP99)}) | ${fmt(r.machineBusyPct, 0)}, ${fmt(r.loadavg.min1, 1)}–${fmt(r.loadavg.max1, 1)} |`,
    );
  }
  console.log(
    '\n| connections | RSS MiB after GC idle → connected → end | steady window s | RSS MiB start → end (slope MB/min) | heap used MiB start → end (slope MB/min) | heap after major GC in window MiB first → last (slope MB/min, n) | heap after forced GC MiB idle / connected / end / after close | peak RSS MiB | per connection KiB: RSS, heap after GC | left after close (collab conns, docs, socket.io) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    if (!r.steady) continue;
    const st = r.steady;
    console.log(
      `| ${r.connections} | ${fmt(rssOf(r.idle))} → ${fmt(rssOf(r.connected))} → ${fmt(rssOf(r.end))} | ${fmt(st.fromS, 0)}–${fmt(st.toS, 0)} | ${fmt(st.start?.rssMb)} → ${fmt(st.end?.rssMb)} (${fmt(st.rssSlopeMbPerMin, 2)}) | ${fmt(st.start?.heapUsedMb)} → ${fmt(st.end?.heapUsedMb)} (${fmt(st.heapUsedSlopeMbPerMin, 2)}) | ${st.heapAfterMajorGc ? `${fmt(st.heapAfterMajorGc.first)} → ${fmt(st.heapAfterMajorGc.last)} (${fmt(st.heapAfterMajorGc.slopeMbPerMin, 2)}, ${st.majorGcs})` : '-'} | ${fmt(r.idle.gc?.heapUsedMb)} / ${fmt(r.connected.gc?.heapUsedMb)} / ${fmt(r.end.gc?.heapUsedMb)} / ${fmt(r.afterClose.gc?.heapUsedMb)} | ${fmt(r.peakRssMb)} | ${fmt(r.perConnectionKb.rssConnected)}, ${fmt(r.perConnectionKb.heapAfterGcConnected)} | ${r.leftOver.collabConnections}, ${r.leftOver.collabDocuments}, ${r.leftOver.socketioConnections} |`,
    );
  }
  const [a, b] = [
    results.find((r) => r.connections === Math.min(...SCALES) && r.steady),
    results.find((r) => r.connections === Math.max(...SCALES) && r.steady),
  ];
  let growth = null;
  if (a && b && a !== b) {
    const ratio = (x, y) => (x != null && y ? x / y : null);
    growth = {
      from: a.connections,
      to: b.connections,
      connections: b.connections / a.connections,
      rssGrowth: ratio(rssOf(b.connected) - rssOf(b.idle), rssOf(a.connected) - rssOf(a.idle)),
      heapAfterGcGrowth: ratio(b.connected.gc?.heapUsedMb - b.idle.gc?.heapUsedMb, a.connected.gc?.heapUsedMb - a.idle.gc?.heapUsedMb),
      perConnectionRss: ratio(b.perConnectionKb.rssConnected, a.perConnectionKb.rssConnected),
      serverCpu: ratio(b.serverCpuPct, a.serverCpuPct),
      yjsP99: ratio(b.yjs.p99, a.yjs.p99),
      postP99: ratio(b.posts.p99, a.posts.p99),
    };
    console.log(
      `\nGrowth ${a.connections} → ${b.connections} connections (×${growth.connections}): RSS growth ×${fmt(growth.rssGrowth, 2)}, heap after GC ×${fmt(growth.heapAfterGcGrowth, 2)}, per-connection RSS ×${fmt(growth.perConnectionRss, 2)}, server CPU ×${fmt(growth.serverCpu, 2)}, Yjs p99 ×${fmt(growth.yjsP99, 2)}, post p99 ×${fmt(growth.postP99, 2)}`,
    );
  }
  for (const r of results) {
    if (!r.windows) continue;
    console.log(
      `\n${r.connections} connections, p99 per ${30} s window (ms): Yjs ${r.windows.map((w) => fmt(w.yjsP99, 0)).join(' ')} | posts ${r.windows.map((w) => fmt(w.postP99, 0)).join(' ')}`,
    );
    console.log(
      `${r.connections} connections, slowest posts (send s: HTTP answer / first delivery ms): ${r.posts.slowest.map((x) => `${fmt(x.atS, 0)}: ${fmt(x.httpMs, 0)}/${fmt(x.firstDeliveryMs, 0)}`).join(', ')}`,
    );
    if (r.slowSql?.length)
      console.log(
        `${r.connections} connections, slowest app statements/transactions seen (> 150 ms): ${r.slowSql
          .slice(0, 5)
          .map(
            (q) => `t=${fmt(q.t, 0)} s ${fmt(q.ms, 0)} ms ${q.state} [${q.waits.join(',')}] ${q.query.replace(/\s+/g, ' ').slice(0, 70)}`,
          )
          .join(' | ')}`,
      );
    if (r.yjs.reconnects)
      console.log(
        `NOTE: ${r.connections}: ${r.yjs.reconnects} collaboration sockets were closed and reconnected during the load (${JSON.stringify(r.yjs.closeCodes)})`,
      );
    const left = r.leftOver;
    console.log(
      `${r.connections} connections, active handles idle → after close: ${left.idleHandles} → ${left.handles} (database connections ${left.idleDbConnections} → ${left.dbConnections})`,
    );
    if (left.collabConnections || left.collabDocuments || left.socketioConnections)
      console.log(
        `WARNING: ${r.connections}: after every client left the app still reports ${left.collabConnections} collab connections, ${left.collabDocuments} documents, ${left.socketioConnections} socket.io connections`,
      );
  }
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const out = path.join(__dirname, 'results', `${process.env.SOAK_RESULT || 'soak'}.json`);
  writeFileSync(
    out,
    JSON.stringify(
      {
        bench: 'Load and soak',
        at: new Date().toISOString(),
        taskset: hasTaskset,
        seconds: SECONDS,
        sampleMs: SAMPLE_MS,
        scales: SCALES,
        growth,
        failures: failed,
        results,
      },
      null,
      2,
    ),
  );
  console.log(`\nwritten ${path.relative(ROOT, out)}`);
  if (failed.length) {
    console.log(`\nFAILED:\n- ${failed.join('\n- ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
