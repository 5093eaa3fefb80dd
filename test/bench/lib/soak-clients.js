// The load generator of the soak bench (test/bench/soak.bench.js), in its own process (CPU 1),
// driven over IPC. It holds a mixed population: stock y-websocket providers (disableBc, `ws`)
// spread over many playbooks, a few of them typing continuously into the document, and
// socket.io-client subscribers on discussion threads while posts are created over HTTP at a
// steady rate. Every latency is receipt − send on this process's clock (performance.now()).
'use strict';
const { performance, monitorEventLoopDelay } = require('node:perf_hooks');
const WebSocket = require('ws');
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const { io } = require('socket.io-client');

/** rooms: [{ id, providers: [{doc, p, typist, closes}] }]; threads: [{ id, sockets: [] }] */
// Every stock provider adds a process 'exit' listener: hundreds of them are expected here.
process.setMaxListeners(0);
let rooms = [];
let threads = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

function provider(url, room, token) {
  const doc = new Y.Doc();
  const p = new WebsocketProvider(`${url}/collab`, room, doc, { params: { token }, disableBc: true, WebSocketPolyfill: WebSocket });
  const c = { doc, p, closes: 0, closeCodes: {} };
  p.on('connection-close', (ev) => {
    c.closes++;
    const code = ev?.code ?? 'local';
    c.closeCodes[code] = (c.closeCodes[code] || 0) + 1;
  });
  return c;
}

async function until(check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} timed out`);
    await sleep(20);
  }
}

function subscriber(url, token, threadId) {
  const s = io(`${url}/realtime`, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const ready = new Promise((resolve, reject) => {
    s.once('connect_error', reject);
    s.once('connect', () =>
      s
        .timeout(30000)
        .emitWithAck('thread:subscribe', { threadId })
        .then((a) => (a.ok ? resolve() : reject(new Error(`subscribe: ${a.code}`))), reject),
    );
  });
  return { s, ready };
}

/**
 * Opens every connection in batches of 50, alternating the two kinds so neither is all opened
 * first. m: { url, token, playbooks: [id], perPlaybook, readerToken, threadIds: [id], perThread }
 */
async function open(m) {
  const t0 = performance.now();
  rooms = m.playbooks.map((id) => ({ id, providers: [] }));
  threads = m.threadIds.map((id) => ({ id, sockets: [] }));
  const collabTodo = [];
  for (let k = 0; k < m.perPlaybook; k++) for (const r of rooms) collabTodo.push(r);
  const subTodo = [];
  for (let k = 0; k < m.perThread; k++) for (const t of threads) subTodo.push(t);
  while (collabTodo.length || subTodo.length) {
    const batch = [];
    const share = Math.max(1, Math.round((50 * collabTodo.length) / (collabTodo.length + subTodo.length || 1)));
    for (const r of collabTodo.splice(0, share)) {
      const c = provider(m.url, r.id, m.token);
      r.providers.push(c);
      batch.push(until(() => c.p.synced, 'collab sync', 60000));
    }
    for (const t of subTodo.splice(0, 50 - Math.min(50, share))) {
      const { s, ready } = subscriber(m.url, m.readerToken, t.id);
      t.sockets.push(s);
      batch.push(ready);
    }
    await Promise.all(batch);
  }
  return {
    providers: rooms.reduce((n, r) => n + r.providers.length, 0),
    subscribers: threads.reduce((n, t) => n + t.sockets.length, 0),
    ms: performance.now() - t0,
  };
}

/**
 * The mixed load for `durationMs`: `typists` providers per playbook type `typingRate` keystrokes/s
 * each (one Yjs update per keystroke, into their own paragraph of the ProseMirror fragment; the
 * send time is noted under the sender's client id and clock so every receiver can time it);
 * posts go to the threads in turn at `postRate` posts/s in total, from the poster accounts in
 * turn. Then drains (up to `drainMs`) until every receiver has everything, and checks the
 * documents converged.
 */
async function run(m) {
  const windowMs = m.windowMs || 30000;
  const yLat = [];
  const yAt = [];
  const pLat = [];
  const pAt = [];
  const lag = monitorEventLoopDelay({ resolution: 10 });
  let ySent = 0;
  let yExpected = 0;
  let yReceived = 0;
  let pExpected = 0;
  let pReceived = 0;
  let postErrors = 0;
  const postErrorSamples = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let socketDrops = 0;
  const closes0 = rooms.reduce((n, r) => n + r.providers.reduce((k, c) => k + c.closes, 0), 0);

  // Receivers: no marker inside the document (it would add a Yjs item per keystroke and stop
  // a typist's characters from merging into one item). The sender notes the send time under
  // its client id and new clock; a receiver's transaction names the clocks it brought.
  const typists = [];
  const sentAt = new Map();
  const listeners = [];
  rooms.forEach((r) => {
    r.providers.forEach((c, ci) => {
      if (ci < m.typists) typists.push({ room: r, c, para: null, typed: 0 });
      const fn = (tr) => {
        if (tr.local) return;
        const now = performance.now();
        for (const [client, clock] of tr.afterState) {
          if ((tr.beforeState.get(client) ?? 0) === clock) continue;
          const key = `${client}:${clock}`;
          const sent = sentAt.get(key);
          if (!sent) continue;
          yLat.push(now - sent.t);
          yAt.push(now);
          yReceived++;
          if (--sent.left === 0) sentAt.delete(key);
        }
      };
      c.doc.on('afterTransaction', fn);
      listeners.push(() => c.doc.off('afterTransaction', fn));
    });
  });
  // Subscribers: the marker #<sent time># in the post body.
  // Per post: send time, HTTP answer time, first receipt; the spread of receipts after the first
  // is the broadcast alone (fan-out), without the write path before it.
  const postInfo = new Map();
  const spread = [];
  const onPost = (ev) => {
    const now = performance.now();
    const mk = /^soak (\d+) #(\d+(?:\.\d+)?)#/.exec(ev?.post?.body || '');
    if (!mk) return;
    pLat.push(now - Number(mk[2]));
    pAt.push(now);
    pReceived++;
    const info = postInfo.get(mk[1]);
    if (info) {
      if (info.firstAt === undefined) info.firstAt = now;
      spread.push(now - info.firstAt);
    }
  };
  const onDisconnect = () => socketDrops++;
  for (const t of threads)
    for (const s of t.sockets) {
      s.on('post:created', onPost);
      s.on('disconnect', onDisconnect);
    }

  const t0 = performance.now();
  const end = t0 + m.durationMs;
  const cpu0 = process.cpuUsage();
  lag.enable();
  const words = 'rencana replikasi inovasi layanan publik tahap persiapan pelaksanaan evaluasi pemangku kepentingan anggaran jadwal'.split(
    ' ',
  );
  const keystroke = (ty) => {
    const content = ty.c.doc.getXmlFragment('content');
    const t = performance.now();
    ty.c.doc.transact(() => {
      // A new paragraph now and then, as a writer would; otherwise one character at its end.
      if (!ty.para || ty.para.length >= 240) {
        const p = new Y.XmlElement('paragraph');
        ty.para = new Y.XmlText();
        p.insert(0, [ty.para]);
        content.push([p]);
      }
      const w = words[((ty.typed / 8) % words.length) | 0];
      ty.para.insert(ty.para.length, ty.typed % 8 === 7 ? ' ' : w[ty.typed % w.length]);
      ty.typed++;
    });
    ySent++;
    // Every other connection of the room gets it (the server does not echo to the sender).
    const left = ty.room.providers.length - 1;
    sentAt.set(`${ty.c.doc.clientID}:${Y.getState(ty.c.doc.store, ty.c.doc.clientID)}`, { t, left });
    yExpected += left;
  };
  // Each typist on its own open-loop schedule, started at a random phase.
  const typing = typists.map(async (ty) => {
    const period = 1000 / m.typingRate;
    let next = t0 + Math.random() * period;
    for (;;) {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      if (performance.now() >= end) return;
      if (ty.c.p.wsconnected) keystroke(ty);
      next += period;
    }
  });
  const filler = 'Catatan rapat koordinasi replikasi: '.padEnd(160, 'x');
  const posting = (async () => {
    const sends = [];
    if (!m.postRate || !threads.length) return;
    for (let i = 0; ; i++) {
      const at = t0 + (i * 1000) / m.postRate;
      if (at >= end) break;
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      const thread = threads[i % threads.length];
      const poster = m.posterTokens[i % m.posterTokens.length];
      const sentAt = performance.now();
      const body = `soak ${i} #${sentAt.toFixed(3)}# ${filler}`;
      const info = { i, sentAt, httpMs: null, firstAt: undefined };
      postInfo.set(String(i), info);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      sends.push(
        fetch(`${m.httpUrl}/api/threads/${thread.id}/posts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${poster}` },
          body: JSON.stringify({ body }),
        })
          .then(async (res) => {
            const text = await res.text();
            info.httpMs = performance.now() - sentAt;
            if (res.status === 201) pExpected += thread.sockets.filter((s) => s.connected).length;
            else {
              postErrors++;
              if (postErrorSamples.length < 5) postErrorSamples.push(`${res.status} ${text.slice(0, 200)}`);
            }
          })
          .catch((e) => {
            postErrors++;
            if (postErrorSamples.length < 5) postErrorSamples.push(String(e));
          })
          .finally(() => inFlight--),
      );
    }
    await Promise.all(sends);
  })();
  await Promise.all([...typing, posting]);
  const loadEnd = performance.now();
  const cpu = process.cpuUsage(cpu0);
  lag.disable();

  // Drain: wait for what is still on the way.
  const drainDeadline = performance.now() + (m.drainMs || 20000);
  while ((yReceived < yExpected || pReceived < pExpected) && performance.now() < drainDeadline) await sleep(50);
  const drainMs = performance.now() - loadEnd;
  listeners.forEach((off) => off());
  for (const t of threads)
    for (const s of t.sockets) {
      s.off('post:created', onPost);
      s.off('disconnect', onDisconnect);
    }

  // Convergence: every provider of a room holds each typist's last keystroke (same state
  // vector as the typists themselves) and the same text.
  let rooms_ok = 0;
  let docBytes = 0;
  for (const r of rooms) {
    docBytes += Y.encodeStateAsUpdate(r.providers[0].doc).length;
    const want = Buffer.from(Y.encodeStateVector(r.providers[0].doc));
    const text = r.providers[0].doc.getXmlFragment('content').toString();
    const ok = r.providers.every(
      (c) => Buffer.compare(Buffer.from(Y.encodeStateVector(c.doc)), want) === 0 && c.doc.getXmlFragment('content').toString() === text,
    );
    if (ok) rooms_ok++;
  }

  // Latency per time window (does it drift over the soak?).
  const windows = [];
  // A last stretch shorter than half a window is folded into the window before it.
  for (let w = t0; w < loadEnd; w += windowMs) {
    const last = loadEnd - (w + windowMs) < windowMs / 2;
    const to = last ? Infinity : w + windowMs;
    const pick = (lat, at) => lat.filter((_, i) => at[i] >= w && at[i] < to).sort((a, b) => a - b);
    const y = pick(yLat, yAt);
    const p = pick(pLat, pAt);
    windows.push({
      fromS: (w - t0) / 1000,
      yjsN: y.length,
      yjsP50: pct(y, 50),
      yjsP99: pct(y, 99),
      postN: p.length,
      postP50: pct(p, 50),
      postP99: pct(p, 99),
    });
    if (last) break;
  }
  const http = [...postInfo.values()]
    .map((x) => x.httpMs)
    .filter((x) => x != null)
    .sort((a, b) => a - b);
  const fan = Float64Array.from(spread).sort();
  const slowest = [...postInfo.values()]
    .filter((x) => x.firstAt !== undefined)
    .map((x) => ({ post: x.i, atS: (x.sentAt - t0) / 1000, httpMs: x.httpMs, firstDeliveryMs: x.firstAt - x.sentAt }))
    .sort((a, b) => b.firstDeliveryMs - a.firstDeliveryMs)
    .slice(0, 5);
  const ys = Float64Array.from(yLat).sort();
  const ps = Float64Array.from(pLat).sort();
  const closes = rooms.reduce((n, r) => n + r.providers.reduce((k, c) => k + c.closes, 0), 0) - closes0;
  const closeCodes = {};
  for (const r of rooms)
    for (const c of r.providers) for (const [k, v] of Object.entries(c.closeCodes)) closeCodes[k] = (closeCodes[k] || 0) + v;
  const elapsed = loadEnd - t0;
  return {
    elapsedMs: elapsed,
    drainMs,
    yjs: {
      typists: typists.length,
      sent: ySent,
      expected: yExpected,
      received: yReceived,
      lost: Math.max(0, yExpected - yReceived),
      p50: pct(ys, 50),
      p99: pct(ys, 99),
      max: ys[ys.length - 1] ?? null,
      perSecIn: (ySent / elapsed) * 1000,
      perSecOut: (yReceived / elapsed) * 1000,
      reconnects: closes,
      closeCodes,
      roomsConverged: rooms_ok,
      rooms: rooms.length,
      docBytes,
    },
    posts: {
      sent: Math.round((m.durationMs / 1000) * m.postRate),
      errors: postErrors,
      errorSamples: postErrorSamples,
      maxInFlight,
      expected: pExpected,
      received: pReceived,
      lost: Math.max(0, pExpected - pReceived),
      p50: pct(ps, 50),
      p99: pct(ps, 99),
      max: ps[ps.length - 1] ?? null,
      socketDrops,
      httpP50: pct(http, 50),
      httpP99: pct(http, 99),
      httpMax: http.at(-1) ?? null,
      fanoutP50: pct(fan, 50),
      fanoutP99: pct(fan, 99),
      slowest,
    },
    windows,
    client: {
      cpuPct: ((cpu.user + cpu.system) / 1000 / elapsed) * 100,
      loopLagP50: lag.percentile(50) / 1e6,
      loopLagP99: lag.percentile(99) / 1e6,
      loopLagMax: lag.max / 1e6,
      rssMb: process.memoryUsage().rss / 1048576,
    },
  };
}

function closeAll() {
  for (const r of rooms)
    for (const c of r.providers) {
      c.p.destroy();
      c.doc.destroy();
    }
  for (const t of threads) for (const s of t.sockets) s.disconnect();
  rooms = [];
  threads = [];
  return {};
}

process.on('message', async (m) => {
  try {
    let result;
    if (m.cmd === 'open') result = await open(m);
    else if (m.cmd === 'run') result = await run(m);
    else if (m.cmd === 'close') result = closeAll();
    else throw new Error(`unknown command ${m.cmd}`);
    process.send({ ok: true, result });
  } catch (e) {
    process.send({ ok: false, error: String(e?.stack || e) });
  }
});
