// Baseline for P5: a bare Node HTTP server answering GET /api/innovations?q=&limit= with the
// very same SQL the application runs (built by the application's own innovation-query module
// from the build) through raw `pg`, mapped by the same view function. No Nest, no validation,
// no ORM, no logging: what the database and JSON cost on their own.
'use strict';
const http = require('node:http');
const path = require('node:path');
const { Pool } = require('pg');

const DIST = path.resolve(__dirname, '../../../dist/apps/api/src/modules/innovations');
const q = require(path.join(DIST, 'innovation-query.js'));
const { innovationView } = require(path.join(DIST, 'innovation.view.js'));

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX || 10) });
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname !== '/api/innovations') return res.writeHead(404).end();
  try {
    const words = q.queryWords(url.searchParams.get('q'));
    const limit = Number(url.searchParams.get('limit') || 20);
    let rows = (await pool.query(q.toPg(q.listSql(words, {}, limit, 0, 'all')))).rows;
    let match = 'all';
    if (!rows.length && words.length > 1) {
      const n = (await pool.query(q.toPg(q.countSql(words, {}, 'all')))).rows[0].n;
      if (n === 0) {
        match = 'any';
        rows = (await pool.query(q.toPg(q.listSql(words, {}, limit, 0, 'any')))).rows;
      }
    }
    const body = JSON.stringify({
      items: rows.map(innovationView),
      total: rows.length ? Number(rows[0].total) : 0,
      ...(words.length ? { match } : {}),
    });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  } catch (e) {
    res.writeHead(500).end(String(e.message));
  }
});
server.listen(Number(process.env.PORT || 0), '127.0.0.1');
