import { TestApp, TestUser } from '@app/testing';
import { AccessEvents, AccessService } from '../../apps/api/src/modules/organisations/access.service';
import { castMentoring, MentoringCast, MentoringFixtures, State } from './mentoring-fixtures';

const STATES: State[] = ['PROPOSED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'DECLINED', 'CANCELLED'];
type Role = keyof Omit<MentoringCast, 'originUnitId' | 'replicatingUnitId' | 'facilitatorUnitId' | 'otherUnitId'>;
const ROLES: Role[] = [
  'originAdmin',
  'mentor',
  'mentor2',
  'originMember',
  'repAdmin',
  'repMember',
  'facMember',
  'outsider',
  'curator',
  'admin',
  'moderator',
];
const ANSWER: Role[] = ['originAdmin', 'mentor', 'mentor2', 'curator', 'admin'];
const EITHER: Role[] = ['originAdmin', 'mentor', 'mentor2', 'repAdmin', 'repMember', 'curator', 'admin'];

/** The state machine as the product describes it, written out independently of the code's table. */
const EXPECTED: Record<State, Partial<Record<State, Role[]>>> = {
  PROPOSED: { ACTIVE: ANSWER, DECLINED: ANSWER, CANCELLED: EITHER },
  ACTIVE: { PAUSED: EITHER, COMPLETED: EITHER, CANCELLED: EITHER },
  PAUSED: { ACTIVE: EITHER, COMPLETED: EITHER, CANCELLED: EITHER },
  COMPLETED: {},
  DECLINED: {},
  CANCELLED: {},
};

describe('mentorship state machine (e2e)', () => {
  let t: TestApp;
  let c: MentoringCast;
  let f: MentoringFixtures;
  const as = (u: TestUser) => ({ authorization: u.auth });

  beforeAll(async () => {
    t = await TestApp.start();
    c = await castMentoring(t);
    f = new MentoringFixtures(t, c);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('state machine', () => {
    const edges = STATES.flatMap((from) =>
      (Object.entries(EXPECTED[from]) as [State, Role[]][]).map(([to, allowed]) => ({ from, to, allowed })),
    );

    it.each(edges)(
      '$from → $to: allowed roles move it (200, history records them); every other role gets 403',
      async ({ from, to, allowed }) => {
        await Promise.all(
          allowed.map(async (role) => {
            const { id } = await f.mentorship(from);
            const res = await f.move(id, to, c[role], 200);
            expect(res.body.state).toBe(to);
            expect(res.body.history.at(-1)).toMatchObject({ from, to, actorId: c[role].id });
            if (['COMPLETED', 'DECLINED', 'CANCELLED'].includes(to)) expect(res.body.closedAt).toEqual(expect.any(String));
          }),
        );
        const { id } = await f.mentorship(from);
        for (const role of ROLES.filter((r) => !allowed.includes(r))) {
          const res = await f.move(id, to, c[role], 403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
        const after = await t.http().get(`/api/mentorships/${id}`).set(as(c.admin)).expect(200);
        expect(after.body.state).toBe(from);
      },
    );

    it.each(STATES)('from %s every move outside the table is 409 INVALID_TRANSITION, even for admins', async (from) => {
      const { id } = await f.mentorship(from);
      const invalid = STATES.filter((to) => !EXPECTED[from][to]);
      expect(invalid).toContain(from); // staying put is never a move
      for (const to of invalid) {
        for (const who of [c.admin, c.mentor, c.repMember]) {
          const res = await f.move(id, to, who, 409);
          expect(res.body).toMatchObject({ statusCode: 409, code: 'INVALID_TRANSITION' });
        }
      }
      const after = await t.http().get(`/api/mentorships/${id}`).set(as(c.admin)).expect(200);
      expect(after.body.state).toBe(from);
      expect(after.body.allowedTransitions.sort()).toEqual(Object.keys(EXPECTED[from]).sort());
    });

    it('keeps the full history with actor, note and time', async () => {
      const { id } = await f.mentorship('PROPOSED');
      await t
        .http()
        .post(`/api/mentorships/${id}/transitions`)
        .set(as(c.mentor))
        .send({ to: 'ACTIVE', note: 'Siap mendampingi' })
        .expect(200);
      await f.move(id, 'PAUSED', c.repMember, 200);
      await f.move(id, 'ACTIVE', c.mentor2, 200);
      const done = await f.move(id, 'COMPLETED', c.originAdmin, 200);
      expect(
        done.body.history.map((h: { from: string | null; to: string; actorId: string; note: string | null }) => [
          h.from,
          h.to,
          h.actorId,
          h.note,
        ]),
      ).toEqual([
        [null, 'PROPOSED', c.repMember.id, null],
        ['PROPOSED', 'ACTIVE', c.mentor.id, 'Siap mendampingi'],
        ['ACTIVE', 'PAUSED', c.repMember.id, null],
        ['PAUSED', 'ACTIVE', c.mentor2.id, null],
        ['ACTIVE', 'COMPLETED', c.originAdmin.id, null],
      ]);
      const times = done.body.history.map((h: { at: string }) => Date.parse(h.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });

    it('concurrent moves of one mentorship: one wins, the other is 409', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const [a, b] = await Promise.all([
        t.http().post(`/api/mentorships/${id}/transitions`).set(as(c.mentor)).send({ to: 'COMPLETED' }),
        t.http().post(`/api/mentorships/${id}/transitions`).set(as(c.repMember)).send({ to: 'CANCELLED' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const after = await t.http().get(`/api/mentorships/${id}`).set(as(c.admin)).expect(200);
      expect(after.body.history).toHaveLength(3); // proposed, accepted, and the one move that won
    });
  });

  describe('mentors edit the playbook while ACTIVE', () => {
    it('isActiveMentor follows the state, and each mentor’s access change is announced on entering and leaving ACTIVE', async () => {
      const access = t.get<AccessService>(AccessService);
      const changes: { userId: string; reason: string }[] = [];
      const off = t.get<AccessEvents>(AccessEvents).onChanged((ch) => changes.push(ch));
      try {
        const { id, replicationId } = await f.mentorship('PROPOSED');
        const em = t.em();
        expect(await access.isActiveMentor(c.mentor.id, replicationId, em)).toBe(false);
        await f.move(id, 'ACTIVE', c.mentor, 200);
        expect(await access.isActiveMentor(c.mentor.id, replicationId, em)).toBe(true);
        expect(await access.isActiveMentor(c.mentor2.id, replicationId, em)).toBe(true);
        expect(await access.isActiveMentor(c.repMember.id, replicationId, em)).toBe(false);
        expect(await access.isActiveMentor(c.mentor.id, await f.replication(), em)).toBe(false);
        expect(changes).toEqual([
          { userId: c.mentor.id, reason: 'mentorship' },
          { userId: c.mentor2.id, reason: 'mentorship' },
        ]);
        await f.move(id, 'PAUSED', c.repMember, 200);
        expect(await access.isActiveMentor(c.mentor.id, replicationId, em)).toBe(false);
        expect(changes).toHaveLength(4);
        await f.move(id, 'ACTIVE', c.repMember, 200);
        expect(changes).toHaveLength(6);
        await f.move(id, 'COMPLETED', c.repMember, 200);
        expect(changes).toHaveLength(8);
        expect(await access.isActiveMentor(c.mentor.id, replicationId, em)).toBe(false);
      } finally {
        off();
      }
    });
  });
});
