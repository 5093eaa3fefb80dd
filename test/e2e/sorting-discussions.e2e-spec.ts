import { TestApp, TestUser } from '@app/testing';
import { DiscussionsService } from '../../apps/api/src/modules/discussions/discussions.service';

type Item = Record<string, unknown> & { id: string };

/**
 * `sort=` on the discussions and moderation lists: for every list and key, ascending and
 * descending are each other's reverse (ties go by id in the same direction), the ascending
 * list is in key order, the fixture has at least two distinct keys (so a list that ignored
 * `sort` would fail), and an unknown value is 400. Without `sort` each list keeps its order.
 */
describe('sort= on discussions and moderation lists (e2e)', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let dave: TestUser;
  let mod: TestUser;
  let innovationId: string;
  const threads: { id: string; firstPostId: string }[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    innovationId = (await t.innovation((await t.unit()).id)).id;
    alice = await t.user({ name: 'Alice' });
    bob = await t.user({ name: 'Bob' });
    carol = await t.user({ name: 'Carol' });
    dave = await t.user({ name: 'Dave' });
    mod = await t.user({ roles: ['moderator'], name: 'Mod' });
    t.get<DiscussionsService>(DiscussionsService).limits.postsPerMinute = 1000;

    // Created in this order; titles sort otherwise (case ignored), activity and counts otherwise again.
    for (const title of ['Beta', 'alpha', 'Gamma']) {
      const res = await t
        .http()
        .post('/api/threads')
        .set('authorization', alice.auth)
        .send({ innovationId, title, body: `Pembuka ${title}` })
        .expect(201);
      threads.push(res.body);
    }
    const [beta, alpha, gamma] = threads;
    for (const [th, body] of [
      [beta, 'satu'],
      [gamma, 'dua'],
      [beta, 'tiga'],
    ] as const)
      await t.http().post(`/api/threads/${th.id}/posts`).set('authorization', bob.auth).send({ body }).expect(201);
    // Pinned: leads the default order, not an explicit one.
    await t.http().post(`/api/threads/${alpha.id}/pin`).set('authorization', mod.auth).send({}).expect(200);

    // Queue: beta's opening post twice (weight 2), then gamma's and alpha's once each.
    const flag = (who: TestUser, postId: string) =>
      t.http().post(`/api/posts/${postId}/flags`).set('authorization', who.auth).send({ reason: 'spam' }).expect(201);
    await flag(bob, beta.firstPostId);
    await flag(carol, beta.firstPostId);
    await flag(bob, gamma.firstPostId);
    await flag(carol, alpha.firstPostId);

    // Dave's suspensions: the longer one first.
    for (const hours of [3, 1, 2])
      await t
        .http()
        .post(`/api/users/${dave.id}/suspensions`)
        .set('authorization', mod.auth)
        .send({ until: new Date(Date.now() + hours * 3600_000).toISOString(), reason: `Peringatan ${hours}` })
        .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async (who: TestUser, path: string, status = 200) =>
    (await t.http().get(path).set('authorization', who.auth).expect(status)).body;
  const byTitle = (title: string) => threads[['Beta', 'alpha', 'Gamma'].indexOf(title)].id;

  /** Each list: who reads it, its path (with `?`), the items of a body, and each key's value in an item. */
  const lists: {
    name: string;
    who: () => TestUser;
    path: () => string;
    items: (body: { items: Item[] }) => Item[];
    keys: Record<string, (i: Item) => string | number>;
  }[] = [
    {
      name: 'threads',
      who: () => alice,
      path: () => `/api/threads?innovationId=${innovationId}&`,
      items: (b) => b.items,
      keys: {
        lastPost: (i) => i.lastPostAt as string,
        created: (i) => i.createdAt as string,
        title: (i) => (i.title as string).toLowerCase(),
        posts: (i) => i.postCount as number,
      },
    },
    {
      name: 'posts',
      who: () => alice,
      path: () => `/api/threads/${threads[0].id}/posts?`,
      items: (b) => b.items,
      keys: { created: (i) => i.createdAt as string },
    },
    {
      name: 'moderation queue',
      who: () => mod,
      path: () => '/api/moderation/queue?',
      items: (b) => b.items,
      keys: { weight: (i) => i.weight as number, created: (i) => i.createdAt as string, flags: (i) => i.flagCount as number },
    },
    {
      name: 'suspensions',
      who: () => mod,
      path: () => `/api/users/${dave.id}/suspensions?`,
      items: (b) => b.items,
      keys: { created: (i) => i.createdAt as string, until: (i) => i.until as string },
    },
    {
      name: 'audit log',
      who: () => mod,
      path: () => '/api/moderation/audit?',
      items: (b) => b.items,
      keys: { created: (i) => i.createdAt as string },
    },
  ];

  const cases = lists.flatMap((l) => Object.keys(l.keys).map((key) => [l.name, key, l] as const));

  it.each(cases)('%s: sort=%s ascending, with - descending', async (_name, key, l) => {
    const value = l.keys[key];
    const asc = l.items(await get(l.who(), `${l.path()}sort=${key}`));
    const desc = l.items(await get(l.who(), `${l.path()}sort=-${key}`));
    expect(asc.length).toBeGreaterThanOrEqual(2);
    expect(new Set(asc.map(value)).size).toBeGreaterThanOrEqual(2);
    for (let n = 1; n < asc.length; n++) expect(value(asc[n - 1]) <= value(asc[n])).toBe(true);
    expect(desc.map((i) => i.id)).toEqual(asc.map((i) => i.id).reverse());
  });

  it.each(lists.map((l) => [l.name, l] as const))('%s: an unknown sort value is 400', async (_name, l) => {
    for (const bad of ['nope', '--created', 'created,title', ' created']) {
      const body = await get(l.who(), `${l.path()}sort=${encodeURIComponent(bad)}`, 400);
      expect(body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('threads: without sort pinned first, then latest activity; an explicit sort ignores pinning', async () => {
    const titles = async (q: string) =>
      ((await get(alice, `/api/threads?innovationId=${innovationId}${q}`)).items as { title: string }[]).map((i) => i.title);
    expect(await titles('')).toEqual(['alpha', 'Beta', 'Gamma']);
    expect(await titles('&sort=-lastPost')).toEqual(['Beta', 'Gamma', 'alpha']);
    expect(await titles('&sort=title')).toEqual(['alpha', 'Beta', 'Gamma']);
    expect(await titles('&sort=-posts')).toEqual(['Beta', 'Gamma', 'alpha']);
    expect(await titles('&sort=created&limit=2&offset=1')).toEqual(['alpha', 'Gamma']);
  });

  it('moderation queue: without sort heaviest first, then oldest', async () => {
    const items = (await get(mod, '/api/moderation/queue')).items as { threadId: string }[];
    expect(items.map((i) => i.threadId)).toEqual([byTitle('Beta'), byTitle('Gamma'), byTitle('alpha')]);
  });

  it('posts: sort=-created pages backwards by cursor', async () => {
    const path = `/api/threads/${threads[0].id}/posts?sort=-created&limit=2`;
    const first = await get(alice, path);
    const rest = await get(alice, `${path}&after=${first.nextCursor}`);
    expect([...first.items, ...rest.items].map((p: { body: string }) => p.body)).toEqual(['tiga', 'satu', 'Pembuka Beta']);
    expect(rest.nextCursor).toBeNull();
  });

  it('suspensions and audit log: without sort newest first; the audit log pages oldest first with after=', async () => {
    const reasons = (await get(mod, `/api/users/${dave.id}/suspensions`)).items.map((s: { reason: string }) => s.reason);
    expect(reasons).toEqual(['Peringatan 2', 'Peringatan 1', 'Peringatan 3']);
    const newest = (await get(mod, '/api/moderation/audit')).items as Item[];
    const oldest = (await get(mod, '/api/moderation/audit?sort=created&limit=1')).items as Item[];
    expect(oldest[0].id).toBe(newest[newest.length - 1].id);
    expect(oldest[0].action).toBe('thread.pin');
    const next = (await get(mod, `/api/moderation/audit?sort=created&limit=1&after=${encodeURIComponent(oldest[0].createdAt as string)}`))
      .items as Item[];
    expect(next.map((i) => i.action)).toEqual(['user.suspend']);
  });
});
