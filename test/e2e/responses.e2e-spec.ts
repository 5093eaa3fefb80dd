import { TestApp, TestUser } from '@app/testing';

/**
 * What a person reads in responses: names next to ids, ISO-8601 UTC times, the JSON error shape
 * on unknown paths, and agencies and units searchable and paged.
 */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('responses (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let user: TestUser;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.user({ roles: ['admin'] });
    user = await t.user();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('unknown paths', () => {
    // Outside /api, GET serves the web client when it is built; what it does not take ends here too.
    it.each(['/api/no-such-thing', '/api/innovations/x/y/z', '/api/', '/metrics/x'])(
      'GET %s answers 404 in the JSON error shape',
      async (path) => {
        const res = await t.http().get(path).set('authorization', user.auth);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/application\/json/);
        expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
      },
    );

    it('also without a token, and for other methods', async () => {
      for (const [method, path] of [
        ['post', '/'],
        ['put', '/nowhere'],
        ['post', '/api/nope'],
        ['delete', '/api/nope/1'],
      ] as const) {
        const res = await t.http()[method](path);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    });
  });

  describe('agencies and units, searchable and paged', () => {
    let tag: string;
    beforeAll(async () => {
      tag = t.uniq('Cari');
      for (const name of [`Dinas Kesehatan ${tag}`, `Dinas Pendidikan ${tag}`, `Badan Perencanaan ${tag}`]) {
        const a = await t
          .http()
          .post('/api/agencies')
          .set('authorization', admin.auth)
          .send({ name, kind: 'city', regionCode: '33.74' })
          .expect(201);
        await t
          .http()
          .post(`/api/agencies/${a.body.id}/units`)
          .set('authorization', admin.auth)
          .send({ name: `Bidang Layanan ${tag}` })
          .expect(201);
      }
    });

    it('finds agencies by name words in any order and case, with the total', async () => {
      const res = await t
        .http()
        .get(`/api/agencies?q=${encodeURIComponent(`${tag.toUpperCase()} dinas`)}`)
        .set('authorization', user.auth)
        .expect(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items.map((a: { name: string }) => a.name)).toEqual([`Dinas Kesehatan ${tag}`, `Dinas Pendidikan ${tag}`]);
      expect(res.body.items[0].createdAt).toMatch(ISO_UTC);
    });

    it('pages with limit and offset; the total stays the whole count, also past the end', async () => {
      const page = await t.http().get(`/api/agencies?q=${tag}&limit=1&offset=1`).set('authorization', user.auth).expect(200);
      expect(page.body).toMatchObject({ total: 3, items: [{ name: `Dinas Kesehatan ${tag}` }] });
      const past = await t.http().get(`/api/agencies?q=${tag}&limit=5&offset=10`).set('authorization', user.auth).expect(200);
      expect(past.body).toEqual({ items: [], total: 3 });
    });

    it('treats LIKE wildcards in q as plain characters', async () => {
      const res = await t.http().get('/api/agencies?q=%25%25').set('authorization', user.auth).expect(200);
      expect(res.body.total).toBe(0);
    });

    it('finds units by their or their agency name, with the agency named', async () => {
      const res = await t
        .http()
        .get(`/api/units?q=${encodeURIComponent(`kesehatan ${tag}`)}`)
        .set('authorization', user.auth)
        .expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items[0]).toMatchObject({
        name: `Bidang Layanan ${tag}`,
        agency: { id: expect.any(String), name: `Dinas Kesehatan ${tag}` },
      });
      const byAgency = await t.http().get(`/api/units?agencyId=${res.body.items[0].agency.id}`).set('authorization', user.auth).expect(200);
      expect(byAgency.body.items.map((u: { id: string }) => u.id)).toEqual([res.body.items[0].id]);
    });

    it('refuses bad paging and ids with 400, and anonymous callers with 401', async () => {
      for (const q of ['limit=0', 'limit=501', 'offset=-1', 'limit=x', `q=${'a'.repeat(201)}`]) {
        const res = await t.http().get(`/api/agencies?${q}`).set('authorization', user.auth);
        expect([q, res.status, res.body.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
      }
      expect((await t.http().get('/api/units?agencyId=nope').set('authorization', user.auth)).body.code).toBe('VALIDATION_FAILED');
      await t.http().get('/api/units').expect(401);
    });
  });

  describe('names next to ids', () => {
    it('/api/me memberships carry the unit and agency names', async () => {
      const agency = await t.agency('city', '33.74');
      const unit = await t.unit(agency);
      const member = await t.user({ units: [[unit.id, 'admin']] });
      const me = await t.http().get('/api/me').set('authorization', member.auth).expect(200);
      expect(me.body.memberships).toEqual([
        {
          unitId: unit.id,
          agencyId: agency.id,
          role: 'admin',
          unit: { id: unit.id, name: unit.name },
          agency: { id: agency.id, name: agency.name },
        },
      ]);
      expect(me.body.createdAt).toMatch(ISO_UTC);
    });

    it('replications name their units and innovation; history names the actor; stage notices name who moved it', async () => {
      const origin = await t.unit();
      const replicating = await t.unit();
      const originAdmin = await t.user({ units: [[origin.id, 'admin']] });
      const team = await t.user({ units: [[replicating.id, 'member']], name: 'Tim Replikasi' });
      const innovation = await t.innovation(origin.id);
      const created = await t
        .http()
        .post(`/api/innovations/${innovation.id}/replications`)
        .set('authorization', team.auth)
        .send({ replicatingUnitId: replicating.id })
        .expect(201);
      expect(created.body).toMatchObject({
        originUnit: { id: origin.id, name: origin.name },
        replicatingUnit: { id: replicating.id, name: replicating.name },
        facilitatorUnit: null,
        innovation: { id: innovation.id, title: innovation.title },
      });
      const list = await t.http().get(`/api/replications?unitId=${replicating.id}`).set('authorization', user.auth).expect(200);
      expect(list.body.items[0]).toMatchObject({
        replicatingUnitId: replicating.id,
        replicatingUnit: { id: replicating.id, name: replicating.name },
      });
      expect(list.body.items[0].createdAt).toMatch(ISO_UTC);
      const one = await t.http().get(`/api/replications/${created.body.id}`).set('authorization', user.auth).expect(200);
      expect(one.body.history[0]).toMatchObject({ to: 'PROPOSED', actorId: team.id, actor: { id: team.id, name: 'Tim Replikasi' } });
      expect(one.body.history[0].at).toMatch(ISO_UTC);
      const feed = await t.http().get('/api/notifications').set('authorization', originAdmin.auth).expect(200);
      const notice = feed.body.items.find(
        (n: { type: string; payload: { replicationId: string } }) =>
          n.type === 'stage_change' && n.payload.replicationId === created.body.id,
      );
      expect(notice.payload.by).toEqual({ id: team.id, name: 'Tim Replikasi' });
    });

    it('moderation queue items carry the thread title and the names of flaggers and claimer', async () => {
      const author = await t.user();
      const flagger = await t.user({ name: 'Pelapor Satu' });
      const moderator = await t.user({ roles: ['moderator'], name: 'Moderator Satu' });
      const unit = await t.unit();
      const innovation = await t.innovation(unit.id);
      const title = `Diskusi ${t.uniq()}`;
      const thread = await t
        .http()
        .post('/api/threads')
        .set('authorization', author.auth)
        .send({ innovationId: innovation.id, title, body: 'Isi pertama' })
        .expect(201);
      const post = await t
        .http()
        .post(`/api/threads/${thread.body.id}/posts`)
        .set('authorization', author.auth)
        .send({ body: 'Balasan' })
        .expect(201);
      await t.http().post(`/api/posts/${post.body.id}/flags`).set('authorization', flagger.auth).send({ reason: 'spam' }).expect(201);
      const queue = await t.http().get('/api/moderation/queue').set('authorization', moderator.auth).expect(200);
      const item = queue.body.items.find((i: { postId: string }) => i.postId === post.body.id);
      expect(item).toMatchObject({
        thread: { id: thread.body.id, title },
        claimer: null,
        flags: [{ userId: flagger.id, user: { id: flagger.id, name: 'Pelapor Satu' } }],
      });
      const claimed = await t.http().post(`/api/moderation/queue/${item.id}/claim`).set('authorization', moderator.auth).expect(200);
      expect(claimed.body.claimer).toEqual({ id: moderator.id, name: 'Moderator Satu' });
      expect(claimed.body.claimedAt).toMatch(ISO_UTC);
    });
  });
});
