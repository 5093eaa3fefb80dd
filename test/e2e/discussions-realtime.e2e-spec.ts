import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { nextEvent, TestApp, TestUser, waitUntil } from '@app/testing';
import { DiscussionsGateway } from '../../apps/api/src/modules/discussions/discussions.gateway';
import { DiscussionsService } from '../../apps/api/src/modules/discussions/discussions.service';
import { RealtimeGateway } from '../../apps/api/src/modules/realtime/realtime.gateway';

type Ack = { ok: boolean; code?: string };

describe('discussions live over socket.io /realtime (e2e)', () => {
  let t: TestApp;
  let innovationId: string;
  let replicationId: string;
  let origin: string;
  let replicating: string;
  let alice: TestUser; // origin unit
  let bob: TestUser; // replicating unit
  let carol: TestUser; // outsider
  let mod: TestUser;
  let admin: TestUser;
  const sockets: Socket[] = [];

  const connect = async (u: TestUser) => {
    const s = io(`${t.baseUrl}/realtime`, {
      path: '/socket.io',
      auth: { token: u.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(s);
    await nextEvent(s, 'connect');
    return s;
  };
  const ack = (s: Socket, event: string, ...args: unknown[]) => s.timeout(5000).emitWithAck(event, ...args) as Promise<Ack>;
  const subscribe = (s: Socket, threadId: string) => ack(s, 'thread:subscribe', { threadId });
  const newThread = async (who: TestUser, scope: { innovationId?: string; replicationId?: string } = { innovationId }) =>
    (
      await t
        .http()
        .post('/api/threads')
        .set('authorization', who.auth)
        .send({ ...scope, title: `Topik ${t.uniq()}`, body: 'pembuka' })
        .expect(201)
    ).body as { id: string; firstPostId: string };
  const post = async (who: TestUser, threadId: string, body: string) =>
    (await t.http().post(`/api/threads/${threadId}/posts`).set('authorization', who.auth).send({ body }).expect(201)).body as {
      id: string;
    };
  /** Collects every event a socket receives, by name. */
  const record = (s: Socket) => {
    const got: { event: string; args: unknown[] }[] = [];
    s.onAny((event: string, ...args: unknown[]) => got.push({ event, args }));
    return got;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    origin = (await t.unit()).id;
    replicating = (await t.unit()).id;
    innovationId = (await t.innovation(origin)).id;
    replicationId = (await t.replication({ originUnitId: origin, replicatingUnitId: replicating, innovationId })).replication.id;
    alice = await t.user({ units: [[origin, 'member']] });
    bob = await t.user({ units: [[replicating, 'member']] });
    carol = await t.user();
    mod = await t.user({ roles: ['moderator'] });
    admin = await t.user({ roles: ['admin'] });
    t.get<DiscussionsService>(DiscussionsService).limits.postsPerMinute = 1000;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shares the /realtime namespace with RealtimeGateway and its one handshake middleware', () => {
    const ns = t.get<RealtimeGateway>(RealtimeGateway).server;
    expect(t.get<DiscussionsGateway>(DiscussionsGateway).server).toBe(ns);
    expect((ns as unknown as { _fns: unknown[] })._fns).toHaveLength(1);
  });

  it('acks subscribe, delivers post:created live, stops after unsubscribe', async () => {
    const th = await newThread(alice);
    const s = await connect(carol);
    expect(await subscribe(s, th.id)).toEqual({ ok: true });
    const live = nextEvent<{ threadId: string; post: unknown }>(s, 'post:created');
    const created = await post(alice, th.id, 'halo **semua**');
    const ev = await live;
    expect(ev).toEqual({ threadId: th.id, post: created });
    expect(await ack(s, 'thread:unsubscribe', { threadId: th.id })).toEqual({ ok: true });
    // Sentinel: a second thread she is subscribed to; its event arrives after anything from the first.
    const other = await newThread(alice);
    expect(await subscribe(s, other.id)).toEqual({ ok: true });
    const got = record(s);
    await post(alice, th.id, 'tidak untuk carol');
    const sentinel = nextEvent(s, 'post:created');
    await post(alice, other.id, 'sentinel');
    await sentinel;
    expect(got.filter((g) => (g.args[0] as { threadId: string }).threadId === th.id)).toEqual([]);
  });

  it('a user who may not read a thread cannot subscribe and receives nothing from it', async () => {
    const priv = await newThread(bob, { replicationId });
    const pub = await newThread(alice);
    const carolSocket = await connect(carol);
    const aliceSocket = await connect(alice);
    expect(await subscribe(carolSocket, priv.id)).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await subscribe(aliceSocket, priv.id)).toEqual({ ok: true });
    expect(await subscribe(carolSocket, pub.id)).toEqual({ ok: true });
    const got = record(carolSocket);
    const aliceGot = nextEvent<{ threadId: string }>(aliceSocket, 'post:created');
    const p = await post(bob, priv.id, 'rahasia replikasi');
    expect((await aliceGot).threadId).toBe(priv.id);
    await t.http().post(`/api/threads/${priv.id}/lock`).set('authorization', mod.auth).expect(200);
    await t.http().post(`/api/posts/${p.id}/hide`).set('authorization', mod.auth).send({ reason: 'uji' }).expect(200);
    const sentinel = nextEvent(carolSocket, 'post:created');
    await post(alice, pub.id, 'sentinel');
    await sentinel;
    expect(got.map((g) => g.event)).toEqual(['post:created']);
    expect(JSON.stringify(got)).not.toContain(priv.id);
  });

  it('answers malformed payloads with an error ack and keeps the connection', async () => {
    const s = await connect(carol);
    for (const bad of [
      undefined,
      null,
      'x',
      42,
      [],
      [{ threadId: randomUUID() }],
      {},
      { threadId: 'nope' },
      { threadId: 7 },
      { threadId: randomUUID(), extra: 1 },
      { threadId: { $ne: 1 } },
    ]) {
      const args = bad === undefined ? [] : [bad];
      expect(await ack(s, 'thread:subscribe', ...args)).toEqual({ ok: false, code: 'VALIDATION_FAILED' });
      expect(await ack(s, 'thread:unsubscribe', ...args)).toEqual({ ok: false, code: 'VALIDATION_FAILED' });
    }
    expect(await subscribe(s, randomUUID())).toEqual({ ok: false, code: 'NOT_FOUND' });
    // No ack callback at all, and a huge payload: ignored, never a crash.
    s.emit('thread:subscribe', { threadId: randomUUID() });
    s.emit('thread:subscribe', { threadId: 'x'.repeat(100_000) });
    const th = await newThread(alice);
    expect(await subscribe(s, th.id)).toEqual({ ok: true });
    expect(s.connected).toBe(true);
  });

  it('hidden posts: post:hidden to all subscribers, the hidden shape to others, full posts with the reason to moderators and the author', async () => {
    const th = await newThread(alice);
    const user = await connect(carol);
    const moder = await connect(mod);
    const author = await connect(alice);
    const authorElsewhere = await connect(alice); // not subscribed: hears nothing of the thread
    for (const s of [user, moder, author]) expect(await subscribe(s, th.id)).toEqual({ ok: true });
    const p = await post(alice, th.id, 'konten bermasalah');
    const elsewhere = record(authorElsewhere);
    const hiddenUser = nextEvent(user, 'post:hidden');
    const hiddenMod = nextEvent(moder, 'post:hidden');
    const hiddenAuthor = nextEvent(author, 'post:hidden');
    const authorGot = record(author);
    await t.http().post(`/api/posts/${p.id}/hide`).set('authorization', mod.auth).send({ reason: 'spam' }).expect(200);
    expect(await hiddenUser).toEqual({ threadId: th.id, postId: p.id });
    expect(await hiddenMod).toMatchObject({
      threadId: th.id,
      postId: p.id,
      post: { id: p.id, hidden: true, body: 'konten bermasalah', hiddenReason: 'spam' },
    });
    expect(await hiddenAuthor).toMatchObject({
      threadId: th.id,
      postId: p.id,
      post: { id: p.id, hidden: true, body: 'konten bermasalah', html: expect.any(String), hiddenReason: 'spam' },
    });

    // Any later post event about a hidden post is split by audience.
    const svc = t.get<DiscussionsService>(DiscussionsService);
    const updUser = nextEvent<{ post: unknown }>(user, 'post:updated');
    const updMod = nextEvent<{ post: { body: string; hiddenReason: string } }>(moder, 'post:updated');
    const updAuthor = nextEvent<{ post: { body: string; hiddenReason: string } }>(author, 'post:updated');
    t.get<DiscussionsGateway>(DiscussionsGateway).emitPost('post:updated', await svc.loadPost(p.id));
    expect((await updUser).post).toEqual({ id: p.id, hidden: true, body: null, html: null });
    expect((await updMod).post).toMatchObject({ id: p.id, hidden: true, body: 'konten bermasalah', hiddenReason: 'spam' });
    expect((await updAuthor).post).toMatchObject({ id: p.id, hidden: true, body: 'konten bermasalah', hiddenReason: 'spam' });

    const restoredUser = nextEvent<{ threadId: string; post: { body: string } }>(user, 'post:restored');
    const restoredAuthor = nextEvent<{ threadId: string; post: { body: string } }>(author, 'post:restored');
    await t.http().post(`/api/posts/${p.id}/restore`).set('authorization', mod.auth).send({}).expect(200);
    expect(await restoredUser).toMatchObject({ threadId: th.id, post: { id: p.id, hidden: false, body: 'konten bermasalah' } });
    expect(await restoredAuthor).toMatchObject({ threadId: th.id, post: { id: p.id, hidden: false, body: 'konten bermasalah' } });
    // The author's subscribed socket got each event once (not both the hidden shape and the full one).
    expect(authorGot.filter((e) => e.event === 'post:hidden')).toHaveLength(1);
    expect(authorGot.filter((e) => e.event === 'post:updated')).toHaveLength(1);
    // Sentinel: a thread the other socket follows; its post arrives after anything about the first thread.
    const other = await newThread(bob);
    expect(await subscribe(authorElsewhere, other.id)).toEqual({ ok: true });
    const sentinel = nextEvent(authorElsewhere, 'post:created');
    await post(bob, other.id, 'penanda');
    await sentinel;
    // (Notifications reach every connection of the user; thread events only subscribed ones.)
    expect(elsewhere.filter((e) => e.event.startsWith('post:') && (e.args[0] as { threadId?: string }).threadId === th.id)).toEqual([]);
  });

  it('edits, reactions, deletes and thread changes reach subscribers', async () => {
    const th = await newThread(alice);
    const s = await connect(bob);
    expect(await subscribe(s, th.id)).toEqual({ ok: true });
    const p = await post(alice, th.id, 'v1');
    let ev = nextEvent<{ post: { body: string } }>(s, 'post:updated');
    await t.http().patch(`/api/posts/${p.id}`).set('authorization', alice.auth).send({ body: 'v2' }).expect(200);
    expect((await ev).post).toMatchObject({ id: p.id, body: 'v2', editedAt: expect.any(String) });
    ev = nextEvent(s, 'post:updated');
    await t.http().put(`/api/posts/${p.id}/reactions/rocket`).set('authorization', carol.auth).expect(200);
    expect((await ev).post).toMatchObject({ reactions: { rocket: 1 } });
    const tu = nextEvent<{ thread: { id: string; pinned: boolean } }>(s, 'thread:updated');
    await t.http().post(`/api/threads/${th.id}/pin`).set('authorization', mod.auth).expect(200);
    expect((await tu).thread).toMatchObject({ id: th.id, pinned: true });
    ev = nextEvent(s, 'post:updated');
    await t.http().delete(`/api/posts/${p.id}`).set('authorization', alice.auth).expect(204);
    expect((await ev).post).toMatchObject({ id: p.id, deleted: true, body: null });
  });

  it('drops subscriptions when the user loses access (membership removed), keeps readable ones', async () => {
    const priv = await newThread(alice, { replicationId });
    const pub = await newThread(alice);
    const s = await connect(bob);
    expect(await subscribe(s, priv.id)).toEqual({ ok: true });
    expect(await subscribe(s, pub.id)).toEqual({ ok: true });
    const dropped = nextEvent<{ threadId: string }>(s, 'thread:unsubscribed');
    await t.http().delete(`/api/units/${replicating}/members/${bob.id}`).set('authorization', admin.auth).expect(204);
    expect(await dropped).toEqual({ threadId: priv.id, reason: 'access' });
    const got = record(s);
    await post(alice, priv.id, 'setelah keluar');
    const sentinel = nextEvent(s, 'post:created');
    await post(alice, pub.id, 'sentinel');
    await sentinel;
    expect(got.filter((g) => g.event === 'post:created').map((g) => (g.args[0] as { threadId: string }).threadId)).toEqual([pub.id]);
    expect(await subscribe(s, priv.id)).toEqual({ ok: false, code: 'FORBIDDEN' });
  });

  it('drops a curator’s replication subscriptions when the role is taken away', async () => {
    const cur = await t.user({ roles: ['curator'] });
    const priv = await newThread(alice, { replicationId });
    const s = await connect(cur);
    expect(await subscribe(s, priv.id)).toEqual({ ok: true });
    const dropped = nextEvent(s, 'thread:unsubscribed');
    await t
      .http()
      .put(`/api/users/${cur.id}/roles`)
      .set('authorization', admin.auth)
      .send({ roles: ['user'] })
      .expect(200);
    await dropped;
    await waitUntil(async () => (await subscribe(s, priv.id)).code === 'FORBIDDEN', 'subscribe refused after role change');
  });
});
