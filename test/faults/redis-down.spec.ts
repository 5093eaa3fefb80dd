/**
 * Redis killed under a single node (REDIS_URL set): the node keeps serving HTTP and socket.io
 * (its own clients still get their events), /api/health stays 200 with redis reported down, and
 * when Redis returns the node reconnects by itself.
 */
import { randomUUID } from 'node:crypto';
import { ADMIN, call, killAll, login, NodeProc, poll, register, RedisProc, sharedDatabase, startNode, startRedis } from './harness';
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
    expect(health.body).toMatchObject({ status: 'ok', info: { redis: { status: 'up' } }, details: { database: { status: 'up' }, redis: { status: 'up' } } });

    const user = await register(node.baseUrl);
    const before = realtime(node.baseUrl, user.token);
    await connected(before);

    await redis.kill('SIGKILL');
    const down = await poll(async () => {
      const r = await call(node.baseUrl, 'GET', '/api/health');
      return r.body?.details?.redis?.status === 'down' ? r : undefined;
    }, 'health to report redis down');
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ status: 'ok', degraded: ['redis'], error: { redis: { status: 'down' } }, details: { database: { status: 'up' } } });

    // HTTP: reads and writes.
    expect((await call(node.baseUrl, 'GET', '/api/me', { token: user.token })).status).toBe(200);
    const created = await call(node.baseUrl, 'POST', '/api/agencies', { token: adminToken, body: { name: 'Dinas Tanpa Redis', kind: 'city' } });
    expect(created.status).toBe(201);

    // socket.io: the old connection is still there, a new one connects and gets answers.
    expect(before.connected).toBe(true);
    const after = realtime(node.baseUrl, user.token);
    await connected(after);
    const ack = await ask<{ ok: boolean; code?: string }>(after, 'thread:subscribe', { threadId: randomUUID() });
    expect(ack.ok).toBe(false);
    expect(ack.code).toEqual(expect.any(String));

    // Events to this node's own clients still arrive (a suspension notifies its user live).
    const live = [waitFor(before, 'notification', (n: any) => n.type === 'account_suspended'), waitFor(after, 'notification', (n: any) => n.type === 'account_suspended')];
    const until = new Date(Date.now() + 3600_000).toISOString();
    const suspended = await call(node.baseUrl, 'POST', `/api/users/${user.id}/suspensions`, { token: adminToken, body: { until, reason: 'uji gangguan redis' } });
    expect(suspended.status).toBe(201);
    await Promise.all(live);

    // Redis back on the same port: the node notices without a restart.
    redis = await startRedis(redis.port);
    await poll(async () => (await call(node.baseUrl, 'GET', '/api/health')).body?.details?.redis?.status === 'up', 'health to report redis up again', 20000);
    expect(node.alive()).toBe(true);
    expect(node.child.pid).toBe(pid);
    console.log('redis down: node kept serving HTTP + socket.io, health 200 with degraded ["redis"], recovered after Redis restart');
  });
});
