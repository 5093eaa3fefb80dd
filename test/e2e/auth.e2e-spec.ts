import { TEST_PASSWORD, TestApp } from '@app/testing';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  const email = () => `${t.uniq('a')}@example.go.id`;

  describe('POST /api/auth/register', () => {
    it('creates an account, signs it in, never returns the hash', async () => {
      const e = email();
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: e.toUpperCase(), password: 'rahasia123', name: '  Budi  ' })
        .expect(201);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.refreshToken).toEqual(expect.any(String));
      expect(res.body.user).toMatchObject({ email: e, name: 'Budi', roles: ['user'] });
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
      const me = await t.http().get('/api/me').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ id: res.body.user.id, email: e, roles: ['user'], memberships: [] });
    });

    it('rejects a duplicate email with 409', async () => {
      const e = email();
      await t.http().post('/api/auth/register').send({ email: e, password: 'rahasia123', name: 'A' }).expect(201);
      const res = await t.http().post('/api/auth/register').send({ email: e, password: 'rahasia456', name: 'B' }).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN' });
    });

    it.each([
      ['short password', { password: 'pendek', name: 'A' }],
      ['missing name', { password: 'rahasia123' }],
      ['wrong type', { password: 12345678, name: 'A' }],
      ['unknown field', { password: 'rahasia123', name: 'A', isAdmin: true }],
      ['roles smuggled in', { password: 'rahasia123', name: 'A', roles: ['admin'] }],
    ])('rejects %s with 400 VALIDATION_FAILED', async (_label, body) => {
      const res = await t
        .http()
        .post('/api/auth/register')
        .send({ email: email(), ...body })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.stack).toBeUndefined();
    });

    it('rejects an invalid email, malformed JSON and an oversized body', async () => {
      await t.http().post('/api/auth/register').send({ email: 'bukan-email', password: 'rahasia123', name: 'A' }).expect(400);
      const bad = await t.http().post('/api/auth/register').set('content-type', 'application/json').send('{"email": ').expect(400);
      expect(bad.body.code).toBe('MALFORMED_JSON');
      const big = await t
        .http()
        .post('/api/auth/register')
        .send({ email: email(), password: 'rahasia123', name: 'x'.repeat(2_000_000) })
        .expect(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('POST /api/auth/login', () => {
    it('signs in with the right password and refuses the wrong one with 401', async () => {
      const u = await t.user();
      const ok = await t.http().post('/api/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
      expect(ok.body.user).toMatchObject({ id: u.id, email: u.email });
      const wrong = await t.http().post('/api/auth/login').send({ email: u.email, password: 'salah-sekali' }).expect(401);
      expect(wrong.body.code).toBe('AUTH_INVALID_CREDENTIALS');
      const unknown = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'tidak-ada@example.go.id', password: 'salah-sekali' })
        .expect(401);
      expect(unknown.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    });

    it('rejects missing fields and non-object bodies with 400', async () => {
      await t.http().post('/api/auth/login').send({ email: 'a@b.c' }).expect(400);
      await t.http().post('/api/auth/login').send([1, 2, 3]).expect(400);
      await t.http().post('/api/auth/login').set('content-type', 'application/json').send('null').expect(400);
    });
  });

  describe('refresh rotation', () => {
    async function signIn() {
      const u = await t.user();
      const res = await t.http().post('/api/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
      return res.body as { accessToken: string; refreshToken: string };
    }

    it('rotates: the new pair works and the old refresh token stops working', async () => {
      const first = await signIn();
      const second = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      await t.http().get('/api/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(200);
      const reused = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect(reused.body.code).toBe('AUTH_REFRESH_REUSED');
    });

    it('reuse of a spent token revokes the whole family, including the newest token', async () => {
      const first = await signIn();
      const second = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
      await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    });

    it('two concurrent uses of one token: exactly one succeeds', async () => {
      const first = await signIn();
      const results = await Promise.all([1, 2].map(() => t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('logout ends the sign-in; garbage tokens get 401 or 204, never 500', async () => {
      const first = await signIn();
      await t.http().post('/api/auth/logout').send({ refreshToken: first.refreshToken }).expect(204);
      await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: 'garbage' }).expect(401);
      await t.http().post('/api/auth/refresh').send({ refreshToken: '00000000-0000-0000-0000-000000000000.x' }).expect(401);
      await t.http().post('/api/auth/logout').send({ refreshToken: 'garbage' }).expect(204);
      await t.http().post('/api/auth/refresh').send({}).expect(400);
      await t.http().post('/api/auth/logout').send({ refreshToken: 5 }).expect(400);
    });
  });

  describe('GET /api/me', () => {
    it('401 without, with a malformed, or with a foreign-signed token', async () => {
      expect((await t.http().get('/api/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
      await t.http().get('/api/me').set('authorization', 'Bearer nonsense').expect(401);
      const forged = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwidHlwIjoiYWNjZXNzIn0.c2lnbmF0dXJlLW9mLWFub3RoZXI';
      await t.http().get('/api/me').set('authorization', `Bearer ${forged}`).expect(401);
    });

    it('lists memberships with unit and agency ids and names', async () => {
      const agency = await t.agency();
      const unit = await t.unit(agency);
      const u = await t.user({ units: [[unit.id, 'admin']] });
      const me = await t.http().get('/api/me').set('authorization', u.auth).expect(200);
      expect(me.body.memberships).toEqual([
        {
          unitId: unit.id,
          agencyId: agency.id,
          role: 'admin',
          unit: { id: unit.id, name: unit.name },
          agency: { id: agency.id, name: agency.name },
        },
      ]);
    });
  });

  describe('expired access tokens', () => {
    let short: TestApp;
    beforeAll(async () => {
      short = await TestApp.start({ ACCESS_TOKEN_TTL: '5' });
    });
    afterAll(async () => {
      await short.close();
    });

    it('401 AUTH_TOKEN_EXPIRED once the token has expired', async () => {
      const u = await short.user();
      await short.http().get('/api/me').set('authorization', u.auth).expect(200);
      const jwt = short.get<import('@nestjs/jwt').JwtService>(require('@nestjs/jwt').JwtService);
      const expired = jwt.sign({ sub: u.id, typ: 'access' }, { expiresIn: -10 });
      const res = await short.http().get('/api/me').set('authorization', `Bearer ${expired}`).expect(401);
      expect(res.body.code).toBe('AUTH_TOKEN_EXPIRED');
    });
  });
});

describe('auth rate limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ AUTH_RATE_LIMIT: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 RATE_LIMITED past AUTH_RATE_LIMIT sign-ins a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.http().post('/api/auth/login').send({ email: 'x@example.go.id', password: 'salah-sekali' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
