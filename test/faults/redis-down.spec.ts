/**
 * Redis killed under a single node (REDIS_URL set): the node keeps serving HTTP and socket.io
 * (its own clients still get their events), /api/health stays 200 with redis reported down, and
 * when Redis returns the node reconnects by itself.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  ADMIN,
  call,
  freePort,
  killAll,
  login,
  NodeProc,
  poll,
  register,
  RedisProc,
  sharedDatabase,
  startNode,
  startRedis,
} from './harness';
import { ask, closeSockets, connected, realtime, waitFor } from './sockets';

jest.setTimeout(120_000);

describe('faults: Redis down under a single node', () => {
  let redis: RedisProc;
  let node: NodeProc;
  let adminToken: string;

  beforeAll(async () => {
    redis = await startRedis();
    node = await startNode({ DATABASE_URL: await sharedDatabase(), REDIS_URL: redis.url });
    adminToken = await login(node.baseUrl, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    closeSockets();
    await killAll();
  });

  it('keeps serving HTTP and socket.io, reports redis down in /api/health, and reconnects', async () => {
    const pid = node.child.pid;
    const health = await call(node.baseUrl, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      info: { redis: { status: 'up' } },
      details: { database: { status: 'up' }, redis: { status: 'up' } },
    });

    const user = await register(node.baseUrl);
    const before = realtime(node.baseUrl, user.token);
    await connected(before);

    await redis.kill('SIGKILL');
    const down = await poll(async () => {
      const r = await call(node.baseUrl, 'GET', '/api/health');
      return r.body?.details?.redis?.status === 'down' ? r : undefined;
    }, 'health to report redis down');
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({
      status: 'ok',
      degraded: ['redis'],
      error: { redis: { status: 'down' } },
      details: { database: { status: 'up' } },
    });

    // HTTP: reads and writes.
    expect((await call(node.baseUrl, 'GET', '/api/me', { token: user.token })).status).toBe(200);
    const created = await call(node.baseUrl, 'POST', '/api/agencies', {
      token: adminToken,
      body: { name: 'Dinas Tanpa Redis', kind: 'city' },
    });
    expect(created.status).toBe(201);

    // socket.io: the old connection is still there, a new one connects and gets answers.
    expect(before.connected).toBe(true);
    const after = realtime(node.baseUrl, user.token);
    await connected(after);
    const ack = await ask<{ ok: boolean; code?: string }>(after, 'thread:subscribe', { threadId: randomUUID() });
    expect(ack.ok).toBe(false);
    expect(ack.code).toEqual(expect.any(String));

    // Events to this node's own clients still arrive (a suspension notifies its user live).
    const live = [
      waitFor(before, 'notification', (n: any) => n.type === 'account_suspended'),
      waitFor(after, 'notification', (n: any) => n.type === 'account_suspended'),
    ];
    const until = new Date(Date.now() + 3600_000).toISOString();
    const suspended = await call(node.baseUrl, 'POST', `/api/users/${user.id}/suspensions`, {
      token: adminToken,
      body: { until, reason: 'uji gangguan redis' },
    });
    expect(suspended.status).toBe(201);
    await Promise.all(live);

    // Redis back on the same port: the node notices without a restart.
    redis = await startRedis(redis.port);
    await poll(
      async () => (await call(node.baseUrl, 'GET', '/api/health')).body?.details?.redis?.status === 'up',
      'health to report redis up again',
      20000,
    );
    expect(node.alive()).toBe(true);
    expect(node.child.pid).toBe(pid);
    console.log('redis down: node kept serving HTTP + socket.io, health 200 with degraded ["redis"], recovered after Redis restart');
  });

  it('starts while Redis is down, serves HTTP, socket.io and co-editing alone, and joins Redis when it comes up', async () => {
    const redisPort = await freePort();
    const started = Date.now();
    const lonely = await startNode({ DATABASE_URL: await sharedDatabase(), REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    const startMs = Date.now() - started;
    const health = await call(lonely.baseUrl, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      degraded: ['redis'],
      details: { database: { status: 'up' }, redis: { status: 'down' } },
    });

    const admin = await login(lonely.baseUrl, ADMIN.email, ADMIN.password);
    const user = await register(lonely.baseUrl);
    const socket = realtime(lonely.baseUrl, user.token);
    await connected(socket);

    // Co-editing: a playbook the admin may edit, two clients converge through this node alone.
    const agency = (
      await call(lonely.baseUrl, 'POST', '/api/agencies', { token: admin, body: { name: 'Pemkab Tanpa Redis', kind: 'regency' } })
    ).body;
    const origin = (await call(lonely.baseUrl, 'POST', `/api/agencies/${agency.id}/units`, { token: admin, body: { name: 'Dinas Asal' } }))
      .body;
    const replicating = (
      await call(lonely.baseUrl, 'POST', `/api/agencies/${agency.id}/units`, { token: admin, body: { name: 'Dinas Replikasi' } })
    ).body;
    const me = (await call(lonely.baseUrl, 'GET', '/api/me', { token: admin })).body;
    expect(
      (await call(lonely.baseUrl, 'POST', `/api/units/${replicating.id}/members`, { token: admin, body: { userId: me.id, role: 'admin' } }))
        .status,
    ).toBe(201);
    const innovation = (
      await call(lonely.baseUrl, 'POST', '/api/innovations', {
        token: admin,
        body: { title: 'Layanan Tanpa Redis', summary: 'Uji mulai tanpa Redis', unitId: origin.id, source: 'KIPP', year: 2025 },
      })
    ).body;
    const replication = await call(lonely.baseUrl, 'POST', `/api/innovations/${innovation.id}/replications`, {
      token: admin,
      body: { replicatingUnitId: replicating.id },
    });
    expect(replication.status).toBe(201);
    const playbookId: string = replication.body.playbookId;
    const docs = [new Y.Doc(), new Y.Doc()];
    const providers = docs.map(
      (doc) =>
        new WebsocketProvider(`${lonely.wsUrl}/collab`, playbookId, doc, {
          params: { token: admin },
          disableBc: true,
          WebSocketPolyfill: WebSocket as never,
        }),
    );
    try {
      await Promise.all(providers.map((p) => poll(() => p.synced, 'collab sync', 10000)));
      docs[0].getText('probe').insert(0, 'tanpa redis');
      await poll(() => docs[1].getText('probe').toString() === 'tanpa redis', 'edit to reach the second client', 10000);
    } finally {
      for (const p of providers) p.destroy();
      for (const d of docs) d.destroy();
    }

    redis = await startRedis(redisPort);
    await poll(
      async () => (await call(lonely.baseUrl, 'GET', '/api/health')).body?.details?.redis?.status === 'up',
      'health to report redis up',
      20000,
    );
    expect(lonely.alive()).toBe(true);
    console.log(`redis down at start: node up in ${startMs} ms, served HTTP, socket.io and co-editing, joined Redis when it came up`);
  });
});
