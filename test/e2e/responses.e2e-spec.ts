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
    it.each(['/', '/api/no-such-thing', '/api/innovations/x/y/z', '/nowhere'])('GET %s answers 404 in the JSON error shape', async (path) => {
      const res = await t.http().get(path).set('authorization', user.auth);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
    });

    it('also without a token, and for other methods', async () => {
      for (const [method, path] of [['get', '/'], ['post', '/api/nope'], ['delete', '/api/nope/1']] as const) {
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
        const a = await t.http().post('/api/agencies').set('authorization', admin.auth).send({ name, kind: 'city', regionCode: '33.74' }).expect(201);
        await t.http().post(`/api/agencies/${a.body.id}/units`).set('authorization', admin.auth).send({ name: `Bidang Layanan ${tag}` }).expect(201);
      }
    });

    it('finds agencies by name words in any order and case, with the total', async () => {
      const res = await t.http().get(`/api/agencies?q=${encodeURIComponent(`${tag.toUpperCase()} dinas`)}`).set('authorization', user.auth).expect(200);
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
      const res = await t.http().get(`/api/units?q=${encodeURIComponent(`kesehatan ${tag}`)}`).set('authorization', user.auth).expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items[0]).toMatchObject({ name: `Bidang Layanan ${tag}`, agency: { id: expect.any(String), name: `Dinas Kesehatan ${tag}` } });
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
        { unitId: unit.id, agencyId: agency.id, role: 'admin', unit: { id: unit.id, name: unit.name }, agency: { id: agency.id, name: agency.name } },
      ]);
      expect(me.body.createdAt).toMatch(ISO_UTC);
    });
  });
});
