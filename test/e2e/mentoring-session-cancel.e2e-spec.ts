import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { nextEvent, TestApp, TestUser, waitUntil } from '@app/testing';
import { castMentoring, MentoringCast, MentoringFixtures, State } from './mentoring-fixtures';

type Role = keyof Omit<MentoringCast, 'originUnitId' | 'replicatingUnitId' | 'facilitatorUnitId' | 'otherUnitId'>;
interface Note {
  id: string;
  type: string;
  payload: { mentorshipId?: string; change?: string; reason?: string | null; session?: { id: string; cancelled?: boolean } };
}

const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000);
/** Unfolds an iCalendar text into its content lines (RFC 5545 §3.1). */
const unfold = (text: string) =>
  text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
const props = (lines: string[], name: string) =>
  lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`)).map((l) => l.replace(/^[^:]*:/, ''));

/** Those who schedule sessions: either side's participants, curators and admins. */
const MAY: Role[] = ['mentor', 'mentor2', 'originAdmin', 'repAdmin', 'repMember', 'curator', 'admin'];
const MAY_NOT: Role[] = ['originMember', 'facMember', 'outsider', 'moderator'];

describe('mentoring: cancelling a session (e2e)', () => {
  let t: TestApp;
  let c: MentoringCast;
  let f: MentoringFixtures;
  const as = (u: TestUser) => ({ authorization: u.auth });
  const schedule = async (id: string, body: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post(`/api/mentorships/${id}/sessions`)
        .set(as(c.mentor))
        .send({ scheduledAt: daysFromNow(7).toISOString(), mode: 'onsite', agenda: 'Rapat koordinasi', ...body })
        .expect(201)
    ).body;
  const cancel = (id: string, sessionId: string, by: TestUser, body: unknown = {}) =>
    t
      .http()
      .post(`/api/mentorships/${id}/sessions/${sessionId}/cancel`)
      .set(as(by))
      .send(body as object);
  const detail = async (id: string) => (await t.http().get(`/api/mentorships/${id}`).set(as(c.admin)).expect(200)).body;
  const ics = async (id: string, sessionId: string) =>
    unfold((await t.http().get(`/api/mentorships/${id}/sessions/${sessionId}/ics`).set(as(c.repMember)).expect(200)).text);

  beforeAll(async () => {
    t = await TestApp.start();
    c = await castMentoring(t);
    f = new MentoringFixtures(t, c);
  });
  afterAll(async () => {
    await t.close();
  });

  it('closing a mentorship calls off the sessions still ahead (their .ics becomes a cancellation); held ones stay', async () => {
    for (const to of ['CANCELLED', 'COMPLETED'] as const) {
      const { id } = await f.mentorship('ACTIVE');
      const ahead = await schedule(id);
      const held = await schedule(id);
      await t
        .http()
        .patch(`/api/mentorships/${id}/sessions/${held.id}`)
        .set(as(c.mentor))
        .send({ heldAt: daysFromNow(-1).toISOString(), notes: 'Berjalan baik' })
        .expect(200);
      await t.http().post(`/api/mentorships/${id}/transitions`).set(as(c.admin)).send({ to }).expect(200);
      const sessions: { id: string; cancelled: boolean; cancelReason: string | null; sequence: number }[] = (await detail(id)).sessions;
      expect(sessions.find((x) => x.id === ahead.id)).toMatchObject({
        cancelled: true,
        cancelReason: to === 'CANCELLED' ? 'Pendampingan dibatalkan' : 'Pendampingan selesai',
        sequence: 1,
      });
      expect(sessions.find((x) => x.id === held.id)).toMatchObject({ cancelled: false, cancelReason: null });
      const lines = await ics(id, ahead.id);
      expect(props(lines, 'METHOD')).toEqual(['CANCEL']);
      expect(props(lines, 'SEQUENCE')).toEqual(['1']);
      expect(props(await ics(id, held.id), 'METHOD')).toEqual(['PUBLISH']);
    }
  });

  it('cancels a scheduled session: 200 with who, when and why, SEQUENCE bumped; the mentorship shows it cancelled', async () => {
    const { id } = await f.mentorship('ACTIVE');
    const s = await schedule(id);
    const res = await cancel(id, s.id, c.repMember, { reason: '  Bentrok dengan rapat paripurna DPRD  ' }).expect(200);
    expect(res.body).toMatchObject({
      id: s.id,
      mentorshipId: id,
      cancelled: true,
      cancelledAt: expect.any(String),
      cancelledById: c.repMember.id,
      cancelReason: 'Bentrok dengan rapat paripurna DPRD',
      held: false,
      missingNotes: false,
      sequence: 1,
      agenda: 'Rapat koordinasi',
    });
    expect(Date.parse(res.body.cancelledAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
    const m = await detail(id);
    expect(m.sessions.find((x: { id: string }) => x.id === s.id)).toMatchObject({
      cancelled: true,
      cancelReason: 'Bentrok dengan rapat paripurna DPRD',
    });
    expect(m.state).toBe('ACTIVE');
    // A session not cancelled says so.
    const other = await schedule(id);
    expect(other).toMatchObject({ cancelled: false, cancelledAt: null, cancelledById: null, cancelReason: null });
  });

  it('a reason is optional (blank counts as none)', async () => {
    const { id } = await f.mentorship('ACTIVE');
    const a = await schedule(id);
    const b = await schedule(id);
    expect((await cancel(id, a.id, c.mentor).expect(200)).body).toMatchObject({ cancelled: true, cancelReason: null });
    expect((await cancel(id, b.id, c.mentor, { reason: '   ' }).expect(200)).body).toMatchObject({ cancelled: true, cancelReason: null });
  });

  describe('calendar export', () => {
    it('a cancelled session’s .ics is a cancellation: METHOD:CANCEL, STATUS:CANCELLED, same UID, higher SEQUENCE, newer DTSTAMP', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const s = await schedule(id, { mode: 'online', url: 'https://meet.example.id/sesi' });
      // Rescheduled once (SEQUENCE 1), so the cancellation must go beyond that.
      await t
        .http()
        .patch(`/api/mentorships/${id}/sessions/${s.id}`)
        .set(as(c.mentor))
        .send({ scheduledAt: daysFromNow(8).toISOString() })
        .expect(200);
      const before = await ics(id, s.id);
      expect(props(before, 'METHOD')).toEqual(['PUBLISH']);
      expect(props(before, 'STATUS')).toEqual(['CONFIRMED']);
      expect(props(before, 'SEQUENCE')).toEqual(['1']);

      await cancel(id, s.id, c.mentor2, { reason: 'Narasumber berhalangan' }).expect(200);
      const after = await ics(id, s.id);
      expect(after[0]).toBe('BEGIN:VCALENDAR');
      expect(after.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
      expect(props(after, 'METHOD')).toEqual(['CANCEL']);
      expect(props(after, 'STATUS')).toEqual(['CANCELLED']);
      expect(props(after, 'SEQUENCE')).toEqual(['2']);
      expect(props(after, 'UID')).toEqual(props(before, 'UID'));
      expect(props(after, 'DTSTART')).toEqual(props(before, 'DTSTART'));
      expect(props(after, 'DTSTAMP')[0] >= props(before, 'DTSTAMP')[0]).toBe(true);
      expect(props(after, 'DESCRIPTION')[0]).toContain('Narasumber berhalangan');
      // Other sessions of the mentorship are untouched.
      const other = await schedule(id);
      expect(props(await ics(id, other.id), 'METHOD')).toEqual(['PUBLISH']);
    });
  });

  describe('progress and dashboards', () => {
    it('a past session without notes stops counting as "without notes" once cancelled; held sessions and last contact are unchanged', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const held = await schedule(id, { scheduledAt: daysFromNow(-5).toISOString() });
      const heldAt = daysFromNow(-5).toISOString();
      await t
        .http()
        .patch(`/api/mentorships/${id}/sessions/${held.id}`)
        .set(as(c.mentor))
        .send({ heldAt, notes: 'Berjalan baik' })
        .expect(200);
      const missed = await schedule(id, { scheduledAt: daysFromNow(-2).toISOString() });
      const future = await schedule(id);

      let m = await detail(id);
      expect(m.progress).toMatchObject({ sessionsHeld: 1, sessionsWithoutNotes: 1, lastContactAt: heldAt });
      expect(m.sessionsWithoutNotes).toEqual([missed.id]);
      const dash = async () =>
        (await t.http().get(`/api/units/${c.replicatingUnitId}/mentoring-dashboard`).set(as(c.repAdmin)).expect(200)).body;
      let item = (await dash()).asMentee.items.find((x: { id: string }) => x.id === id);
      expect(item.progress).toMatchObject({ sessionsHeld: 1, sessionsWithoutNotes: 1 });
      const summaryBefore = (await dash()).asMentee.summary;

      expect((await cancel(id, missed.id, c.repAdmin, { reason: 'Tidak jadi' }).expect(200)).body.missingNotes).toBe(false);
      await cancel(id, future.id, c.repAdmin).expect(200);
      m = await detail(id);
      expect(m.progress).toMatchObject({ sessionsHeld: 1, sessionsWithoutNotes: 0, lastContactAt: heldAt });
      expect(m.sessionsWithoutNotes).toEqual([]);
      const after = await dash();
      item = after.asMentee.items.find((x: { id: string }) => x.id === id);
      expect(item.progress).toMatchObject({ sessionsHeld: 1, sessionsWithoutNotes: 0 });
      expect(after.asMentee.summary.sessionsWithoutNotes).toBe(summaryBefore.sessionsWithoutNotes - 1);
      expect(after.asMentee.summary.sessionsHeld).toBe(summaryBefore.sessionsHeld);
    });
  });

  describe('states of the session', () => {
    it('a cancelled session cannot be edited (409 SESSION_CANCELLED) nor cancelled again, and stays as it was', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const s = await schedule(id);
      const cancelled = (await cancel(id, s.id, c.mentor).expect(200)).body;
      const edits = [
        { notes: 'Catatan' },
        { heldAt: daysFromNow(-1).toISOString() },
        { scheduledAt: daysFromNow(9).toISOString() },
        { agenda: 'Agenda baru' },
        { attendeeIds: [c.mentor.id] },
      ];
      for (const body of edits) {
        const res = await t.http().patch(`/api/mentorships/${id}/sessions/${s.id}`).set(as(c.admin)).send(body).expect(409);
        expect(res.body).toMatchObject({ statusCode: 409, code: 'SESSION_CANCELLED' });
      }
      const again = await cancel(id, s.id, c.admin, { reason: 'lagi' }).expect(409);
      expect(again.body).toMatchObject({ statusCode: 409, code: 'SESSION_CANCELLED' });
      const now = (await detail(id)).sessions.find((x: { id: string }) => x.id === s.id);
      expect(now).toEqual(cancelled);
    });

    it('a held session cannot be cancelled: 409 SESSION_HELD, unchanged', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const s = await schedule(id, { scheduledAt: daysFromNow(-1).toISOString() });
      const held = (
        await t
          .http()
          .patch(`/api/mentorships/${id}/sessions/${s.id}`)
          .set(as(c.mentor))
          .send({ heldAt: daysFromNow(-1).toISOString() })
          .expect(200)
      ).body;
      const res = await cancel(id, s.id, c.admin).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'SESSION_HELD' });
      expect((await detail(id)).sessions.find((x: { id: string }) => x.id === s.id)).toEqual(held);
    });

    it('a cancel and a "held" record at once: exactly one wins, the other is a 409, never both', async () => {
      const { id } = await f.mentorship('ACTIVE');
      // The test holds the session row locked until both requests wait on it, then lets go: the
      // two really overlap, whichever order the database then picks.
      const blocker = new Client({ connectionString: t.databaseUrl });
      const watcher = new Client({ connectionString: t.databaseUrl });
      await Promise.all([blocker.connect(), watcher.connect()]);
      const waiting = async () =>
        (
          await watcher.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          )
        ).rows[0].n;
      const outcomes: string[] = [];
      try {
        for (let round = 0; round < 6; round++) {
          const s = await schedule(id, { scheduledAt: daysFromNow(-1).toISOString() });
          await blocker.query('begin');
          await blocker.query('select id from mentorship_sessions where id = $1 for update', [s.id]);
          const both = Promise.all([
            cancel(id, s.id, c.repMember).then((r) => r),
            t
              .http()
              .patch(`/api/mentorships/${id}/sessions/${s.id}`)
              .set(as(c.mentor))
              .send({ heldAt: daysFromNow(-1).toISOString() })
              .then((r) => r),
          ]);
          await waitUntil(async () => (await waiting()) >= 2, 'both requests waiting on the session row');
          await blocker.query('commit');
          const [a, b] = await both;
          const after = (await detail(id)).sessions.find((x: { id: string }) => x.id === s.id);
          if (a.status === 200) {
            expect([b.status, b.body.code]).toEqual([409, 'SESSION_CANCELLED']);
            expect(after).toMatchObject({ cancelled: true, held: false });
            outcomes.push('cancelled');
          } else {
            expect([a.status, a.body.code, b.status]).toEqual([409, 'SESSION_HELD', 200]);
            expect(after).toMatchObject({ cancelled: false, held: true });
            outcomes.push('held');
          }
        }
      } finally {
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), watcher.end()]);
      }
      expect(outcomes).toHaveLength(6);
    });

    it.each<State>(['COMPLETED', 'CANCELLED'])(
      'still possible once the mentorship is %s for a past session never held, so calendars can drop it',
      async (state) => {
        const { id } = await f.mentorship('ACTIVE');
        const past = await schedule(id, { scheduledAt: daysFromNow(-2).toISOString() });
        await f.move(id, state, c.admin, 200);
        // Closing called off only what lay ahead; this one is cancelled by hand.
        expect(props(await ics(id, past.id), 'METHOD')).toEqual(['PUBLISH']);
        expect((await cancel(id, past.id, c.mentor).expect(200)).body.cancelled).toBe(true);
        expect(props(await ics(id, past.id), 'METHOD')).toEqual(['CANCEL']);
      },
    );
  });

  describe('who may', () => {
    it('either side’s participants, curators and admins cancel; others get 403 and nothing changes', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const s = await schedule(id);
      for (const role of MAY_NOT) {
        const res = await cancel(id, s.id, c[role]).expect(403);
        expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      }
      expect((await detail(id)).sessions.find((x: { id: string }) => x.id === s.id)).toMatchObject({ cancelled: false, sequence: 0 });
      for (const role of MAY) {
        const mine = await schedule(id);
        const res = await cancel(id, mine.id, c[role]).expect(200);
        expect(res.body).toMatchObject({ cancelled: true, cancelledById: c[role].id });
      }
    });

    it('401 without a token or with a bad one', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const s = await schedule(id);
      await t.http().post(`/api/mentorships/${id}/sessions/${s.id}/cancel`).send({}).expect(401);
      await t.http().post(`/api/mentorships/${id}/sessions/${s.id}/cancel`).set('authorization', 'Bearer nonsense').send({}).expect(401);
      expect((await detail(id)).sessions[0].cancelled).toBe(false);
    });

    it('404 for an unknown session, a session of another mentorship, an unknown mentorship', async () => {
      const a = await f.mentorship('ACTIVE');
      const b = await f.mentorship('ACTIVE');
      const s = await schedule(a.id);
      expect((await cancel(b.id, s.id, c.admin).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await cancel(a.id, randomUUID(), c.admin).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await cancel(randomUUID(), s.id, c.admin).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await detail(a.id)).sessions[0].cancelled).toBe(false);
    });
  });

  describe('bad input → 400, nothing changes', () => {
    let id: string;
    let sessionId: string;
    beforeAll(async () => {
      id = (await f.mentorship('ACTIVE')).id;
      sessionId = (await schedule(id)).id;
    });
    afterAll(async () => {
      expect((await detail(id)).sessions.find((x: { id: string }) => x.id === sessionId)).toMatchObject({ cancelled: false, sequence: 0 });
    });

    it.each([
      ['reason wrong type', { reason: 5 }],
      ['reason an array', { reason: ['a'] }],
      ['reason too long', { reason: 'x'.repeat(2001) }],
      ['unknown field', { reason: 'x', notify: false }],
      ['body an array', ['x']],
    ])('%s', async (_label, body) => {
      const res = await cancel(id, sessionId, c.mentor, body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    });

    it('malformed JSON and bad ids in the path', async () => {
      const res = await t
        .http()
        .post(`/api/mentorships/${id}/sessions/${sessionId}/cancel`)
        .set(as(c.mentor))
        .set('content-type', 'application/json')
        .send('{"reason": ')
        .expect(400);
      expect(res.body.code).toBe('MALFORMED_JSON');
      await cancel(id, 'nope', c.mentor).expect(400);
      await cancel('nope', sessionId, c.mentor).expect(400);
    });
  });

  describe('notifications', () => {
    type Who = 'mentor' | 'mentor2' | 'originAdmin' | 'originMember' | 'repAdmin' | 'repMember' | 'facMember' | 'outsider';
    const WATCHED: Who[] = ['mentor', 'mentor2', 'originAdmin', 'originMember', 'repAdmin', 'repMember', 'facMember', 'outsider'];
    const sockets: Socket[] = [];
    const received = new Map<Who, Note[]>();

    beforeAll(async () => {
      await Promise.all(
        WATCHED.map(async (who) => {
          const s = io(`${t.baseUrl}/realtime`, {
            path: '/socket.io',
            auth: { token: c[who].token },
            transports: ['websocket'],
            reconnection: false,
            forceNew: true,
          });
          sockets.push(s);
          received.set(who, []);
          s.on('notification', (n: Note) => received.get(who)!.push(n));
          await nextEvent(s, 'connect');
        }),
      );
    });
    afterAll(() => {
      for (const s of sockets) s.disconnect();
    });

    it('the mentors and the replicating team hear session_changed (change "cancelled", with the reason), live and in their feed; not the actor, nobody else', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const s = await schedule(id);
      const about = (n: Note) => n.type === 'session_changed' && n.payload.session?.id === s.id;
      const live = (who: Who) => received.get(who)!.filter(about);
      await cancel(id, s.id, c.repAdmin, { reason: 'Libur nasional' }).expect(200);
      const to: Who[] = ['mentor', 'mentor2', 'repMember'];
      for (const who of to) await waitUntil(() => live(who).length === 1, `session_changed for ${who}`);
      expect(live('mentor')[0].payload).toMatchObject({
        mentorshipId: id,
        change: 'cancelled',
        reason: 'Libur nasional',
        session: { id: s.id, cancelled: true, sequence: 1 },
      });
      for (const who of WATCHED) {
        const feed = ((await t.http().get('/api/notifications?limit=100').set(as(c[who])).expect(200)).body.items as Note[]).filter(about);
        const n = to.includes(who) ? 1 : 0;
        expect({ who, live: live(who).length, feed: feed.length }).toEqual({ who, live: n, feed: n });
      }
    });
  });
});
