// Probes of the soak bench: the server's own figures from /metrics (Prometheus text) and
// /proc/<pid>/status; through the V8 inspector (the app is started with --inspect on a loopback
// port) a forced full GC to read the heap that is really retained, and a log of the heap in use
// after each of the app's own major collections; machine CPU and load average; the
// least-squares slope of a series.
'use strict';
const { readFileSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const WebSocket = require('ws');

/** The unlabelled or summed value of each metric family of interest, from the exposition text. */
async function scrape(url, token) {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`/metrics ${res.status}`);
  const text = await res.text();
  const out = {};
  for (const line of text.split('\n')) {
    if (!line || line[0] === '#') continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const v = Number(m[3]);
    if (!Number.isFinite(v)) continue;
    out[m[1]] = (out[m[1]] || 0) + v;
  }
  const mb = (k) => (out[k] != null ? out[k] / 1048576 : null);
  return {
    rssMb: mb('jippnas_process_resident_memory_bytes'),
    heapUsedMb: mb('jippnas_nodejs_heap_size_used_bytes'),
    heapTotalMb: mb('jippnas_nodejs_heap_size_total_bytes'),
    externalMb: mb('jippnas_nodejs_external_memory_bytes'),
    loopLagP99Ms: out.jippnas_nodejs_eventloop_lag_p99_seconds != null ? out.jippnas_nodejs_eventloop_lag_p99_seconds * 1000 : null,
    handles: out.jippnas_nodejs_active_handles_total ?? null,
    collabConnections: out.jippnas_collab_connections ?? null,
    collabDocuments: out.jippnas_collab_documents ?? null,
    socketioConnections: out.jippnas_socketio_connections ?? null,
    engineClients: out.jippnas_socketio_engine_clients ?? null,
  };
}

/** VmRSS and VmHWM (peak) of a process, MiB. */
function procMem(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? NaN);
    return { vmRssMb: kb('VmRSS') / 1024, vmHwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { vmRssMb: NaN, vmHwmMb: NaN };
  }
}

/** Runs `fn(call)` in one inspector session on the app (started with --inspect on `port`). */
async function withInspector(port, fn) {
  const list = await fetch(`http://127.0.0.1:${port}/json/list`).then((r) => r.json());
  const target = list[0]?.webSocketDebuggerUrl;
  if (!target) throw new Error('no inspector target');
  const ws = new WebSocket(target);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map();
  ws.on('message', (d) => {
    const msg = JSON.parse(String(d));
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    }
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      pending.set(++id, (msg) => (msg.error ? reject(new Error(`${method}: ${msg.error.message}`)) : resolve(msg.result)));
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    return await fn(call);
  } finally {
    ws.close();
  }
}

/** Evaluates an expression in the app's main context; its JSON-able value. */
async function evaluate(port, expression) {
  return withInspector(port, async (call) => {
    const r = await call('Runtime.evaluate', { expression, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`evaluate: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    return r.result.value;
  });
}

/**
 * Forces a full garbage collection in the app and returns process.memoryUsage() read right
 * after it (MiB), or null without an inspector.
 */
async function gcAndMeasure(port) {
  if (!port) return null;
  return withInspector(port, async (call) => {
    const t0 = Date.now();
    await call('HeapProfiler.collectGarbage');
    const gcMs = Date.now() - t0;
    const r = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const u = JSON.parse(r.result.value);
    const mb = (x) => x / 1048576;
    return {
      rssMb: mb(u.rss),
      heapUsedMb: mb(u.heapUsed),
      heapTotalMb: mb(u.heapTotal),
      externalMb: mb(u.external),
      arrayBuffersMb: mb(u.arrayBuffers),
      gcMs,
    };
  });
}

/**
 * Has the app note, after each of its own major (mark-compact) collections, the time and the
 * heap in use: the retained heap over time without forcing any collection. Read with
 * `majorGcLog`, which returns [[epoch ms, heap used MiB, GC ms]] and empties the log.
 */
async function watchMajorGc(port) {
  if (!port) return false;
  return evaluate(
    port,
    `(() => {
      const { PerformanceObserver, constants } = process.getBuiltinModule('node:perf_hooks');
      const v8 = process.getBuiltinModule('node:v8');
      globalThis.__soakMajorGc = [];
      globalThis.__soakObserver?.disconnect();
      globalThis.__soakObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.detail && e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) globalThis.__soakMajorGc.push([Date.now(), v8.getHeapStatistics().used_heap_size / 1048576, e.duration]);
        }
      });
      globalThis.__soakObserver.observe({ entryTypes: ['gc'] });
      return true;
    })()`,
  );
}
async function majorGcLog(port) {
  if (!port) return [];
  return evaluate(port, '(() => { const l = globalThis.__soakMajorGc || []; globalThis.__soakMajorGc = []; return l; })()');
}

/** Busy and total jiffies of the whole machine (all cores), for a busy share over an interval. */
function machineCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] || 0);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
const machineBusyPct = (a, b) => ((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100;
const loadavg = () => os.loadavg();

/** Least-squares slope of y over x (same units per unit of x), or null with fewer than 3 points. */
function slope(xs, ys) {
  const pts = xs.map((x, i) => [x, ys[i]]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (pts.length < 3) return null;
  const mx = pts.reduce((s, [x]) => s + x, 0) / pts.length;
  const my = pts.reduce((s, [, y]) => s + y, 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of pts) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den ? num / den : null;
}

/** A free loopback TCP port (for the app's inspector). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

module.exports = { freePort, scrape, procMem, gcAndMeasure, watchMajorGc, majorGcLog, machineCpu, machineBusyPct, loadavg, slope };
