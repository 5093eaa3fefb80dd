import { randomUUID } from 'node:crypto';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { DiscussionsService } from '../../apps/api/src/modules/discussions/discussions.service';

describe('moderation (e2e)', () => {
  let t: TestApp;
  let innovationId: string;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let mod: TestUser;
  let mod2: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    const unit = (await t.unit()).id;
    innovationId = (await t.innovation(unit)).id;
    alice = await t.user({ name: 'Alice' });
    bob = await t.user({ name: 'Bob' });
    carol = await t.user({ name: 'Carol' });
    mod = await t.user({ roles: ['moderator'], name: 'Mod' });
    mod2 = await t.user({ roles: ['moderator'], name: 'Mod Dua' });
    admin = await t.user({ roles: ['admin'] });
    t.get<DiscussionsService>(DiscussionsService).limits.postsPerMinute = 1000;
  });
  afterAll(async () => {
    await t.close();
  });

  const newThread = async (who: TestUser = alice) =>
    (
      await t
        .http()
        .post('/api/threads')
        .set('authorization', who.auth)
        .send({ innovationId, title: `Topik ${t.uniq()}`, body: 'pembuka' })
        .expect(201)
    ).body as { id: string; firstPostId: string };
  const post = (who: TestUser, threadId: string, body = 'isi') =>
    t.http().post(`/api/threads/${threadId}/posts`).set('authorization', who.auth).send({ body });
  const flag = (who: TestUser, postId: string, body: Record<string, unknown> = { reason: 'spam' }) =>
    t.http().post(`/api/posts/${postId}/flags`).set('authorization', who.auth).send(body);
  const feed = async (u: TestUser) =>
    (await t.http().get('/api/notifications').set('authorization', u.auth)).body.items as {
      type: string;
      payload: Record<string, unknown>;
    }[];

  it('flags: 201 once per user, 409 on a duplicate, 400 on a bad reason, 403 on one’s own post', async () => {
    const th = await newThread();
    const p = (await post(alice, th.id).expect(201)).body;
    const f = await flag(bob, p.id, { reason: 'abuse', note: 'kasar' }).expect(201);
    expect(f.body).toMatchObject({ id: expect.any(String), postId: p.id, reason: 'abuse', note: 'kasar' });
    expect((await flag(bob, p.id, { reason: 'spam' }).expect(409)).body.code).toBe('ALREADY_EXISTS');
    for (const b of [
      {},
      { reason: 'ugly' },
      { reason: 'spam', extra: 1 },
      { reason: 'spam', note: 5 },
      { reason: 'spam', note: 'x'.repeat(1001) },
    ])
      await flag(carol, p.id, b).expect(400);
    await flag(alice, p.id).expect(403);
    await flag(carol, randomUUID()).expect(404);
    await t.http().post(`/api/posts/${p.id}/flags`).send({ reason: 'spam' }).expect(401);
  });

  it('the queue is ordered by weight and only for moderators', async () => {
    const th = await newThread();
    const light = (await post(alice, th.id, 'ringan').expect(201)).body;
    const heavy = (await post(alice, th.id, 'berat').expect(201)).body;
    await flag(bob, light.id).expect(201);
    for (const u of [bob, carol, await t.user()]) await flag(u, heavy.id, { reason: 'abuse' }).expect(201);
    const q = await t.http().get('/api/moderation/queue').set('authorization', mod.auth).expect(200);
    const ids = q.body.items.map((i: { postId: string }) => i.postId);
    expect(ids.indexOf(heavy.id)).toBeLessThan(ids.indexOf(light.id));
    const item = q.body.items.find((i: { postId: string }) => i.postId === heavy.id);
    expect(item).toMatchObject({
      status: 'open',
      flagCount: 3,
      weight: 3,
      threadId: th.id,
      post: { id: heavy.id, body: 'berat' },
      flags: expect.arrayContaining([expect.objectContaining({ reason: 'abuse' })]),
    });
    await t.http().get('/api/moderation/queue').set('authorization', alice.auth).expect(403);
    await t.http().get('/api/moderation/queue').expect(401);
    await t.http().get('/api/moderation/queue?status=bogus').set('authorization', mod.auth).expect(400);
    await t.http().get('/api/moderation/queue?limit=0').set('authorization', mod.auth).expect(400);
  });

  it('claim/resolve: one moderator acts on an item once; flagger history weighs later flags', async () => {
    const th = await newThread();
    const p = (await post(alice, th.id, 'spam berat').expect(201)).body;
    const flagger = await t.user();
    await flag(flagger, p.id).expect(201);
    const item = (await t.http().get('/api/moderation/queue').set('authorization', mod.auth).expect(200)).body.items.find(
      (i: { postId: string }) => i.postId === p.id,
    );
    // Resolving without a claim, or someone else's claim, is refused.
    await t.http().post(`/api/moderation/queue/${item.id}/resolve`).set('authorization', mod.auth).send({ action: 'dismiss' }).expect(409);
    const claims = await Promise.all(
      [mod, mod2].map((m) => t.http().post(`/api/moderation/queue/${item.id}/claim`).set('authorization', m.auth)),
    );
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const winner = claims[0].status === 200 ? mod : mod2;
    const loser = winner === mod ? mod2 : mod;
    await t
      .http()
      .post(`/api/moderation/queue/${item.id}/resolve`)
      .set('authorization', loser.auth)
      .send({ action: 'hide', reason: 'x' })
      .expect(409);
    await t.http().post(`/api/moderation/queue/${item.id}/resolve`).set('authorization', winner.auth).send({ action: 'hide' }).expect(400);
    await t
      .http()
      .post(`/api/moderation/queue/${item.id}/resolve`)
      .set('authorization', winner.auth)
      .send({ action: 'nuke', reason: 'x' })
      .expect(400);
    const done = await t
      .http()
      .post(`/api/moderation/queue/${item.id}/resolve`)
      .set('authorization', winner.auth)
      .send({ action: 'hide', reason: 'Spam' })
      .expect(200);
    expect(done.body).toMatchObject({
      status: 'resolved',
      resolution: 'hidden',
      resolvedBy: winner.id,
      post: { hidden: true, hiddenReason: 'Spam' },
    });
    await t
      .http()
      .post(`/api/moderation/queue/${item.id}/resolve`)
      .set('authorization', winner.auth)
      .send({ action: 'dismiss' })
      .expect(409);
    await t.http().post(`/api/moderation/queue/${item.id}/claim`).set('authorization', winner.auth).expect(409);
    await waitUntil(
      async () => (await feed(alice)).find((n) => n.type === 'content_hidden' && n.payload.postId === p.id && n.payload.reason === 'Spam'),
      'author told of the hide',
    );
    // The flagger's upheld flag makes their next flag weigh more.
    const p2 = (await post(alice, th.id, 'lagi').expect(201)).body;
    await flag(flagger, p2.id).expect(201);
    const next = (await t.http().get('/api/moderation/queue').set('authorization', mod.auth).expect(200)).body.items.find(
      (i: { postId: string }) => i.postId === p2.id,
    );
    expect(next.weight).toBe(1.5);
    await t.http().post(`/api/moderation/queue/${randomUUID()}/claim`).set('authorization', mod.auth).expect(404);
    await t.http().post('/api/moderation/queue/nope/claim').set('authorization', mod.auth).expect(400);
    await t.http().post(`/api/moderation/queue/${next.id}/claim`).set('authorization', alice.auth).expect(403);
  });

  it('hide and restore: hidden shape for others, full for moderators, author notified, audited', async () => {
    const th = await newThread();
    const p = (await post(bob, th.id, 'tidak pantas').expect(201)).body;
    await t.http().post(`/api/posts/${p.id}/hide`).set('authorization', alice.auth).send({ reason: 'x' }).expect(403);
    await t.http().post(`/api/posts/${p.id}/hide`).set('authorization', mod.auth).send({}).expect(400);
    await t.http().post(`/api/posts/${p.id}/hide`).set('authorization', mod.auth).send({ reason: '  ' }).expect(400);
    const hidden = await t
      .http()
      .post(`/api/posts/${p.id}/hide`)
      .set('authorization', mod.auth)
      .send({ reason: 'Melanggar pedoman' })
      .expect(200);
    expect(hidden.body).toMatchObject({ id: p.id, hidden: true, hiddenReason: 'Melanggar pedoman', body: 'tidak pantas' });
    await t.http().post(`/api/posts/${p.id}/hide`).set('authorization', mod.auth).send({ reason: 'lagi' }).expect(409);
    for (const u of [alice, carol]) {
      expect((await t.http().get(`/api/posts/${p.id}`).set('authorization', u.auth).expect(200)).body).toEqual({
        id: p.id,
        hidden: true,
        body: null,
        html: null,
      });
    }
    const list = (await t.http().get(`/api/threads/${th.id}/posts`).set('authorization', carol.auth).expect(200)).body.items;
    expect(list).toContainEqual({ id: p.id, hidden: true, body: null, html: null });
    // Its author (bob) reads their own text and the reason, in the post and in the thread's list.
    const own = (await t.http().get(`/api/posts/${p.id}`).set('authorization', bob.auth).expect(200)).body;
    expect(own).toMatchObject({
      id: p.id,
      hidden: true,
      body: 'tidak pantas',
      html: expect.stringContaining('tidak pantas'),
      hiddenReason: 'Melanggar pedoman',
      author: { id: bob.id },
    });
    const ownList = (await t.http().get(`/api/threads/${th.id}/posts`).set('authorization', bob.auth).expect(200)).body.items;
    expect(ownList).toContainEqual(
      expect.objectContaining({ id: p.id, hidden: true, body: 'tidak pantas', hiddenReason: 'Melanggar pedoman' }),
    );
    const modList = (await t.http().get(`/api/threads/${th.id}/posts`).set('authorization', mod2.auth).expect(200)).body.items;
    expect(modList).toContainEqual(
      expect.objectContaining({ id: p.id, hidden: true, body: 'tidak pantas', hiddenReason: 'Melanggar pedoman' }),
    );
    await t.http().patch(`/api/posts/${p.id}`).set('authorization', bob.auth).send({ body: 'ubah' }).expect(403);
    await t.http().post(`/api/threads/${th.id}/posts`).set('authorization', carol.auth).send({ body: 'balas', parentId: p.id }).expect(409);
    await t.http().post(`/api/posts/${p.id}/restore`).set('authorization', carol.auth).send({}).expect(403);
    const restored = await t
      .http()
      .post(`/api/posts/${p.id}/restore`)
      .set('authorization', mod2.auth)
      .send({ reason: 'Banding diterima' })
      .expect(200);
    expect(restored.body).toMatchObject({ id: p.id, hidden: false, body: 'tidak pantas' });
    await t.http().post(`/api/posts/${p.id}/restore`).set('authorization', mod2.auth).send({}).expect(409);
    await waitUntil(async () => {
      const items = await feed(bob);
      return (
        items.find((n) => n.type === 'content_hidden' && n.payload.reason === 'Melanggar pedoman') &&
        items.find((n) => n.type === 'content_restored' && n.payload.reason === 'Banding diterima')
      );
    }, 'author told of hide and restore');
    const audit = await t.http().get(`/api/moderation/audit?targetId=${p.id}`).set('authorization', admin.auth).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['post.restore', 'post.hide']);
    expect(audit.body.items[1]).toMatchObject({
      actor: { id: mod.id, name: 'Mod' },
      targetType: 'post',
      targetId: p.id,
      before: { hidden: false },
      after: { hidden: true },
      reason: 'Melanggar pedoman',
      createdAt: expect.any(String),
    });
  });

  it('a moderator never moderates their own content (403)', async () => {
    const th = await newThread(mod);
    const own = (await post(mod, th.id, 'punyaku').expect(201)).body;
    await t.http().post(`/api/posts/${own.id}/hide`).set('authorization', mod.auth).send({ reason: 'x' }).expect(403);
    await t.http().post(`/api/posts/${own.id}/hide`).set('authorization', mod2.auth).send({ reason: 'x' }).expect(200);
    await t.http().post(`/api/posts/${own.id}/restore`).set('authorization', mod.auth).send({}).expect(403);
    for (const op of ['lock', 'unlock', 'pin', 'unpin'])
      await t.http().post(`/api/threads/${th.id}/${op}`).set('authorization', mod.auth).expect(403);
    await t.http().put(`/api/threads/${th.id}/slow-mode`).set('authorization', mod.auth).send({ seconds: 10 }).expect(403);
    await t
      .http()
      .post(`/api/users/${mod.id}/suspensions`)
      .set('authorization', mod.auth)
      .send({ until: new Date(Date.now() + 3600_000).toISOString(), reason: 'x' })
      .expect(403);
    const p = (await post(alice, th.id, 'laporan').expect(201)).body;
    await flag(bob, own.id).expect(201); // flagging a hidden post is recorded, no queue item
    await flag(bob, p.id).expect(201);
    const q = (await t.http().get('/api/moderation/queue').set('authorization', mod.auth)).body.items;
    expect(q.find((i: { postId: string }) => i.postId === own.id)).toBeUndefined();
  });

  it('lock, pin and slow mode: 423 THREAD_LOCKED, 429 SLOW_MODE, audited; 403 for non-moderators', async () => {
    const th = await newThread();
    for (const op of ['lock', 'pin']) await t.http().post(`/api/threads/${th.id}/${op}`).set('authorization', bob.auth).expect(403);
    await t.http().put(`/api/threads/${th.id}/slow-mode`).set('authorization', bob.auth).send({ seconds: 5 }).expect(403);
    const locked = await t.http().post(`/api/threads/${th.id}/lock`).set('authorization', mod.auth).send({ reason: 'panas' }).expect(200);
    expect(locked.body).toMatchObject({ id: th.id, locked: true });
    const res = await post(bob, th.id).expect(423);
    expect(res.body).toMatchObject({ statusCode: 423, code: 'THREAD_LOCKED' });
    await t.http().patch(`/api/posts/${th.firstPostId}`).set('authorization', alice.auth).send({ body: 'ubah' }).expect(423);
    await post(mod, th.id, 'Thread dikunci: alasan').expect(201);
    await t.http().post(`/api/threads/${th.id}/unlock`).set('authorization', mod.auth).expect(200);
    await post(bob, th.id).expect(201);
    expect((await t.http().post(`/api/threads/${th.id}/pin`).set('authorization', mod.auth).expect(200)).body.pinned).toBe(true);
    const list = (await t.http().get(`/api/threads?innovationId=${innovationId}`).set('authorization', carol.auth)).body.items;
    expect(list[0].id).toBe(th.id);
    await t.http().post(`/api/threads/${th.id}/unpin`).set('authorization', mod.auth).expect(200);

    for (const b of [{}, { seconds: -1 }, { seconds: 86401 }, { seconds: 'x' }, { seconds: 1.5 }, { seconds: 5, extra: 1 }])
      await t.http().put(`/api/threads/${th.id}/slow-mode`).set('authorization', mod.auth).send(b).expect(400);
    expect(
      (await t.http().put(`/api/threads/${th.id}/slow-mode`).set('authorization', mod.auth).send({ seconds: 3600 }).expect(200)).body
        .slowModeSeconds,
    ).toBe(3600);
    const slowUser = await t.user();
    await post(slowUser, th.id, 'pertama').expect(201);
    const slow = await post(slowUser, th.id, 'kedua').expect(429);
    expect(slow.body.code).toBe('SLOW_MODE');
    await post(carol, th.id, 'orang lain boleh').expect(201);
    await t.http().put(`/api/threads/${th.id}/slow-mode`).set('authorization', mod.auth).send({ seconds: 0 }).expect(200);
    await post(slowUser, th.id, 'ketiga').expect(201);
    const audit = (await t.http().get(`/api/moderation/audit?targetId=${th.id}`).set('authorization', mod.auth).expect(200)).body.items.map(
      (a: { action: string }) => a.action,
    );
    expect(audit).toEqual(['thread.slow_mode', 'thread.slow_mode', 'thread.unpin', 'thread.pin', 'thread.unlock', 'thread.lock']);
    await t.http().post(`/api/threads/${randomUUID()}/lock`).set('authorization', mod.auth).expect(404);
    await t.http().post('/api/threads/x/lock').set('authorization', mod.auth).expect(400);
    await t.http().post(`/api/threads/${th.id}/lock`).expect(401);
  });

  it('suspensions: a suspended user reads but cannot post (403 USER_SUSPENDED); validation; only admins suspend admins', async () => {
    const th = await newThread();
    const u = await t.user();
    const until = new Date(Date.now() + 3600_000).toISOString();
    await t.http().post(`/api/users/${u.id}/suspensions`).set('authorization', bob.auth).send({ until, reason: 'x' }).expect(403);
    for (const b of [
      {},
      { until },
      { reason: 'x' },
      { until: 'besok', reason: 'x' },
      { until: new Date(Date.now() - 1000).toISOString(), reason: 'x' },
      { until: new Date(Date.now() + 400 * 86400_000).toISOString(), reason: 'x' },
      { until, reason: 'x', extra: 1 },
    ]) {
      await t.http().post(`/api/users/${u.id}/suspensions`).set('authorization', mod.auth).send(b).expect(400);
    }
    await t.http().post(`/api/users/${randomUUID()}/suspensions`).set('authorization', mod.auth).send({ until, reason: 'x' }).expect(404);
    await t.http().post(`/api/users/${admin.id}/suspensions`).set('authorization', mod.auth).send({ until, reason: 'x' }).expect(403);
    const s = await t
      .http()
      .post(`/api/users/${u.id}/suspensions`)
      .set('authorization', mod.auth)
      .send({ until, reason: 'Spam berulang' })
      .expect(201);
    expect(s.body).toMatchObject({ id: expect.any(String), userId: u.id, until, reason: 'Spam berulang' });
    const denied = await post(u, th.id).expect(403);
    expect(denied.body.code).toBe('USER_SUSPENDED');
    expect(
      (await t.http().post('/api/threads').set('authorization', u.auth).send({ innovationId, title: 'x', body: 'y' }).expect(403)).body
        .code,
    ).toBe('USER_SUSPENDED');
    await t.http().get(`/api/threads/${th.id}/posts`).set('authorization', u.auth).expect(200);
    const audit = (await t.http().get(`/api/moderation/audit?targetId=${u.id}`).set('authorization', mod.auth).expect(200)).body.items;
    expect(audit[0]).toMatchObject({ action: 'user.suspend', targetType: 'user', after: { until }, reason: 'Spam berulang' });
  });

  it('rate limits flagging per user with 429 RATE_LIMITED', async () => {
    const svc = t.get<DiscussionsService>(DiscussionsService);
    const before = svc.limits.flagsPerMinute;
    const th = await newThread();
    const posts = [];
    for (let i = 0; i < 4; i++) posts.push((await post(alice, th.id, `p${i}`).expect(201)).body);
    const flagger = await t.user();
    svc.limits.flagsPerMinute = 2;
    try {
      const codes = [];
      for (const p of posts) codes.push((await flag(flagger, p.id)).status);
      expect(codes).toEqual([201, 201, 429, 429]);
    } finally {
      svc.limits.flagsPerMinute = before;
    }
  });

  it('every moderation endpoint: 401 anonymous, 403 for users, 400 for bad ids and bodies, 404 for unknown targets', async () => {
    const th = await newThread();
    const p = (await post(alice, th.id, 'x').expect(201)).body;
    const id = randomUUID();
    const endpoints: [string, string, Record<string, unknown>][] = [
      ['post', `/api/posts/${p.id}/hide`, { reason: 'x' }],
      ['post', `/api/posts/${p.id}/restore`, {}],
      ['post', `/api/threads/${th.id}/lock`, {}],
      ['post', `/api/threads/${th.id}/unlock`, {}],
      ['post', `/api/threads/${th.id}/pin`, {}],
      ['post', `/api/threads/${th.id}/unpin`, {}],
      ['put', `/api/threads/${th.id}/slow-mode`, { seconds: 5 }],
      ['post', `/api/users/${bob.id}/suspensions`, { until: new Date(Date.now() + 60_000).toISOString(), reason: 'x' }],
      ['post', `/api/moderation/queue/${id}/claim`, {}],
      ['post', `/api/moderation/queue/${id}/resolve`, { action: 'dismiss' }],
      ['get', '/api/moderation/queue', {}],
      ['get', '/api/moderation/audit', {}],
    ];
    for (const [method, url, body] of endpoints) {
      const call = () =>
        method === 'get' ? t.http().get(url) : method === 'put' ? t.http().put(url).send(body) : t.http().post(url).send(body);
      await call().expect(401);
      await call().set('authorization', carol.auth).expect(403);
    }
    await t.http().post(`/api/posts/${id}/hide`).set('authorization', mod.auth).send({ reason: 'x' }).expect(404);
    await t.http().post(`/api/posts/${id}/restore`).set('authorization', mod.auth).send({}).expect(404);
    await t.http().put(`/api/threads/${id}/slow-mode`).set('authorization', mod.auth).send({ seconds: 5 }).expect(404);
    await t.http().post(`/api/moderation/queue/${id}/resolve`).set('authorization', mod.auth).send({ action: 'dismiss' }).expect(404);
    await t.http().post('/api/posts/x/hide').set('authorization', mod.auth).send({ reason: 'x' }).expect(400);
    await t
      .http()
      .post('/api/users/x/suspensions')
      .set('authorization', mod.auth)
      .send({ until: new Date(Date.now() + 60_000).toISOString(), reason: 'x' })
      .expect(400);
    await t.http().post(`/api/posts/${p.id}/hide`).set('authorization', mod.auth).send({ reason: 5 }).expect(400);
    await t.http().post(`/api/posts/${p.id}/hide`).set('authorization', mod.auth).send({ reason: 'x', extra: 1 }).expect(400);
    await t.http().post(`/api/posts/${p.id}/restore`).set('authorization', mod.auth).send({ reason: 5 }).expect(400);
    await t.http().post(`/api/threads/${th.id}/lock`).set('authorization', mod.auth).send({ reason: 5 }).expect(400);
    await t.http().post(`/api/moderation/queue/${id}/resolve`).set('authorization', mod.auth).send({}).expect(400);
    // Contract calls without any body work.
    await t.http().post(`/api/threads/${th.id}/lock`).set('authorization', mod.auth).expect(200);
    await t.http().post(`/api/threads/${th.id}/unlock`).set('authorization', mod.auth).expect(200);
  });

  it('a hidden opening post hides the thread body from non-moderators', async () => {
    const th = await newThread(bob);
    await t.http().post(`/api/posts/${th.firstPostId}/hide`).set('authorization', mod.auth).send({ reason: 'x' }).expect(200);
    const asUser = await t.http().get(`/api/threads/${th.id}`).set('authorization', carol.auth).expect(200);
    expect(asUser.body).toMatchObject({ body: null, html: null, firstPost: { id: th.firstPostId, hidden: true, body: null, html: null } });
    const asMod = await t.http().get(`/api/threads/${th.id}`).set('authorization', mod2.auth).expect(200);
    expect(asMod.body).toMatchObject({ body: 'pembuka', firstPost: { hidden: true, body: 'pembuka' } });
  });

  it('the audit log is for moderators only and validates its query', async () => {
    await t.http().get('/api/moderation/audit').set('authorization', carol.auth).expect(403);
    await t.http().get('/api/moderation/audit').expect(401);
    await t.http().get('/api/moderation/audit?limit=0').set('authorization', mod.auth).expect(400);
    await t.http().get('/api/moderation/audit?actorId=x').set('authorization', mod.auth).expect(400);
    await t.http().get('/api/moderation/audit?before=yesterday').set('authorization', mod.auth).expect(400);
    const all = await t.http().get(`/api/moderation/audit?actorId=${mod.id}&limit=5`).set('authorization', admin.auth).expect(200);
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items.every((a: { actor: { id: string } }) => a.actor.id === mod.id)).toBe(true);
  });
});
