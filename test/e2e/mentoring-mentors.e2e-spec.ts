import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { nextEvent, TestApp, TestUser, waitUntil } from '@app/testing';
import { AccessChange, AccessEvents, AccessService } from '../../apps/api/src/modules/organisations/access.service';
import { castMentoring, MentoringCast, MentoringFixtures, State } from './mentoring-fixtures';
import { appendParagraph, CollabClients, xml } from './playbooks.helpers';

type Role = keyof Omit<MentoringCast, 'originUnitId' | 'replicatingUnitId' | 'facilitatorUnitId' | 'otherUnitId'>;
interface Note {
  id: string;
  type: string;
  payload: { mentorshipId?: string; state?: string; mentorIds?: string[]; by?: string };
}
interface Mentor {
  id: string;
  name: string;
  unitId: string;
}
interface HistoryEntry {
  kind: string;
  from: string | null;
  to: string;
  actorId: string;
  note: string | null;
  at: string;
  mentorsAdded?: string[];
  mentorsRemoved?: string[];
}

/** Roles that do not staff the mentor side: they may not change the mentors, in any open state. */
const NOT_ALLOWED: Role[] = ['mentor', 'mentor2', 'originMember', 'repAdmin', 'repMember', 'facMember', 'outsider', 'moderator'];

describe('mentoring: changing the mentors (e2e)', () => {
  let t: TestApp;
  let c: MentoringCast;
  let f: MentoringFixtures;
  /** Admin of the facilitator unit (not in the shared cast). */
  let facAdmin: TestUser;
  const as = (u: TestUser) => ({ authorization: u.auth });
  const put = (id: string, by: TestUser, body: unknown) =>
    t
      .http()
      .put(`/api/mentorships/${id}/mentors`)
      .set(as(by))
      .send(body as object);
  const mentorsOf = async (id: string) =>
    ((await t.http().get(`/api/mentorships/${id}`).set(as(c.admin)).expect(200)).body.mentors as Mentor[]).map((m) => m.id);
  const historyOf = async (id: string) =>
    (await t.http().get(`/api/mentorships/${id}`).set(as(c.admin)).expect(200)).body.history as HistoryEntry[];

  beforeAll(async () => {
    t = await TestApp.start();
    c = await castMentoring(t);
    f = new MentoringFixtures(t, c);
    facAdmin = await t.user({ units: [[c.facilitatorUnitId, 'admin']], name: 'Admin Fasilitator' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('PUT /api/mentorships/:id/mentors', () => {
    it('replaces the mentors: 200 with the new list in order and units, one history entry, the new mentor acts as mentor and the removed one no longer', async () => {
      const { id } = await f.mentorship('ACTIVE');
      // Before: an origin member who is not a mentor may not manage goals.
      await t.http().post(`/api/mentorships/${id}/goals`).set(as(c.originMember)).send({ title: 'Belum mentor' }).expect(403);
      const res = await put(id, c.originAdmin, { mentorIds: [c.originMember.id, c.mentor.id], note: 'Mentor Dua pindah tugas' }).expect(
        200,
      );
      expect(res.body).toMatchObject({ id, state: 'ACTIVE' });
      expect(res.body.mentors).toEqual([
        { id: c.originMember.id, name: 'Anggota Asal', unitId: c.originUnitId },
        { id: c.mentor.id, name: 'Mentor Satu', unitId: c.originUnitId },
      ]);
      expect(res.body.history.at(-1)).toEqual({
        kind: 'mentors',
        from: 'ACTIVE',
        to: 'ACTIVE',
        actorId: c.originAdmin.id,
        actorName: 'Admin Asal',
        note: 'Mentor Dua pindah tugas',
        at: expect.any(String),
        mentorsAdded: [c.originMember.id],
        mentorsRemoved: [c.mentor2.id],
      });
      expect(res.body.history.slice(0, -1).map((h: HistoryEntry) => [h.kind, h.from, h.to])).toEqual([
        ['state', null, 'PROPOSED'],
        ['state', 'PROPOSED', 'ACTIVE'],
      ]);
      expect(await mentorsOf(id)).toEqual([c.originMember.id, c.mentor.id]);
      // The new mentor manages goals now; the removed one (a plain facilitator member) no longer does.
      await t.http().post(`/api/mentorships/${id}/goals`).set(as(c.originMember)).send({ title: 'Sebagai mentor' }).expect(201);
      await t.http().post(`/api/mentorships/${id}/goals`).set(as(c.mentor2)).send({ title: 'Bukan mentor lagi' }).expect(403);
    });

    it('while PROPOSED the new mentors answer the proposal; a removed mentor cannot accept it any more', async () => {
      const { id } = await f.mentorship('PROPOSED');
      await put(id, c.curator, { mentorIds: [c.facMember.id] }).expect(200);
      await f.move(id, 'ACTIVE', c.mentor, 403);
      const accepted = await f.move(id, 'ACTIVE', c.facMember, 200);
      expect(accepted.body.state).toBe('ACTIVE');
      expect(accepted.body.mentors.map((m: Mentor) => [m.id, m.unitId])).toEqual([[c.facMember.id, c.facilitatorUnitId]]);
    });

    it('only reordering changes the lead: recorded with nobody added or removed; the same list again changes nothing', async () => {
      const { id } = await f.mentorship('PAUSED');
      const before = (await historyOf(id)).length;
      const res = await put(id, c.admin, { mentorIds: [c.mentor2.id, c.mentor.id] }).expect(200);
      expect(res.body.mentors.map((m: Mentor) => m.id)).toEqual([c.mentor2.id, c.mentor.id]);
      expect(res.body.history).toHaveLength(before + 1);
      expect(res.body.history.at(-1)).toMatchObject({
        kind: 'mentors',
        from: 'PAUSED',
        to: 'PAUSED',
        mentorsAdded: [],
        mentorsRemoved: [],
      });
      const same = await put(id, c.admin, { mentorIds: [c.mentor2.id, c.mentor.id] }).expect(200);
      expect(same.body.history).toHaveLength(before + 1);
    });

    it.each<State>(['PROPOSED', 'ACTIVE', 'PAUSED'])(
      'in %s: origin and facilitator unit admins, curators and admins may; everyone else gets 403 and nothing changes',
      async (state) => {
        const { id } = await f.mentorship(state);
        for (const role of NOT_ALLOWED) {
          const res = await put(id, c[role], { mentorIds: [c.originMember.id] }).expect(403);
          expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
        }
        expect(await mentorsOf(id)).toEqual([c.mentor.id, c.mentor2.id]);
        expect((await historyOf(id)).every((h) => h.kind === 'state')).toBe(true);
        const lists: [TestUser, string[]][] = [
          [c.originAdmin, [c.mentor.id]],
          [facAdmin, [c.mentor2.id, c.facMember.id]],
          [c.curator, [c.originMember.id]],
          [c.admin, [c.mentor.id, c.mentor2.id]],
        ];
        for (const [by, mentorIds] of lists) {
          const res = await put(id, by, { mentorIds }).expect(200);
          expect(res.body.state).toBe(state);
          expect(res.body.mentors.map((m: Mentor) => m.id)).toEqual(mentorIds);
        }
        expect((await historyOf(id)).filter((h) => h.kind === 'mentors').map((h) => h.actorId)).toEqual([
          c.originAdmin.id,
          facAdmin.id,
          c.curator.id,
          c.admin.id,
        ]);
      },
    );

    it.each<State>(['COMPLETED', 'DECLINED', 'CANCELLED'])('in %s: 409 MENTORSHIP_CLOSED, even for admins', async (state) => {
      const { id } = await f.mentorship(state);
      for (const by of [c.admin, c.originAdmin]) {
        const res = await put(id, by, { mentorIds: [c.originMember.id] }).expect(409);
        expect(res.body).toMatchObject({ statusCode: 409, code: 'MENTORSHIP_CLOSED' });
      }
      expect(await mentorsOf(id)).toEqual([c.mentor.id, c.mentor2.id]);
    });

    it('every mentor must be a member of the origin or facilitator unit: 422 INVALID_MENTOR naming each, nothing changes', async () => {
      const { id } = await f.mentorship('ACTIVE');
      for (const bad of [c.repMember.id, c.repAdmin.id, c.outsider.id, c.curator.id, randomUUID()]) {
        const res = await put(id, c.originAdmin, { mentorIds: [c.mentor.id, bad] }).expect(422);
        expect(res.body).toMatchObject({
          statusCode: 422,
          code: 'INVALID_MENTOR',
          details: [{ mentorId: bad, problem: expect.any(String) }],
        });
      }
      const both = await put(id, c.originAdmin, { mentorIds: [c.outsider.id, c.repMember.id] }).expect(422);
      expect(both.body.details.map((d: { mentorId: string }) => d.mentorId)).toEqual([c.outsider.id, c.repMember.id]);
      expect(await mentorsOf(id)).toEqual([c.mentor.id, c.mentor2.id]);
      expect((await historyOf(id)).every((h) => h.kind === 'state')).toBe(true);
    });

    it('a mentor who has left the origin unit may not be kept (same rule as at proposal), only removed', async () => {
      const leaver = await t.user({ units: [[c.originUnitId, 'member']], name: 'Mentor Pindah' });
      const replicationId = await f.replication();
      const id = (
        await t
          .http()
          .post('/api/mentorships')
          .set(as(c.repMember))
          .send({ replicationId, mentorIds: [leaver.id, c.mentor.id] })
          .expect(201)
      ).body.id;
      await t.http().delete(`/api/units/${c.originUnitId}/members/${leaver.id}`).set(as(c.originAdmin)).expect(204);
      const kept = await put(id, c.originAdmin, { mentorIds: [leaver.id, c.mentor.id, c.mentor2.id] }).expect(422);
      expect(kept.body).toMatchObject({ code: 'INVALID_MENTOR', details: [{ mentorId: leaver.id }] });
      const removed = await put(id, c.originAdmin, { mentorIds: [c.mentor.id, c.mentor2.id] }).expect(200);
      expect(removed.body.history.at(-1)).toMatchObject({ mentorsAdded: [c.mentor2.id], mentorsRemoved: [leaver.id] });
    });

    it('404 for an unknown mentorship', async () => {
      const res = await put(randomUUID(), c.admin, { mentorIds: [c.mentor.id] }).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });

    describe('bad input → 400 VALIDATION_FAILED, nothing changes', () => {
      let id: string;
      beforeAll(async () => {
        id = (await f.mentorship('ACTIVE')).id;
      });
      afterAll(async () => {
        expect(await mentorsOf(id)).toEqual([c.mentor.id, c.mentor2.id]);
        expect((await historyOf(id)).every((h) => h.kind === 'state')).toBe(true);
      });

      it.each([
        ['missing mentorIds', () => ({})],
        ['mentorIds null', () => ({ mentorIds: null })],
        ['mentorIds not an array', () => ({ mentorIds: c.mentor.id })],
        ['empty mentorIds', () => ({ mentorIds: [] })],
        ['duplicate mentors', () => ({ mentorIds: [c.mentor.id, c.mentor2.id, c.mentor.id] })],
        ['bad uuid in mentorIds', () => ({ mentorIds: [c.mentor.id, 'mentor-satu'] })],
        ['number in mentorIds', () => ({ mentorIds: [42] })],
        ['object in mentorIds', () => ({ mentorIds: [{ id: c.mentor.id }] })],
        ['too many mentors', () => ({ mentorIds: Array.from({ length: 11 }, () => randomUUID()) })],
        ['unknown field', () => ({ mentorIds: [c.mentor.id], lead: c.mentor.id })],
        ['note wrong type', () => ({ mentorIds: [c.mentor.id], note: 7 })],
        ['note too long', () => ({ mentorIds: [c.mentor.id], note: 'x'.repeat(2001) })],
        ['body an array', () => [c.mentor.id]],
      ])('%s', async (_label, body) => {
        const res = await put(id, c.admin, body()).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
      });

      it('malformed JSON and a bad id in the path', async () => {
        const res = await t
          .http()
          .put(`/api/mentorships/${id}/mentors`)
          .set(as(c.admin))
          .set('content-type', 'application/json')
          .send('{"mentorIds": [')
          .expect(400);
        expect(res.body.code).toBe('MALFORMED_JSON');
        await put('nope', c.admin, { mentorIds: [c.mentor.id] }).expect(400);
      });
    });

    it('401 without a token or with a bad one', async () => {
      const { id } = await f.mentorship('ACTIVE');
      await t
        .http()
        .put(`/api/mentorships/${id}/mentors`)
        .send({ mentorIds: [c.mentor.id] })
        .expect(401);
      const bad = await t
        .http()
        .put(`/api/mentorships/${id}/mentors`)
        .set('authorization', 'Bearer nonsense')
        .send({ mentorIds: [c.mentor.id] })
        .expect(401);
      expect(bad.body.code).toMatch(/^(UNAUTHENTICATED|AUTH_)/);
      expect(await mentorsOf(id)).toEqual([c.mentor.id, c.mentor2.id]);
    });

    it('two changes at once: both apply, one after the other, each recorded against the list it replaced', async () => {
      const { id } = await f.mentorship('ACTIVE');
      // The test holds the mentorship row locked until both requests wait, then lets go: they really overlap.
      const blocker = new Client({ connectionString: t.databaseUrl });
      const watcher = new Client({ connectionString: t.databaseUrl });
      await Promise.all([blocker.connect(), watcher.connect()]);
      try {
        await blocker.query('begin');
        await blocker.query('select id from mentorships where id = $1 for update', [id]);
        const both = Promise.all([
          put(id, c.originAdmin, { mentorIds: [c.originMember.id] }).then((r) => r),
          put(id, facAdmin, { mentorIds: [c.facMember.id] }).then((r) => r),
        ]);
        await waitUntil(
          async () =>
            (
              await watcher.query<{ n: number }>(
                `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
              )
            ).rows[0].n >= 2,
          'both changes waiting on the mentorship',
        );
        await blocker.query('commit');
        const [a, b] = await both;
        expect([a.status, b.status]).toEqual([200, 200]);
      } finally {
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), watcher.end()]);
      }
      const final = await mentorsOf(id);
      expect([[c.originMember.id], [c.facMember.id]]).toContainEqual(final);
      const changes = (await historyOf(id)).filter((h) => h.kind === 'mentors');
      expect(changes).toHaveLength(2);
      expect(changes[0].mentorsRemoved).toEqual([c.mentor.id, c.mentor2.id]);
      // The second entry removed exactly what the first one put in.
      expect(changes[1].mentorsRemoved).toEqual(changes[0].mentorsAdded);
      expect(changes[1].mentorsAdded).toEqual(final);
    });
  });

  describe('racing a state move', () => {
    it('a pause that waits for a change of mentors announces the access change of the mentors it finds, not those it first read', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const changes: AccessChange[] = [];
      const off = t.get<AccessEvents>(AccessEvents).onChanged((ch) => changes.push(ch));
      const blocker = new Client({ connectionString: t.databaseUrl });
      const watcher = new Client({ connectionString: t.databaseUrl });
      await Promise.all([blocker.connect(), watcher.connect()]);
      const waiting = async () =>
        (
          await watcher.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          )
        ).rows[0].n;
      try {
        await blocker.query('begin');
        await blocker.query('select id from mentorships where id = $1 for update', [id]);
        // The change queues first, the pause second (row lock waiters are served in order), and
        // the pause has read the old mentors before it waits.
        const change = put(id, c.originAdmin, { mentorIds: [c.originMember.id] }).then((r) => r);
        await waitUntil(async () => (await waiting()) >= 1, 'the change waiting');
        const pause = f.move(id, 'PAUSED', c.repMember, 200).then((r) => r);
        await waitUntil(async () => (await waiting()) >= 2, 'the pause waiting too');
        await blocker.query('commit');
        expect((await change).status).toBe(200);
        const paused = await pause;
        expect(paused.body.history.slice(-2).map((h: HistoryEntry) => [h.kind, h.to])).toEqual([
          ['mentors', 'ACTIVE'],
          ['state', 'PAUSED'],
        ]);
      } finally {
        off();
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), watcher.end()]);
      }
      const about = (u: TestUser) => changes.filter((ch) => ch.userId === u.id && ch.reason === 'mentorship').length;
      // The new mentor: gained access with the change, lost it with the pause. The old ones: once, with the change.
      expect({ added: about(c.originMember), removed: [about(c.mentor), about(c.mentor2)] }).toEqual({ added: 2, removed: [1, 1] });
    });
  });

  describe('notifications', () => {
    type Who = 'mentor' | 'mentor2' | 'originAdmin' | 'originMember' | 'facMember' | 'repMember' | 'outsider';
    const WATCHED: Who[] = ['mentor', 'mentor2', 'originAdmin', 'originMember', 'facMember', 'repMember', 'outsider'];
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

    const live = (who: Who, type: string, id: string) => received.get(who)!.filter((n) => n.type === type && n.payload.mentorshipId === id);
    const feed = async (who: Who, type: string, id: string) =>
      ((await t.http().get('/api/notifications?limit=100').set(as(c[who])).expect(200)).body.items as Note[]).filter(
        (n) => n.type === type && n.payload.mentorshipId === id,
      );

    /** Exactly these users get exactly one such notification, live and in their feed. */
    async function expectDelivered(type: string, id: string, to: Who[]) {
      for (const who of to) await waitUntil(() => live(who, type, id).length === 1, `${type} for ${who}`);
      for (const who of WATCHED) {
        const n = to.includes(who) ? 1 : 0;
        expect({ who, live: live(who, type, id).length, feed: (await feed(who, type, id)).length }).toEqual({ who, live: n, feed: n });
      }
    }

    it('added mentors hear mentorship_mentor_added, removed ones mentorship_mentor_removed; nobody else, not the actor', async () => {
      const { id } = await f.mentorship('ACTIVE');
      await put(id, c.originAdmin, { mentorIds: [c.mentor.id, c.originMember.id, c.originAdmin.id, c.facMember.id] }).expect(200);
      await expectDelivered('mentorship_mentor_added', id, ['originMember', 'facMember']);
      await expectDelivered('mentorship_mentor_removed', id, ['mentor2']);
      expect(live('originMember', 'mentorship_mentor_added', id)[0].payload).toEqual({
        mentorshipId: id,
        replicationId: expect.any(String),
        innovationTitle: expect.any(String),
        state: 'ACTIVE',
        mentorIds: [c.mentor.id, c.originMember.id, c.originAdmin.id, c.facMember.id],
        by: { id: c.originAdmin.id, name: c.originAdmin.name },
      });
    });

    it('a reorder or an unchanged list tells nobody', async () => {
      const { id } = await f.mentorship('ACTIVE');
      await put(id, c.admin, { mentorIds: [c.mentor2.id, c.mentor.id] }).expect(200);
      await put(id, c.admin, { mentorIds: [c.mentor2.id, c.mentor.id] }).expect(200);
      // notify() is awaited before the response: the feeds are final.
      for (const who of WATCHED) {
        expect(await feed(who, 'mentorship_mentor_added', id)).toEqual([]);
        expect(await feed(who, 'mentorship_mentor_removed', id)).toEqual([]);
      }
    });
  });

  // Issue 14: a mentor's access follows their membership of the origin (or facilitator) unit; the
  // mentor list alone keeps no access. So these cases make a mentor leave the unit while connected.
  describe('playbook access follows the mentor’s unit membership', () => {
    const clients = new CollabClients();
    afterEach(() => clients.destroyAll());

    /** An ACTIVE mentorship whose first mentor is about to leave the origin unit. */
    async function mentorAboutToLeave() {
      const leaver = await t.user({ units: [[c.originUnitId, 'member']], name: 'Mentor Pindah' });
      const replicationId = await f.replication();
      const id = (
        await t
          .http()
          .post('/api/mentorships')
          .set(as(c.repMember))
          .send({ replicationId, mentorIds: [leaver.id, c.mentor.id] })
          .expect(201)
      ).body.id as string;
      await f.move(id, 'ACTIVE', c.mentor, 200);
      const playbookId = (await t.http().get(`/api/replications/${replicationId}`).set(as(c.repMember)).expect(200)).body
        .playbookId as string;
      const leave = () => t.http().delete(`/api/units/${c.originUnitId}/members/${leaver.id}`).set(as(c.originAdmin)).expect(204);
      return { leaver, id, replicationId, playbookId, leave };
    }

    it('a mentor who leaves the unit loses edit access at once: GET /api/playbooks/:id turns 403 and their open /collab connection closes with 4403', async () => {
      const { leaver, replicationId, playbookId, leave } = await mentorAboutToLeave();
      expect((await t.http().get(`/api/playbooks/${playbookId}`).set(as(leaver)).expect(200)).body.access).toBe('edit');

      // Connected as an active mentor, and editing: another editor sees the change.
      const gone = clients.open(t.wsUrl, playbookId, leaver.token);
      const stays = clients.open(t.wsUrl, playbookId, c.mentor.token);
      await Promise.all([clients.synced(gone), clients.synced(stays)]);
      appendParagraph(gone.doc, 'catatan mentor lama');
      await waitUntil(() => xml(stays.doc).includes('catatan mentor lama'), 'the mentor’s edit reaches the other editor');

      await leave();
      expect(await clients.closedWith(gone)).toBe(4403);
      // Still on the mentor list, but no longer a member: not an active mentor for access.
      expect(await t.get<AccessService>(AccessService).isActiveMentor(leaver.id, replicationId, t.em())).toBe(false);
      expect((await t.http().get(`/api/playbooks/${playbookId}`).set(as(leaver)).expect(403)).body.code).toBe('FORBIDDEN');
      const again = clients.open(t.wsUrl, playbookId, leaver.token);
      expect(await clients.closedWith(again)).toBe(4403);

      // The mentor who stays keeps editing.
      expect(stays.closes).toEqual([]);
      appendParagraph(stays.doc, 'mentor tetap');
      const check = clients.open(t.wsUrl, playbookId, c.repMember.token);
      await waitUntil(() => xml(check.doc).includes('mentor tetap'), 'the remaining mentor still edits');
    });

    it('with a public playbook the mentor who left drops to a read-only viewer: same connection, edits no longer applied', async () => {
      const { leaver, playbookId, leave } = await mentorAboutToLeave();
      await t.http().patch(`/api/playbooks/${playbookId}`).set(as(c.repMember)).send({ visibility: 'public' }).expect(200);
      const removed = clients.open(t.wsUrl, playbookId, leaver.token);
      const editor = clients.open(t.wsUrl, playbookId, c.repMember.token);
      await Promise.all([clients.synced(removed), clients.synced(editor)]);

      await leave();
      expect((await t.http().get(`/api/playbooks/${playbookId}`).set(as(leaver)).expect(200)).body.access).toBe('view');
      // Open connections are re-checked asynchronously. Probe until the removed mentor's edits stop
      // landing: each probe edit is followed by an awareness message on the same socket, so once
      // the editor sees that awareness the server has already handled (and forwarded, or not) the edit.
      let lastProbe = '';
      await waitUntil(async () => {
        lastProbe = `uji ${randomUUID()}`;
        appendParagraph(removed.doc, lastProbe);
        removed.provider.awareness.setLocalStateField('probe', lastProbe);
        await waitUntil(
          () => [...editor.provider.awareness.getStates().values()].some((st) => (st as { probe?: string }).probe === lastProbe),
          'probe awareness at the editor',
        );
        return !xml(editor.doc).includes(lastProbe);
      }, 'the removed mentor’s edits are no longer applied');
      expect(removed.closes).toEqual([]);
      const fresh = clients.open(t.wsUrl, playbookId, c.mentor.token);
      await clients.synced(fresh);
      expect(xml(fresh.doc)).not.toContain(lastProbe);
    });
  });
});
