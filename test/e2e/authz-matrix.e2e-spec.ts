/**
 * Authorisation matrix, table-driven: for each endpoint, every role (anonymous, plain user,
 * unit member, unit admin, curator, moderator, platform admin). The allowed ones succeed (2xx);
 * the others get 401 (anonymous) or 403, in the error shape. Each call gets fresh fixtures
 * where a first success would change the answer of the next (members, threads, suspensions).
 */
import { TestApp, TestUser } from '@app/testing';

jest.setTimeout(120_000);

type Role = 'anonymous' | 'user' | 'unitMember' | 'unitAdmin' | 'curator' | 'moderator' | 'admin';
const ROLES: Role[] = ['anonymous', 'user', 'unitMember', 'unitAdmin', 'curator', 'moderator', 'admin'];
const SIGNED_IN: Role[] = ROLES.filter((r) => r !== 'anonymous');

interface Row {
  name: string;
  allowed: Role[];
  /** Builds the request (fresh fixtures when needed) and returns [method, path, body?]. */
  build: () => Promise<[method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown]>;
}

describe('authorisation matrix (e2e)', () => {
  let t: TestApp;
  const as: Partial<Record<Role, TestUser>> = {};
  let agencyId: string;
  let unitId: string;
  let otherUnitId: string;
  let playbookId: string;
  let replicationId: string;
  const tally = { cases: 0, allowed: 0, refused: 0 };

  beforeAll(async () => {
    t = await TestApp.start();
    const agency = await t.agency();
    agencyId = agency.id;
    unitId = (await t.unit(agency)).id;
    otherUnitId = (await t.unit()).id;
    as.user = await t.user();
    as.unitMember = await t.user({ units: [[unitId, 'member']] });
    as.unitAdmin = await t.user({ units: [[unitId, 'admin']] });
    as.curator = await t.user({ roles: ['curator'] });
    as.moderator = await t.user({ roles: ['moderator'] });
    as.admin = await t.user({ roles: ['admin'] });
    const { replication, playbook } = await t.replication({ originUnitId: unitId, replicatingUnitId: otherUnitId });
    playbookId = playbook.id;
    replicationId = replication.id;
  });
  afterAll(async () => {
    await t?.close();
    console.log(`authorisation matrix: ${tally.cases} cases (${tally.allowed} allowed, ${tally.refused} refused)`);
  });

  // A new author each time: thread creation is rate limited per user.
  const freshThread = async () => {
    const by = await t.user({ units: [[otherUnitId, 'member']] });
    const res = await t.http().post('/api/threads').set('authorization', by.auth).send({ replicationId, title: 'Diskusi matriks', body: 'Isi' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const rows: Row[] = [
    { name: 'GET /api/me', allowed: SIGNED_IN, build: async () => ['get', '/api/me'] },
    { name: 'GET /api/agencies', allowed: SIGNED_IN, build: async () => ['get', '/api/agencies'] },
    { name: 'GET /api/agencies/:id', allowed: SIGNED_IN, build: async () => ['get', `/api/agencies/${agencyId}`] },
    { name: 'POST /api/agencies', allowed: ['admin'], build: async () => ['post', '/api/agencies', { name: `Dinas ${t.uniq()}`, kind: 'city' }] },
    { name: 'POST /api/agencies/:id/units', allowed: ['admin'], build: async () => ['post', `/api/agencies/${agencyId}/units`, { name: `Unit ${t.uniq()}` }] },
    { name: 'GET /api/units/:id', allowed: SIGNED_IN, build: async () => ['get', `/api/units/${unitId}`] },
    {
      name: 'POST /api/units/:id/members',
      allowed: ['unitAdmin', 'admin'],
      build: async () => ['post', `/api/units/${unitId}/members`, { userId: (await t.user()).id, role: 'member' }],
    },
    {
      name: 'DELETE /api/units/:id/members/:userId',
      allowed: ['unitAdmin', 'admin'],
      build: async () => ['delete', `/api/units/${unitId}/members/${(await t.user({ units: [[unitId, 'member']] })).id}`],
    },
    { name: 'PUT /api/users/:id/roles', allowed: ['admin'], build: async () => ['put', `/api/users/${(await t.user()).id}/roles`, { roles: ['user', 'curator'] }] },
    { name: 'GET /api/notifications', allowed: SIGNED_IN, build: async () => ['get', '/api/notifications'] },
    { name: 'POST /api/notifications/read-all', allowed: SIGNED_IN, build: async () => ['post', '/api/notifications/read-all'] },
    { name: 'GET /api/moderation/queue', allowed: ['moderator', 'admin'], build: async () => ['get', '/api/moderation/queue'] },
    { name: 'GET /api/moderation/audit', allowed: ['moderator', 'admin'], build: async () => ['get', '/api/moderation/audit'] },
    { name: 'POST /api/threads/:id/lock', allowed: ['moderator', 'admin'], build: async () => ['post', `/api/threads/${await freshThread()}/lock`] },
    { name: 'POST /api/threads/:id/pin', allowed: ['moderator', 'admin'], build: async () => ['post', `/api/threads/${await freshThread()}/pin`] },
    { name: 'PUT /api/threads/:id/slow-mode', allowed: ['moderator', 'admin'], build: async () => ['put', `/api/threads/${await freshThread()}/slow-mode`, { seconds: 30 }] },
    {
      name: 'POST /api/users/:id/suspensions',
      allowed: ['moderator', 'admin'],
      build: async () => ['post', `/api/users/${(await t.user()).id}/suspensions`, { until: new Date(Date.now() + 3600_000).toISOString(), reason: 'uji matriks' }],
    },
    // Team playbook of a replication whose origin unit is `unitId`: its members and admins edit.
    { name: 'GET /api/playbooks/:id (team)', allowed: ['unitMember', 'unitAdmin', 'admin'], build: async () => ['get', `/api/playbooks/${playbookId}`] },
    { name: 'PATCH /api/playbooks/:id', allowed: ['unitMember', 'unitAdmin', 'admin'], build: async () => ['patch', `/api/playbooks/${playbookId}`, { title: `Playbook ${t.uniq()}` }] },
    { name: 'GET /api/playbooks/:id/versions', allowed: ['unitMember', 'unitAdmin', 'admin'], build: async () => ['get', `/api/playbooks/${playbookId}/versions`] },
    { name: 'GET /api/replications/:id', allowed: SIGNED_IN, build: async () => ['get', `/api/replications/${replicationId}`] },
    {
      name: 'POST /api/innovations (unitId = the unit)',
      allowed: ['unitMember', 'unitAdmin', 'curator', 'admin'],
      build: async () => ['post', '/api/innovations', { title: `Inovasi ${t.uniq()}`, summary: 'Ringkasan', unitId, source: 'KIPP', year: 2024 }],
    },
    { name: 'POST /api/innovations/import', allowed: ['curator', 'admin'], build: async () => ['post', '/api/innovations/import', []] },
    { name: 'GET /metrics', allowed: ['admin'], build: async () => ['get', '/metrics'] },
    { name: 'GET /api/metrics', allowed: ['admin'], build: async () => ['get', '/api/metrics'] },
  ];

  describe.each(rows)('$name', (row) => {
    it.each(ROLES)('as %s', async (role) => {
      const [method, path, body] = await row.build();
      let req = t.http()[method](path);
      const who = as[role as Exclude<Role, 'anonymous'>];
      if (who) req = req.set('authorization', who.auth);
      const res = body === undefined ? await req : await req.send(body as object);
      tally.cases++;
      if (row.allowed.includes(role)) {
        tally.allowed++;
        if (res.status < 200 || res.status >= 300) throw new Error(`${row.name} as ${role}: expected success, got ${res.status} ${JSON.stringify(res.body)}`);
      } else {
        tally.refused++;
        const expected = role === 'anonymous' ? 401 : 403;
        if (res.status !== expected) throw new Error(`${row.name} as ${role}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
        expect(res.body).toMatchObject({ statusCode: expected, code: expect.any(String), message: expect.any(String) });
      }
    });
  });
});

describe('metrics content (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.METRICS_TOKEN = 'metrics-token-for-the-e2e-test';
    t = await TestApp.start();
  });
  afterAll(async () => {
    delete process.env.METRICS_TOKEN;
    await t?.close();
  });

  it('counts requests by route template and exposes socket and collaboration gauges', async () => {
    const u = await t.user();
    await t.http().get('/api/me').set('authorization', u.auth).expect(200);
    await t.http().get('/api/no-such-route').expect(404);
    const res = await t.http().get('/metrics').set('authorization', 'Bearer metrics-token-for-the-e2e-test').expect(200);
    expect(res.text).toMatch(/jippnas_http_requests_total\{method="GET",route="\/api\/me",status="200"\} 1/);
    expect(res.text).toMatch(/route="unmatched",status="404"/);
    expect(res.text).toContain('jippnas_http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/jippnas_socketio_connections\{namespace="\/realtime"\} 0/);
    expect(res.text).toMatch(/jippnas_collab_documents \d+/);
    expect(res.text).toMatch(/jippnas_collab_connections \d+/);
    expect((await t.http().get('/metrics').set('authorization', 'Bearer wrong-token-wrong-token')).status).toBe(401);
  });
});
