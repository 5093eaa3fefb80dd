/**
 * PostgreSQL stopped and restarted under load, with the real built app in its own process:
 * while the database is down every request fails cleanly (503 SERVICE_UNAVAILABLE, the error
 * shape, no hang, no 500, no 401), /api/health says 503, and once it is back the same process
 * serves again without a restart.
 */
import { ADMIN, call, killAll, login, NodeProc, poll, PrivatePostgres, register, Reply, startNode } from './harness';

jest.setTimeout(180_000);

type Op = { name: string; run: () => Promise<Reply> };

describe('faults: PostgreSQL restarted under load', () => {
  let pg: PrivatePostgres;
  let node: NodeProc;
  let adminToken: string;
  let userToken: string;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    node = await startNode({ DATABASE_URL: pg.url });
    adminToken = await login(node.baseUrl, ADMIN.email, ADMIN.password);
    userToken = (await register(node.baseUrl)).token;
  });
  let load: ReturnType<typeof hammer> | undefined;
  afterAll(async () => {
    // Stop the load loops first: against a dead node they would spin forever.
    await load?.stop();
    await killAll();
  });

  const ops = (): Op[] => [
    { name: 'GET /api/me', run: () => call(node.baseUrl, 'GET', '/api/me', { token: userToken }) },
    { name: 'GET /api/agencies', run: () => call(node.baseUrl, 'GET', '/api/agencies', { token: userToken }) },
    { name: 'GET /api/notifications', run: () => call(node.baseUrl, 'GET', '/api/notifications', { token: userToken }) },
    {
      name: 'POST /api/agencies',
      run: () =>
        call(node.baseUrl, 'POST', '/api/agencies', {
          token: adminToken,
          body: { name: `Dinas ${Math.random().toString(36).slice(2)}`, kind: 'city' },
        }),
    },
    {
      name: 'POST /api/auth/login',
      run: () => call(node.baseUrl, 'POST', '/api/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } }),
    },
  ];

  /** Runs `workers` loops over all operations until `stop()` says so; returns every reply. */
  function hammer(workers: number) {
    const replies: Array<Reply & { op: string; at: number }> = [];
    let running = true;
    const loops = Array.from({ length: workers }, async (_, w) => {
      const list = ops();
      for (let i = w; running; i++) {
        const op = list[i % list.length];
        const r = await op.run();
        replies.push({ ...r, op: op.name, at: Date.now() });
      }
    });
    return {
      replies,
      stop: async () => {
        if (!running) return replies;
        running = false;
        await Promise.all(loops);
        return replies;
      },
    };
  }

  const summary = (rs: Array<Reply & { op: string }>) => {
    const counts: Record<string, number> = {};
    for (const r of rs) {
      const k = `${r.op} ${r.status} ${r.body?.code ?? ''}`;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    return JSON.stringify(counts);
  };

  const clean = (r: Reply) =>
    (r.status >= 200 && r.status < 300) ||
    (r.status === 503 && r.body?.code === 'SERVICE_UNAVAILABLE' && typeof r.body?.message === 'string');

  it('answers 503 while the database is down and recovers without restarting the app', async () => {
    const pid = node.child.pid;
    const running = hammer(8);
    load = running;
    // Healthy traffic first.
    await poll(() => running.replies.length >= 100, '100 requests while healthy');
    const before = running.replies.length;
    expect(running.replies.every((r) => r.status >= 200 && r.status < 300)).toBe(true);

    // Database down, load continuing.
    const downAt = Date.now();
    await pg.stop();
    const health = await poll(async () => {
      const r = await call(node.baseUrl, 'GET', '/api/health');
      return r.status === 503 ? r : undefined;
    }, '/api/health to report 503');
    expect(health.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    await poll(
      () => running.replies.filter((r) => r.at > downAt && r.status === 503).length >= 100,
      '100 requests answered while the database is down',
    );
    const duringDown = running.replies.filter((r) => r.at > downAt);
    // Every operation was tried while down and each failed cleanly.
    for (const op of ops()) {
      if (!duringDown.some((r) => r.op === op.name && r.status === 503))
        throw new Error(`${op.name} never answered 503 while down: ${summary(duringDown)}`);
    }

    // Database back: the same process recovers.
    const upAt = Date.now();
    await pg.start();
    await poll(async () => (await call(node.baseUrl, 'GET', '/api/health')).status === 200, '/api/health to recover', 30000);
    const recovered = Date.now();
    await poll(() => running.replies.filter((r) => r.at > recovered).length >= 100, '100 requests after recovery');
    const replies = await running.stop();

    const unclean = replies.filter((r) => !clean(r));
    if (unclean.length)
      throw new Error(`unclean replies: ${summary(unclean)} ${JSON.stringify(unclean.slice(0, 3))}\n--- node output ---\n${node.output()}`);
    const after = replies.filter((r) => r.at > recovered + 200);
    expect(after.length).toBeGreaterThan(50);
    expect(after.every((r) => r.status >= 200 && r.status < 300)).toBe(true);
    expect(node.alive()).toBe(true);
    expect(node.child.pid).toBe(pid);
    // The figures the closing note quotes.
    console.log(
      `postgres restart: ${replies.length} requests (${before}+ before, ${replies.filter((r) => r.at > downAt && r.at < upAt).length} during the outage, ` +
        `${replies.filter((r) => r.status === 503).length} × 503, 0 unclean), recovered ${recovered - upAt} ms after PostgreSQL restarted`,
    );
  });
});
