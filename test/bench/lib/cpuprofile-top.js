// Reads a V8 .cpuprofile and summarises it: sampled time by category, the top functions by self
// time and by total (inclusive) time. `node test/bench/lib/cpuprofile-top.js FILE [N]`.
'use strict';
const { readFileSync } = require('node:fs');

function summarise(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  // timeDeltas[i] is the gap before sample i: attribute each gap to the sample that ends it.
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const key = (n) => {
    const f = n.callFrame;
    const file = (f.url || '')
      .replace(/^file:\/\//, '')
      .replace(/.*\/node_modules\//, '~/')
      .replace(/.*\/dist\//, 'dist/');
    return `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`;
  };
  const self = new Map();
  const total = new Map();
  let all = 0;
  for (const [id, us] of selfUs) {
    all += us;
    const n = byId.get(id);
    const k = key(n);
    self.set(k, (self.get(k) ?? 0) + us);
    // Inclusive: every distinct function on the stack once (recursion counted once).
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(byId.get(cur));
      if (seen.has(kk)) continue;
      seen.add(kk);
      total.set(kk, (total.get(kk) ?? 0) + us);
    }
  }
  const special = (name) => [...self].filter(([k]) => k.startsWith(name)).reduce((s, [, v]) => s + v, 0);
  const idle = special('(idle)');
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    wallMs: (profile.endTime - profile.startTime) / 1000,
    sampledMs: all / 1000,
    idleMs: idle / 1000,
    busyMs: (all - idle) / 1000,
    gcMs: special('(garbage collector)') / 1000,
    programMs: special('(program)') / 1000,
    self: sorted(self).map(([k, v]) => [k, v / 1000]),
    total: sorted(total).map(([k, v]) => [k, v / 1000]),
  };
}

function print(s, label = '') {
  const pct = (ms) => ((ms / s.busyMs) * 100).toFixed(1).padStart(5);
  console.log(
    `${label} wall ${s.wallMs.toFixed(0)} ms, busy ${s.busyMs.toFixed(0)} ms (GC ${s.gcMs.toFixed(0)}, program ${s.programMs.toFixed(0)}), idle ${s.idleMs.toFixed(0)} ms`,
  );
  console.log('  self ms   % busy  function');
  for (const [k, v] of s.self) console.log(`  ${v.toFixed(1).padStart(8)} ${pct(v)}  ${k}`);
  console.log('  total ms  % busy  function');
  for (const [k, v] of s.total) console.log(`  ${v.toFixed(1).padStart(8)} ${pct(v)}  ${k}`);
}

if (require.main === module) {
  print(summarise(JSON.parse(readFileSync(process.argv[2], 'utf8')), Number(process.argv[3] || 25)), process.argv[2]);
}
module.exports = { summarise, print };
