import { randomUUID } from 'node:crypto';
import { TestApp, TestUser } from '@app/testing';
import { castMentoring, MentoringCast, MentoringFixtures } from './mentoring-fixtures';

type Role = keyof Omit<MentoringCast, 'originUnitId' | 'replicatingUnitId' | 'facilitatorUnitId' | 'otherUnitId'>;

const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000);
const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

describe('mentoring (e2e)', () => {
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

  describe('proposal', () => {
    it('the replicating team proposes: 201 PROPOSED with mentors, goals, history and zero progress', async () => {
      const replicationId = await f.replication();
      const due = dateOnly(daysFromNow(30));
      const res = await t
        .http()
        .post('/api/mentorships')
        .set(as(c.repMember))
        .send({
          replicationId,
          mentorIds: [c.mentor.id, c.mentor2.id],
          goals: [{ title: 'SOP disahkan', dueDate: due }, { title: 'Uji coba' }],
        })
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        state: 'PROPOSED',
        replicationId,
        originUnit: { id: c.originUnitId },
        replicatingUnit: { id: c.replicatingUnitId },
        facilitatorUnitId: c.facilitatorUnitId,
        proposedById: c.repMember.id,
        proposedBySide: 'mentee',
        progress: { goalsDone: 0, goalsTotal: 2, sessionsHeld: 0, goalsOverdue: 0, sessionsWithoutNotes: 0, daysSinceLastContact: null },
        allowedTransitions: ['CANCELLED'],
      });
      expect(res.body.mentors).toEqual([
        { id: c.mentor.id, name: 'Mentor Satu', unitId: c.originUnitId },
        { id: c.mentor2.id, name: 'Mentor Dua', unitId: c.facilitatorUnitId },
      ]);
      expect(res.body.goals.map((g: { title: string; dueDate: string | null; status: string }) => [g.title, g.dueDate, g.status])).toEqual([
        ['SOP disahkan', due, 'open'],
        ['Uji coba', null, 'open'],
      ]);
      expect(res.body.history).toEqual([
        {
          kind: 'state',
          from: null,
          to: 'PROPOSED',
          actorId: c.repMember.id,
          actorName: 'Anggota Replikator',
          note: null,
          at: expect.any(String),
        },
      ]);
      const mentorView = await t.http().get(`/api/mentorships/${res.body.id}`).set(as(c.mentor)).expect(200);
      expect(mentorView.body.allowedTransitions.sort()).toEqual(['ACTIVE', 'CANCELLED', 'DECLINED']);
    });

    it('the origin side may propose; then the replicating team (not the mentors) accepts', async () => {
      const { id, body } = await f.mentorship('PROPOSED', { by: c.originMember });
      expect(body.proposedBySide).toBe('origin');
      await f.move(id, 'ACTIVE', c.mentor, 403);
      await f.move(id, 'ACTIVE', c.originAdmin, 403);
      const ok = await f.move(id, 'ACTIVE', c.repMember, 200);
      expect(ok.body.state).toBe('ACTIVE');
      expect(ok.body.activatedAt).toEqual(expect.any(String));
    });

    it('facilitator members, curators and admins may propose; outsiders and moderators get 403', async () => {
      expect((await f.mentorship('PROPOSED', { by: c.facMember })).body.proposedBySide).toBe('origin');
      expect((await f.mentorship('PROPOSED', { by: c.curator })).body.proposedBySide).toBe('staff');
      expect((await f.mentorship('PROPOSED', { by: c.admin })).body.proposedBySide).toBe('staff');
      for (const u of [c.outsider, c.moderator]) {
        const replicationId = await f.replication();
        const res = await t
          .http()
          .post('/api/mentorships')
          .set(as(u))
          .send({ replicationId, mentorIds: [c.mentor.id] })
          .expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    });

    it('mentors must belong to the origin or facilitator unit: 422 INVALID_MENTOR naming them', async () => {
      const replicationId = await f.replication();
      for (const bad of [c.repMember.id, c.outsider.id, c.curator.id, randomUUID()]) {
        const res = await t
          .http()
          .post('/api/mentorships')
          .set(as(c.repMember))
          .send({ replicationId, mentorIds: [c.mentor.id, bad] })
          .expect(422);
        expect(res.body).toMatchObject({
          statusCode: 422,
          code: 'INVALID_MENTOR',
          details: [{ mentorId: bad, problem: expect.any(String) }],
        });
      }
      // nothing was created
      const list = await t.http().get(`/api/mentorships?replicationId=${replicationId}`).set(as(c.admin)).expect(200);
      expect(list.body.total).toBe(0);
    });

    it('one open mentorship per replication: 409 MENTORSHIP_EXISTS until it is closed', async () => {
      const { replicationId, id } = await f.mentorship('ACTIVE');
      const again = await t
        .http()
        .post('/api/mentorships')
        .set(as(c.repMember))
        .send({ replicationId, mentorIds: [c.mentor.id] })
        .expect(409);
      expect(again.body.code).toBe('MENTORSHIP_EXISTS');
      await f.move(id, 'PAUSED', c.mentor, 200);
      await t
        .http()
        .post('/api/mentorships')
        .set(as(c.repMember))
        .send({ replicationId, mentorIds: [c.mentor.id] })
        .expect(409);
      await f.move(id, 'COMPLETED', c.repMember, 200);
      const next = await t
        .http()
        .post('/api/mentorships')
        .set(as(c.repMember))
        .send({ replicationId, mentorIds: [c.mentor.id] })
        .expect(201);
      expect(next.body.state).toBe('PROPOSED');
    });

    it('two simultaneous proposals: exactly one wins, the other is 409', async () => {
      const replicationId = await f.replication();
      const send = (u: TestUser) =>
        t
          .http()
          .post('/api/mentorships')
          .set(as(u))
          .send({ replicationId, mentorIds: [c.mentor.id] });
      const results = await Promise.all([send(c.repMember), send(c.repAdmin), send(c.originAdmin)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('MENTORSHIP_EXISTS');
    });

    it('404 for an unknown replication; 409 REPLICATION_CLOSED for a discontinued one', async () => {
      const res = await t
        .http()
        .post('/api/mentorships')
        .set(as(c.admin))
        .send({ replicationId: randomUUID(), mentorIds: [c.mentor.id] })
        .expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      const replicationId = await f.replication();
      await t.em().getConnection().execute(`update replications set stage = 'DISCONTINUED' where id = ?`, [replicationId]);
      const closed = await t
        .http()
        .post('/api/mentorships')
        .set(as(c.repMember))
        .send({ replicationId, mentorIds: [c.mentor.id] })
        .expect(409);
      expect(closed.body.code).toBe('REPLICATION_CLOSED');
    });
  });

  describe('reading', () => {
    it('both sides, mentors, the facilitator unit, curators and admins read; others get 403; 404 unknown', async () => {
      const { id } = await f.mentorship('ACTIVE');
      for (const role of [
        'originAdmin',
        'mentor',
        'mentor2',
        'originMember',
        'repAdmin',
        'repMember',
        'facMember',
        'curator',
        'admin',
      ] as Role[]) {
        await t.http().get(`/api/mentorships/${id}`).set(as(c[role])).expect(200);
      }
      for (const role of ['outsider', 'moderator'] as Role[]) {
        expect((await t.http().get(`/api/mentorships/${id}`).set(as(c[role])).expect(403)).body.code).toBe('FORBIDDEN');
      }
      expect((await t.http().get(`/api/mentorships/${randomUUID()}`).set(as(c.admin)).expect(404)).body.code).toBe('NOT_FOUND');
    });

    it('lists what the caller may see, filtered by unit, state and replication', async () => {
      const a = await f.mentorship('ACTIVE');
      const p = await f.mentorship('PAUSED');
      const active = await t
        .http()
        .get(`/api/mentorships?unitId=${c.replicatingUnitId}&state=ACTIVE&limit=100`)
        .set(as(c.repMember))
        .expect(200);
      expect(active.body.items.every((m: { state: string }) => m.state === 'ACTIVE')).toBe(true);
      expect(active.body.items.map((m: { id: string }) => m.id)).toContain(a.id);
      expect(active.body.items.map((m: { id: string }) => m.id)).not.toContain(p.id);
      expect(active.body.items[0]).toMatchObject({
        progress: expect.objectContaining({ goalsDone: expect.any(Number) }),
        mentors: expect.any(Array),
      });
      const byOrigin = await t
        .http()
        .get(`/api/mentorships?unitId=${c.originUnitId}&state=PAUSED&limit=100`)
        .set(as(c.originMember))
        .expect(200);
      expect(byOrigin.body.items.map((m: { id: string }) => m.id)).toContain(p.id);
      const byRep = await t.http().get(`/api/mentorships?replicationId=${p.replicationId}`).set(as(c.mentor2)).expect(200);
      expect(byRep.body).toMatchObject({ total: 1, items: [{ id: p.id }] });
      const outsider = await t.http().get('/api/mentorships').set(as(c.outsider)).expect(200);
      expect(outsider.body).toEqual({ items: [], total: 0 });
      const curator = await t.http().get(`/api/mentorships?unitId=${c.replicatingUnitId}`).set(as(c.curator)).expect(200);
      expect(curator.body.total).toBeGreaterThanOrEqual(2);
      const otherUnit = await t.http().get(`/api/mentorships?unitId=${c.otherUnitId}`).set(as(c.admin)).expect(200);
      expect(otherUnit.body.total).toBe(0);
    });
  });

  describe('goals and progress', () => {
    it('adds goals, marks them done or dropped; progress counts done, total (without dropped) and overdue', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const g1 = (
        await t
          .http()
          .post(`/api/mentorships/${id}/goals`)
          .set(as(c.mentor))
          .send({ title: 'Perbup ditetapkan', dueDate: dateOnly(daysFromNow(10)) })
          .expect(201)
      ).body;
      const g2 = (
        await t
          .http()
          .post(`/api/mentorships/${id}/goals`)
          .set(as(c.repMember))
          .send({ title: 'Pelatihan petugas', dueDate: dateOnly(daysFromNow(-2)) })
          .expect(201)
      ).body;
      const g3 = (
        await t
          .http()
          .post(`/api/mentorships/${id}/goals`)
          .set(as(c.originAdmin))
          .send({ title: 'Aplikasi terpasang', dueDate: '2020-01-01T23:30:00+07:00' })
          .expect(201)
      ).body;
      expect(g1).toMatchObject({ id: expect.any(String), title: 'Perbup ditetapkan', status: 'open', overdue: false, completedAt: null });
      expect(g2.overdue).toBe(true);
      expect(g3.dueDate).toBe('2020-01-01'); // the UTC date of the given time
      let m = (await t.http().get(`/api/mentorships/${id}`).set(as(c.repAdmin)).expect(200)).body;
      expect(m.progress).toMatchObject({ goalsDone: 0, goalsTotal: 3, goalsOverdue: 2 });
      expect(m.overdueGoals.map((g: { id: string }) => g.id).sort()).toEqual([g2.id, g3.id].sort());

      const done = await t.http().patch(`/api/mentorships/${id}/goals/${g2.id}`).set(as(c.repMember)).send({ status: 'done' }).expect(200);
      expect(done.body).toMatchObject({ status: 'done', overdue: false, completedAt: expect.any(String) });
      await t.http().patch(`/api/mentorships/${id}/goals/${g3.id}`).set(as(c.mentor2)).send({ status: 'dropped' }).expect(200);
      m = (await t.http().get(`/api/mentorships/${id}`).set(as(c.repAdmin)).expect(200)).body;
      expect(m.progress).toMatchObject({ goalsDone: 1, goalsTotal: 2, goalsOverdue: 0 });
      const reopened = await t
        .http()
        .patch(`/api/mentorships/${id}/goals/${g2.id}`)
        .set(as(c.curator))
        .send({ status: 'open', title: 'Pelatihan petugas loket', dueDate: null })
        .expect(200);
      expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, title: 'Pelatihan petugas loket', dueDate: null });
    });

    it('only participants manage goals: origin members who are not mentors, the facilitator unit and outsiders get 403', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const goal = (await t.http().post(`/api/mentorships/${id}/goals`).set(as(c.mentor)).send({ title: 'Target' }).expect(201)).body;
      for (const u of [c.originMember, c.facMember, c.outsider, c.moderator]) {
        await t.http().post(`/api/mentorships/${id}/goals`).set(as(u)).send({ title: 'X' }).expect(403);
        await t.http().patch(`/api/mentorships/${id}/goals/${goal.id}`).set(as(u)).send({ status: 'done' }).expect(403);
      }
      for (const u of [c.admin, c.curator, c.repAdmin])
        await t
          .http()
          .post(`/api/mentorships/${id}/goals`)
          .set(as(u))
          .send({ title: `Target ${u.name}` })
          .expect(201);
    });

    it('404 for an unknown goal or one of another mentorship; 409 MENTORSHIP_CLOSED once closed', async () => {
      const a = await f.mentorship('ACTIVE');
      const b = await f.mentorship('ACTIVE');
      const goal = (await t.http().post(`/api/mentorships/${a.id}/goals`).set(as(c.mentor)).send({ title: 'Target' }).expect(201)).body;
      await t.http().patch(`/api/mentorships/${b.id}/goals/${goal.id}`).set(as(c.mentor)).send({ status: 'done' }).expect(404);
      await t.http().patch(`/api/mentorships/${a.id}/goals/${randomUUID()}`).set(as(c.mentor)).send({ status: 'done' }).expect(404);
      await t.http().post(`/api/mentorships/${randomUUID()}/goals`).set(as(c.mentor)).send({ title: 'X' }).expect(404);
      await f.move(a.id, 'CANCELLED', c.mentor, 200);
      expect((await t.http().post(`/api/mentorships/${a.id}/goals`).set(as(c.mentor)).send({ title: 'X' }).expect(409)).body.code).toBe(
        'MENTORSHIP_CLOSED',
      );
      expect(
        (await t.http().patch(`/api/mentorships/${a.id}/goals/${goal.id}`).set(as(c.mentor)).send({ status: 'done' }).expect(409)).body
          .code,
      ).toBe('MENTORSHIP_CLOSED');
    });
  });

  describe('sessions', () => {
    it('schedules, then records notes, attendance, outcome and heldAt; progress counts sessions held and days since contact', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const s1 = await t
        .http()
        .post(`/api/mentorships/${id}/sessions`)
        .set(as(c.mentor))
        .send({ scheduledAt: daysFromNow(-3).toISOString(), mode: 'online', agenda: 'Kick-off', url: 'https://meet.example.id/abc' })
        .expect(201);
      expect(s1.body).toMatchObject({
        id: expect.any(String),
        mode: 'online',
        agenda: 'Kick-off',
        durationMinutes: 90,
        held: false,
        heldAt: null,
        notes: null,
        attendeeIds: [],
        sequence: 0,
        missingNotes: true,
      });
      const s2 = await t
        .http()
        .post(`/api/mentorships/${id}/sessions`)
        .set(as(c.repMember))
        .send({ scheduledAt: daysFromNow(7).toISOString(), mode: 'field_visit', agenda: 'Kunjungan' })
        .expect(201);
      expect(s2.body.missingNotes).toBe(false);

      let m = (await t.http().get(`/api/mentorships/${id}`).set(as(c.mentor)).expect(200)).body;
      expect(m.progress).toMatchObject({ sessionsHeld: 0, sessionsWithoutNotes: 1, daysSinceLastContact: null });
      expect(m.sessionsWithoutNotes).toEqual([s1.body.id]);

      const heldAt = daysFromNow(-3).toISOString();
      const held = await t
        .http()
        .patch(`/api/mentorships/${id}/sessions/${s1.body.id}`)
        .set(as(c.repMember))
        .send({ heldAt, attendeeIds: [c.mentor.id, c.repMember.id, c.originMember.id] })
        .expect(200);
      expect(held.body).toMatchObject({
        held: true,
        heldAt,
        attendeeIds: [c.mentor.id, c.repMember.id, c.originMember.id],
        sequence: 0,
        missingNotes: true,
      });
      m = (await t.http().get(`/api/mentorships/${id}`).set(as(c.mentor)).expect(200)).body;
      expect(m.progress).toMatchObject({ sessionsHeld: 1, sessionsWithoutNotes: 1, daysSinceLastContact: 3, lastContactAt: heldAt });

      const noted = await t
        .http()
        .patch(`/api/mentorships/${id}/sessions/${s1.body.id}`)
        .set(as(c.mentor))
        .send({ notes: 'Tim sepakat menyusun SOP.', outcome: 'Draf SOP dalam 2 minggu' })
        .expect(200);
      expect(noted.body).toMatchObject({ notes: 'Tim sepakat menyusun SOP.', outcome: 'Draf SOP dalam 2 minggu', missingNotes: false });
      m = (await t.http().get(`/api/mentorships/${id}`).set(as(c.mentor)).expect(200)).body;
      expect(m.progress).toMatchObject({ sessionsHeld: 1, sessionsWithoutNotes: 0 });
      expect(m.sessions.map((s: { id: string }) => s.id)).toEqual([s1.body.id, s2.body.id]);

      const moved = await t
        .http()
        .patch(`/api/mentorships/${id}/sessions/${s2.body.id}`)
        .set(as(c.mentor))
        .send({ scheduledAt: daysFromNow(8).toISOString(), location: 'Balai Kota' })
        .expect(200);
      expect(moved.body).toMatchObject({ sequence: 1, location: 'Balai Kota' });
    });

    it('rejects attendees outside the mentorship (422), heldAt in the future (400), an empty change (400)', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const s = (
        await t
          .http()
          .post(`/api/mentorships/${id}/sessions`)
          .set(as(c.mentor))
          .send({ scheduledAt: '2026-01-05T02:00:00Z', mode: 'onsite', agenda: 'A' })
          .expect(201)
      ).body;
      const bad = await t
        .http()
        .patch(`/api/mentorships/${id}/sessions/${s.id}`)
        .set(as(c.mentor))
        .send({ attendeeIds: [c.mentor.id, c.outsider.id] })
        .expect(422);
      expect(bad.body).toMatchObject({ code: 'INVALID_ATTENDEE', details: [{ userId: c.outsider.id }] });
      await t
        .http()
        .patch(`/api/mentorships/${id}/sessions/${s.id}`)
        .set(as(c.mentor))
        .send({ heldAt: daysFromNow(2).toISOString() })
        .expect(400);
      await t.http().patch(`/api/mentorships/${id}/sessions/${s.id}`).set(as(c.mentor)).send({}).expect(400);
    });

    it('permissions, 404s, and closed mentorships: notes may still be recorded after completion, rescheduling not', async () => {
      const a = await f.mentorship('ACTIVE');
      const b = await f.mentorship('ACTIVE');
      const s = (
        await t
          .http()
          .post(`/api/mentorships/${a.id}/sessions`)
          .set(as(c.mentor))
          .send({ scheduledAt: '2026-01-05T02:00:00Z', mode: 'onsite', agenda: 'A' })
          .expect(201)
      ).body;
      for (const u of [c.originMember, c.facMember, c.outsider]) {
        await t
          .http()
          .post(`/api/mentorships/${a.id}/sessions`)
          .set(as(u))
          .send({ scheduledAt: '2026-01-05T02:00:00Z', mode: 'onsite', agenda: 'A' })
          .expect(403);
        await t.http().patch(`/api/mentorships/${a.id}/sessions/${s.id}`).set(as(u)).send({ notes: 'x' }).expect(403);
      }
      await t.http().patch(`/api/mentorships/${b.id}/sessions/${s.id}`).set(as(c.mentor)).send({ notes: 'x' }).expect(404);
      await t.http().patch(`/api/mentorships/${a.id}/sessions/${randomUUID()}`).set(as(c.mentor)).send({ notes: 'x' }).expect(404);
      await f.move(a.id, 'COMPLETED', c.mentor, 200);
      await t
        .http()
        .patch(`/api/mentorships/${a.id}/sessions/${s.id}`)
        .set(as(c.mentor))
        .send({ notes: 'Catatan akhir', heldAt: '2026-01-05T02:00:00Z' })
        .expect(200);
      expect(
        (await t.http().patch(`/api/mentorships/${a.id}/sessions/${s.id}`).set(as(c.mentor)).send({ agenda: 'B' }).expect(409)).body.code,
      ).toBe('MENTORSHIP_CLOSED');
      expect(
        (
          await t
            .http()
            .post(`/api/mentorships/${a.id}/sessions`)
            .set(as(c.mentor))
            .send({ scheduledAt: '2026-01-05T02:00:00Z', mode: 'onsite', agenda: 'A' })
            .expect(409)
        ).body.code,
      ).toBe('MENTORSHIP_CLOSED');
    });
  });

  describe('calendar export', () => {
    const unfold = (text: string) =>
      text
        .replace(/\r\n[ \t]/g, '')
        .split('\r\n')
        .filter(Boolean);
    const prop = (lines: string[], name: string) =>
      lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.replace(/^[^:]*:/, '');

    it('serves one RFC 5545 VEVENT: CRLF, folded at 75 octets, escaped text, UTC start, duration, location/url per mode', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const agenda = 'Pembahasan SOP; peran, tugas & jadwal\\cadangan\nLangkah 2: uji coba di kecamatan – "Kampung Tangguh" '.repeat(3);
      const s = (
        await t
          .http()
          .post(`/api/mentorships/${id}/sessions`)
          .set(as(c.mentor))
          .send({
            scheduledAt: '2026-12-01T09:30:00+07:00',
            mode: 'online',
            agenda,
            url: 'https://meet.example.id/room?x=1,y=2',
            durationMinutes: 120,
          })
          .expect(201)
      ).body;
      const res = await t
        .http()
        .get(`/api/mentorships/${id}/sessions/${s.id}/ics`)
        .set(as(c.repMember))
        .buffer(true)
        .parse((r, cb) => {
          let data = '';
          r.setEncoding('utf8');
          r.on('data', (chunk: string) => (data += chunk));
          r.on('end', () => cb(null, data));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const text = res.body as string;
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // every line ends with CRLF
      for (const physical of text.split('\r\n')) expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
      const lines = unfold(text);
      expect(lines[0]).toBe('BEGIN:VCALENDAR');
      expect(lines.at(-1)).toBe('END:VCALENDAR');
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
      expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
      expect(prop(lines, 'VERSION')).toBe('2.0');
      expect(prop(lines, 'PRODID')).toBeTruthy();
      expect(prop(lines, 'UID')).toBe(`${s.id}@kolaborasi.jippnas.id`);
      expect(prop(lines, 'DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);
      expect(prop(lines, 'DTSTART')).toBe('20261201T023000Z');
      expect(prop(lines, 'DURATION')).toBe('PT120M');
      expect(prop(lines, 'SUMMARY')).toContain('Pendampingan');
      const description = prop(lines, 'DESCRIPTION')!;
      expect(
        description.startsWith(agenda.trim().replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n')),
      ).toBe(true);
      expect(description).not.toMatch(/(^|[^\\])[;,]/); // no unescaped separators
      expect(prop(lines, 'URL')).toBe('https://meet.example.id/room?x=1,y=2');
      expect(prop(lines, 'LOCATION')).toBe('https://meet.example.id/room?x=1\\,y=2');
      // The lead mentor organises the event.
      expect(lines.find((l) => l.startsWith('ORGANIZER'))).toMatch(new RegExp(`:mailto:${c.mentor.email.replace(/[.+]/g, '\\$&')}$`));
    });

    it('on site and field visits default LOCATION to the hosting unit; an explicit location wins; SEQUENCE follows changes', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const get = async (sid: string) =>
        unfold((await t.http().get(`/api/mentorships/${id}/sessions/${sid}/ics`).set(as(c.mentor)).expect(200)).text);
      const onsite = (
        await t
          .http()
          .post(`/api/mentorships/${id}/sessions`)
          .set(as(c.mentor))
          .send({ scheduledAt: '2026-12-02T01:00:00Z', mode: 'onsite', agenda: 'A' })
          .expect(201)
      ).body;
      const field = (
        await t
          .http()
          .post(`/api/mentorships/${id}/sessions`)
          .set(as(c.mentor))
          .send({ scheduledAt: '2026-12-03T01:00:00Z', mode: 'field_visit', agenda: 'B' })
          .expect(201)
      ).body;
      const [rep] = await t.em().getConnection().execute<{ name: string }[]>('select name from units where id = ?', [c.replicatingUnitId]);
      const [orig] = await t.em().getConnection().execute<{ name: string }[]>('select name from units where id = ?', [c.originUnitId]);
      expect(prop(await get(onsite.id), 'LOCATION')).toContain(rep.name);
      expect(prop(await get(field.id), 'LOCATION')).toContain(orig.name);
      expect(prop(await get(field.id), 'URL')).toBeUndefined();
      await t
        .http()
        .patch(`/api/mentorships/${id}/sessions/${field.id}`)
        .set(as(c.mentor))
        .send({ location: 'Mal Pelayanan Publik, Lt. 2' })
        .expect(200);
      const after = await get(field.id);
      expect(prop(after, 'LOCATION')).toBe('Mal Pelayanan Publik\\, Lt. 2');
      expect(prop(after, 'SEQUENCE')).toBe('1');
    });

    it('403 for outsiders, 404 for unknown sessions, 401 anonymous', async () => {
      const { id } = await f.mentorship('ACTIVE');
      const s = (
        await t
          .http()
          .post(`/api/mentorships/${id}/sessions`)
          .set(as(c.mentor))
          .send({ scheduledAt: '2026-12-02T01:00:00Z', mode: 'onsite', agenda: 'A' })
          .expect(201)
      ).body;
      await t.http().get(`/api/mentorships/${id}/sessions/${s.id}/ics`).set(as(c.outsider)).expect(403);
      await t.http().get(`/api/mentorships/${id}/sessions/${s.id}/ics`).set(as(c.facMember)).expect(200);
      await t.http().get(`/api/mentorships/${id}/sessions/${randomUUID()}/ics`).set(as(c.mentor)).expect(404);
      await t.http().get(`/api/mentorships/${id}/sessions/nope/ics`).set(as(c.mentor)).expect(400);
      await t.http().get(`/api/mentorships/${id}/sessions/${s.id}/ics`).expect(401);
    });
  });

  describe('feedback and ratings', () => {
    it('each side rates once after completion; the unit averages show on the rating endpoint and dashboards', async () => {
      const a = await f.mentorship('ACTIVE');
      const early = await t.http().post(`/api/mentorships/${a.id}/feedback`).set(as(c.mentor)).send({ rating: 5 }).expect(409);
      expect(early.body.code).toBe('MENTORSHIP_NOT_COMPLETED');
      await f.move(a.id, 'COMPLETED', c.repMember, 200);
      const mentorSide = await t
        .http()
        .post(`/api/mentorships/${a.id}/feedback`)
        .set(as(c.mentor))
        .send({ rating: 4, comment: 'Tim sangat aktif' })
        .expect(201);
      expect(mentorSide.body).toMatchObject({
        side: 'mentor',
        rating: 4,
        comment: 'Tim sangat aktif',
        ratedUnitId: c.replicatingUnitId,
        authorId: c.mentor.id,
      });
      expect(
        (await t.http().post(`/api/mentorships/${a.id}/feedback`).set(as(c.originAdmin)).send({ rating: 2 }).expect(409)).body.code,
      ).toBe('FEEDBACK_EXISTS');
      const menteeSide = await t.http().post(`/api/mentorships/${a.id}/feedback`).set(as(c.repAdmin)).send({ rating: 5 }).expect(201);
      expect(menteeSide.body).toMatchObject({ side: 'mentee', ratedUnitId: c.originUnitId, comment: null });
      expect(
        (await t.http().post(`/api/mentorships/${a.id}/feedback`).set(as(c.repMember)).send({ rating: 1 }).expect(409)).body.code,
      ).toBe('FEEDBACK_EXISTS');
      for (const u of [c.facMember, c.outsider, c.curator, c.admin])
        await t.http().post(`/api/mentorships/${a.id}/feedback`).set(as(u)).send({ rating: 3 }).expect(403);

      const b = await f.mentorship('COMPLETED');
      await t.http().post(`/api/mentorships/${b.id}/feedback`).set(as(c.repMember)).send({ rating: 4 }).expect(201);
      const detail = await t.http().get(`/api/mentorships/${a.id}`).set(as(c.originMember)).expect(200);
      expect(detail.body.feedback.map((x: { side: string; rating: number }) => [x.side, x.rating])).toEqual([
        ['mentor', 4],
        ['mentee', 5],
      ]);

      const originRating = await t.http().get(`/api/units/${c.originUnitId}/mentoring-rating`).set(as(c.outsider)).expect(200);
      expect(originRating.body).toEqual({
        unitId: c.originUnitId,
        average: 4.5,
        count: 2,
        asMentor: { average: 4.5, count: 2 },
        asMentee: { average: null, count: 0 },
      });
      const repRating = await t.http().get(`/api/units/${c.replicatingUnitId}/mentoring-rating`).set(as(c.outsider)).expect(200);
      expect(repRating.body).toMatchObject({ average: 4, count: 1, asMentee: { average: 4, count: 1 } });
      await t.http().get(`/api/units/${randomUUID()}/mentoring-rating`).set(as(c.outsider)).expect(404);

      for (const cancelled of [await f.mentorship('CANCELLED'), await f.mentorship('PROPOSED')]) {
        await t.http().post(`/api/mentorships/${cancelled.id}/feedback`).set(as(c.mentor)).send({ rating: 3 }).expect(409);
      }
    });
  });

  describe('dashboards', () => {
    it('a unit sees its mentorships as mentor side and as mentee side, with progress and rating; others 403', async () => {
      const { id } = await f.mentorship('ACTIVE', { goals: [{ title: 'G1', dueDate: '2020-01-01' }, { title: 'G2' }] });
      const repDash = await t.http().get(`/api/units/${c.replicatingUnitId}/mentoring-dashboard`).set(as(c.repMember)).expect(200);
      expect(repDash.body.unit.id).toBe(c.replicatingUnitId);
      const mine = repDash.body.asMentee.items.find((m: { id: string }) => m.id === id);
      expect(mine.progress).toMatchObject({ goalsDone: 0, goalsTotal: 2, goalsOverdue: 1, sessionsHeld: 0 });
      expect(repDash.body.asMentee.summary.byState.ACTIVE).toBeGreaterThanOrEqual(1);
      expect(repDash.body.asMentor.items).toEqual([]);
      expect(repDash.body.rating).toMatchObject({ unitId: c.replicatingUnitId, count: expect.any(Number) });

      const originDash = await t.http().get(`/api/units/${c.originUnitId}/mentoring-dashboard`).set(as(c.originMember)).expect(200);
      expect(originDash.body.asMentor.items.map((m: { id: string }) => m.id)).toContain(id);
      expect(originDash.body.asMentee.items).toEqual([]);
      const facDash = await t.http().get(`/api/units/${c.facilitatorUnitId}/mentoring-dashboard`).set(as(c.facMember)).expect(200);
      expect(facDash.body.asMentor.items.map((m: { id: string }) => m.id)).toContain(id);
      await t.http().get(`/api/units/${c.replicatingUnitId}/mentoring-dashboard`).set(as(c.curator)).expect(200);
      await t.http().get(`/api/units/${c.replicatingUnitId}/mentoring-dashboard`).set(as(c.admin)).expect(200);
      for (const u of [c.outsider, c.mentor, c.moderator])
        await t.http().get(`/api/units/${c.replicatingUnitId}/mentoring-dashboard`).set(as(u)).expect(403);
      await t.http().get(`/api/units/${randomUUID()}/mentoring-dashboard`).set(as(c.admin)).expect(404);
    });

    it('the national overview counts by state and by the replicating unit’s province, for curators and admins only', async () => {
      await f.mentorship('PAUSED');
      const res = await t.http().get('/api/mentoring/overview').set(as(c.curator)).expect(200);
      const [[count]] = [await t.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from mentorships')];
      expect(res.body.total).toBe(count.n);
      expect(Object.values(res.body.byState as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(count.n);
      const sulsel = res.body.byRegion.find((r: { regionCode: string }) => r.regionCode === '73');
      expect(sulsel.total).toBe(count.n); // every fixture replicates in Makassar (73.71)
      expect(sulsel.byState.PAUSED).toBeGreaterThanOrEqual(1);
      expect(res.body).toMatchObject({
        goalsDone: expect.any(Number),
        goalsTotal: expect.any(Number),
        sessionsHeld: expect.any(Number),
        rating: { count: expect.any(Number) },
      });
      await t.http().get('/api/mentoring/overview').set(as(c.admin)).expect(200);
      for (const u of [c.repAdmin, c.originAdmin, c.moderator])
        expect((await t.http().get('/api/mentoring/overview').set(as(u)).expect(403)).body.code).toBe('FORBIDDEN');
    });
  });

  describe('bad input', () => {
    let m: { id: string; replicationId: string };
    let goalId: string;
    let sessionId: string;
    beforeAll(async () => {
      m = await f.mentorship('ACTIVE');
      goalId = (await t.http().post(`/api/mentorships/${m.id}/goals`).set(as(c.mentor)).send({ title: 'G' }).expect(201)).body.id;
      sessionId = (
        await t
          .http()
          .post(`/api/mentorships/${m.id}/sessions`)
          .set(as(c.mentor))
          .send({ scheduledAt: '2026-01-05T02:00:00Z', mode: 'onsite', agenda: 'A' })
          .expect(201)
      ).body.id;
    });

    const okMentorship = () => ({ replicationId: m.replicationId, mentorIds: [c.mentor.id] });
    it.each([
      ['missing replicationId', () => ({ mentorIds: [c.mentor.id] })],
      ['missing mentorIds', () => ({ replicationId: m.replicationId })],
      ['empty mentorIds', () => ({ ...okMentorship(), mentorIds: [] })],
      ['mentorIds not an array', () => ({ ...okMentorship(), mentorIds: c.mentor.id })],
      ['bad uuid in mentorIds', () => ({ ...okMentorship(), mentorIds: ['nope'] })],
      ['duplicate mentors', () => ({ ...okMentorship(), mentorIds: [c.mentor.id, c.mentor.id] })],
      ['replicationId not a uuid', () => ({ ...okMentorship(), replicationId: 'r1' })],
      ['replicationId wrong type', () => ({ ...okMentorship(), replicationId: 42 })],
      ['unknown field', () => ({ ...okMentorship(), budget: 1 })],
      ['goals not an array', () => ({ ...okMentorship(), goals: { title: 'x' } })],
      ['goal without title', () => ({ ...okMentorship(), goals: [{ dueDate: '2026-01-01' }] })],
      ['goal with blank title', () => ({ ...okMentorship(), goals: [{ title: '   ' }] })],
      ['goal with invalid date', () => ({ ...okMentorship(), goals: [{ title: 'x', dueDate: '2026-02-30' }] })],
      ['goal due in year 0', () => ({ ...okMentorship(), goals: [{ title: 'x', dueDate: '0000-01-01' }] })],
      ['goal with unknown field', () => ({ ...okMentorship(), goals: [{ title: 'x', owner: 'me' }] })],
      ['goal not an object', () => ({ ...okMentorship(), goals: ['x'] })],
    ])('POST /mentorships: %s → 400', async (_l, body) => {
      const res = await t.http().post('/api/mentorships').set(as(c.repMember)).send(body()).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['missing to', {}],
      ['unknown state', { to: 'FINISHED' }],
      ['lower-case state', { to: 'active' }],
      ['wrong type', { to: 1 }],
      ['unknown field', { to: 'PAUSED', force: true }],
      ['note wrong type', { to: 'PAUSED', note: 5 }],
    ])('POST /transitions: %s → 400', async (_l, body) => {
      expect((await t.http().post(`/api/mentorships/${m.id}/transitions`).set(as(c.mentor)).send(body).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
    });

    it.each([
      ['missing title', {}],
      ['title wrong type', { title: 3 }],
      ['invalid date', { title: 'x', dueDate: 'tomorrow' }],
      ['impossible date', { title: 'x', dueDate: '2026-13-01' }],
      ['unknown field', { title: 'x', status: 'done' }],
    ])('POST /goals: %s → 400', async (_l, body) => {
      await t.http().post(`/api/mentorships/${m.id}/goals`).set(as(c.mentor)).send(body).expect(400);
    });

    it.each([
      ['unknown status', { status: 'finished' }],
      ['status wrong type', { status: true }],
      ['invalid date', { dueDate: '2026-02-31' }],
      ['unknown field', { status: 'done', score: 3 }],
      ['nothing to change', {}],
    ])('PATCH /goals/:goalId: %s → 400', async (_l, body) => {
      await t.http().patch(`/api/mentorships/${m.id}/goals/${goalId}`).set(as(c.mentor)).send(body).expect(400);
    });

    const okSession = { scheduledAt: '2026-01-05T02:00:00Z', mode: 'online', agenda: 'A' };
    it.each([
      ['missing scheduledAt', { mode: 'online', agenda: 'A' }],
      ['missing mode', { scheduledAt: okSession.scheduledAt, agenda: 'A' }],
      ['missing agenda', { scheduledAt: okSession.scheduledAt, mode: 'online' }],
      ['unknown mode', { ...okSession, mode: 'hybrid' }],
      ['invalid date', { ...okSession, scheduledAt: '2026-02-30T10:00:00Z' }],
      ['date without time', { ...okSession, scheduledAt: '2026-02-03' }],
      ['year out of range', { ...okSession, scheduledAt: '0001-02-03T10:00:00Z' }],
      ['far future', { ...okSession, scheduledAt: '9999-02-03T10:00:00Z' }],
      ['time without zone', { ...okSession, scheduledAt: '2026-02-03T10:00:00' }],
      ['scheduledAt wrong type', { ...okSession, scheduledAt: 1767578400000 }],
      ['blank agenda', { ...okSession, agenda: ' ' }],
      ['bad url', { ...okSession, url: 'javascript:alert(1)' }],
      ['duration too short', { ...okSession, durationMinutes: 1 }],
      ['duration not an integer', { ...okSession, durationMinutes: '60' }],
      ['unknown field', { ...okSession, room: 'A' }],
    ])('POST /sessions: %s → 400', async (_l, body) => {
      await t.http().post(`/api/mentorships/${m.id}/sessions`).set(as(c.mentor)).send(body).expect(400);
    });

    it.each([
      ['notes wrong type', { notes: 1 }],
      ['attendeeIds not an array', { attendeeIds: randomUUID() }],
      ['attendeeIds bad uuid', { attendeeIds: ['x'] }],
      ['heldAt invalid', { heldAt: 'yesterday' }],
      ['heldAt impossible', { heldAt: '2026-02-30T10:00:00Z' }],
      ['unknown mode', { mode: 'hybrid' }],
      ['unknown field', { notes: 'x', rating: 5 }],
    ])('PATCH /sessions/:sessionId: %s → 400', async (_l, body) => {
      await t.http().patch(`/api/mentorships/${m.id}/sessions/${sessionId}`).set(as(c.mentor)).send(body).expect(400);
    });

    it.each([
      ['rating 0', { rating: 0 }],
      ['rating 6', { rating: 6 }],
      ['rating fractional', { rating: 2.5 }],
      ['rating as string', { rating: '5' }],
      ['missing rating', { comment: 'x' }],
      ['comment wrong type', { rating: 3, comment: 1 }],
      ['unknown field', { rating: 3, side: 'mentee' }],
    ])('POST /feedback: %s → 400', async (_l, body) => {
      await t.http().post(`/api/mentorships/${m.id}/feedback`).set(as(c.mentor)).send(body).expect(400);
    });

    it.each([['?state=DONE'], ['?unitId=abc'], ['?replicationId=1'], ['?limit=0'], ['?limit=x'], ['?offset=-1'], ['?foo=bar']])(
      'GET /mentorships%s → 400',
      async (q) => {
        await t.http().get(`/api/mentorships${q}`).set(as(c.mentor)).expect(400);
      },
    );

    it('malformed JSON and bad ids in paths → 400', async () => {
      const res = await t
        .http()
        .post('/api/mentorships')
        .set(as(c.repMember))
        .set('content-type', 'application/json')
        .send('{"replicationId":')
        .expect(400);
      expect(res.body.code).toBe('MALFORMED_JSON');
      await t.http().get('/api/mentorships/nope').set(as(c.mentor)).expect(400);
      await t.http().post('/api/mentorships/nope/transitions').set(as(c.mentor)).send({ to: 'PAUSED' }).expect(400);
      await t.http().post('/api/mentorships/nope/goals').set(as(c.mentor)).send({ title: 'x' }).expect(400);
      await t.http().patch(`/api/mentorships/${m.id}/goals/nope`).set(as(c.mentor)).send({ status: 'done' }).expect(400);
      await t.http().post('/api/mentorships/nope/sessions').set(as(c.mentor)).send(okSession).expect(400);
      await t.http().patch(`/api/mentorships/${m.id}/sessions/nope`).set(as(c.mentor)).send({ notes: 'x' }).expect(400);
      await t.http().post('/api/mentorships/nope/feedback').set(as(c.mentor)).send({ rating: 3 }).expect(400);
      await t.http().get('/api/units/nope/mentoring-dashboard').set(as(c.admin)).expect(400);
      await t.http().get('/api/units/nope/mentoring-rating').set(as(c.admin)).expect(400);
    });

    it('unknown mentorships → 404 on every endpoint', async () => {
      const x = randomUUID();
      await t.http().post(`/api/mentorships/${x}/transitions`).set(as(c.admin)).send({ to: 'PAUSED' }).expect(404);
      await t.http().post(`/api/mentorships/${x}/goals`).set(as(c.admin)).send({ title: 'x' }).expect(404);
      await t.http().patch(`/api/mentorships/${x}/goals/${goalId}`).set(as(c.admin)).send({ status: 'done' }).expect(404);
      await t.http().post(`/api/mentorships/${x}/sessions`).set(as(c.admin)).send(okSession).expect(404);
      await t.http().patch(`/api/mentorships/${x}/sessions/${sessionId}`).set(as(c.admin)).send({ notes: 'x' }).expect(404);
      await t.http().get(`/api/mentorships/${x}/sessions/${sessionId}/ics`).set(as(c.admin)).expect(404);
      await t.http().post(`/api/mentorships/${x}/feedback`).set(as(c.admin)).send({ rating: 3 }).expect(404);
    });

    it('401 without a token on every endpoint', async () => {
      const calls = [
        t.http().post('/api/mentorships').send(okMentorship()),
        t.http().get('/api/mentorships'),
        t.http().get(`/api/mentorships/${m.id}`),
        t.http().post(`/api/mentorships/${m.id}/transitions`).send({ to: 'PAUSED' }),
        t.http().post(`/api/mentorships/${m.id}/goals`).send({ title: 'x' }),
        t.http().patch(`/api/mentorships/${m.id}/goals/${goalId}`).send({ status: 'done' }),
        t.http().post(`/api/mentorships/${m.id}/sessions`).send(okSession),
        t.http().patch(`/api/mentorships/${m.id}/sessions/${sessionId}`).send({ notes: 'x' }),
        t.http().get(`/api/mentorships/${m.id}/sessions/${sessionId}/ics`),
        t.http().post(`/api/mentorships/${m.id}/feedback`).send({ rating: 3 }),
        t.http().get(`/api/units/${c.originUnitId}/mentoring-dashboard`),
        t.http().get(`/api/units/${c.originUnitId}/mentoring-rating`),
        t.http().get('/api/mentoring/overview'),
      ];
      for (const res of await Promise.all(calls)) expect(res.status).toBe(401);
      const bad = await t.http().get('/api/mentorships').set('authorization', 'Bearer nonsense').expect(401);
      expect(bad.body.code).toMatch(/^(UNAUTHENTICATED|AUTH_)/);
    });
  });
});
