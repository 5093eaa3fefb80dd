/**
 * Hostile input, property-based (fast-check): for every operation in the OpenAPI spec
 * (read at run time, so new endpoints are covered automatically), generated bodies, raw
 * bodies, query strings, headers and path parameters, as anonymous, with a bad token, as a
 * plain user and as an admin. Never a 5xx; every 4xx has the error shape; the process stays
 * healthy; no prototype pollution; data a non-admin may not change is unchanged.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { TestApp, TestUser } from '@app/testing';
import {
  body,
  contentType,
  encode,
  fillPath,
  fingerprint,
  headerSets,
  nastyString,
  Operation,
  operations,
  pathValue,
  problem,
  queryFor,
  rawBody,
  Watched,
} from './hostile.support';

jest.setTimeout(180_000);

/** Requests per phase, spread over all operations (keeps the file well under a minute). */
const NON_ADMIN_BUDGET = Number(process.env.HOSTILE_BUDGET ?? 1800);
const ADMIN_BUDGET = Math.round(NON_ADMIN_BUDGET / 3);

describe('hostile input on every OpenAPI operation (e2e, fast-check)', () => {
  let t: TestApp;
  let user: TestUser;
  let owner: TestUser;
  let admin: TestUser;
  let ops: Operation[];
  const known: string[] = [];
  const tried = { requests: 0, byStatus: {} as Record<string, number> };

  beforeAll(async () => {
    t = await TestApp.start();
    const origin = await t.unit();
    const replicating = await t.unit();
    owner = await t.user({ units: [[origin.id, 'admin']] });
    user = await t.user();
    admin = await t.user({ roles: ['admin'] });
    const { replication, playbook } = await t.replication({ originUnitId: origin.id, replicatingUnitId: replicating.id });
    known.push(
      origin.id,
      replicating.id,
      owner.id,
      user.id,
      replication.id,
      playbook.id,
      (replication.innovation as { id: string }).id,
      origin.agency.id,
    );
    // A thread and a post by someone else, when discussions exist.
    const thread = await t
      .http()
      .post('/api/threads')
      .set('authorization', owner.auth)
      .send({ replicationId: replication.id, title: 'Diskusi uji', body: 'Isi pertama' });
    if (thread.status === 201) {
      known.push(thread.body.id);
      const post = await t.http().post(`/api/threads/${thread.body.id}/posts`).set('authorization', owner.auth).send({ body: 'Balasan' });
      if (post.status === 201) known.push(post.body.id);
    }
    const spec = await t.http().get('/api/docs-json').expect(200);
    ops = operations(spec.body);
  });
  afterAll(async () => {
    await t?.close();
    console.log(`hostile HTTP: ${ops?.length} operations, ${tried.requests} requests, by status ${JSON.stringify(tried.byStatus)}`);
  });

  type Caller = 'anonymous' | 'bad-token' | 'user' | 'admin';
  const authFor = (caller: Caller): string | undefined =>
    caller === 'user' ? user.auth : caller === 'admin' ? admin.auth : caller === 'bad-token' ? `Bearer ${randomUUID()}.x.y` : undefined;

  /** One generated request against `op`; returns a problem description or ''. */
  async function send(
    op: Operation,
    caller: Caller,
    input: {
      params: Record<string, string>;
      query: [string, string][];
      json: unknown;
      raw?: { text: string; type: string };
      headers: Record<string, string>;
    },
  ) {
    const url = fillPath(op.path, input.params);
    const qs = input.query.map(([k, v]) => `${encode(k)}=${v === '%zz' ? v : encode(v)}`).join('&');
    let req = t.http()[op.method](qs ? `${url}?${qs}` : url);
    for (const [k, v] of Object.entries(input.headers)) req = req.set(k, v);
    const auth = authFor(caller);
    if (auth) req = req.set('authorization', auth);
    if (op.hasBody) {
      if (input.raw) {
        if (input.raw.type) req = req.set('content-type', input.raw.type);
        req = req.send(input.raw.text);
      } else if (input.json !== undefined) {
        req = req.set('content-type', 'application/json').send(JSON.stringify(input.json));
      }
    }
    const res = await req;
    tried.requests++;
    const key = `${Math.floor(res.status / 100)}xx`;
    tried.byStatus[key] = (tried.byStatus[key] ?? 0) + 1;
    const found = problem(res.status, res.body, res.text ?? '');
    return found ? `${op.method.toUpperCase()} ${url} as ${caller}: ${found}` : '';
  }

  function arbitraryFor(op: Operation, callers: Caller[]) {
    const params = fc.record(Object.fromEntries(op.params.map((p) => [p, pathValue(known)])) as Record<string, fc.Arbitrary<string>>);
    return fc.record({
      caller: fc.constantFrom(...callers),
      params,
      query: queryFor(op),
      json: body(op),
      raw: fc.option(fc.record({ text: fc.oneof(rawBody, nastyString), type: contentType }), { freq: 3 }),
      headers: headerSets,
    });
  }

  async function attack(callers: Caller[], budget: number) {
    const perOp = Math.max(4, Math.floor(budget / ops.length));
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(arbitraryFor(op, callers), async (input) => {
          const found = await send(op, input.caller, { ...input, raw: input.raw ?? undefined });
          if (found) throw new Error(found);
        }),
        { numRuns: perOp, endOnFailure: true },
      );
    }
  }

  const healthy = async () => {
    const res = await t.http().get('/api/health');
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  };

  it('reads the operations from the OpenAPI spec', () => {
    expect(ops.length).toBeGreaterThan(20);
    for (const path of ['/api/auth/login', '/api/agencies', '/api/units/{id}/members', '/api/notifications'])
      expect(ops.some((o) => o.path === path)).toBe(true);
  });

  it('anonymous, bad-token and plain-user callers: never a 5xx, always the error shape, nothing they may not change changes', async () => {
    const watched: Watched[] = [
      'agencies',
      'units',
      'memberships',
      'innovations',
      'replications',
      'replication_transitions',
      'playbooks',
      'playbook_versions',
      'mentorships',
      'mentorship_mentors',
      'mentorship_goals',
      'mentorship_sessions',
      'moderation_audit',
      'user_suspensions',
      {
        name: 'users (existing accounts)',
        // The plain caller may rename itself (PATCH /api/me/profile with a generated valid body);
        // everyone else's name, and every email, password and role, must stay.
        sql: 'select id, email, case when id = $2 then null else name end as name, password_hash, roles from users where id = any($1) order by id',
        params: [[owner.id, user.id, admin.id], user.id],
      },
      {
        name: 'threads of others',
        sql: 'select id, title, locked, pinned, slow_mode_seconds, accepted_post_id from threads where author_id <> $1 order by id',
        params: [user.id],
      },
      {
        name: 'posts of others',
        sql: 'select id, body, hidden, deleted_at from posts where author_id <> $1 order by id',
        params: [user.id],
      },
    ];
    const before = await fingerprint(t.databaseUrl, watched);
    await attack(['anonymous', 'bad-token', 'user'], NON_ADMIN_BUDGET);
    await healthy();
    expect(await fingerprint(t.databaseUrl, watched)).toEqual(before);
  });

  it('a URL past the header limit is refused by Node (431/414), and the server stays up', async () => {
    const res = await fetch(`${t.baseUrl}/api/agencies?q=${'A'.repeat(100_000)}`).catch(() => undefined);
    if (res) expect([414, 431]).toContain(res.status);
    await healthy();
  });

  it('admin caller: never a 5xx, always the error shape, process healthy', async () => {
    await attack(['admin'], ADMIN_BUDGET);
    await healthy();
  });
});
