import { io, Socket } from 'socket.io-client';
import { AuthSessionsService } from '@app/auth';
import { TEST_PASSWORD, TestApp, TestUser, waitUntil } from '@app/testing';
import { CollabOptions } from '../../apps/api/src/modules/playbooks/collab/collab-options';
import { CollabSessions } from '../../apps/api/src/modules/playbooks/collab/collab-sessions';
import { appendParagraph, CollabClients, xml } from './playbooks.helpers';

/** Sockets live as long as their sign-in session, not their access token (ACCESS_TOKEN_TTL = 5 s here). */
describe('Playbook sockets and sign-in sessions', () => {
  let t: TestApp;
  let editor: TestUser;
  let playbookId: string;
  const clients = new CollabClients();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ ACCESS_TOKEN_TTL: '5' });
    const origin = await t.unit();
    const replicating = await t.unit();
    ({
      playbook: { id: playbookId },
    } = await t.replication({ originUnitId: origin.id, replicatingUnitId: replicating.id }));
    editor = await t.user({ units: [[origin.id, 'member']] });
  });
  afterEach(() => {
    clients.destroyAll();
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    clients.destroyAll();
    await t?.close();
  });

  const login = async (u: TestUser = editor) => {
    const r = await t.http().post('/api/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
    return r.body as { accessToken: string; refreshToken: string };
  };
  const realtime = (token: string) => {
    const s = io(`${t.baseUrl}/realtime`, {
      path: '/socket.io',
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(s);
    return s;
  };
  const tokenExp = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;

  it('typing goes on past the access token’s expiry with nothing lost; /realtime stays connected too', async () => {
    const { accessToken } = await login();
    const c = clients.open(t.wsUrl, playbookId, accessToken);
    const rt = realtime(accessToken);
    await clients.synced(c);
    await waitUntil(() => rt.connected, 'realtime connected');
    const expiresAt = tokenExp(accessToken);
    let n = 0;
    // Keep typing until well past the token's expiry (the clock is what we wait for here).
    await waitUntil(
      () => {
        appendParagraph(c.doc, `ketikan ${n++}`);
        return Date.now() > expiresAt + 1500;
      },
      'the token to expire',
      15_000,
    );
    appendParagraph(c.doc, 'setelah kedaluwarsa');
    expect(c.closes).toEqual([]);
    expect(c.provider.wsconnected).toBe(true);
    expect(rt.connected).toBe(true);
    // Everything typed reached the server: a fresh client (with a fresh token) sees all of it.
    const fresh = clients.open(t.wsUrl, playbookId, (await login()).accessToken);
    await waitUntil(() => xml(fresh.doc).includes('setelah kedaluwarsa'), 'the last paragraph at a fresh client');
    for (let i = 0; i < n; i++) expect(xml(fresh.doc)).toContain(`<paragraph>ketikan ${i}</paragraph>`);
  }, 30_000);

  it('logout closes the session’s collaboration sockets with 4401 and disconnects its /realtime sockets, other sessions stay', async () => {
    const mine = await login();
    const other = await login();
    const c = clients.open(t.wsUrl, playbookId, mine.accessToken);
    const keep = clients.open(t.wsUrl, playbookId, other.accessToken);
    const rt = realtime(mine.accessToken);
    const rtOther = realtime(other.accessToken);
    const ended: unknown[] = [];
    rt.on('session:ended', (p) => ended.push(p));
    await Promise.all([clients.synced(c), clients.synced(keep), waitUntil(() => rt.connected && rtOther.connected, 'realtime connected')]);
    await t.http().post('/api/auth/logout').send({ refreshToken: mine.refreshToken }).expect(204);
    expect(await clients.closedWith(c)).toBe(4401);
    await waitUntil(() => !rt.connected, 'realtime disconnected');
    expect(ended.length).toBe(1);
    expect(keep.closes).toEqual([]);
    expect(rtOther.connected).toBe(true);
    // The access token of the ended session no longer opens a socket, although it has not expired.
    const again = clients.open(t.wsUrl, playbookId, mine.accessToken);
    expect(await clients.closedWith(again)).toBe(4401);
    const rtAgain = realtime(mine.accessToken);
    const err = await new Promise<Error & { data?: { code?: string } }>((resolve) => rtAgain.on('connect_error', resolve));
    expect(err.data?.code).toBe('UNAUTHENTICATED');
  });

  it('reuse of a spent refresh token ends its session: 4401', async () => {
    const first = await login();
    const c = clients.open(t.wsUrl, playbookId, first.accessToken);
    await clients.synced(c);
    await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    // The rotated session lives on: the socket stays.
    expect(c.closes).toEqual([]);
    await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(await clients.closedWith(c)).toBe(4401);
  });

  it('endAllForUser (password change, account disabled) closes every session of the user but the one kept', async () => {
    const a = await login();
    const b = await login();
    const ca = clients.open(t.wsUrl, playbookId, a.accessToken);
    const cb = clients.open(t.wsUrl, playbookId, b.accessToken);
    const rta = realtime(a.accessToken);
    const rtb = realtime(b.accessToken);
    await Promise.all([clients.synced(ca), clients.synced(cb), waitUntil(() => rta.connected && rtb.connected, 'realtime connected')]);
    const sessionOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;
    await t.get<AuthSessionsService>(AuthSessionsService).endAllForUser(editor.id, { exceptSessionId: sessionOf(b.accessToken) });
    expect(await clients.closedWith(ca)).toBe(4401);
    await waitUntil(() => !rta.connected, 'realtime of the ended session disconnected');
    expect(cb.closes).toEqual([]);
    expect(rtb.connected).toBe(true);
    await t.get<AuthSessionsService>(AuthSessionsService).endAllForUser(editor.id);
    expect(await clients.closedWith(cb)).toBe(4401);
    await waitUntil(() => !rtb.connected, 'realtime of the kept session disconnected');
    await t.http().post('/api/auth/refresh').send({ refreshToken: b.refreshToken }).expect(401);
  });

  it('a session that ends without a notice (revoked directly in the database) is caught by the sweep', async () => {
    const s = await login();
    const c = clients.open(t.wsUrl, playbookId, s.accessToken);
    await clients.synced(c);
    await t.em().getConnection().execute('update refresh_tokens set revoked_at = now() where user_id = ?', [editor.id]);
    await t.get<CollabSessions>(CollabSessions).sweep();
    expect(await clients.closedWith(c)).toBe(4401);
  });

  it('a token already expired at connect is refused with 4401', async () => {
    const { accessToken } = await login();
    const expiresAt = tokenExp(accessToken);
    await waitUntil(() => Date.now() > expiresAt + 1000, 'the token to expire', 10_000);
    const late = clients.open(t.wsUrl, playbookId, accessToken);
    expect(await clients.closedWith(late)).toBe(4401);
    expect(t.get<CollabOptions>(CollabOptions).sessionRecheckMs).toBeGreaterThan(0);
  }, 15_000);
});
