// Prints the client's chunk sizes (raw and gzipped) and the initial JavaScript a first visit
// loads: the entry chunk and its static imports, from Vite's manifest. Fails above the budget (P7).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 300 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '../../../dist/web');
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const entry = Object.values(manifest).find((c) => c.isEntry);
const initial = new Set();
const walk = (key) => {
  const c = manifest[key];
  if (!c || initial.has(c.file)) return;
  initial.add(c.file);
  for (const i of c.imports ?? []) walk(i);
};
walk(Object.keys(manifest).find((k) => manifest[k] === entry));

const rows = Object.values(manifest)
  .filter((c) => c.file.endsWith('.js') || c.file.endsWith('.css'))
  .map((c) => ({
    file: c.file,
    raw: statSync(join(dist, c.file)).size,
    gzip: gz(c.file),
    initial: initial.has(c.file),
    lazy: !!c.isDynamicEntry,
  }));
for (const c of Object.values(manifest))
  for (const css of c.css ?? [])
    if (!rows.some((r) => r.file === css))
      rows.push({ file: css, raw: statSync(join(dist, css)).size, gzip: gz(css), initial: c === entry, lazy: false });

console.log('\nweb client (dist/web):');
for (const r of rows.sort((a, b) => b.gzip - a.gzip)) {
  console.log(
    `  ${r.file.padEnd(44)} ${kb(r.raw).padStart(10)}  gzip ${kb(r.gzip).padStart(9)}  ${r.initial ? 'initial' : r.lazy ? 'lazy' : 'shared'}`,
  );
}
const initialJs = rows.filter((r) => r.initial && r.file.endsWith('.js')).reduce((s, r) => s + r.gzip, 0);
console.log(`  initial JavaScript: ${kb(initialJs)} gzipped (budget ${kb(BUDGET)})\n`);
if (initialJs > BUDGET) {
  console.error('initial JavaScript over budget');
  process.exit(1);
}
