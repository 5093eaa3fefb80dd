// Preloaded (--require) into a server by test/bench/profile-fanout.js: the first SIGUSR2 starts
// a V8 CPU profile and counts GC pauses, the next one stops it and writes
// <BENCH_PROF_DIR or tmpdir>/cpu-<pid>-<n>.cpuprofile plus a .gc.json beside it (GC pauses, process CPU time) — so the profile
// covers the measured phase only, not start-up or the clients joining.
'use strict';
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { PerformanceObserver, performance, monitorEventLoopDelay } = require('node:perf_hooks');

const dir = process.env.BENCH_PROF_DIR || tmpdir();
const session = new Session();
session.connect();
let running = false;
let n = 0;
let gc = null;
let loop = null;
const observer = new PerformanceObserver((list) => {
  if (!gc) return;
  for (const e of list.getEntries()) {
    gc.count++;
    gc.ms += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
    const kind = e.detail?.kind ?? 0;
    gc.byKind[kind] = (gc.byKind[kind] ?? 0) + e.duration;
  }
});
observer.observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    gc = { count: 0, ms: 0, maxMs: 0, byKind: {}, cpu0: process.cpuUsage(), t0: performance.now() };
    loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    // BENCH_PROF_SAMPLE=0: CPU time and GC only (the sampler's own thread costs CPU too).
    if (process.env.BENCH_PROF_SAMPLE === '0') return;
    // Starting the profiler walks all loaded code (long in the app): not counted either.
    session.post('Profiler.enable', () =>
      session.post('Profiler.start', () => {
        gc.cpu0 = process.cpuUsage();
        gc.t0 = performance.now();
      }),
    );
    return;
  }
  running = false;
  // CPU time read before stopping: serialising the profile is not the server's work.
  const cpu = process.cpuUsage(gc.cpu0);
  gc.cpuMs = (cpu.user + cpu.system) / 1000;
  gc.userMs = cpu.user / 1000;
  gc.wallMs = performance.now() - gc.t0;
  loop.disable();
  gc.loopDelayMaxMs = loop.max / 1e6;
  gc.loopDelayP99Ms = loop.percentile(99) / 1e6;
  delete gc.cpu0;
  const file = path.join(dir, `cpu-${process.pid}-${n++}.cpuprofile`);
  const done = () => {
    writeFileSync(file.replace(/\.cpuprofile$/, '.gc.json'), JSON.stringify(gc));
    gc = null;
  };
  if (process.env.BENCH_PROF_SAMPLE === '0') return done();
  session.post('Profiler.stop', (err, res) => {
    if (!err) writeFileSync(file, JSON.stringify(res.profile));
    done();
  });
});
