import { randomUUID } from 'node:crypto';
import { TestApp } from '@app/testing';
import { castEvidence, EvidenceCast, evidenceReplication } from './evidence.helpers';

describe('hub view (e2e)', () => {
  let t: TestApp;
  let c: EvidenceCast;

  beforeAll(async () => {
    t = await TestApp.start();
    c = await castEvidence(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a facilitator unit sees its replications and mentorships with stages, checklists, indicators and ratings, and exports them', async () => {
    const hub = c.facilitatorUnitId;
    const evil = await t.innovation(c.originUnitId, { title: '=HYPERLINK("http://x")' });
    const a = await evidenceReplication(t, c, 'PREPARING', evil.id);
    // b: facilitated by another unit, but one of the hub's members mentors it.
    const otherFac = await t.unit();
    const otherRep = await t.unit();
    const { replication: b } = await t.replication({
      originUnitId: c.originUnitId,
      replicatingUnitId: otherRep.id,
      facilitatorUnitId: otherFac.id,
    });
    // c: nothing to do with the hub.
    await t.replication({ originUnitId: c.originUnitId, replicatingUnitId: otherRep.id });

    const list = (await t.http().get(`/api/replications/${a.id}/checklist`).set('authorization', c.facMember.auth).expect(200)).body;
    const prep = list.stages[0].items;
    await t
      .http()
      .patch(`/api/replications/${a.id}/checklist/${prep[1].id}`)
      .set('authorization', c.facMember.auth)
      .send({ done: true })
      .expect(200);
    await t
      .http()
      .post(`/api/replications/${a.id}/checklist`)
      .set('authorization', c.facMember.auth)
      .send({ stage: 'PREPARING', title: 'Anggaran disahkan', required: true })
      .expect(201);
    const ind = await t
      .http()
      .post(`/api/replications/${a.id}/indicators`)
      .set('authorization', c.repMember.auth)
      .send({ name: 'Waktu layanan', unit: 'hari', direction: 'lower', baseline: { value: 10, at: '2025-01-01' } })
      .expect(201);
    await t
      .http()
      .post(`/api/indicators/${ind.body.id}/measurements`)
      .set('authorization', c.repMember.auth)
      .send({ value: 3, at: '2025-06-01' })
      .expect(201);
    const m = randomUUID();
    await t
      .em()
      .execute(`insert into mentorships (id, replication_id, state, proposed_by_side) values (?, ?, 'COMPLETED', 'mentee')`, [m, a.id]);
    await t
      .em()
      .execute(
        `insert into mentorship_goals (id, mentorship_id, title, status) values (?, ?, 'SOP', 'done'), (?, ?, 'Aplikasi', 'open'), (?, ?, 'Batal', 'dropped')`,
        [randomUUID(), m, randomUUID(), m, randomUUID(), m],
      );
    await t
      .em()
      .execute(
        `insert into mentorship_feedback (id, mentorship_id, side, rated_unit_id, rating) values (?, ?, 'mentee', ?, 4), (?, ?, 'mentor', ?, 5)`,
        [randomUUID(), m, c.originUnitId, randomUUID(), m, c.replicatingUnitId],
      );
    const mb = randomUUID();
    await t
      .em()
      .execute(`insert into mentorships (id, replication_id, state, proposed_by_side) values (?, ?, 'ACTIVE', 'mentee')`, [mb, b.id]);
    await t
      .em()
      .execute(`insert into mentorship_mentors (id, mentorship_id, user_id, unit_id) values (?, ?, ?, ?)`, [
        randomUUID(),
        mb,
        c.facMember.id,
        hub,
      ]);

    const res = await t.http().get(`/api/units/${hub}/hub`).set('authorization', c.facMember.auth).expect(200);
    expect(res.body.unit).toMatchObject({ id: hub, name: expect.any(String), agencyName: expect.any(String) });
    expect(res.body.replications.map((r: { id: string }) => r.id).sort()).toEqual([a.id, b.id].sort());
    const ra = res.body.replications.find((r: { id: string }) => r.id === a.id);
    expect(ra).toMatchObject({
      stage: 'PREPARING',
      facilitated: true,
      innovation: { id: evil.id },
      checklist: {
        done: 1,
        total: list.stages.reduce((n: number, s: { items: unknown[] }) => n + s.items.length, 0) + 1,
        requiredOpen: 1,
        currentStageDone: 1,
        currentStageTotal: prep.length + 1,
      },
      indicators: [{ name: 'Waktu layanan', baseline: 10, latest: 3, changePercent: -70, improved: true }],
      mentorships: [{ id: m, state: 'COMPLETED', goalsDone: 1, goalsTotal: 2, sessionsHeld: 0, ratingByMentors: 5, ratingByTeam: 4 }],
    });
    const rb = res.body.replications.find((r: { id: string }) => r.id === b.id);
    expect(rb).toMatchObject({ facilitated: false, mentorships: [{ id: mb, state: 'ACTIVE' }] });
    expect(rb.checklist.total).toBeGreaterThan(0); // seeded on the way
    expect(res.body.summary).toMatchObject({
      replications: 2,
      byStage: { PREPARING: 1, PROPOSED: 1 },
      mentorships: 2,
      mentorshipsByState: { COMPLETED: 1, ACTIVE: 1 },
      averageRatingByTeam: 4,
    });

    const csv = await t.http().get(`/api/units/${hub}/hub/export`).set('authorization', c.curator.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="hub-/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 5)).toEqual(['replikasi_id', 'inovasi', 'instansi_asal', 'instansi_replikator', 'tahap']);
    expect(lines).toHaveLength(3);
    const rowA = lines.find((l) => l.startsWith(a.id))!;
    expect(rowA).toContain(`"'=HYPERLINK(""http://x"")"`); // neutralised formula
    expect(rowA).toContain(',-70,');
    expect(rowA).toContain(`,${m},COMPLETED,1,2,0,5,4,`);
  });

  it('members of the unit, curators and admins only; worst inputs', async () => {
    const hub = c.facilitatorUnitId;
    for (const who of [c.curator, c.admin]) await t.http().get(`/api/units/${hub}/hub`).set('authorization', who.auth).expect(200);
    for (const who of [c.outsider, c.repMember, c.originMember]) {
      expect((await t.http().get(`/api/units/${hub}/hub`).set('authorization', who.auth).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await t.http().get(`/api/units/${hub}/hub/export`).set('authorization', who.auth).expect(403)).body.code).toBe('FORBIDDEN');
    }
    await t.http().get(`/api/units/${hub}/hub`).expect(401);
    expect((await t.http().get(`/api/units/${randomUUID()}/hub`).set('authorization', c.admin.auth).expect(404)).body.code).toBe(
      'NOT_FOUND',
    );
    expect((await t.http().get(`/api/units/nope/hub`).set('authorization', c.admin.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // A unit with nothing to show gets an empty view, not an error.
    const empty = await t
      .http()
      .get(`/api/units/${(await t.unit()).id}/hub`)
      .set('authorization', c.admin.auth)
      .expect(200);
    expect(empty.body).toMatchObject({
      replications: [],
      summary: { replications: 0, checklistDonePercent: null, averageRatingByTeam: null },
    });
  });
});
