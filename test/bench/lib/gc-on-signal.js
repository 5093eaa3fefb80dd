// Preloaded into both servers of the memory bench (with --expose-gc): SIGUSR2 runs a full
// garbage collection and writes process.memoryUsage() to <tmpdir>/gc-report-<pid>.json, so memory
// is read without the garbage each server happens to carry at that instant.
'use strict';
const { writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

process.on('SIGUSR2', () => {
  global.gc?.();
  writeFileSync(path.join(tmpdir(), `gc-report-${process.pid}.json`), JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
});
