import { io, Socket } from 'socket.io-client';
import { nextEvent, TestApp, TestUser, waitUntil } from '@app/testing';
import { GoalReminderService } from '../../apps/api/src/modules/mentoring/goal-reminder.service';
import { castMentoring, MentoringCast, MentoringFixtures } from './mentoring-fixtures';

interface Note {
  id: string;
  type: string;
  payload: { mentorshipId?: string; goal?: { id: string }; feedbackRequested?: boolean; session?: { id: string } };
  createdAt: string;
}
type Who = 'mentor' | 'mentor2' | 'originAdmin' | 'originMember' | 'repAdmin' | 'repMember' | 'facMember' | 'outsider' | 'curator';
const EVERYONE: Who[] = ['mentor', 'mentor2', 'originAdmin', 'originMember', 'repAdmin', 'repMember', 'facMember', 'outsider', 'curator'];

describe('mentoring notifications, live (e2e)', () => {
  let t: TestApp;
  let c: MentoringCast;
  let f: MentoringFixtures;
  const sockets: Socket[] = [];
  const received = new Map<Who, Note[]>();
  const as = (u: TestUser) => ({ authorization: u.auth });

  beforeAll(async () => {
    t = await TestApp.start();
    c = await castMentoring(t);
    f = new MentoringFixtures(t, c);
    await Promise.all(
      EVERYONE.map(async (who) => {
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
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  const live = (who: Who, type: string, match: (n: Note) => boolean) => received.get(who)!.filter((n) => n.type === type && match(n));
  const feed = async (who: Who, type: string, match: (n: Note) => boolean) => {
    const res = await t.http().get('/api/notifications?limit=100').set(as(c[who])).expect(200);
    return (res.body.items as Note[]).filter((n) => n.type === type && match(n));
  };

  /** The expected users receive exactly one such notification live (and in their feed); nobody else gets one. */
  async function expectDelivered(type: string, match: (n: Note) => boolean, to: Who[]) {
    for (const who of to) await waitUntil(() => live(who, type, match).length === 1, `${type} for ${who}`);
    for (const who of EVERYONE) {
      const expected = to.includes(who) ? 1 : 0;
      expect({ who, live: live(who, type, match).length, feed: (await feed(who, type, match)).length }).toEqual({
        who,
        live: expected,
        feed: expected,
      });
    }
  }

  it('proposal by the replicating team → the mentors and the origin unit’s admins', async () => {
    const { id } = await f.mentorship('PROPOSED');
    const n = (await waitUntil(() => live('mentor', 'mentorship_proposed', (x) => x.payload.mentorshipId === id)[0], 'proposal'))!;
    expect(n).toMatchObject({
      id: expect.any(String),
      type: 'mentorship_proposed',
      payload: { mentorshipId: id, replicationId: expect.any(String), by: { id: c.repMember.id, name: c.repMember.name } },
      createdAt: expect.any(String),
    });
    await expectDelivered('mentorship_proposed', (x) => x.payload.mentorshipId === id, ['mentor', 'mentor2', 'originAdmin']);
  });

  it('proposal by the origin side → also the replicating team, who must answer', async () => {
    const { id } = await f.mentorship('PROPOSED', { by: c.originMember });
    await expectDelivered('mentorship_proposed', (x) => x.payload.mentorshipId === id, [
      'mentor',
      'mentor2',
      'originAdmin',
      'repAdmin',
      'repMember',
    ]);
  });

  it('acceptance → the replicating team (the accepting mentor is not told of their own move)', async () => {
    const { id } = await f.mentorship('PROPOSED');
    await f.move(id, 'ACTIVE', c.mentor, 200);
    await expectDelivered('mentorship_accepted', (x) => x.payload.mentorshipId === id, ['repAdmin', 'repMember']);
  });

  it('a session scheduled or changed → the mentors and the replicating team, except the actor; notes alone notify nobody', async () => {
    const { id } = await f.mentorship('ACTIVE');
    const s = (
      await t
        .http()
        .post(`/api/mentorships/${id}/sessions`)
        .set(as(c.mentor))
        .send({ scheduledAt: '2026-12-10T02:00:00Z', mode: 'onsite', agenda: 'Rapat' })
        .expect(201)
    ).body;
    const forSession = (x: Note) => x.payload.mentorshipId === id && x.payload.session?.id === s.id;
    await expectDelivered('session_scheduled', forSession, ['mentor2', 'repAdmin', 'repMember']);

    await t
      .http()
      .patch(`/api/mentorships/${id}/sessions/${s.id}`)
      .set(as(c.repMember))
      .send({ scheduledAt: '2026-12-11T02:00:00Z' })
      .expect(200);
    await expectDelivered('session_changed', forSession, ['mentor', 'mentor2', 'repAdmin']);
    const n = live('mentor', 'session_changed', forSession)[0];
    expect(n.payload.session).toMatchObject({ scheduledAt: '2026-12-11T02:00:00.000Z', sequence: 1 });

    await t
      .http()
      .patch(`/api/mentorships/${id}/sessions/${s.id}`)
      .set(as(c.mentor))
      .send({ notes: 'Catatan', heldAt: '2026-01-01T00:00:00Z' })
      .expect(200);
    // notify() is awaited before the response, so the feeds are final: still one change each.
    for (const who of EVERYONE)
      expect((await feed(who, 'session_changed', forSession)).length).toBe(['mentor', 'mentor2', 'repAdmin'].includes(who) ? 1 : 0);
  });

  it('completion → everyone involved, the actor too, asking for feedback; not the uninvolved', async () => {
    const { id } = await f.mentorship('ACTIVE');
    await f.move(id, 'COMPLETED', c.repMember, 200);
    await expectDelivered('mentorship_completed', (x) => x.payload.mentorshipId === id, [
      'mentor',
      'mentor2',
      'originAdmin',
      'repAdmin',
      'repMember',
    ]);
    expect(live('repMember', 'mentorship_completed', (x) => x.payload.mentorshipId === id)[0].payload.feedbackRequested).toBe(true);
  });

  it('pause and resume → the other participants', async () => {
    const { id } = await f.mentorship('ACTIVE');
    await f.move(id, 'PAUSED', c.repAdmin, 200);
    await expectDelivered('mentorship_paused', (x) => x.payload.mentorshipId === id, ['mentor', 'mentor2', 'repMember']);
    await f.move(id, 'ACTIVE', c.mentor, 200);
    await expectDelivered('mentorship_resumed', (x) => x.payload.mentorshipId === id, ['mentor2', 'repAdmin', 'repMember']);
  });

  it('a goal due soon → the mentors and the replicating team, once per goal (concurrent checks too); moving the date re-arms it', async () => {
    const reminders = t.get<GoalReminderService>(GoalReminderService);
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const active = await f.mentorship('ACTIVE', {
      goals: [{ title: 'Besok', dueDate: day(1) }, { title: 'Nanti', dueDate: day(20) }, { title: 'Tanpa tanggal' }],
    });
    const proposed = await f.mentorship('PROPOSED', { goals: [{ title: 'Belum aktif', dueDate: day(1) }] });
    const goals = (await t.http().get(`/api/mentorships/${active.id}`).set(as(c.mentor)).expect(200)).body.goals as {
      id: string;
      title: string;
    }[];
    const soon = goals.find((g) => g.title === 'Besok')!;
    const later = goals.find((g) => g.title === 'Nanti')!;
    const proposedGoal = (await t.http().get(`/api/mentorships/${proposed.id}`).set(as(c.mentor)).expect(200)).body.goals[0];

    await Promise.all([reminders.checkDueGoals(), reminders.checkDueGoals(), reminders.checkDueGoals()]);
    const about = (goalId: string) => (x: Note) => x.payload.goal?.id === goalId;
    await expectDelivered('goal_due', about(soon.id), ['mentor', 'mentor2', 'repAdmin', 'repMember']);
    expect(live('mentor', 'goal_due', about(soon.id))[0].payload).toMatchObject({
      mentorshipId: active.id,
      goal: { id: soon.id, title: 'Besok', dueDate: day(1), overdue: false },
    });
    for (const g of [later.id, proposedGoal.id]) expect((await feed('repMember', 'goal_due', about(g))).length).toBe(0);

    expect(await reminders.checkDueGoals()).toBe(0);
    expect((await feed('mentor', 'goal_due', about(soon.id))).length).toBe(1);

    // A deadline moved closer gets its own reminder; checks "later" in time pick up the far goal.
    await t
      .http()
      .patch(`/api/mentorships/${active.id}/goals/${soon.id}`)
      .set(as(c.repMember))
      .send({ dueDate: day(2) })
      .expect(200);
    await reminders.checkDueGoals();
    await waitUntil(() => live('mentor', 'goal_due', about(soon.id)).length === 2, 'second reminder after the date moved');
    await reminders.checkDueGoals(new Date(Date.now() + 18 * 86_400_000));
    await waitUntil(() => live('repMember', 'goal_due', about(later.id)).length === 1, 'reminder for the later goal');
    expect(live('outsider', 'goal_due', () => true)).toEqual([]);
  });
});
