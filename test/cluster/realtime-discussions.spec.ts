import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { AppNode, createClusterDatabase, REDIS_URL, startNode, stopAll } from './cluster-helpers';

/**
 * Two real nodes on one database and one Redis: discussion events emitted on node A reach
 * socket.io clients connected to node B, access filtering holds across nodes, and an access
 * change made through node A drops the subscriptions a user holds on node B.
 */
describe('discussions across two nodes (REDIS_URL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let a: AppNode;
  let b: AppNode;
  let pg: Client;
  const sockets: Socket[] = [];
  type U = { id: string; token: string };
  let alice: U, bob: U, carol: U, mod: U, admin: U;
  let innovationId: string, replicationId: string, replicatingUnit: string;

  const register = async (node: AppNode, name: string): Promise<U> => {
    const res = await fetch(`${node.baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${randomUUID()}@cluster.test`, password: 'password123', name }),
    });
    if (res.status !== 201) throw new Error(`register ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accessToken: string; user: { id: string } };
    return { id: body.user.id, token: body.accessToken };
  };
  const api = async (node: AppNode, who: U, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${node.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const connect = async (node: AppNode, who: U) => {
    const s = io(`${node.baseUrl}/realtime`, {
      path: '/socket.io',
      auth: { token: who.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(s);
    await once(s, 'connect');
    return s;
  };
  const subscribe = (s: Socket, threadId: string) =>
    s.timeout(5000).emitWithAck('thread:subscribe', { threadId }) as Promise<{ ok: boolean; code?: string }>;
  const newThread = async (scope: Record<string, string>, who: U = alice) => {
    const r = await api(a, who, 'POST', '/threads', { ...scope, title: `Topik ${randomUUID().slice(0, 8)}`, body: 'pembuka' });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };

  beforeAll(async () => {
    db = await createClusterDatabase();
    // One after the other: the first node migrates, the second finds nothing to do.
    // The users register through the API; this suite is about fan-out, not email verification.
    const env = { DATABASE_URL: db.url, REDIS_URL, EMAIL_VERIFICATION: 'optional' };
    a = await startNode(env);
    b = await startNode(env);
    [alice, bob, carol, mod, admin] = await Promise.all(['Alice', 'Bob', 'Carol', 'Mod', 'Admin'].map((n) => register(a, n)));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const agency = randomUUID();
    const origin = randomUUID();
    replicatingUnit = randomUUID();
    innovationId = randomUUID();
    replicationId = randomUUID();
    await pg.query(`insert into agencies (id, name, kind) values ($1, 'Pemkab Uji', 'regency')`, [agency]);
    await pg.query(`insert into units (id, agency_id, name) values ($1, $3, 'Asal'), ($2, $3, 'Replikator')`, [
      origin,
      replicatingUnit,
      agency,
    ]);
    await pg.query(
      `insert into innovations (id, title, summary, unit_id, year, source) values ($1, 'Inovasi', 'Ringkasan', $2, 2024, 'KIPP')`,
      [innovationId, origin],
    );
    await pg.query(`insert into replications (id, innovation_id, origin_unit_id, replicating_unit_id) values ($1, $2, $3, $4)`, [
      replicationId,
      innovationId,
      origin,
      replicatingUnit,
    ]);
    await pg.query(`insert into memberships (id, unit_id, user_id, role) values ($1, $2, $3, 'member'), ($4, $5, $6, 'member')`, [
      randomUUID(),
      origin,
      alice.id,
      randomUUID(),
      replicatingUnit,
      bob.id,
    ]);
    await pg.query(`update users set roles = '{moderator,user}' where id = $1`, [mod.id]);
    await pg.query(`update users set roles = '{admin,user}' where id = $1`, [admin.id]);
  }, 90_000);

  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  afterAll(async () => {
    await pg?.end();
    await stopAll();
    await db?.drop();
  }, 30_000);

  it('a post created through node A reaches a subscriber on node B (and on A)', async () => {
    const th = await newThread({ innovationId });
    const onB = await connect(b, carol);
    const onA = await connect(a, bob);
    expect(await subscribe(onB, th.id)).toEqual({ ok: true });
    expect(await subscribe(onA, th.id)).toEqual({ ok: true });
    const gotB = once<{ threadId: string; post: unknown }>(onB, 'post:created');
    const gotA = once<{ threadId: string; post: unknown }>(onA, 'post:created');
    const created = await api(a, alice, 'POST', `/threads/${th.id}/posts`, { body: 'lintas node' });
    expect(created.status).toBe(201);
    expect(await gotB).toEqual({ threadId: th.id, post: created.body });
    expect(await gotA).toEqual({ threadId: th.id, post: created.body });
  });

  it('access filtering holds across nodes: an outsider on node B receives nothing from a replication thread', async () => {
    const priv = await newThread({ replicationId });
    const pub = await newThread({ innovationId });
    const outsider = await connect(b, carol);
    const member = await connect(b, bob);
    expect(await subscribe(outsider, priv.id)).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await subscribe(outsider, pub.id)).toEqual({ ok: true });
    expect(await subscribe(member, priv.id)).toEqual({ ok: true });
    const got: string[] = [];
    outsider.onAny((event: string, payload: { threadId?: string }) => got.push(`${event}:${payload?.threadId}`));
    const memberGot = once(member, 'post:created');
    expect((await api(a, alice, 'POST', `/threads/${priv.id}/posts`, { body: 'rahasia' })).status).toBe(201);
    await memberGot;
    const sentinel = once(outsider, 'post:created');
    expect((await api(a, alice, 'POST', `/threads/${pub.id}/posts`, { body: 'sentinel' })).status).toBe(201);
    await sentinel;
    expect(got).toEqual([`post:created:${pub.id}`]);
  });

  it('moderation through node A: post:hidden and the author’s notification reach node B', async () => {
    const th = await newThread({ innovationId });
    const p = await api(a, carol, 'POST', `/threads/${th.id}/posts`, { body: 'spam spam' });
    const author = await connect(b, carol);
    const watcher = await connect(b, bob);
    expect(await subscribe(watcher, th.id)).toEqual({ ok: true });
    const hidden = once(watcher, 'post:hidden');
    const note = once<{ type: string; payload: { postId: string; reason: string } }>(author, 'notification');
    expect((await api(a, mod, 'POST', `/posts/${p.body.id}/hide`, { reason: 'Spam' })).status).toBe(200);
    expect(await hidden).toEqual({ threadId: th.id, postId: p.body.id });
    expect(await note).toMatchObject({ type: 'content_hidden', payload: { postId: p.body.id, reason: 'Spam' } });
  });

  it('an access change made through node A drops the user’s subscriptions on node B', async () => {
    const priv = await newThread({ replicationId });
    const pub = await newThread({ innovationId });
    const s = await connect(b, bob);
    expect(await subscribe(s, priv.id)).toEqual({ ok: true });
    expect(await subscribe(s, pub.id)).toEqual({ ok: true });
    const dropped = once(s, 'thread:unsubscribed');
    expect((await api(a, admin, 'DELETE', `/units/${replicatingUnit}/members/${bob.id}`)).status).toBe(204);
    expect(await dropped).toEqual({ threadId: priv.id, reason: 'access' });
    const got: string[] = [];
    s.onAny((event: string, payload: { threadId?: string }) => got.push(`${event}:${payload?.threadId}`));
    expect((await api(a, alice, 'POST', `/threads/${priv.id}/posts`, { body: 'setelah keluar' })).status).toBe(201);
    const sentinel = once(s, 'post:created');
    expect((await api(a, alice, 'POST', `/threads/${pub.id}/posts`, { body: 'sentinel' })).status).toBe(201);
    await sentinel;
    expect(got).toEqual([`post:created:${pub.id}`]);
  });
});

function once<T = unknown>(s: Socket, event: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
    s.once(
      event as never,
      ((v: T) => {
        clearTimeout(timer);
        resolve(v);
      }) as never,
    );
  });
}
