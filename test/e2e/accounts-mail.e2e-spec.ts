import { TEST_PASSWORD, TestApp } from '@app/testing';
import { linkToken, TestSmtp } from './mail.support';

describe('accounts by mail: verification, password reset and change (real SMTP server)', () => {
  let smtp: TestSmtp;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await TestApp.start({ SMTP_URL: smtp.url, MAIL_POLL_MS: '50', PUBLIC_URL: 'https://kolaborasi.example.id' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const email = () => `${t.uniq('akun')}@test.jippnas.id`;

  it('mails a verification link at registration; until it is used the account may sign in and read but not post or join a unit', async () => {
    const address = email();
    const reg = await t.http().post('/api/auth/register').send({ email: address, password: 'rahasia123', name: 'Sari' }).expect(201);
    expect(reg.body.user.emailVerified).toBe(false);
    const auth = `Bearer ${reg.body.accessToken}`;
    const mail = await smtp.waitFor(address, /Konfirmasi alamat email/);
    expect(mail.html).toContain('https://kolaborasi.example.id/verifikasi-email?token=');
    expect(mail.from?.text).toContain('no-reply@localhost');

    const unit = await t.unit();
    const innovation = await t.innovation(unit.id);
    await t.http().get('/api/me').set('authorization', auth).expect(200);
    const blocked = await t
      .http()
      .post('/api/threads')
      .set('authorization', auth)
      .send({ innovationId: innovation.id, title: 'Tanya', body: 'Halo' })
      .expect(403);
    expect(blocked.body.code).toBe('EMAIL_NOT_VERIFIED');
    const admin = await t.user({ roles: ['admin'] });
    const join = await t
      .http()
      .post(`/api/units/${unit.id}/members`)
      .set('authorization', admin.auth)
      .send({ userId: reg.body.user.id, role: 'member' })
      .expect(409);
    expect(join.body.code).toBe('MEMBER_NOT_VERIFIED');

    const token = linkToken(mail, '/verifikasi-email');
    await t.http().post('/api/auth/verify-email/confirm').send({ token }).expect(204);
    const again = await t.http().post('/api/auth/verify-email/confirm').send({ token }).expect(400);
    expect(again.body.code).toBe('TOKEN_INVALID');
    expect((await t.http().get('/api/me').set('authorization', auth).expect(200)).body.emailVerified).toBe(true);
    await t
      .http()
      .post('/api/threads')
      .set('authorization', auth)
      .send({ innovationId: innovation.id, title: 'Tanya', body: 'Halo' })
      .expect(201);
    await t
      .http()
      .post(`/api/units/${unit.id}/members`)
      .set('authorization', admin.auth)
      .send({ userId: reg.body.user.id, role: 'member' })
      .expect(201);
  });

  it('rejects made-up verification tokens with 400 TOKEN_INVALID and malformed ones with 400', async () => {
    expect(
      (
        await t
          .http()
          .post('/api/auth/verify-email/confirm')
          .send({ token: 'x'.repeat(43) })
          .expect(400)
      ).body.code,
    ).toBe('TOKEN_INVALID');
    expect((await t.http().post('/api/auth/verify-email/confirm').send({ token: 42 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http().post('/api/auth/verify-email/confirm').send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('password reset: 202 for any address, one mail for a real one; the link works once, ends every session, and expires', async () => {
    const u = await t.user();
    const login = await t.http().post('/api/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
    const unknown = await t.http().post('/api/auth/password-reset').send({ email: 'tidak.ada@test.jippnas.id' }).expect(202);
    const known = await t.http().post('/api/auth/password-reset').send({ email: u.email.toUpperCase() }).expect(202);
    expect(known.body).toEqual(unknown.body);
    const mail = await smtp.waitFor(u.email, /Atur ulang kata sandi/);
    const token = linkToken(mail, '/atur-ulang-sandi');

    await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'kata-sandi-baru' }).expect(204);
    // Every sign-in session ended: the refresh token from before no longer works.
    await t.http().post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
    await t.http().post('/api/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(401);
    await t.http().post('/api/auth/login').send({ email: u.email, password: 'kata-sandi-baru' }).expect(200);
    const reused = await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'lagi-lagi-baru' }).expect(400);
    expect(reused.body.code).toBe('TOKEN_INVALID');
    expect(smtp.to('tidak.ada@test.jippnas.id')).toHaveLength(0);

    // A second link, left past its hour.
    await t.http().post('/api/auth/password-reset').send({ email: u.email }).expect(202);
    await waitForCount(() => smtp.to(u.email).filter((m) => /Atur ulang/.test(m.subject ?? '')).length, 2);
    const second = smtp.to(u.email).filter((m) => /Atur ulang/.test(m.subject ?? ''))[1];
    await t
      .em()
      .execute(`update account_tokens set expires_at = now() - interval '1 second' where kind = 'password_reset' and used_at is null`);
    const expired = await t
      .http()
      .post('/api/auth/password-reset/confirm')
      .send({ token: linkToken(second, '/atur-ulang-sandi'), password: 'kata-sandi-lain' })
      .expect(400);
    expect(expired.body.code).toBe('TOKEN_INVALID');
  });

  it('password reset requests are limited per account (quietly) and the new password is validated', async () => {
    const u = await t.user();
    for (let i = 0; i < 5; i++) await t.http().post('/api/auth/password-reset').send({ email: u.email }).expect(202);
    const [{ n }] = await t
      .em()
      .execute<{ n: number }[]>(`select count(*)::int as n from account_tokens where user_id = ? and kind = 'password_reset'`, [u.id]);
    expect(n).toBe(3);
    expect((await t.http().post('/api/auth/password-reset').send({ email: 'bukan email' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (
        await t
          .http()
          .post('/api/auth/password-reset/confirm')
          .send({ token: 'x'.repeat(43), password: 'pendek' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
  });

  it('password change needs the current password, ends the other sessions and keeps the caller signed in', async () => {
    const u = await t.user();
    const other = await t.http().post('/api/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
    const wrong = await t
      .http()
      .post('/api/auth/password')
      .set('authorization', u.auth)
      .send({ currentPassword: 'salah-salah', newPassword: 'baru-sekali-123' })
      .expect(400);
    expect(wrong.body.code).toBe('CURRENT_PASSWORD_INVALID');
    const changed = await t
      .http()
      .post('/api/auth/password')
      .set('authorization', u.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'baru-sekali-123' })
      .expect(200);
    await t.http().post('/api/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);
    await t.http().post('/api/auth/refresh').send({ refreshToken: changed.body.refreshToken }).expect(200);
    await smtp.waitFor(u.email, /Kata sandi Anda telah diubah/);
    await t.http().post('/api/auth/password').send({ currentPassword: 'x', newPassword: 'baru-sekali-123' }).expect(401);
  });
});

async function waitForCount(count: () => number, n: number): Promise<void> {
  const deadline = Date.now() + 8000;
  while (count() < n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} mails, have ${count()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
