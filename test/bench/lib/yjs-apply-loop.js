// Baselines that need no server (P2, P3), run pinned like the servers: a bare Y.applyUpdate
// loop over the trace, and parsing the same document as one compacted update.
'use strict';
const { performance } = require('node:perf_hooks');
const Y = require('yjs');
const { trace } = require('./collab-trace');

process.on('message', (m) => {
  try {
    const updates = m.bytes ? [] : trace(m.ops);
    let result;
    if (m.kind === 'apply') {
      const times = [];
      for (let round = 0; round < (m.rounds || 3); round++) {
        const doc = new Y.Doc();
        const t0 = performance.now();
        for (const u of updates) Y.applyUpdate(doc, u);
        times.push(performance.now() - t0);
        doc.destroy();
      }
      times.sort((a, b) => a - b);
      const ms = times[Math.floor((times.length - 1) / 2)];
      result = { ms, updatesPerSec: (updates.length / ms) * 1000 };
    } else {
      // The bytes given (e.g. the app's stored snapshot), else the trace merged into one update.
      const merged = m.bytes ? new Uint8Array(Buffer.from(m.bytes, 'base64')) : Y.mergeUpdates(updates);
      const times = [];
      for (let round = 0; round < (m.rounds || 5); round++) {
        const t0 = performance.now();
        const doc = new Y.Doc();
        Y.applyUpdate(doc, merged);
        times.push(performance.now() - t0);
        doc.destroy();
      }
      times.sort((a, b) => a - b);
      result = { ms: times[Math.floor((times.length - 1) / 2)], bytes: merged.length };
    }
    process.send({ ok: true, result });
  } catch (e) {
    process.send({ ok: false, error: String(e?.stack || e) });
  }
});
