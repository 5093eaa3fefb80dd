/**
 * Two nodes sharing PostgreSQL and Redis; one is killed with SIGKILL under load. The other keeps
 * serving HTTP and socket.io without a single failed request, its clients keep receiving events,
 * and clients of the dead node reconnect to it (what a load balancer does on failover).
 */
import { ADMIN, call, killAll, login, NodeProc, poll, register, Reply, sharedDatabase, startNode, startRedis } from './harness';
import { closeSockets, connected, realtime, waitFor } from './sockets';

jest.setTimeout(150_000);

describe('faults: one of two nodes killed', () => {
  let a: NodeProc;
  let b: NodeProc;
  let adminToken: string;
  let stopLoad: (() => Promise<Reply[]>) | undefined;

  beforeAll(async () => {
    const redis = await startRedis();
    const db = await sharedDatabase();
    a = await startNode({ DATABASE_URL: db, REDIS_URL: redis.url, NODE_ID: 'a' });
    // Started after A so only one node runs the migrations.
    b = await startNode({ DATABASE_URL: db, REDIS_URL: redis.url, NODE_ID: 'b' });
    adminToken = await login(a.baseUrl, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await stopLoad?.();
    closeSockets();
    await killAll();
  });

  function hammer(node: NodeProc, token: string, workers = 4) {
    const replies: Array<Reply & { at: number }> = [];
    let running = true;
    const loops = Array.from({ length: workers }, async (_, w) => {
      for (let i = w; running; i++) {
        const r =
          i % 3 === 0
            ? await call(node.baseUrl, 'POST', '/api/agencies', {
                token: adminToken,
                body: { name: `Dinas ${i}-${w}-${Date.now()}`, kind: 'regency' },
              })
            : await call(node.baseUrl, 'GET', i % 3 === 1 ? '/api/me' : '/api/agencies', { token });
        replies.push({ ...r, at: Date.now() });
        // A dead node answers at once (status 0): do not spin.
        if (r.status === 0) await new Promise((res) => setTimeout(res, 20));
      }
    });
    return {
      replies,
      stop: async () => {
        running = false;
        await Promise.all(loops);
        return replies;
      },
    };
  }

  it('keeps the other node serving HTTP and socket.io while one is killed -9', async () => {
    const alice = await register(a.baseUrl, 'Alice');
    const bob = await register(b.baseUrl, 'Bob');
    const aliceOnA = realtime(a.baseUrl, alice.token);
    const bobOnB = realtime(b.baseUrl, bob.token);
    await Promise.all([connected(aliceOnA), connected(bobOnB)]);

    // Cross-node fan-out works before the fault: an action on A reaches Bob on B.
    const until = () => new Date(Date.now() + 3600_000).toISOString();
    const first = waitFor(bobOnB, 'notification', (n: any) => n.type === 'account_suspended');
    expect(
      (
        await call(a.baseUrl, 'POST', `/api/users/${bob.id}/suspensions`, {
          token: adminToken,
          body: { until: until(), reason: 'sebelum' },
        })
      ).status,
    ).toBe(201);
    await first;

    const loadA = hammer(a, alice.token, 2);
    const loadB = hammer(b, bob.token, 4);
    stopLoad = async () => [...(await loadA.stop()), ...(await loadB.stop())];
    await poll(() => loadB.replies.length >= 60 && loadA.replies.length >= 30, 'load on both nodes');

    const aliceGone = waitFor(aliceOnA, 'disconnect', () => true);
    const killedAt = Date.now();
    await a.kill('SIGKILL');
    await aliceGone;

    // B keeps serving while A is down.
    await poll(() => loadB.replies.filter((r) => r.at > killedAt).length >= 150, '150 requests on B after the kill');
    const health = await call(b.baseUrl, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.details.redis.status).toBe('up');
    expect(bobOnB.connected).toBe(true);

    // Alice fails over to B and both get live events from B.
    const aliceOnB = realtime(b.baseUrl, alice.token);
    await connected(aliceOnB);
    const toAlice = waitFor(aliceOnB, 'notification', (n: any) => n.type === 'account_suspended');
    const toBob = waitFor(bobOnB, 'notification', (n: any) => n.type === 'account_suspended' && n.payload?.reason === 'sesudah');
    expect(
      (
        await call(b.baseUrl, 'POST', `/api/users/${alice.id}/suspensions`, {
          token: adminToken,
          body: { until: until(), reason: 'sesudah' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(b.baseUrl, 'POST', `/api/users/${bob.id}/suspensions`, {
          token: adminToken,
          body: { until: until(), reason: 'sesudah' },
        })
      ).status,
    ).toBe(201);
    await Promise.all([toAlice, toBob]);

    const onB = await loadB.stop();
    const onA = await loadA.stop();
    stopLoad = undefined;
    const failedOnB = onB.filter((r) => r.status < 200 || r.status >= 300);
    if (failedOnB.length) throw new Error(`B failed ${failedOnB.length} requests: ${JSON.stringify(failedOnB.slice(0, 3))}\n${b.output()}`);
    expect(b.alive()).toBe(true);
    console.log(
      `node killed: B served ${onB.length} requests (${onB.filter((r) => r.at > killedAt).length} after A was killed -9), 0 failed; ` +
        `A answered ${onA.filter((r) => r.status >= 200 && r.status < 300).length} before dying; failover socket got live events`,
    );
  });
});
