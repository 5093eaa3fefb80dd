import { TEST_PASSWORD, TestApp } from '@app/testing';
import { linkToken, TestSmtp } from './mail.support';

describe('invitations, the people directory and profiles', () => {
  let smtp: TestSmtp;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await TestApp.start({ SMTP_URL: smtp.url, MAIL_POLL_MS: '50' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('a unit admin invites by email; the link creates the account, joins the unit, signs in; the acceptance is audited', async () => {
    const unit = await t.unit();
    const admin = await t.user({ units: [[unit.id, 'admin']], name: 'Kepala Unit' });
    const email = `${t.uniq('undangan')}@test.jippnas.id`;
    const created = await t
      .http()
      .post(`/api/units/${unit.id}/invitations`)
      .set('authorization', admin.auth)
      .send({ email: email.toUpperCase(), role: 'member' })
      .expect(201);
    expect(created.body).toMatchObject({ id: expect.any(String), email, role: 'member', expiresAt: expect.any(String), status: 'pending' });
    const mail = await smtp.waitFor(email, /Undangan bergabung/);
    expect(mail.text).toContain('Kepala Unit mengundang Anda');
    const token = linkToken(mail, '/undangan');

    const missing = await t.http().post('/api/invitations/accept').send({ token }).expect(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    const accepted = await t
      .http()
      .post('/api/invitations/accept')
      .send({ token, name: 'Staf Baru', password: 'rahasia-baru-1' })
      .expect(200);
    expect(accepted.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { email, name: 'Staf Baru', emailVerified: true },
      unitId: unit.id,
      role: 'member',
    });
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${accepted.body.accessToken}`).expect(200);
    expect(me.body.memberships).toEqual([expect.objectContaining({ unitId: unit.id, agencyId: unit.agency.id, role: 'member' })]);
    await t.http().post('/api/auth/login').send({ email, password: 'rahasia-baru-1' }).expect(200);
    expect(
      (await t.http().post('/api/invitations/accept').send({ token, name: 'X', password: 'rahasia-baru-1' }).expect(400)).body.code,
    ).toBe('TOKEN_INVALID');

    const list = await t.http().get(`/api/units/${unit.id}/invitations`).set('authorization', admin.auth).expect(200);
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, status: 'accepted' });
    const audit = await t
      .em()
      .execute<{ action: string }[]>('select action from invitation_audit where invitation_id = ? order by at', [created.body.id]);
    expect(audit.map((a) => a.action)).toEqual(['created', 'accepted']);
    expect((await t.http().delete(`/api/invitations/${created.body.id}`).set('authorization', admin.auth).expect(409)).body.code).toBe(
      'INVITATION_CLOSED',
    );
  });

  it('an existing account joins with the link alone and becomes an admin of the unit', async () => {
    const unit = await t.unit();
    const admin = await t.user({ roles: ['admin'] });
    const existing = await t.user();
    await t
      .http()
      .post(`/api/units/${unit.id}/invitations`)
      .set('authorization', admin.auth)
      .send({ email: existing.email, role: 'admin' })
      .expect(201);
    const token = linkToken(await smtp.waitFor(existing.email, /Undangan bergabung/), '/undangan');
    const accepted = await t.http().post('/api/invitations/accept').send({ token }).expect(200);
    expect(accepted.body.user.id).toBe(existing.id);
    const role = await t
      .em()
      .execute<{ role: string }[]>('select role from memberships where unit_id = ? and user_id = ?', [unit.id, existing.id]);
    expect(role).toEqual([{ role: 'admin' }]);
    // Already a member now: a second invitation is refused.
    expect(
      (
        await t
          .http()
          .post(`/api/units/${unit.id}/invitations`)
          .set('authorization', admin.auth)
          .send({ email: existing.email, role: 'member' })
          .expect(409)
      ).body.code,
    ).toBe('ALREADY_EXISTS');
  });

  it('only the unit’s admins and platform admins invite, list and revoke; a revoked or expired link is refused', async () => {
    const unit = await t.unit();
    const [admin, member, outsider] = await Promise.all([
      t.user({ units: [[unit.id, 'admin']] }),
      t.user({ units: [[unit.id, 'member']] }),
      t.user(),
    ]);
    const body = { email: `${t.uniq('x')}@test.jippnas.id`, role: 'member' };
    for (const u of [member, outsider]) {
      await t.http().post(`/api/units/${unit.id}/invitations`).set('authorization', u.auth).send(body).expect(403);
      await t.http().get(`/api/units/${unit.id}/invitations`).set('authorization', u.auth).expect(403);
    }
    await t.http().post(`/api/units/${unit.id}/invitations`).send(body).expect(401);
    await t
      .http()
      .post('/api/units/00000000-0000-4000-8000-000000000000/invitations')
      .set('authorization', admin.auth)
      .send(body)
      .expect(404);
    expect(
      (
        await t
          .http()
          .post(`/api/units/${unit.id}/invitations`)
          .set('authorization', admin.auth)
          .send({ email: 'bukan', role: 'owner' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');

    const inv = await t.http().post(`/api/units/${unit.id}/invitations`).set('authorization', admin.auth).send(body).expect(201);
    const token = linkToken(await smtp.waitFor(body.email, /Undangan/), '/undangan');
    await t.http().delete(`/api/invitations/${inv.body.id}`).set('authorization', outsider.auth).expect(403);
    await t.http().delete(`/api/invitations/${inv.body.id}`).set('authorization', admin.auth).expect(204);
    expect((await t.http().post('/api/invitations/accept').send({ token, name: 'A', password: 'rahasia-123' }).expect(400)).body.code).toBe(
      'TOKEN_INVALID',
    );

    const second = { email: `${t.uniq('y')}@test.jippnas.id`, role: 'member' };
    await t.http().post(`/api/units/${unit.id}/invitations`).set('authorization', admin.auth).send(second).expect(201);
    const token2 = linkToken(await smtp.waitFor(second.email, /Undangan/), '/undangan');
    await t.em().execute(`update invitations set expires_at = now() - interval '1 second' where email = ?`, [second.email]);
    expect(
      (await t.http().post('/api/invitations/accept').send({ token: token2, name: 'B', password: 'rahasia-123' }).expect(400)).body.code,
    ).toBe('TOKEN_INVALID');
    const statuses = (await t.http().get(`/api/units/${unit.id}/invitations`).set('authorization', admin.auth).expect(200)).body.items.map(
      (i: { status: string }) => i.status,
    );
    expect(statuses.sort()).toEqual(['expired', 'revoked']);
  });

  it('the directory finds people by name with their units; e-mail only for admins and the person', async () => {
    const agency = await t.agency('city', '35.78');
    const unit = await t.unit(agency);
    const person = await t.user({ name: 'Ándi Saputra Unik', units: [[unit.id, 'member']] });
    const viewer = await t.user();
    const admin = await t.user({ roles: ['admin'] });
    const res = await t.http().get('/api/users?q=andi saputra unik').set('authorization', viewer.auth).expect(200);
    expect(res.body.items).toEqual([
      {
        id: person.id,
        name: 'Ándi Saputra Unik',
        position: null,
        units: [{ id: unit.id, name: unit.name, agencyName: agency.name, role: 'member' }],
      },
    ]);
    const asAdmin = await t.http().get('/api/users?q=Saputra Unik').set('authorization', admin.auth).expect(200);
    expect(asAdmin.body.items[0].email).toBe(person.email);
    // Admins see platform roles (the roles form starts from them); nobody else does, the person included.
    expect(asAdmin.body.items[0].roles).toEqual(['user']);
    const self = await t.http().get('/api/users?q=Saputra Unik').set('authorization', person.auth).expect(200);
    expect(self.body.items[0].email).toBe(person.email);
    expect(self.body.items[0].roles).toBeUndefined();
    expect(
      (await t.http().get(`/api/users?unitId=${unit.id}`).set('authorization', viewer.auth).expect(200)).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).toEqual([person.id]);
    expect((await t.http().get('/api/users?q=%25%25%25').set('authorization', viewer.auth).expect(200)).body.items).toEqual([]);
    await t.http().get('/api/users?q=andi').expect(401);
    expect((await t.http().get('/api/users?limit=1000').set('authorization', viewer.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('the profile: name, position, phone; an avatar image replaces the previous one, a PDF is no avatar', async () => {
    const u = await t.user();
    const updated = await t
      .http()
      .patch('/api/me/profile')
      .set('authorization', u.auth)
      .send({ name: 'Budi Santoso', position: 'Analis Kebijakan', phone: '+62 812-3456-7890' })
      .expect(200);
    expect(updated.body).toMatchObject({
      name: 'Budi Santoso',
      position: 'Analis Kebijakan',
      phone: '+62 812-3456-7890',
      avatarAttachmentId: null,
    });
    expect(
      (await t.http().patch('/api/me/profile').set('authorization', u.auth).send({ phone: 'telepon saya' }).expect(400)).body.code,
    ).toBe('VALIDATION_FAILED');
    expect((await t.http().patch('/api/me/profile').set('authorization', u.auth).send({ email: 'lain@x.id' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    await t.http().patch('/api/me/profile').set('authorization', u.auth).send({ phone: null }).expect(200);

    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f50000000049454e44ae426082',
      'hex',
    );
    const first = await t.http().put('/api/me/avatar').set('authorization', u.auth).attach('file', png, 'saya.png').expect(200);
    const second = await t.http().put('/api/me/avatar').set('authorization', u.auth).attach('file', png, 'baru.png').expect(200);
    expect(second.body.avatarAttachmentId).not.toBe(first.body.avatarAttachmentId);
    const other = await t.user();
    const img = await t.http().get(`/api/attachments/${second.body.avatarAttachmentId}`).set('authorization', other.auth).expect(200);
    expect(img.headers['content-type']).toBe('image/png');
    await t.http().get(`/api/attachments/${first.body.avatarAttachmentId}`).set('authorization', other.auth).expect(404);
    const pdf = await t
      .http()
      .put('/api/me/avatar')
      .set('authorization', u.auth)
      .attach('file', Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), 'x.png')
      .expect(415);
    expect(pdf.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    await t.http().delete('/api/me/avatar').set('authorization', u.auth).expect(204);
    expect((await t.http().get('/api/me/profile').set('authorization', u.auth).expect(200)).body.avatarAttachmentId).toBeNull();
  });
});

describe('without SMTP_URL mails go to the outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ MAIL_POLL_MS: '50' });
  });
  afterAll(() => t?.close());

  it('admins read the outbox; the mail is recorded, not sent; others get 403', async () => {
    const u = await t.user();
    await t.http().post('/api/auth/password-reset').send({ email: u.email }).expect(202);
    const admin = await t.user({ roles: ['admin'] });
    const found = await (async () => {
      for (let i = 0; i < 200; i++) {
        const res = await t
          .http()
          .get(`/api/admin/outbox?to=${encodeURIComponent(u.email)}`)
          .set('authorization', admin.auth)
          .expect(200);
        if (res.body.items[0]?.status === 'outbox') return res.body;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('mail never reached the outbox');
    })();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ to: u.email, template: 'password_reset', subject: 'Atur ulang kata sandi', status: 'outbox' });
    expect(found.items[0].text).toContain('http://localhost:3000/atur-ulang-sandi?token=');
    await t.http().get('/api/admin/outbox').set('authorization', u.auth).expect(403);
    await t.http().get('/api/admin/outbox').expect(401);
    expect((await t.http().get('/api/admin/outbox?status=lost').set('authorization', admin.auth).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    // A reset link from the outbox works like a mailed one.
    const token = new URL(/http\S+/.exec(found.items[0].text)![0]).searchParams.get('token')!;
    await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'dari-outbox-1' }).expect(204);
    await t.http().post('/api/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(401);
  });
});
