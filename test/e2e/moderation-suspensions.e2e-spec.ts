import { randomUUID } from 'node:crypto';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { DiscussionsService } from '../../apps/api/src/modules/discussions/discussions.service';

/**
 * Suspension history and early lifting, and releasing a claim on a queue item: the moderation
 * team's tools beyond the contract's suspend/claim/resolve.
 */
describe('moderation: suspension history, lifting, claim release (e2e)', () => {
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
    admin = await t.user({ roles: ['admin'], name: 'Admin' });
    t.get<DiscussionsService>(DiscussionsService).limits.postsPerMinute = 1000;
  });
  afterAll(async () => {
    await t.close();
  });

  const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
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
  const suspend = async (by: TestUser, target: TestUser, until = inHours(1), reason = 'Spam berulang') =>
    (await t.http().post(`/api/users/${target.id}/suspensions`).set('authorization', by.auth).send({ until, reason }).expect(201)).body as {
      id: string;
      until: string;
    };
  const list = (by: TestUser | null, userId: string, query = '') => {
    const req = t.http().get(`/api/users/${userId}/suspensions${query}`);
    return by ? req.set('authorization', by.auth) : req;
  };
  const lift = (by: TestUser | null, userId: string, suspensionId: string, body: unknown = { reason: 'Banding diterima' }) => {
    const req = t.http().post(`/api/users/${userId}/suspensions/${suspensionId}/lift`);
    return (by ? req.set('authorization', by.auth) : req).send(body as object);
  };
  const release = (by: TestUser | null, itemId: string, body?: unknown) => {
    const req = t.http().post(`/api/moderation/queue/${itemId}/release`);
    const authed = by ? req.set('authorization', by.auth) : req;
    return body === undefined ? authed : authed.send(body as object);
  };
  const feed = async (u: TestUser) =>
    (await t.http().get('/api/notifications').set('authorization', u.auth)).body.items as {
      type: string;
      payload: Record<string, unknown>;
    }[];
  const auditFor = async (targetId: string) =>
    (await t.http().get(`/api/moderation/audit?targetId=${targetId}`).set('authorization', admin.auth).expect(200)).body.items as {
      action: string;
      actor: { id: string } | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      reason: string | null;
    }[];
  /** A suspension that already ended, written directly (the API only accepts a future `until`). */
  const expiredSuspension = async (userId: string, createdHoursAgo: number) => {
    const id = randomUUID();
    await t
      .em()
      .execute(
        `insert into user_suspensions (id, user_id, until, reason, created_by_id, created_at) values (?, ?, now() - interval '1 hour', 'Lama', ?, now() - make_interval(hours => ?))`,
        [id, userId, mod.id, createdHoursAgo],
      );
    return id;
  };
  /** An open queue item on a fresh post by `author`, flagged once. */
  const queueItem = async (author: TestUser = alice) => {
    const th = await newThread(author);
    const p = (await post(author, th.id, `laporan ${t.uniq()}`).expect(201)).body as { id: string };
    const flagger = await t.user();
    await t.http().post(`/api/posts/${p.id}/flags`).set('authorization', flagger.auth).send({ reason: 'spam' }).expect(201);
    const q = await t.http().get('/api/moderation/queue?status=open&limit=100').set('authorization', mod.auth).expect(200);
    const item = q.body.items.find((i: { postId: string }) => i.postId === p.id) as { id: string; postId: string; threadId: string };
    expect(item).toBeDefined();
    return item;
  };
  const claim = (by: TestUser, itemId: string) => t.http().post(`/api/moderation/queue/${itemId}/claim`).set('authorization', by.auth);

  // ---- GET /api/users/:id/suspensions ---------------------------------------------------

  it('lists a user’s suspensions newest first with an active flag; moderators see who acted, the user sees their own without it', async () => {
    const u = await t.user();
    const old = await expiredSuspension(u.id, 48);
    const first = await suspend(mod, u, inHours(1), 'Pertama');
    const second = await suspend(mod, u, inHours(2), 'Kedua');
    await lift(mod2, u.id, first.id, { reason: 'Salah orang' }).expect(200);

    const asMod = (await list(mod, u.id).expect(200)).body.items;
    expect(asMod.map((s: { id: string }) => s.id)).toEqual([second.id, first.id, old]);
    expect(asMod[0]).toEqual({
      id: second.id,
      userId: u.id,
      until: second.until,
      reason: 'Kedua',
      active: true,
      createdAt: expect.any(String),
      liftedAt: null,
      liftReason: null,
      createdBy: mod.id,
      liftedBy: null,
    });
    expect(asMod[1]).toMatchObject({
      id: first.id,
      active: false,
      liftedAt: expect.any(String),
      liftedBy: mod2.id,
      liftReason: 'Salah orang',
      createdBy: mod.id,
    });
    expect(asMod[2]).toMatchObject({ id: old, active: false, liftedAt: null, reason: 'Lama' });

    const asSelf = (await list(u, u.id).expect(200)).body.items;
    expect(asSelf.map((s: { id: string; active: boolean }) => [s.id, s.active])).toEqual([
      [second.id, true],
      [first.id, false],
      [old, false],
    ]);
    for (const s of asSelf) {
      expect(s).not.toHaveProperty('createdBy');
      expect(s).not.toHaveProperty('liftedBy');
    }
    expect(asSelf[1]).toMatchObject({ liftReason: 'Salah orang', liftedAt: expect.any(String) });

    expect((await list(admin, u.id, '?limit=1').expect(200)).body.items.map((s: { id: string }) => s.id)).toEqual([second.id]);
    expect((await list(carol, carol.id).expect(200)).body).toEqual({ items: [] });
  });

  it('listing: 401 anonymous, 403 for other users, 400 for a bad id or query, 404 for an unknown user', async () => {
    const u = await t.user();
    await suspend(mod, u);
    await list(null, u.id).expect(401);
    for (const other of [alice, bob]) expect((await list(other, u.id).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await list(mod, 'nope').expect(400)).body.code).toBe('VALIDATION_FAILED');
    for (const q of ['?limit=0', '?limit=201', '?limit=abc', '?limit=1.5', '?extra=1'])
      expect((await list(mod, u.id, q).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await list(mod, randomUUID()).expect(404)).body.code).toBe('NOT_FOUND');
    // A user asking about an unknown id learns nothing about it.
    await list(alice, randomUUID()).expect(403);
  });

  // ---- POST /api/users/:id/suspensions/:suspensionId/lift ---------------------------------

  it('lifting: the user can post again at once, is told, and the lift is audited with before and after', async () => {
    const th = await newThread();
    const u = await t.user({ name: 'Diskors' });
    const s = await suspend(mod, u, inHours(3));
    expect((await post(u, th.id, 'ditolak').expect(403)).body.code).toBe('USER_SUSPENDED');

    const res = await lift(mod2, u.id, s.id, { reason: 'Banding diterima' }).expect(200);
    expect(res.body).toMatchObject({
      id: s.id,
      userId: u.id,
      until: s.until,
      active: false,
      liftedAt: expect.any(String),
      liftedBy: mod2.id,
      liftReason: 'Banding diterima',
      createdBy: mod.id,
    });
    expect(Date.parse(res.body.liftedAt)).toBeLessThan(Date.parse(s.until));

    const ok = await post(u, th.id, 'sudah boleh lagi').expect(201);
    expect(ok.body).toMatchObject({ body: 'sudah boleh lagi', author: { id: u.id } });
    await t.http().post('/api/threads').set('authorization', u.auth).send({ innovationId, title: 'Kembali', body: 'halo' }).expect(201);

    const entry = (await auditFor(u.id)).find((a) => a.action === 'user.lift_suspension');
    expect(entry).toMatchObject({
      actor: { id: mod2.id },
      before: { suspensionId: s.id, until: s.until, active: true, liftedAt: null },
      after: { suspensionId: s.id, until: s.until, active: false, liftedAt: res.body.liftedAt },
      reason: 'Banding diterima',
    });
    const n = await waitUntil(
      async () => (await feed(u)).find((x) => x.type === 'suspension_lifted' && x.payload.suspensionId === s.id),
      'user told of the lift',
    );
    expect(n.payload).toEqual({ suspensionId: s.id, until: s.until, reason: 'Banding diterima', stillSuspendedUntil: null });
  });

  it('lifting one of two active suspensions leaves the user suspended (403 USER_SUSPENDED until the other ends)', async () => {
    const th = await newThread();
    const u = await t.user();
    const short = await suspend(mod, u, inHours(1), 'Pendek');
    const long = await suspend(mod2, u, inHours(5), 'Panjang');
    await lift(mod, u.id, short.id).expect(200);
    const denied = await post(u, th.id, 'masih diskors').expect(403);
    expect(denied.body).toMatchObject({ code: 'USER_SUSPENDED', details: [{ until: long.until }] });
    const n = await waitUntil(
      async () => (await feed(u)).find((x) => x.type === 'suspension_lifted' && x.payload.suspensionId === short.id),
      'user told of the partial lift',
    );
    expect(n.payload.stillSuspendedUntil).toBe(long.until);
    await lift(mod, u.id, long.id).expect(200);
    await post(u, th.id, 'bebas').expect(201);
  });

  it('lifting a lifted or expired suspension is 409 SUSPENSION_NOT_ACTIVE; two moderators lifting at once act once', async () => {
    const u = await t.user();
    const s = await suspend(mod, u);
    const both = await Promise.all([lift(mod, u.id, s.id), lift(mod2, u.id, s.id)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body).toMatchObject({ statusCode: 409, code: 'SUSPENSION_NOT_ACTIVE' });
    expect((await lift(admin, u.id, s.id).expect(409)).body.code).toBe('SUSPENSION_NOT_ACTIVE');
    const expired = await expiredSuspension(u.id, 2);
    expect((await lift(mod, u.id, expired).expect(409)).body.code).toBe('SUSPENSION_NOT_ACTIVE');
    expect((await list(mod, u.id).expect(200)).body.items.find((x: { id: string }) => x.id === expired)).toMatchObject({
      active: false,
      liftedAt: null,
    });
    // Only the winning lift is in the audit log.
    expect((await auditFor(u.id)).filter((a) => a.action === 'user.lift_suspension')).toHaveLength(1);
  });

  it('a moderator may not lift their own suspension (403); another moderator may, and then they can post', async () => {
    const th = await newThread();
    const s = await suspend(admin, mod2, inHours(2), 'Moderator juga diskors');
    expect((await post(mod2, th.id, 'tidak bisa').expect(403)).body.code).toBe('USER_SUSPENDED');
    expect((await lift(mod2, mod2.id, s.id).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await list(mod, mod2.id).expect(200)).body.items[0]).toMatchObject({ id: s.id, active: true });
    await lift(mod, mod2.id, s.id).expect(200);
    await post(mod2, th.id, 'bisa lagi').expect(201);
  });

  it('lifting: 401 anonymous, 403 for users (the suspended one too) and for moderators on an admin, 400 for bad input, 404 for unknown targets', async () => {
    const u = await t.user();
    const s = await suspend(mod, u);
    await lift(null, u.id, s.id).expect(401);
    for (const who of [bob, u]) expect((await lift(who, u.id, s.id).expect(403)).body.code).toBe('FORBIDDEN');
    for (const body of [
      {},
      { reason: 5 },
      { reason: null },
      { reason: '   ' },
      { reason: 'x'.repeat(1001) },
      { reason: 'x', extra: 1 },
      [],
    ]) {
      expect((await lift(mod, u.id, s.id, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    const noBody = await t.http().post(`/api/users/${u.id}/suspensions/${s.id}/lift`).set('authorization', mod.auth).expect(400);
    expect(noBody.body.code).toBe('VALIDATION_FAILED');
    await lift(mod, 'nope', s.id).expect(400);
    await lift(mod, u.id, 'nope').expect(400);
    expect((await lift(mod, u.id, randomUUID()).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await lift(mod, randomUUID(), s.id).expect(404)).body.code).toBe('NOT_FOUND');
    // The suspension exists, but not for this user.
    await lift(mod, bob.id, s.id).expect(404);
    // Still active after all of that.
    expect((await list(mod, u.id).expect(200)).body.items[0]).toMatchObject({ id: s.id, active: true, liftedAt: null });

    const otherAdmin = await t.user({ roles: ['admin'] });
    const onAdmin = await suspend(admin, otherAdmin);
    expect((await lift(mod, otherAdmin.id, onAdmin.id).expect(403)).body.code).toBe('FORBIDDEN');
    await lift(admin, otherAdmin.id, onAdmin.id).expect(200);
  });

  // ---- POST /api/moderation/queue/:id/release ---------------------------------------------

  it('release: the claimer gives the item back to the queue, audited; another moderator can then claim it', async () => {
    const item = await queueItem();
    await claim(mod, item.id).expect(200);
    // While mod holds it, mod2 cannot take it.
    expect((await claim(mod2, item.id).expect(409)).body.code).toBe('CONFLICT');

    const res = await release(mod, item.id).expect(200);
    expect(res.body).toMatchObject({
      id: item.id,
      postId: item.postId,
      status: 'open',
      claimedBy: null,
      claimedAt: null,
      resolvedBy: null,
    });
    const open = (await t.http().get('/api/moderation/queue?status=open&limit=100').set('authorization', mod2.auth).expect(200)).body.items;
    expect(open.map((i: { id: string }) => i.id)).toContain(item.id);

    const entries = await auditFor(item.id);
    expect(entries.map((a) => a.action)).toEqual(['queue.release', 'queue.claim']);
    expect(entries[0]).toMatchObject({
      actor: { id: mod.id },
      before: { status: 'claimed', claimedBy: mod.id, claimedAt: expect.any(String) },
      after: { status: 'open', claimedBy: null },
      reason: null,
    });

    expect((await release(mod, item.id).expect(409)).body.code).toBe('QUEUE_ITEM_NOT_CLAIMED');
    expect((await claim(mod2, item.id).expect(200)).body).toMatchObject({ status: 'claimed', claimedBy: mod2.id });
    await t.http().post(`/api/moderation/queue/${item.id}/resolve`).set('authorization', mod2.auth).send({ action: 'dismiss' }).expect(200);
  });

  it('release: another moderator gets 403 CLAIM_HELD_BY_OTHER (also once the claim has lapsed); an admin may, and the claimer is told', async () => {
    const item = await queueItem();
    await claim(mod, item.id).expect(200);
    const refused = await release(mod2, item.id).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'CLAIM_HELD_BY_OTHER' });
    expect(
      (await t.http().get('/api/moderation/queue?status=claimed&limit=100').set('authorization', mod.auth).expect(200)).body.items,
    ).toContainEqual(expect.objectContaining({ id: item.id, claimedBy: mod.id }));

    await t.em().execute(`update moderation_items set claimed_at = now() - interval '1 hour' where id = ?`, [item.id]);
    expect((await release(mod2, item.id).expect(403)).body.code).toBe('CLAIM_HELD_BY_OTHER');

    const freed = await release(admin, item.id, { reason: 'Mod sedang cuti' }).expect(200);
    expect(freed.body).toMatchObject({ status: 'open', claimedBy: null });
    const entry = (await auditFor(item.id)).find((a) => a.action === 'queue.release');
    expect(entry).toMatchObject({
      actor: { id: admin.id },
      before: { status: 'claimed', claimedBy: mod.id },
      after: { status: 'open', claimedBy: null },
      reason: 'Mod sedang cuti',
    });
    const n = await waitUntil(
      async () => (await feed(mod)).find((x) => x.type === 'queue_claim_released' && x.payload.itemId === item.id),
      'claimer told of the release',
    );
    expect(n.payload).toMatchObject({
      itemId: item.id,
      postId: item.postId,
      threadId: item.threadId,
      reason: 'Mod sedang cuti',
      by: { id: admin.id, name: 'Admin' },
    });
  });

  it('release: 409 QUEUE_ITEM_NOT_CLAIMED on open and resolved items; 403 on one’s own post; 401/403/400/404', async () => {
    const item = await queueItem();
    expect((await release(mod, item.id).expect(409)).body.code).toBe('QUEUE_ITEM_NOT_CLAIMED');
    expect((await release(admin, item.id).expect(409)).body.code).toBe('QUEUE_ITEM_NOT_CLAIMED');
    await claim(mod, item.id).expect(200);
    await release(null, item.id).expect(401);
    for (const who of [alice, carol]) expect((await release(who, item.id).expect(403)).body.code).toBe('FORBIDDEN');
    for (const body of [{ reason: 5 }, { extra: 1 }, { reason: 'x'.repeat(1001) }])
      expect((await release(mod, item.id, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await release(mod, 'nope').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await release(mod, randomUUID()).expect(404)).body.code).toBe('NOT_FOUND');
    // None of the refused calls released it.
    expect(
      (await t.http().get('/api/moderation/queue?status=claimed&limit=100').set('authorization', mod.auth).expect(200)).body.items,
    ).toContainEqual(expect.objectContaining({ id: item.id, claimedBy: mod.id }));
    await t.http().post(`/api/moderation/queue/${item.id}/resolve`).set('authorization', mod.auth).send({ action: 'dismiss' }).expect(200);
    expect((await release(mod, item.id).expect(409)).body.code).toBe('QUEUE_ITEM_NOT_CLAIMED');

    // An admin whose own post is in the queue does not release another moderator's claim on it.
    const own = await queueItem(admin);
    await claim(mod, own.id).expect(200);
    expect((await release(admin, own.id).expect(403)).body.code).toBe('FORBIDDEN');
    await release(mod, own.id).expect(200);
  });

  it('the new endpoints are in the OpenAPI document', async () => {
    const paths = (await t.http().get('/api/docs-json').expect(200)).body.paths as Record<string, Record<string, unknown>>;
    expect(paths['/api/users/{id}/suspensions']).toHaveProperty('get');
    expect(paths['/api/users/{id}/suspensions/{suspensionId}/lift']).toHaveProperty('post');
    expect(paths['/api/moderation/queue/{id}/release']).toHaveProperty('post');
  });
});
