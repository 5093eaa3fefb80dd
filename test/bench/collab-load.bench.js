// P3 (docs/performance.md): open a playbook whose history is N stored updates (the trace's updates
// as separate log rows): time until a stock client is synced, first from the raw log, then after
// the app compacted it (one edit triggers compaction; the idle document unloads; reopen). Baseline:
// parsing the same document as one compacted update (Y.applyUpdate of the merged state), pinned
// like the server. Storage rows and bytes before/after show that a document's cost stays bounded.
// Env: BENCH_ROUNDS (3), BENCH_P3_SIZES (1000,20000).
'use strict';
const { writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { launch, startServers, startClients, median, fmt, hasTaskset, waitFor, ROOT } = require('./lib/collab-bench-common');
const { trace } = require('./lib/collab-trace');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const SIZES = (process.env.BENCH_P3_SIZES || '1000,20000').split(',').map(Number);

async function main() {
  const s = await startServers({ baseline: false, appEnv: { COLLAB_IDLE_UNLOAD_MS: '200', COLLAB_DEBOUNCE_MS: '50' } });
  const clients = startClients();
  const loop = launch(0, [path.join(__dirname, 'lib/yjs-apply-loop.js')], {}, true);
  const parse = (ops, bytes) =>
    new Promise((resolve, reject) => {
      loop.once('message', (m) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
      loop.send({ kind: 'parse', ops, rounds: ROUNDS, bytes: bytes?.toString('base64') });
    });
  const storage = async (id) =>
    (
      await s.db.query(
        `select (select count(*) from playbook_updates where playbook_id = $1)::int as rows,
       (select coalesce(sum(length(data)), 0) from playbook_updates where playbook_id = $1)::int + (select coalesce(sum(length(data)), 0) from playbook_snapshots where playbook_id = $1)::int as bytes`,
        [id],
      )
    ).rows[0];
  const summary = [];
  for (const ops of SIZES) {
    const updates = trace(ops);
    const id = await s.playbook(Buffer.from([0, 0]));
    for (let i = 0; i < updates.length; i += 1000) {
      const chunk = updates.slice(i, i + 1000);
      await s.db.query(`insert into playbook_updates (playbook_id, data) select $1, unnest($2::bytea[])`, [
        id,
        chunk.map((u) => Buffer.from(u)),
      ]);
    }
    const before = await storage(id);
    const base = await parse(ops);
    // First open: the whole log is read and merged; the edit's store then compacts it.
    const first = await clients.ask({ cmd: 'open', url: s.appWs, room: id, token: s.token, edit: true });
    await waitFor(async () => (await storage(id)).rows === 0, 'compaction', 120000);
    const after = await storage(id);
    // The same baseline on the very bytes a client receives: the app's compacted snapshot.
    const snapshot = (await s.db.query('select data from playbook_snapshots where playbook_id = $1', [id])).rows[0].data;
    const baseSnapshot = await parse(ops, snapshot);
    const opens = [];
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((r) => setTimeout(r, 600)); // idle unload (200 ms) has happened: a cold open
      opens.push((await clients.ask({ cmd: 'open', url: s.appWs, room: id, token: s.token })).ms);
    }
    const row = {
      storedUpdates: ops,
      parseMs: base.ms,
      compactedBytes: base.bytes,
      firstOpenMs: first.ms,
      openAfterCompactionMs: median(opens),
      rowsBefore: before.rows,
      bytesBefore: before.bytes,
      rowsAfter: after.rows,
      bytesAfter: after.bytes,
    };
    row.snapshotParseMs = baseSnapshot.ms;
    row.snapshotBytes = baseSnapshot.bytes;
    row.ratio = row.openAfterCompactionMs / row.parseMs;
    row.snapshotRatio = row.openAfterCompactionMs / row.snapshotParseMs;
    summary.push(row);
    console.error(
      `  ${ops} updates: parse ${fmt(row.parseMs)} ms, first open ${fmt(row.firstOpenMs)} ms, open after compaction ${fmt(row.openAfterCompactionMs)} ms`,
    );
  }
  console.log(
    `\nP3 open a playbook with a long history; medians of ${ROUNDS} rounds; taskset ${hasTaskset ? 'server CPU 0, client CPU 1' : 'unavailable'}`,
  );
  console.log(
    '| stored updates | parse of compacted update ms (baseline: merged trace / app snapshot) | first open from the log ms | open after compaction ms | ratio (goal <= 2) vs merged / vs snapshot | rows / bytes before | rows / bytes after |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of summary)
    console.log(
      `| ${r.storedUpdates} | ${fmt(r.parseMs, 2)} / ${fmt(r.snapshotParseMs, 2)} | ${fmt(r.firstOpenMs)} | ${fmt(r.openAfterCompactionMs)} | ${fmt(r.ratio, 2)} / ${fmt(r.snapshotRatio, 2)} | ${r.rowsBefore} / ${r.bytesBefore} | ${r.rowsAfter} / ${r.bytesAfter} |`,
    );
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const out = path.join(__dirname, 'results', 'collab-load.json');
  writeFileSync(
    out,
    JSON.stringify(
      { bench: 'P3 open with long history', at: new Date().toISOString(), taskset: hasTaskset, rounds: ROUNDS, summary },
      null,
      2,
    ),
  );
  console.log(`\nwritten ${path.relative(ROOT, out)}`);
  loop.kill();
  clients.kill();
  await s.stop();
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
