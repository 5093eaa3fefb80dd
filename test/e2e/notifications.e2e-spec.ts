import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { nextEvent, TestApp, TestUser, waitUntil } from '@app/testing';
import { NotificationsService } from '../../apps/api/src/modules/notifications/notifications.service';

describe('notifications and the realtime handshake (e2e)', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  const sockets: Socket[] = [];

  const connect = (token: unknown) => {
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

  beforeAll(async () => {
    t = await TestApp.start();
    alice = await t.user();
    bob = await t.user();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await t.close();
  });

  it('rejects a handshake without, or with a bad, token with connect_error', async () => {
    for (const token of [undefined, 'nonsense', 42, { x: 1 }]) {
      const err = await nextEvent<Error & { data?: { code?: string } }>(connect(token), 'connect_error');
      expect(err.data?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('delivers a notification live to the recipient only, and keeps it in the feed', async () => {
    const aliceSocket = connect(alice.token);
    const bobSocket = connect(bob.token);
    await Promise.all([nextEvent(aliceSocket, 'connect'), nextEvent(bobSocket, 'connect')]);
    const bobGot: unknown[] = [];
    bobSocket.on('notification', (n) => bobGot.push(n));

    const live = nextEvent<{ id: string; type: string; payload: unknown; createdAt: string }>(aliceSocket, 'notification');
    await t.get<NotificationsService>(NotificationsService).notify([alice.id], 'mention', { threadId: 't1', by: bob.id }, bob.id);
    const n = await live;
    expect(n).toMatchObject({
      id: expect.any(String),
      type: 'mention',
      payload: { threadId: 't1', by: bob.id },
      createdAt: expect.any(String),
    });

    const feed = await t.http().get('/api/notifications?unread=true').set('authorization', alice.auth).expect(200);
    expect(feed.body.unreadCount).toBe(1);
    expect(feed.body.items).toEqual([expect.objectContaining({ id: n.id, type: 'mention', readAt: null })]);
    expect(bobGot).toEqual([]);
    expect((await t.http().get('/api/notifications').set('authorization', bob.auth)).body).toEqual({ items: [], unreadCount: 0 });
  });

  it('never notifies the actor of their own action', async () => {
    const u = await t.user();
    await t.get<NotificationsService>(NotificationsService).notify([u.id], 'reply', {}, u.id);
    expect((await t.http().get('/api/notifications').set('authorization', u.auth)).body.unreadCount).toBe(0);
  });

  it('marks one and then all as read; someone else cannot mark yours', async () => {
    const u = await t.user();
    const svc = t.get<NotificationsService>(NotificationsService);
    await svc.notify([u.id], 'reply', { n: 1 });
    await svc.notify([u.id], 'reply', { n: 2 });
    await svc.notify([u.id], 'reply', { n: 3 });
    const feed = await t.http().get('/api/notifications').set('authorization', u.auth).expect(200);
    expect(feed.body.unreadCount).toBe(3);
    const first = feed.body.items[0].id;
    await t.http().post(`/api/notifications/${first}/read`).set('authorization', bob.auth).expect(404);
    const read = await t.http().post(`/api/notifications/${first}/read`).set('authorization', u.auth).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await t.http().get('/api/notifications?unread=true').set('authorization', u.auth)).body.unreadCount).toBe(2);
    await t.http().post('/api/notifications/read-all').set('authorization', u.auth).expect(200);
    const after = await t.http().get('/api/notifications?unread=true').set('authorization', u.auth).expect(200);
    expect(after.body).toEqual({ items: [], unreadCount: 0 });
  });

  it('pages with limit and before', async () => {
    const u = await t.user();
    const svc = t.get<NotificationsService>(NotificationsService);
    for (let i = 0; i < 3; i++) await svc.notify([u.id], 'reply', { i });
    const page1 = await t.http().get('/api/notifications?limit=2').set('authorization', u.auth).expect(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t
      .http()
      .get(`/api/notifications?limit=2&before=${encodeURIComponent(page1.body.items[1].createdAt)}`)
      .set('authorization', u.auth)
      .expect(200);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].payload).toEqual({ i: 0 });
  });

  it('pages oldest first with sort=created and after', async () => {
    const u = await t.user();
    const svc = t.get<NotificationsService>(NotificationsService);
    for (let i = 0; i < 3; i++) await svc.notify([u.id], 'reply', { i });
    const page1 = await t.http().get('/api/notifications?limit=2&sort=created').set('authorization', u.auth).expect(200);
    expect(page1.body.items.map((n: { payload: { i: number } }) => n.payload.i)).toEqual([0, 1]);
    const page2 = await t
      .http()
      .get(`/api/notifications?limit=2&sort=created&after=${encodeURIComponent(page1.body.items[1].createdAt)}`)
      .set('authorization', u.auth)
      .expect(200);
    expect(page2.body.items.map((n: { payload: { i: number } }) => n.payload.i)).toEqual([2]);
    await t.http().get('/api/notifications?after=tomorrow').set('authorization', u.auth).expect(400);
  });

  it('bad input: 400 for bad query and ids, 404 for unknown, 401 anonymous', async () => {
    await t.http().get('/api/notifications?unread=maybe').set('authorization', alice.auth).expect(400);
    await t.http().get('/api/notifications?limit=0').set('authorization', alice.auth).expect(400);
    await t.http().get('/api/notifications?limit=abc').set('authorization', alice.auth).expect(400);
    await t.http().get('/api/notifications?before=yesterday').set('authorization', alice.auth).expect(400);
    await t.http().get('/api/notifications?x=1').set('authorization', alice.auth).expect(400);
    await t.http().post('/api/notifications/nope/read').set('authorization', alice.auth).expect(400);
    await t.http().post(`/api/notifications/${randomUUID()}/read`).set('authorization', alice.auth).expect(404);
    await t.http().get('/api/notifications').expect(401);
    await t.http().post('/api/notifications/read-all').expect(401);
  });

  it('survives garbage events on the socket and keeps serving', async () => {
    const s = connect(alice.token);
    await nextEvent(s, 'connect');
    s.emit('no-such-event', { a: 1 });
    s.emit('notification', '\u0000'.repeat(1000));
    s.emit('thread:subscribe');
    await waitUntil(() => s.connected, 'socket still connected');
    await t.http().get('/api/health').expect(200);
  });
});
