import { randomUUID } from 'node:crypto';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { CampaignTimer } from '../../apps/api/src/modules/evidence/campaigns/campaign-timer.service';

interface Note {
  type: string;
  payload: Record<string, unknown>;
}

describe('data refresh campaigns (e2e)', () => {
  let t: TestApp;
  let curator: TestUser;
  let unitA: TestUser;
  let unitB: TestUser;
  let replicator: TestUser;
  let bystander: TestUser;
  let ids: { a1: string; a2: string; b1: string; other: string };
  let campaignId: string;
  const DAY = 86_400_000;
  const deadline = new Date(Date.now() + 10 * DAY);

  const notes = async (u: TestUser, type: string): Promise<Note[]> =>
    (await t.http().get('/api/notifications').set('authorization', u.auth).expect(200)).body.items.filter((n: Note) => n.type === type);
  const arrived = (u: TestUser, type: string, what: string) =>
    waitUntil(async () => {
      const found = await notes(u, type);
      return found.length ? found : null;
    }, what);
  const innovation = async (id: string) => (await t.http().get(`/api/innovations/${id}`).expect(200)).body;
  const confirm = (id: string, innovationId: string, by: TestUser, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/campaigns/${id}/items/${innovationId}/confirm`).set('authorization', by.auth).send(body);
  const start = (by: TestUser, body: Record<string, unknown>) => t.http().post('/api/campaigns').set('authorization', by.auth).send(body);
  const timer = () => t.get<CampaignTimer>(CampaignTimer);

  beforeAll(async () => {
    t = await TestApp.start();
    const [a, b, r, o] = [
      await t.unit(await t.agency('city', '35.78')),
      await t.unit(await t.agency('regency', '35.10')),
      await t.unit(),
      await t.unit(),
    ];
    curator = await t.user({ roles: ['curator'] });
    unitA = await t.user({ units: [[a.id, 'member']] });
    unitB = await t.user({ units: [[b.id, 'admin']] });
    replicator = await t.user({ units: [[r.id, 'admin']] });
    bystander = await t.user({ units: [[o.id, 'admin']] });
    const make = async (unitId: string, source: 'IGA' | 'KIPP', title: string) =>
      (await t.innovation(unitId, { source, year: 2022, title })).id;
    ids = {
      a1: await make(a.id, 'IGA', 'Lapor Sekali'),
      a2: await make(a.id, 'IGA', 'Antar Jemput Akta'),
      b1: await make(b.id, 'IGA', 'Posyandu Digital'),
      other: await make(o.id, 'KIPP', 'Bukan Sasaran'),
    };
    await t.replication({ originUnitId: a.id, replicatingUnitId: r.id, innovationId: ids.a1 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a curator starts a campaign over a filter; each origin unit is told once, with its innovations', async () => {
    const res = await start(curator, {
      title: 'Pemutakhiran data IGA 2022',
      deadline: deadline.toISOString(),
      remindDaysBefore: 3,
      filter: { source: 'IGA', year: 2022 },
    }).expect(201);
    campaignId = res.body.id;
    expect(res.body).toMatchObject({
      title: 'Pemutakhiran data IGA 2022',
      filter: { source: 'IGA', year: 2022 },
      remindDaysBefore: 3,
      closedAt: null,
      progress: { total: 3, confirmed: 0, pending: 3, reminded: 0, flagged: 0, units: 2, unitsComplete: 0 },
    });
    const [na] = await arrived(unitA, 'refresh_requested', 'unit A told');
    expect(na.payload).toMatchObject({
      campaignId,
      count: 2,
      deadline: deadline.toISOString(),
      innovations: expect.arrayContaining([
        { id: ids.a1, title: 'Lapor Sekali' },
        { id: ids.a2, title: 'Antar Jemput Akta' },
      ]),
    });
    expect((await notes(unitB, 'refresh_requested'))[0].payload).toMatchObject({
      count: 1,
      innovations: [{ id: ids.b1, title: 'Posyandu Digital' }],
    });
    expect(await notes(bystander, 'refresh_requested')).toHaveLength(0);
    // The same message goes out by mail (to the outbox here: no SMTP_URL).
    const mails = await t
      .em()
      .execute<{ to_address: string; subject: string; text_body: string }[]>(
        `select to_address, subject, text_body from mail_queue where template = 'refresh_requested'`,
      );
    expect(mails.map((m) => m.to_address).sort()).toEqual([unitA.email, unitB.email].sort());
    const mailA = mails.find((m) => m.to_address === unitA.email)!;
    expect(mailA.subject).toBe('Pemutakhiran data inovasi: Pemutakhiran data IGA 2022');
    expect(mailA.text_body).toContain('Antar Jemput Akta');
    const mine = await t.http().get('/api/me/refresh-requests').set('authorization', unitA.auth).expect(200);
    expect(mine.body.items.map((i: { innovationId: string }) => i.innovationId).sort()).toEqual([ids.a1, ids.a2].sort());
    expect(mine.body.items[0]).toMatchObject({
      campaignTitle: 'Pemutakhiran data IGA 2022',
      status: 'pending',
      deadline: deadline.toISOString(),
    });
  });

  it('an origin unit confirms and corrects; its replicating units hear that the innovation went dormant', async () => {
    const res = await confirm(campaignId, ids.a1, unitA, {
      stage: 'penerapan',
      sustainability: 'vakum',
      contact: { name: 'Bu Rina', email: 'rina@surabaya.go.id', phone: '+62 31 123456' },
    }).expect(200);
    expect(res.body).toMatchObject({
      status: 'confirmed',
      confirmedBy: unitA.id,
      changes: { sustainability: { from: null, to: 'vakum' }, stage: { from: null, to: 'penerapan' } },
    });
    const [n] = await arrived(replicator, 'innovation_status_changed', 'replicating unit told');
    expect(n.payload).toMatchObject({ innovationId: ids.a1, from: null, to: 'vakum', replicationIds: [expect.any(String)] });
    const view = await innovation(ids.a1);
    expect(view).toMatchObject({
      sustainability: 'vakum',
      stage: 'penerapan',
      contact: { name: 'Bu Rina' },
      verification: { verifiedAt: expect.any(String), notVerifiedSince: null },
    });
    expect((await confirm(campaignId, ids.a2, unitB).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await confirm(campaignId, ids.a2, replicator).expect(403)).body.code).toBe('FORBIDDEN');
    const progress = await t.http().get(`/api/campaigns/${campaignId}`).set('authorization', curator.auth).expect(200);
    expect(progress.body.progress).toMatchObject({ total: 3, confirmed: 1, pending: 2 });
  });

  it('the catalogue’s own edit to berhenti tells the replicating units too', async () => {
    const before = (await notes(replicator, 'innovation_status_changed')).length;
    await t.http().patch(`/api/innovations/${ids.a1}`).set('authorization', unitA.auth).send({ sustainability: 'berhenti' }).expect(200);
    const all = await waitUntil(
      async () =>
        (await notes(replicator, 'innovation_status_changed')).length > before ? notes(replicator, 'innovation_status_changed') : null,
      'told of berhenti',
    );
    expect(all[0].payload).toMatchObject({ from: 'vakum', to: 'berhenti' });
    // Back to berlanjut is good news: nobody is alarmed.
    await t.http().patch(`/api/innovations/${ids.a1}`).set('authorization', unitA.auth).send({ sustainability: 'berlanjut' }).expect(200);
  });

  it('the timer reminds each pending item once before the deadline, then flags the rest at the deadline', async () => {
    expect(await timer().tick(new Date())).toEqual({ reminded: 0, closed: 0, flagged: 0 });
    const reminderDay = new Date(deadline.getTime() - 2 * DAY);
    const [first, second] = await Promise.all([timer().tick(reminderDay), timer().tick(reminderDay)]); // two nodes at once
    expect(first.reminded + second.reminded).toBe(2);
    const [ra] = await arrived(unitA, 'refresh_reminder', 'unit A reminded');
    expect(ra.payload).toMatchObject({ campaignId, count: 1, innovations: [{ id: ids.a2, title: 'Antar Jemput Akta' }] });
    expect(await notes(unitB, 'refresh_reminder')).toHaveLength(1);
    expect((await t.em().execute(`select 1 from mail_queue where template = 'refresh_reminder'`)).length).toBe(2);
    expect((await timer().tick(reminderDay)).reminded).toBe(0);

    const after = new Date(deadline.getTime() + 3_600_000);
    const [c1, c2] = await Promise.all([timer().tick(after), timer().tick(after)]);
    expect([c1.closed + c2.closed, c1.flagged + c2.flagged]).toEqual([1, 2]);
    const progress = (await t.http().get(`/api/campaigns/${campaignId}`).set('authorization', curator.auth).expect(200)).body;
    expect(progress).toMatchObject({
      closedAt: after.toISOString(),
      progress: { total: 3, confirmed: 1, pending: 2, reminded: 2, flagged: 2, unitsComplete: 0 },
    });
    const flagged = await t.http().get(`/api/campaigns/${campaignId}/items?status=flagged`).set('authorization', curator.auth).expect(200);
    expect(flagged.body.items.map((i: { innovationId: string }) => i.innovationId).sort()).toEqual([ids.a2, ids.b1].sort());
    const a2 = await innovation(ids.a2);
    expect(a2.verification).toEqual({ verifiedAt: null, notVerifiedSince: a2.createdAt });
    expect((await innovation(ids.a1)).verification.notVerifiedSince).toBeNull();
    expect((await innovation(ids.other)).verification.notVerifiedSince).toBeNull();
    const listed = await t.http().get('/api/innovations?source=IGA').expect(200);
    expect(listed.body.items.find((i: { id: string }) => i.id === ids.b1).verification.notVerifiedSince).toEqual(expect.any(String));

    // A late confirmation is still welcome and lifts the flag.
    await confirm(campaignId, ids.b1, unitB, { note: 'Masih berjalan' }).expect(200);
    expect((await innovation(ids.b1)).verification).toEqual({ verifiedAt: expect.any(String), notVerifiedSince: null });
    expect((await timer().tick(after)).closed).toBe(0);
  });

  it('only curators and admins run campaigns; worst inputs get stable codes', async () => {
    const ok = { title: 'Kampanye', deadline: deadline.toISOString(), filter: { source: 'IGA' } };
    for (const who of [unitA, replicator]) expect((await start(who, ok).expect(403)).body.code).toBe('FORBIDDEN');
    for (const path of ['/api/campaigns', `/api/campaigns/${campaignId}`, `/api/campaigns/${campaignId}/items`]) {
      expect((await t.http().get(path).set('authorization', unitA.auth).expect(403)).body.code).toBe('FORBIDDEN');
    }
    await t.http().get('/api/campaigns').expect(401);
    const bad: Record<string, unknown>[] = [
      {},
      { ...ok, title: '  ' },
      { ...ok, deadline: 'besok' },
      { ...ok, deadline: new Date(Date.now() - DAY).toISOString() },
      { ...ok, filter: undefined },
      { ...ok, filter: 'IGA' },
      { ...ok, filter: { regionCode: '7' } },
      { ...ok, filter: { source: 'LAN' } },
      { ...ok, filter: { year: '2022' } },
      { ...ok, filter: { innovationIds: ['x'] } },
      { ...ok, filter: { bogus: 1 } },
      { ...ok, remindDaysBefore: 61 },
      { ...ok, extra: true },
    ];
    for (const body of bad) expect({ body, code: (await start(curator, body)).body.code }).toEqual({ body, code: 'VALIDATION_FAILED' });
    expect((await start(curator, { ...ok, filter: { source: 'OTHER' } }).expect(422)).body.code).toBe('CAMPAIGN_EMPTY');
    expect((await start(curator, { ...ok, filter: { innovationIds: [] } }).expect(422)).body.code).toBe('CAMPAIGN_EMPTY');
    expect((await t.http().get('/api/campaigns').set('authorization', curator.auth).expect(200)).body.items).toHaveLength(1); // the empty ones left nothing behind
    for (const body of [
      { sustainability: 'mati' },
      { stage: 'selesai' },
      { contact: { email: 'bukan-email' } },
      { contact: { phone: 'tel:abc' } },
      { contact: 'Bu Rina' },
      { bogus: 1 },
    ]) {
      expect({ body, code: (await confirm(campaignId, ids.a2, unitA, body)).body.code }).toEqual({ body, code: 'VALIDATION_FAILED' });
    }
    expect((await confirm(campaignId, ids.other, curator).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await confirm(randomUUID(), ids.a2, curator).expect(404)).body.code).toBe('NOT_FOUND');
    expect(
      (await t.http().get(`/api/campaigns/${campaignId}/items?status=late`).set('authorization', curator.auth).expect(400)).body.code,
    ).toBe('VALIDATION_FAILED');
  });
});
