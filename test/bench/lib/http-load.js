// Load generator (own process, pinned apart from the servers): closed loop, N concurrent
// keep-alive connections, each sending the next URL as soon as its answer arrives, for a fixed
// time. Reports requests/s, latency percentiles, errors and its own CPU time, over IPC.
'use strict';
const http = require('node:http');
const { performance } = require('node:perf_hooks');

function pct(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;
}

async function run({ base, paths, concurrency, durationMs, warmupMs }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port } = new URL(base);
  const get = (p) =>
    new Promise((resolve) => {
      const req = http.get({ hostname, port, path: p, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', () => resolve(0));
    });
  let i = 0;
  const loop = async (until, lat, counts) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const status = await get(paths[i++ % paths.length]);
      if (lat) {
        if (status === 200) lat.push(performance.now() - t0);
        else counts.errors++;
      }
    }
  };
  const warm = performance.now() + warmupMs;
  await Promise.all(Array.from({ length: concurrency }, () => loop(warm, null, null)));
  const lat = [];
  const counts = { errors: 0 };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => loop(t0 + durationMs, lat, counts)));
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  lat.sort((a, b) => a - b);
  return {
    requests: lat.length,
    errors: counts.errors,
    rps: (lat.length / elapsed) * 1000,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    loadCpuPct: ((cpu.user + cpu.system) / 1000 / elapsed) * 100,
  };
}

process.on('message', async (msg) => {
  try {
    process.send({ ok: true, result: await run(msg) });
  } catch (e) {
    process.send({ ok: false, error: String(e && e.stack) });
  }
});
