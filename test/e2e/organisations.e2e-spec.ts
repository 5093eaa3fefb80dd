import { randomUUID } from 'node:crypto';
import { TestApp, TestUser } from '@app/testing';

describe('organisations (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let user: TestUser;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.user({ roles: ['admin'] });
    user = await t.user();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('agencies', () => {
    it('admin creates an agency; everyone signed in can list and read it', async () => {
      const res = await t
        .http()
        .post('/api/agencies')
        .set('authorization', admin.auth)
        .send({ name: 'Pemerintah Kota Semarang', kind: 'city', regionCode: '33.74' })
        .expect(201);
      expect(res.body).toMatchObject({ id: expect.any(String), name: 'Pemerintah Kota Semarang', kind: 'city', regionCode: '33.74' });
      const list = await t.http().get('/api/agencies').set('authorization', user.auth).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
      const filtered = await t.http().get('/api/agencies?kind=city&regionCode=33').set('authorization', user.auth).expect(200);
      expect(filtered.body.items.every((a: { kind: string }) => a.kind === 'city')).toBe(true);
      const one = await t.http().get(`/api/agencies/${res.body.id}`).set('authorization', user.auth).expect(200);
      expect(one.body).toMatchObject({ id: res.body.id, units: [] });
    });

    it('a non-admin gets 403 and an anonymous caller 401', async () => {
      const forbidden = await t
        .http()
        .post('/api/agencies')
        .set('authorization', user.auth)
        .send({ name: 'Kabupaten X', kind: 'regency' })
        .expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      await t.http().post('/api/agencies').send({ name: 'Kabupaten X', kind: 'regency' }).expect(401);
      await t.http().get('/api/agencies').expect(401);
    });

    it.each([
      ['unknown kind', { name: 'Kabupaten X', kind: 'village' }],
      ['bad region code', { name: 'Kabupaten X', kind: 'regency', regionCode: 'jateng' }],
      ['missing name', { kind: 'regency' }],
      ['wrong type', { name: 42, kind: 'regency' }],
      ['unknown field', { name: 'Kabupaten X', kind: 'regency', budget: 1 }],
    ])('rejects %s with 400', async (_l, body) => {
      const res = await t.http().post('/api/agencies').set('authorization', admin.auth).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('404 for an unknown agency, 400 for a malformed id, 400 for a bad filter', async () => {
      expect((await t.http().get(`/api/agencies/${randomUUID()}`).set('authorization', user.auth).expect(404)).body.code).toBe('NOT_FOUND');
      await t.http().get('/api/agencies/not-a-uuid').set('authorization', user.auth).expect(400);
      await t.http().get('/api/agencies?kind=village').set('authorization', user.auth).expect(400);
    });
  });

  describe('units and members', () => {
    it('admin creates a unit under an agency; it is readable', async () => {
      const agency = await t.agency();
      const res = await t
        .http()
        .post(`/api/agencies/${agency.id}/units`)
        .set('authorization', admin.auth)
        .send({ name: 'Dinas Kesehatan' })
        .expect(201);
      expect(res.body).toEqual(expect.objectContaining({ id: expect.any(String), agencyId: agency.id, name: 'Dinas Kesehatan' }));
      const unit = await t.http().get(`/api/units/${res.body.id}`).set('authorization', user.auth).expect(200);
      expect(unit.body).toMatchObject({ id: res.body.id, agencyId: agency.id, memberCount: 0 });
      await t.http().post(`/api/agencies/${agency.id}/units`).set('authorization', user.auth).send({ name: 'Dinas Lain' }).expect(403);
      await t.http().post(`/api/agencies/${randomUUID()}/units`).set('authorization', admin.auth).send({ name: 'Dinas Lain' }).expect(404);
      await t.http().post(`/api/agencies/${agency.id}/units`).set('authorization', admin.auth).send({}).expect(400);
      await t.http().get(`/api/units/${randomUUID()}`).set('authorization', user.auth).expect(404);
    });

    it('a unit admin adds and removes members; the member sees it in /api/me', async () => {
      const unit = await t.unit();
      const unitAdmin = await t.user({ units: [[unit.id, 'admin']] });
      const newcomer = await t.user();
      const added = await t
        .http()
        .post(`/api/units/${unit.id}/members`)
        .set('authorization', unitAdmin.auth)
        .send({ userId: newcomer.id, role: 'member' })
        .expect(201);
      expect(added.body).toMatchObject({ unitId: unit.id, userId: newcomer.id, role: 'member' });
      const me = await t.http().get('/api/me').set('authorization', newcomer.auth).expect(200);
      expect(me.body.memberships).toEqual([
        {
          unitId: unit.id,
          agencyId: unit.agency.id,
          role: 'member',
          unit: { id: unit.id, name: unit.name },
          agency: { id: unit.agency.id, name: expect.any(String) },
        },
      ]);
      const members = await t.http().get(`/api/units/${unit.id}/members`).set('authorization', newcomer.auth).expect(200);
      expect(members.body.map((m: { userId: string }) => m.userId).sort()).toEqual([unitAdmin.id, newcomer.id].sort());
      await t.http().delete(`/api/units/${unit.id}/members/${newcomer.id}`).set('authorization', unitAdmin.auth).expect(204);
      expect((await t.http().get('/api/me').set('authorization', newcomer.auth)).body.memberships).toEqual([]);
      await t.http().delete(`/api/units/${unit.id}/members/${newcomer.id}`).set('authorization', unitAdmin.auth).expect(404);
    });

    it('a plain member, a user of another unit and anonymous callers cannot manage members', async () => {
      const unit = await t.unit();
      const other = await t.unit();
      const member = await t.user({ units: [[unit.id, 'member']] });
      const otherAdmin = await t.user({ units: [[other.id, 'admin']] });
      const target = await t.user();
      await t
        .http()
        .post(`/api/units/${unit.id}/members`)
        .set('authorization', member.auth)
        .send({ userId: target.id, role: 'member' })
        .expect(403);
      await t
        .http()
        .post(`/api/units/${unit.id}/members`)
        .set('authorization', otherAdmin.auth)
        .send({ userId: target.id, role: 'admin' })
        .expect(403);
      await t.http().post(`/api/units/${unit.id}/members`).send({ userId: target.id, role: 'member' }).expect(401);
      await t.http().delete(`/api/units/${unit.id}/members/${member.id}`).set('authorization', otherAdmin.auth).expect(403);
      // The platform admin may.
      await t
        .http()
        .post(`/api/units/${unit.id}/members`)
        .set('authorization', admin.auth)
        .send({ userId: target.id, role: 'admin' })
        .expect(201);
    });

    it('rejects bad member input: unknown role, bad uuid, unknown user, unknown unit', async () => {
      const unit = await t.unit();
      await t
        .http()
        .post(`/api/units/${unit.id}/members`)
        .set('authorization', admin.auth)
        .send({ userId: user.id, role: 'owner' })
        .expect(400);
      await t
        .http()
        .post(`/api/units/${unit.id}/members`)
        .set('authorization', admin.auth)
        .send({ userId: 'abc', role: 'member' })
        .expect(400);
      await t
        .http()
        .post(`/api/units/${unit.id}/members`)
        .set('authorization', admin.auth)
        .send({ userId: randomUUID(), role: 'member' })
        .expect(404);
      await t
        .http()
        .post(`/api/units/${randomUUID()}/members`)
        .set('authorization', admin.auth)
        .send({ userId: user.id, role: 'member' })
        .expect(404);
      await t
        .http()
        .post(`/api/units/${unit.id}/members`)
        .set('authorization', admin.auth)
        .send({ userId: user.id, role: 'member', extra: 1 })
        .expect(400);
    });
  });

  describe('platform roles', () => {
    it('admin sets roles; they apply to the next request without a new token', async () => {
      const u = await t.user();
      await t.http().get('/api/moderation/queue').set('authorization', u.auth);
      const res = await t
        .http()
        .put(`/api/users/${u.id}/roles`)
        .set('authorization', admin.auth)
        .send({ roles: ['curator', 'moderator'] })
        .expect(200);
      expect(res.body.roles.sort()).toEqual(['curator', 'moderator', 'user']);
      expect((await t.http().get('/api/me').set('authorization', u.auth)).body.roles.sort()).toEqual(['curator', 'moderator', 'user']);
      // Promoted to admin, the user can now create agencies.
      await t
        .http()
        .put(`/api/users/${u.id}/roles`)
        .set('authorization', admin.auth)
        .send({ roles: ['admin'] })
        .expect(200);
      await t.http().post('/api/agencies').set('authorization', u.auth).send({ name: 'Badan Baru', kind: 'agency' }).expect(201);
    });

    it('only admins set roles; bad roles and ids are rejected; an admin cannot demote themself', async () => {
      const u = await t.user();
      await t
        .http()
        .put(`/api/users/${u.id}/roles`)
        .set('authorization', user.auth)
        .send({ roles: ['admin'] })
        .expect(403);
      await t
        .http()
        .put(`/api/users/${u.id}/roles`)
        .send({ roles: ['admin'] })
        .expect(401);
      await t
        .http()
        .put(`/api/users/${u.id}/roles`)
        .set('authorization', admin.auth)
        .send({ roles: ['superuser'] })
        .expect(400);
      await t.http().put(`/api/users/${u.id}/roles`).set('authorization', admin.auth).send({ roles: 'admin' }).expect(400);
      await t
        .http()
        .put(`/api/users/${randomUUID()}/roles`)
        .set('authorization', admin.auth)
        .send({ roles: ['user'] })
        .expect(404);
      await t
        .http()
        .put(`/api/users/${admin.id}/roles`)
        .set('authorization', admin.auth)
        .send({ roles: ['user'] })
        .expect(403);
    });
  });
});
