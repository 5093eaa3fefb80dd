/**
 * Auth rate limits that suit offices (issue 14, contract AUTH_RATE_LIMIT): sign-in per account
 * from any address, refresh per sign-in session, registration per address, and a much larger
 * per-address ceiling (30 × AUTH_RATE_LIMIT). Every 429 carries the standard `Retry-After`.
 * Client addresses are told apart through X-Forwarded-For (TRUST_PROXY=1).
 */
import { TEST_PASSWORD, TestApp, TestUser } from '@app/testing';
import { DiscussionsService } from '../../apps/api/src/modules/discussions/discussions.service';

jest.setTimeout(120_000);

const expectLimited = (res: { status: number; body: { code?: string }; headers: Record<string, string> }) => {
  expect(res.status).toBe(429);
  expect(res.body.code).toBe('RATE_LIMITED');
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect(Object.keys(res.headers).filter((h) => /^retry-after-/i.test(h))).toEqual([]);
};

describe('auth rate limits for offices behind one address (e2e)', () => {
  let t: TestApp;
  const office = '203.0.113.10';

  beforeAll(async () => {
    t = await TestApp.start({ AUTH_RATE_LIMIT: '10', TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, from = office) =>
    t.http().post('/api/auth/login').set('x-forwarded-for', from).send({ email, password });
  const refresh = (refreshToken: string, from = office) =>
    t.http().post('/api/auth/refresh').set('x-forwarded-for', from).send({ refreshToken });

  it('30 accounts sign in and 30 sessions refresh from one address within a minute, while the 11th wrong password for one account gets 429', async () => {
    const staff: TestUser[] = [];
    for (let i = 0; i < 30; i++) staff.push(await t.user());
    const signedIn = await Promise.all(staff.map((u) => login(u.email, TEST_PASSWORD)));
    expect(signedIn.map((r) => r.status)).toEqual(staff.map(() => 200));
    const refreshed = await Promise.all(signedIn.map((r) => refresh(r.body.refreshToken)));
    expect(refreshed.map((r) => r.status)).toEqual(staff.map(() => 200));

    const target = await t.user();
    for (let i = 0; i < 10; i++) expect((await login(target.email, 'wrong-password')).status).toBe(401);
    expectLimited(await login(target.email, 'wrong-password'));
    // Per account from any address: another address, even with the right password, waits too…
    expectLimited(await login(target.email, TEST_PASSWORD, '198.51.100.7'));
    // …and the office's other people are not locked out.
    expect((await login(staff[0].email, TEST_PASSWORD)).status).toBe(200);
  });

  it('refresh is limited per sign-in session: the 11th rotation of one session in a minute gets 429, other sessions go on', async () => {
    const u = await t.user();
    let token = (await login(u.email, TEST_PASSWORD, '192.0.2.1')).body.refreshToken as string;
    const other = (await login(u.email, TEST_PASSWORD, '192.0.2.1')).body.refreshToken as string;
    for (let i = 0; i < 10; i++) {
      const res = await refresh(token, '192.0.2.1');
      expect(res.status).toBe(200);
      token = res.body.refreshToken;
    }
    expectLimited(await refresh(token, '192.0.2.2'));
    expect((await refresh(other, '192.0.2.1')).status).toBe(200);
  });

  it('registration is limited per address', async () => {
    const register = (from: string) =>
      t
        .http()
        .post('/api/auth/register')
        .set('x-forwarded-for', from)
        .send({ email: `${t.uniq('daftar')}@test.jippnas.id`, password: TEST_PASSWORD, name: 'Pendaftar' });
    for (let i = 0; i < 10; i++) expect((await register('192.0.2.50')).status).toBe(201);
    expectLimited(await register('192.0.2.50'));
    expect((await register('192.0.2.51')).status).toBe(201);
  });

  it('each address has a ceiling of 30 × AUTH_RATE_LIMIT sign-ins and refreshes a minute, over all accounts', async () => {
    const small = await TestApp.start({ AUTH_RATE_LIMIT: '1', TRUST_PROXY: '1' });
    try {
      const from = '192.0.2.99';
      const attempts = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          small
            .http()
            .post('/api/auth/login')
            .set('x-forwarded-for', from)
            .send({ email: `tak-ada-${i}@test.jippnas.id`, password: 'whatever1' }),
        ),
      );
      expect(attempts.map((r) => r.status)).toEqual(attempts.map(() => 401));
      expectLimited(
        await small
          .http()
          .post('/api/auth/login')
          .set('x-forwarded-for', from)
          .send({ email: 'tak-ada-31@test.jippnas.id', password: 'whatever1' }),
      );
      expectLimited(await small.http().post('/api/auth/refresh').set('x-forwarded-for', from).send({ refreshToken: 'x.y' }));
      // Another address (and an account not yet tried) is not affected.
      expect(
        (
          await small
            .http()
            .post('/api/auth/login')
            .set('x-forwarded-for', '192.0.2.100')
            .send({ email: 'tak-ada-32@test.jippnas.id', password: 'whatever1' })
        ).status,
      ).toBe(401);
    } finally {
      await small.close();
    }
  });

  it('other 429s carry Retry-After too (posting limit)', async () => {
    const unit = await t.unit();
    const innovation = await t.innovation(unit.id);
    const u = await t.user();
    t.get<DiscussionsService>(DiscussionsService).limits.postsPerMinute = 1;
    const thread = await t
      .http()
      .post('/api/threads')
      .set('authorization', u.auth)
      .send({ innovationId: innovation.id, title: 'Batas', body: 'pertama' })
      .expect(201);
    const res = await t.http().post(`/api/threads/${thread.body.id}/posts`).set('authorization', u.auth).send({ body: 'kedua' });
    expectLimited(res);
  });
});
