import { randomUUID } from 'node:crypto';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { DiscussionsService } from '../../apps/api/src/modules/discussions/discussions.service';
import { SearchRegistry } from '../../apps/api/src/modules/search/search.registry';

describe('discussions: threads and posts (e2e)', () => {
  let t: TestApp;
  let innovationId: string;
  let replicationId: string;
  let origin: string;
  let replicating: string;
  let alice: TestUser; // origin unit member
  let bob: TestUser; // replicating unit member
  let carol: TestUser; // no unit
  let curator: TestUser;
  let mod: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    origin = (await t.unit()).id;
    replicating = (await t.unit()).id;
    innovationId = (await t.innovation(origin)).id;
    replicationId = (await t.replication({ originUnitId: origin, replicatingUnitId: replicating, innovationId })).replication.id;
    alice = await t.user({ units: [[origin, 'member']], name: 'Alice' });
    bob = await t.user({ units: [[replicating, 'admin']], name: 'Bob' });
    carol = await t.user({ name: 'Carol' });
    curator = await t.user({ roles: ['curator'] });
    mod = await t.user({ roles: ['moderator'] });
    // The fixtures post a lot as one user; the rate limit has its own test.
    t.get<DiscussionsService>(DiscussionsService).limits.postsPerMinute = 1000;
  });
  afterAll(async () => {
    await t.close();
  });

  const newThread = async (
    who: TestUser,
    scope: { innovationId?: string; replicationId?: string } = { innovationId },
    body = 'Pembuka diskusi',
  ) =>
    (
      await t
        .http()
        .post('/api/threads')
        .set('authorization', who.auth)
        .send({ ...scope, title: `Topik ${t.uniq()}`, body })
        .expect(201)
    ).body;
  const post = (who: TestUser, threadId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/threads/${threadId}/posts`).set('authorization', who.auth).send(body);

  it('creates an innovation thread any signed-in user can read and post in', async () => {
    const th = await newThread(alice);
    expect(th).toMatchObject({
      id: expect.any(String),
      title: expect.stringMatching(/^Topik/),
      innovationId,
      replicationId: null,
      author: { id: alice.id, name: 'Alice' },
      locked: false,
      pinned: false,
      answered: false,
      postCount: 1,
      body: 'Pembuka diskusi',
      html: '<p>Pembuka diskusi</p>',
      following: true,
    });
    const got = await t.http().get(`/api/threads/${th.id}`).set('authorization', carol.auth).expect(200);
    expect(got.body).toMatchObject({ id: th.id, following: false, firstPost: { id: th.firstPostId, body: 'Pembuka diskusi' } });
    const p = await post(carol, th.id, { body: 'Saya **tertarik**' }).expect(201);
    expect(p.body).toEqual({
      id: expect.any(String),
      threadId: th.id,
      parentId: null,
      quotePostId: null,
      body: 'Saya **tertarik**',
      html: '<p>Saya <strong>tertarik</strong></p>',
      author: { id: carol.id, name: 'Carol' },
      createdAt: expect.any(String),
      editedAt: null,
      hidden: false,
      reactions: {},
    });
    const list = await t.http().get(`/api/threads?innovationId=${innovationId}`).set('authorization', carol.auth).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(th.id);
    expect(list.body.total).toBeGreaterThanOrEqual(1);
  });

  it('replication threads: unit members, curators and moderators read; others get 403 everywhere', async () => {
    const th = await newThread(bob, { replicationId });
    for (const u of [alice, bob, curator, mod]) await t.http().get(`/api/threads/${th.id}`).set('authorization', u.auth).expect(200);
    await post(alice, th.id, { body: 'dari unit asal' }).expect(201);
    await t.http().get(`/api/threads/${th.id}`).set('authorization', carol.auth).expect(403);
    await t.http().get(`/api/threads/${th.id}/posts`).set('authorization', carol.auth).expect(403);
    await post(carol, th.id, { body: 'boleh?' }).expect(403);
    await t.http().get(`/api/threads?replicationId=${replicationId}`).set('authorization', carol.auth).expect(403);
    await t.http().post('/api/threads').set('authorization', carol.auth).send({ replicationId, title: 'x', body: 'y' }).expect(403);
    const all = await t.http().get('/api/threads').set('authorization', carol.auth).expect(200);
    expect(all.body.items.map((x: { id: string }) => x.id)).not.toContain(th.id);
    const mine = await t.http().get('/api/threads').set('authorization', bob.auth).expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(th.id);
    const posts = (await t.http().get(`/api/threads/${th.id}/posts`).set('authorization', bob.auth).expect(200)).body.items;
    await t.http().get(`/api/posts/${posts[0].id}`).set('authorization', carol.auth).expect(403);
    await t.http().post(`/api/posts/${posts[0].id}/flags`).set('authorization', carol.auth).send({ reason: 'spam' }).expect(403);
    await t.http().put(`/api/posts/${posts[0].id}/reactions/heart`).set('authorization', carol.auth).expect(403);
    await t.http().put(`/api/threads/${th.id}/follow`).set('authorization', carol.auth).expect(403);
  });

  it('pages posts with a cursor, in order, without gaps or repeats', async () => {
    const th = await newThread(alice);
    for (let i = 0; i < 7; i++) await post(alice, th.id, { body: `pesan ${i}` }).expect(201);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: { body: { items: { body: string }[]; nextCursor: string | null } } = await t
        .http()
        .get(`/api/threads/${th.id}/posts?limit=3${after ? `&after=${after}` : ''}`)
        .set('authorization', bob.auth)
        .expect(200);
      seen.push(...res.body.items.map((p) => p.body));
      after = res.body.nextCursor;
    } while (after);
    expect(seen).toEqual(['Pembuka diskusi', ...Array.from({ length: 7 }, (_, i) => `pesan ${i}`)]);
    await t.http().get(`/api/threads/${th.id}/posts?after=garbage`).set('authorization', bob.auth).expect(400);
    await t.http().get(`/api/threads/${th.id}/posts?limit=0`).set('authorization', bob.auth).expect(400);
    await t.http().get(`/api/threads/${th.id}/posts?limit=101`).set('authorization', bob.auth).expect(400);
  });

  it('one level of replies, quoting, and a reply notification to the parent’s author', async () => {
    const th = await newThread(alice);
    const top = (await post(alice, th.id, { body: 'pertanyaan' }).expect(201)).body;
    const reply = (await post(bob, th.id, { body: 'jawaban', parentId: top.id, quotePostId: top.id }).expect(201)).body;
    expect(reply).toMatchObject({ parentId: top.id, quotePostId: top.id });
    // A reply to a reply joins the same top-level post.
    const nested = (await post(carol, th.id, { body: 'tambahan', parentId: reply.id }).expect(201)).body;
    expect(nested.parentId).toBe(top.id);
    await waitUntil(
      async () =>
        (await t.http().get('/api/notifications').set('authorization', alice.auth)).body.items.find(
          (n: { type: string; payload: { postId: string } }) => n.type === 'reply' && n.payload.postId === reply.id,
        ),
      'reply notification to alice',
    );
    await waitUntil(
      async () =>
        (await t.http().get('/api/notifications').set('authorization', bob.auth)).body.items.find(
          (n: { type: string; payload: { postId: string } }) => n.type === 'reply' && n.payload.postId === nested.id,
        ),
      'reply notification to bob',
    );
    const other = await newThread(alice);
    await post(bob, th.id, { body: 'x', parentId: other.firstPostId }).expect(400);
    await post(bob, th.id, { body: 'x', parentId: randomUUID() }).expect(400);
    await post(bob, th.id, { body: 'x', quotePostId: other.firstPostId }).expect(400);
  });

  it('mentions notify readers of the thread only', async () => {
    const pub = await newThread(alice);
    await post(alice, pub.id, { body: `halo @[Carol](${carol.id}) dan @[Bob](${bob.id})` }).expect(201);
    const priv = await newThread(bob, { replicationId });
    const p = (await post(bob, priv.id, { body: `cc @[Carol](${carol.id}) @[Alice](${alice.id})` }).expect(201)).body;
    expect(p.html).toContain(`class="mention" data-user-id="${alice.id}"`);
    await waitUntil(
      async () =>
        (await t.http().get('/api/notifications').set('authorization', alice.auth)).body.items.find(
          (n: { type: string; payload: { postId: string } }) => n.type === 'mention' && n.payload.postId === p.id,
        ),
      'mention of alice',
    );
    await waitUntil(
      async () =>
        (await t.http().get('/api/notifications').set('authorization', carol.auth)).body.items.some(
          (n: { type: string; payload: { threadId: string } }) => n.type === 'mention' && n.payload.threadId === pub.id,
        ),
      'mention of carol in public thread',
    );
    const carolFeed = (await t.http().get('/api/notifications').set('authorization', carol.auth)).body.items;
    expect(carolFeed.some((n: { payload: { threadId: string } }) => n.payload.threadId === priv.id)).toBe(false);
  });

  it('edits keep history (author only) and deletes keep the place', async () => {
    const th = await newThread(alice);
    const p = (await post(alice, th.id, { body: 'versi 1' }).expect(201)).body;
    await t.http().patch(`/api/posts/${p.id}`).set('authorization', bob.auth).send({ body: 'bajak' }).expect(403);
    await t.http().patch(`/api/posts/${p.id}`).set('authorization', mod.auth).send({ body: 'bajak' }).expect(403);
    const e1 = await t.http().patch(`/api/posts/${p.id}`).set('authorization', alice.auth).send({ body: 'versi 2' }).expect(200);
    expect(e1.body).toMatchObject({ body: 'versi 2', html: '<p>versi 2</p>', editedAt: expect.any(String) });
    await t.http().patch(`/api/posts/${p.id}`).set('authorization', alice.auth).send({ body: 'versi 3' }).expect(200);
    const h = await t.http().get(`/api/posts/${p.id}/history`).set('authorization', alice.auth).expect(200);
    expect(h.body.items.map((x: { body: string }) => x.body)).toEqual(['versi 1', 'versi 2']);
    await t.http().get(`/api/posts/${p.id}/history`).set('authorization', mod.auth).expect(200);
    await t.http().get(`/api/posts/${p.id}/history`).set('authorization', bob.auth).expect(403);
    await t.http().delete(`/api/posts/${p.id}`).set('authorization', bob.auth).expect(403);
    await t.http().delete(`/api/posts/${p.id}`).set('authorization', mod.auth).expect(403);
    await t.http().delete(`/api/posts/${p.id}`).set('authorization', alice.auth).expect(204);
    const gone = await t.http().get(`/api/posts/${p.id}`).set('authorization', bob.auth).expect(200);
    expect(gone.body).toMatchObject({ id: p.id, deleted: true, body: null, html: null, author: null });
    await t.http().patch(`/api/posts/${p.id}`).set('authorization', alice.auth).send({ body: 'lagi' }).expect(409);
    await t.http().delete(`/api/posts/${randomUUID()}`).set('authorization', alice.auth).expect(404);
  });

  it('reactions toggle and count', async () => {
    const th = await newThread(alice);
    const p = (await post(alice, th.id, { body: 'bagus' }).expect(201)).body;
    await t.http().put(`/api/posts/${p.id}/reactions/heart`).set('authorization', bob.auth).expect(200);
    await t.http().put(`/api/posts/${p.id}/reactions/heart`).set('authorization', bob.auth).expect(200);
    const r = await t.http().put(`/api/posts/${p.id}/reactions/heart`).set('authorization', carol.auth).expect(200);
    expect(r.body.reactions).toEqual({ heart: 2 });
    const d = await t.http().delete(`/api/posts/${p.id}/reactions/heart`).set('authorization', carol.auth).expect(200);
    expect(d.body.reactions).toEqual({ heart: 1 });
    await t.http().put(`/api/posts/${p.id}/reactions/poop`).set('authorization', carol.auth).expect(400);
  });

  it('answered: thread author or moderator marks; followers are notified; others get 403', async () => {
    const th = await newThread(alice);
    await t.http().put(`/api/threads/${th.id}/follow`).set('authorization', carol.auth).expect(200);
    const a = (await post(bob, th.id, { body: 'ini jawabannya' }).expect(201)).body;
    await t.http().post(`/api/threads/${th.id}/answer`).set('authorization', carol.auth).send({ postId: a.id }).expect(403);
    const res = await t.http().post(`/api/threads/${th.id}/answer`).set('authorization', alice.auth).send({ postId: a.id }).expect(200);
    expect(res.body).toMatchObject({ answered: true, acceptedPostId: a.id });
    await waitUntil(
      async () =>
        (await t.http().get('/api/notifications').set('authorization', carol.auth)).body.items.find(
          (n: { type: string; payload: { threadId: string } }) => n.type === 'thread_answered' && n.payload.threadId === th.id,
        ),
      'answered notification',
    );
    await t.http().post(`/api/threads/${th.id}/answer`).set('authorization', alice.auth).send({ postId: th.firstPostId }).expect(400);
    await t.http().post(`/api/threads/${th.id}/answer`).set('authorization', alice.auth).send({ postId: randomUUID() }).expect(400);
    await t.http().post(`/api/threads/${th.id}/answer`).set('authorization', alice.auth).send({}).expect(400);
    const un = await t.http().delete(`/api/threads/${th.id}/answer`).set('authorization', mod.auth).expect(200);
    expect(un.body).toMatchObject({ answered: false, acceptedPostId: null });
    await t
      .http()
      .delete(`/api/threads/${th.id}/follow`)
      .set('authorization', carol.auth)
      .expect(200, { threadId: th.id, following: false });
  });

  it('stores hostile Markdown as given and serves sanitised HTML', async () => {
    const hostile =
      '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href="javascript:alert(2)" onclick="y()">z</a> [ok](https://jippnas.id)';
    const th = await newThread(alice, { innovationId }, hostile);
    expect(th.body).toBe(hostile);
    for (const html of [th.html, (await post(bob, th.id, { body: hostile }).expect(201)).body.html]) {
      // Escaped text may mention anything; real tags must be harmless.
      const tags = [...html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)];
      expect(tags.map((m) => m[1])).toEqual(['p', 'a']);
      expect(tags[1][2]).toBe(' href="https://jippnas.id" rel="nofollow noopener"');
      expect(html).toContain('<a href="https://jippnas.id" rel="nofollow noopener">ok</a>');
    }
  });

  it('bad input: 400 on missing, wrong type, unknown fields, blank and oversized bodies', async () => {
    const th = await newThread(alice);
    const bad: Record<string, unknown>[] = [
      {},
      { title: 'x' },
      { innovationId, title: 'x' },
      { innovationId, title: 5, body: 'y' },
      { innovationId, title: ' ', body: 'y' },
      { innovationId, replicationId, title: 'x', body: 'y' },
      { title: 'x', body: 'y' },
      { innovationId: 'nope', title: 'x', body: 'y' },
      { innovationId, title: 'x', body: 'y', extra: 1 },
      { innovationId, title: 'x'.repeat(201), body: 'y' },
    ];
    for (const b of bad) await t.http().post('/api/threads').set('authorization', alice.auth).send(b).expect(400);
    for (const b of [
      {},
      { body: 42 },
      { body: '   ' },
      { body: 'x'.repeat(20_001) },
      { body: 'x', parentId: 'no' },
      { body: 'x', extra: true },
    ])
      await post(alice, th.id, b).expect(400);
    await t
      .http()
      .post(`/api/threads/${th.id}/posts`)
      .set('authorization', alice.auth)
      .set('content-type', 'application/json')
      .send('{"body":')
      .expect(400);
    await t.http().patch(`/api/posts/${th.firstPostId}`).set('authorization', alice.auth).send({}).expect(400);
    await t.http().patch(`/api/posts/${th.firstPostId}`).set('authorization', alice.auth).send({ body: 'x', title: 'y' }).expect(400);
    await t.http().get('/api/threads?innovationId=bad').set('authorization', alice.auth).expect(400);
    await t
      .http()
      .get(`/api/threads?innovationId=${innovationId}&replicationId=${replicationId}`)
      .set('authorization', alice.auth)
      .expect(400);
    await t.http().get('/api/threads?limit=1000').set('authorization', alice.auth).expect(400);
    await t.http().get('/api/threads?foo=1').set('authorization', alice.auth).expect(400);
    await t.http().get('/api/threads/not-a-uuid').set('authorization', alice.auth).expect(400);
    await t.http().get('/api/posts/not-a-uuid').set('authorization', alice.auth).expect(400);
    await t.http().delete('/api/posts/not-a-uuid').set('authorization', alice.auth).expect(400);
    await t.http().get('/api/posts/not-a-uuid/history').set('authorization', alice.auth).expect(400);
    await t.http().put('/api/threads/not-a-uuid/follow').set('authorization', alice.auth).expect(400);
    await t.http().post(`/api/threads/${th.id}/answer`).set('authorization', alice.auth).send({ postId: 'x' }).expect(400);
    await t.http().post(`/api/threads/${th.id}/answer`).set('authorization', alice.auth).send({ postId: th.firstPostId, x: 1 }).expect(400);
  });

  it('404 for unknown threads, posts, innovations and replications', async () => {
    await t.http().get(`/api/threads/${randomUUID()}`).set('authorization', alice.auth).expect(404);
    await t.http().get(`/api/threads/${randomUUID()}/posts`).set('authorization', alice.auth).expect(404);
    await post(alice, randomUUID(), { body: 'x' }).expect(404);
    await t.http().get(`/api/posts/${randomUUID()}`).set('authorization', alice.auth).expect(404);
    await t.http().patch(`/api/posts/${randomUUID()}`).set('authorization', alice.auth).send({ body: 'x' }).expect(404);
    await t
      .http()
      .post('/api/threads')
      .set('authorization', alice.auth)
      .send({ innovationId: randomUUID(), title: 'x', body: 'y' })
      .expect(404);
    await t
      .http()
      .post('/api/threads')
      .set('authorization', alice.auth)
      .send({ replicationId: randomUUID(), title: 'x', body: 'y' })
      .expect(404);
    await t.http().get(`/api/threads?innovationId=${randomUUID()}`).set('authorization', alice.auth).expect(404);
    await t.http().get(`/api/threads?replicationId=${randomUUID()}`).set('authorization', alice.auth).expect(404);
  });

  it('401 without a token on every endpoint', async () => {
    const id = randomUUID();
    await t.http().post('/api/threads').send({ innovationId, title: 'x', body: 'y' }).expect(401);
    await t.http().get('/api/threads').expect(401);
    await t.http().get(`/api/threads/${id}`).expect(401);
    await t.http().get(`/api/threads/${id}/posts`).expect(401);
    await t.http().post(`/api/threads/${id}/posts`).send({ body: 'x' }).expect(401);
    await t.http().patch(`/api/posts/${id}`).send({ body: 'x' }).expect(401);
    await t.http().delete(`/api/posts/${id}`).expect(401);
    await t.http().put(`/api/posts/${id}/reactions/heart`).expect(401);
    await t.http().post(`/api/threads/${id}/answer`).send({ postId: id }).expect(401);
    await t.http().put(`/api/threads/${id}/follow`).expect(401);
  });

  it('documents the endpoints in the OpenAPI spec', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    for (const path of [
      '/api/threads',
      '/api/threads/{id}',
      '/api/threads/{id}/posts',
      '/api/posts/{id}',
      '/api/posts/{id}/flags',
      '/api/posts/{id}/hide',
      '/api/posts/{id}/restore',
      '/api/threads/{id}/lock',
      '/api/threads/{id}/slow-mode',
      '/api/users/{id}/suspensions',
      '/api/moderation/queue',
      '/api/moderation/audit',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });

  it('rate limits posting per user with 429 RATE_LIMITED', async () => {
    const svc = t.get<DiscussionsService>(DiscussionsService);
    const before = svc.limits.postsPerMinute;
    const spammer = await t.user();
    const th = await newThread(alice);
    svc.limits.postsPerMinute = 3;
    try {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => post(spammer, th.id, { body: `spam ${i}` })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(3);
      const limited = results.filter((r) => r.status === 429);
      expect(limited).toHaveLength(3);
      expect(limited[0].body.code).toBe('RATE_LIMITED');
      await post(await t.user(), th.id, { body: 'others still post' }).expect(201);
    } finally {
      svc.limits.postsPerMinute = before;
    }
  });

  it('search finds thread titles and visible posts the caller may read', async () => {
    const word = `zebrakuda${t.uniq()}`.toLowerCase();
    const pub = await newThread(alice, { innovationId }, `membahas ${word} di sini`);
    const priv = await newThread(bob, { replicationId }, `rahasia ${word}`);
    const search = t.get<SearchRegistry>(SearchRegistry).get('thread')!;
    const asCarol = await search.search({ id: carol.id, email: carol.email, name: carol.name, roles: ['user'] }, word, 10);
    expect(asCarol.map((h) => h.id)).toEqual([pub.id]);
    expect(asCarol[0]).toMatchObject({
      type: 'thread',
      title: pub.title,
      snippet: expect.stringContaining(`<mark>${word}</mark>`),
      score: expect.any(Number),
    });
    const asBob = await search.search({ id: bob.id, email: bob.email, name: bob.name, roles: ['user'] }, word, 10);
    expect(asBob.map((h) => h.id).sort()).toEqual([pub.id, priv.id].sort());
    const xss = await newThread(alice, { innovationId }, `<b>${word}x</b>`);
    const hits = await search.search({ id: carol.id, email: carol.email, name: carol.name, roles: ['user'] }, `${word}x`, 10);
    expect(hits.map((h) => h.id)).toEqual([xss.id]);
    expect(hits[0].snippet).not.toContain('<b>');
  });

  it('GET /api/search?types=thread: hidden posts and unreadable threads never match', async () => {
    const word = `kudanil${t.uniq()}`.toLowerCase();
    const th = await newThread(alice);
    const p = (await post(bob, th.id, { body: `pesan ${word} tersembunyi` }).expect(201)).body;
    const priv = await newThread(bob, { replicationId }, `rahasia ${word}`);
    const asCarol = async () =>
      (await t.http().get(`/api/search?q=${word}&types=thread`).set('authorization', carol.auth).expect(200)).body.items;
    expect((await asCarol()).map((h: { id: string }) => h.id)).toEqual([th.id]);
    await t.http().post(`/api/posts/${p.id}/hide`).set('authorization', mod.auth).send({ reason: 'x' }).expect(200);
    expect(await asCarol()).toEqual([]);
    const asMod = (await t.http().get(`/api/search?q=${word}&types=thread`).set('authorization', mod.auth).expect(200)).body.items;
    expect(asMod.map((h: { id: string }) => h.id)).toEqual([priv.id]);
    await t.http().get(`/api/search?q=${word}&types=thread`).expect(401);
  });
});
