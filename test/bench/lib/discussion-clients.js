// The load generator for P4, in its own process: N socket.io-client subscribers in one thread,
// plus the driver that triggers posts over HTTP. Latency = receipt time - send time, both on this
// process's clock (performance.now()), read from the marker the driver puts in each post body.
'use strict';
const { performance } = require('node:perf_hooks');
const { io } = require('socket.io-client');

async function connectAll({ url, token, threadId, count }) {
  const sockets = [];
  for (let i = 0; i < count; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 50); j++) {
      const s = io(`${url}/realtime`, {
        path: '/socket.io',
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(s);
      batch.push(
        new Promise((resolve, reject) => {
          s.once('connect_error', reject);
          s.once('connect', () =>
            s
              .timeout(20000)
              .emitWithAck('thread:subscribe', { threadId })
              .then((a) => (a.ok ? resolve() : reject(new Error(a.code))), reject),
          );
        }),
      );
    }
    await Promise.all(batch);
  }
  return sockets;
}

function pct(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(cmd) {
  const sockets = await connectAll(cmd);
  // Lets the parent start its server-CPU reading after the handshakes, at the start of the run.
  process.send({ phase: 'connected' });
  const expected = cmd.posts * sockets.length;
  const latencies = new Float64Array(expected);
  // Fan-out spread: receipt time minus the first receipt of the same post, i.e. the broadcast
  // alone, without the write path that precedes it (HTTP, auth, database for the app).
  const spread = new Float64Array(expected);
  const firstAt = new Map();
  let received = 0;
  let lastAt = 0;
  let done;
  const allIn = new Promise((r) => (done = r));
  for (const s of sockets) {
    s.on('post:created', (ev) => {
      const m = /#(\d+(?:\.\d+)?)#/.exec(ev.post.body);
      const now = performance.now();
      if (!firstAt.has(m[1])) firstAt.set(m[1], now);
      if (m && received < expected) {
        latencies[received] = now - Number(m[1]);
        spread[received] = now - firstAt.get(m[1]);
      }
      received++;
      lastAt = now;
      if (received >= expected) done();
    });
  }
  const filler = 'x'.repeat(Math.max(0, (cmd.bodyBytes || 200) - 40));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const send = async (i) => {
    const body = `bench ${i} #${performance.now().toFixed(3)}# ${filler}`;
    // Posts rotate over several posters, as in a real thread (each user's writes are serialised).
    const headers = cmd.headersList && cmd.headersList.length ? cmd.headersList[i % cmd.headersList.length] : {};
    const res = await fetch(cmd.triggerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(cmd.triggerBody(body)),
    });
    if (res.status !== 201) throw new Error(`trigger ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  if (cmd.rate) {
    // Open loop: post i leaves at t0 + i/rate whatever happened to the earlier ones.
    const sends = [];
    for (let i = 0; i < cmd.posts; i++) {
      const wait = t0 + (i * 1000) / cmd.rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sends.push(send(i));
    }
    await Promise.all(sends);
  } else {
    // Closed loop: `concurrency` posts in flight, as fast as the server takes them.
    let next = 0;
    const worker = async () => {
      while (next < cmd.posts) await send(next++);
    };
    await Promise.all(Array.from({ length: cmd.concurrency }, worker));
  }
  const timeout = new Promise((r) => setTimeout(r, cmd.timeoutMs || 60000));
  await Promise.race([allIn, timeout]);
  const cpu = process.cpuUsage(cpu0);
  const elapsedMs = lastAt - t0;
  for (const s of sockets) s.disconnect();
  const lat = Array.from(latencies.subarray(0, Math.min(received, expected))).sort((a, b) => a - b);
  const fan = Array.from(spread.subarray(0, Math.min(received, expected))).sort((a, b) => a - b);
  return {
    subscribers: sockets.length,
    posts: cmd.posts,
    expected,
    received,
    lost: expected - Math.min(received, expected),
    elapsedMs,
    deliveredPerSec: (Math.min(received, expected) / elapsedMs) * 1000,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    max: lat[lat.length - 1] ?? null,
    fanoutP50: pct(fan, 50),
    fanoutP99: pct(fan, 99),
    clientCpuPct: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
  };
}

process.on('message', async (msg) => {
  try {
    const kind = msg.kind;
    // Trigger bodies differ: the app takes {body} on its thread's posts route, the baseline {threadId, body}.
    msg.triggerBody = kind === 'app' ? (body) => ({ body }) : (body) => ({ threadId: msg.threadId, body });
    process.send({ ok: true, result: await run(msg) });
  } catch (e) {
    process.send({ ok: false, error: String(e && e.stack ? e.stack : e) });
  }
});
