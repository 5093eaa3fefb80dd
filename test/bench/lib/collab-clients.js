// The load generator of the collaboration benches, in its own process (CPU 1): stock
// y-websocket providers (disableBc) and, for bulk ingest, one raw socket sending pre-encoded
// y-websocket messages. Latency = receipt - send on this process's clock.
'use strict';
const { performance, monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');
const WebSocket = require('ws');
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');
const { trace } = require('./collab-trace');

// Every stock y-websocket provider adds a process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);

// Presence work at the receivers: every awareness message the providers decode, and its entries
// (each one a JSON parse), whether or not it changed anything.
const presenceIn = { messages: 0, entries: 0 };
const awarenessProtocol = require('y-protocols/awareness');
const decoding = require('lib0/decoding');
const applyAwarenessUpdate = awarenessProtocol.applyAwarenessUpdate;
awarenessProtocol.applyAwarenessUpdate = (awareness, update, origin) => {
  presenceIn.messages++;
  presenceIn.entries += decoding.readVarUint(decoding.createDecoder(update));
  return applyAwarenessUpdate(awareness, update, origin);
};

let idle = [];

/**
 * A client: a stock y-websocket provider, or (`hocuspocus`) Hocuspocus's own provider on its own
 * socket. Both expose `p.synced` and a 'synced' event here.
 */
function provider(url, room, token, hocuspocus = false) {
  const doc = new Y.Doc();
  if (hocuspocus) {
    const ws = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
    const hp = new HocuspocusProvider({ websocketProvider: ws, name: room, document: doc, token: 'bench' });
    hp.attach();
    const p = {
      hp,
      get synced() {
        return hp.isSynced;
      },
      once: (event, cb) => hp.on(event, cb),
      destroy: () => {
        hp.destroy();
        ws.destroy();
      },
    };
    return { doc, p };
  }
  const p = new WebsocketProvider(`${url}/collab`, room, doc, { params: { token }, disableBc: true, WebSocketPolyfill: WebSocket });
  return { doc, p };
}
const destroy = (c) => {
  c.p.destroy();
  c.doc.destroy();
};
// Resolves on the providers' own 'synced' events (not by polling, which would add up to a
// polling period to every measured open).
async function allSynced(list, timeoutMs = 60000) {
  let timer;
  const waiting = list.filter((c) => !c.p.synced).map((c) => new Promise((resolve) => c.p.once('synced', resolve)));
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${list.filter((c) => !c.p.synced).length} clients never synced`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all(waiting), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

async function fanout(m) {
  // Every client renews its presence 15 s after it joined (then every 15 s). The run starts a
  // fixed time after the first receiver joined, so that wave falls at the same point of every
  // server's run (a slower join would otherwise move it into the window, a faster one out of it).
  const joinStart = performance.now();
  const receivers = [];
  for (let i = 0; i < m.receivers; i += 25) {
    const batch = [];
    for (let j = i; j < Math.min(m.receivers, i + 25); j++) batch.push(provider(m.url, m.room, m.token, m.hocuspocus));
    receivers.push(...batch);
    await allSynced(batch);
  }
  const writer = provider(m.url, m.room, m.token, m.hocuspocus);
  await allSynced([writer]);
  const joinMs = performance.now() - joinStart;
  const startAt = joinStart + (m.joinMs ?? 0);
  while (performance.now() < startAt) await new Promise((r) => setTimeout(r, startAt - performance.now()));
  const total = Math.round((m.rate * m.durationMs) / 1000);
  const sentAt = new Float64Array(total);
  const lat = [];
  // Per update, its slowest delivery: tells a tail of a few stalls from a slow steady state.
  const worst = new Float64Array(total);
  const got = new Array(receivers.length).fill(0);
  // Presence messages the receivers take in meanwhile (their share of the fan-out work).
  let awarenessMsgs = 0;
  const countAwareness = () => awarenessMsgs++;
  for (const r of receivers) (r.p.awareness ?? r.p.hp?.awareness)?.on('update', countAwareness);
  // Deliveries that carried several of the writer's updates at once.
  let merged = 0;
  receivers.forEach((r, i) => {
    const map = r.doc.getMap('bench');
    // A server may merge several updates into one message (Hocuspocus 4 by default coalesces what
    // it reads in one event-loop turn, `flushDelay: 0`): the observer then runs once and shows
    // only the newest seq. Yjs integrates one writer's updates in order, so every seq up to the
    // one shown has arrived with it, now: each is counted, with its own latency.
    let last = m.offset - 1;
    map.observe(() => {
      const seq = map.get('seq');
      if (typeof seq !== 'number' || seq <= last) return;
      const now = performance.now();
      for (let s = last + 1; s <= seq; s++) {
        const l = now - sentAt[s - m.offset];
        lat.push(l);
        if (l > worst[s - m.offset]) worst[s - m.offset] = l;
      }
      if (seq - last > 1) merged++;
      got[i] += seq - last;
      last = seq;
    });
  });
  const wmap = writer.doc.getMap('bench');
  const wtext = writer.doc.getText('typing');
  // profile-fanout.js: the server profiles exactly the sending phase (see cpu-prof-on-signal.js).
  if (m.profilePid) process.kill(m.profilePid, 'SIGUSR2');
  const cpu0 = process.cpuUsage();
  // The load generator's own stalls: a delivery cannot be counted sooner than its loop gets to it.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const gc = { count: 0, ms: 0, maxMs: 0 };
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.ms += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const t0 = performance.now();
  awarenessMsgs = 0;
  presenceIn.messages = presenceIn.entries = 0;
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / m.rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sentAt[i] = performance.now();
    writer.doc.transact(() => {
      wtext.insert(wtext.length, 'k');
      wmap.set('seq', m.offset + i);
    });
  }
  const deadline = performance.now() + 10000;
  while (got.some((g) => g < total) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (m.profilePid) process.kill(m.profilePid, 'SIGUSR2');
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  gcObserver.disconnect();
  const elapsed = performance.now() - t0;
  lat.sort((a, b) => a - b);
  [...receivers, writer].forEach(destroy);
  return {
    awarenessPerSec: (awarenessMsgs / elapsed) * 1000,
    presenceMessagesPerSec: (presenceIn.messages / elapsed) * 1000,
    presenceEntriesPerSec: (presenceIn.entries / elapsed) * 1000,
    sent: total,
    expected: total * receivers.length,
    received: lat.length,
    lost: total * receivers.length - lat.length,
    merged,
    // The ten updates whose slowest delivery was slowest: when they were sent (ms after the first) and that delivery.
    slowest: [...worst.keys()]
      .sort((a, b) => worst[b] - worst[a])
      .slice(0, 10)
      .map((i) => ({ atMs: Math.round(sentAt[i] - t0), worstMs: Math.round(worst[i]) })),
    joinMs,
    clientLoopDelayMaxMs: loop.max / 1e6,
    clientGc: gc,
    clientLoopDelayP99Ms: loop.percentile(99) / 1e6,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    max: lat[lat.length - 1],
    clientCpuPct: ((cpu.user + cpu.system) / 1000 / elapsed) * 100,
  };
}

/** Sends every update of the trace as a y-websocket message, then a sync step 1; done at its reply. */
async function ingest(m) {
  const updates = trace(m.ops);
  const frames = updates.map((u) => {
    const len = [];
    let n = u.length;
    while (n > 127) {
      len.push((n & 127) | 128);
      n >>>= 7;
    }
    len.push(n);
    return Buffer.concat([Buffer.from([0, 2, ...len]), Buffer.from(u)]);
  });
  const ws = new WebSocket(`${m.url}/collab/${m.room}?token=${m.token}`);
  ws.binaryType = 'nodebuffer';
  let closed = null;
  ws.on('close', (code) => (closed = code));
  await new Promise((resolve, reject) => {
    ws.once('message', resolve); // the server's greeting: authorised
    ws.once('error', reject);
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < frames.length; i++) {
    ws.send(frames[i]);
    if (i % 2000 === 1999 && ws.bufferedAmount > 4e6) await new Promise((r) => setImmediate(r));
  }
  const done = new Promise((resolve) =>
    ws.on('message', (d) => {
      if (d[0] === 0 && d[1] === 1) resolve(); // sync step 2: everything before it was applied
    }),
  );
  ws.send(Buffer.from([0, 0, 1, 0])); // sync step 1 with an empty state vector
  await Promise.race([done, new Promise((r) => setTimeout(r, 120000))]);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  ws.close();
  if (closed !== null) throw new Error(`server closed the ingest socket with ${closed}`);
  return {
    updates: frames.length,
    ms,
    updatesPerSec: (frames.length / ms) * 1000,
    clientCpuPct: ((cpu.user + cpu.system) / 1000 / ms) * 100,
  };
}

async function open(m) {
  const t0 = performance.now();
  const c = provider(m.url, m.room, m.token);
  await allSynced([c], 120000);
  const ms = performance.now() - t0;
  const length = c.doc.getXmlFragment('content').toString().length;
  if (m.edit) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('bench edit')]);
    c.doc.getXmlFragment('content').push([p]);
    await new Promise((r) => setTimeout(r, 200));
  }
  destroy(c);
  return { ms, length };
}

async function openIdle(m) {
  for (let i = 0; i < m.count; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(m.count, i + 50); j++) batch.push(provider(m.url, m.rooms[j % m.rooms.length], m.token));
    idle.push(...batch);
    await allSynced(batch);
  }
  return { open: idle.length };
}

process.on('message', async (m) => {
  try {
    let result;
    if (m.cmd === 'fanout') result = await fanout(m);
    else if (m.cmd === 'ingest') result = await ingest(m);
    else if (m.cmd === 'open') result = await open(m);
    else if (m.cmd === 'idle') result = await openIdle(m);
    else if (m.cmd === 'closeIdle') {
      idle.forEach(destroy);
      idle = [];
      result = {};
    }
    process.send({ ok: true, result });
  } catch (e) {
    process.send({ ok: false, error: String(e?.stack || e) });
  }
});
