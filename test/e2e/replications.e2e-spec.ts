import { randomUUID } from 'node:crypto';
import { REPLICATION_STAGES, ReplicationStage, Unit } from '@app/database';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { REPLICATION_TRANSITIONS } from '../../apps/api/src/modules/replications/replication-stages';

describe('replications (e2e)', () => {
  let t: TestApp;
  let origin: Unit;
  let replicating: Unit;
  let facilitator: Unit;
  let originMember: TestUser;
  let replMember: TestUser;
  let facMember: TestUser;
  let outsider: TestUser;
  let curator: TestUser;

  const propose = (innovationId: string, by: TestUser, body: Record<string, unknown>) =>
    t.http().post(`/api/innovations/${innovationId}/replications`).set('authorization', by.auth).send(body);
  const move = (id: string, by: TestUser, to: string, note?: string) =>
    t
      .http()
      .post(`/api/replications/${id}/transitions`)
      .set('authorization', by.auth)
      .send(note ? { to, note } : { to });
  const setStage = (id: string, stage: ReplicationStage) => t.em().execute('update replications set stage = ? where id = ?', [stage, id]);
  const count = async (innovationId: string) => (await t.http().get(`/api/innovations/${innovationId}`).expect(200)).body.replicationCount;

  beforeAll(async () => {
    t = await TestApp.start();
    origin = await t.unit(await t.agency('city', '35.78'));
    replicating = await t.unit(await t.agency('city', '73.71'));
    facilitator = await t.unit(await t.agency('province', '33'));
    originMember = await t.user({ units: [[origin.id, 'member']] });
    replMember = await t.user({ units: [[replicating.id, 'member']] });
    facMember = await t.user({ units: [[facilitator.id, 'admin']] });
    outsider = await t.user();
    curator = await t.user({ roles: ['curator'] });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/innovations/:id/replications', () => {
    it('a member of the replicating unit proposes; playbook, history, count and notifications follow', async () => {
      const inv = await t.innovation(origin.id, { title: 'Klampid' });
      const res = await propose(inv.id, replMember, { replicatingUnitId: replicating.id, facilitatorUnitId: facilitator.id }).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        innovationId: inv.id,
        originUnitId: origin.id,
        replicatingUnitId: replicating.id,
        facilitatorUnitId: facilitator.id,
        model: 'fasilitasi',
        stage: 'PROPOSED',
        playbookId: expect.any(String),
      });
      const [pb] = await t.em().execute('select replication_id, title from playbooks where id = ?', [res.body.playbookId]);
      expect(pb.replication_id).toBe(res.body.id);
      expect(await count(inv.id)).toBe(1);
      const one = await t.http().get(`/api/replications/${res.body.id}`).set('authorization', outsider.auth).expect(200);
      expect(one.body.history).toEqual([
        {
          from: null,
          to: 'PROPOSED',
          actorId: replMember.id,
          actorName: expect.any(String),
          actor: { id: replMember.id, name: expect.any(String) },
          note: null,
          at: expect.any(String),
        },
      ]);
      const note = await waitUntil(
        async () =>
          (await t.http().get('/api/notifications').set('authorization', originMember.auth)).body.items.find(
            (n: { payload: { replicationId: string } }) => n.payload.replicationId === res.body.id,
          ),
        'origin notified',
      );
      expect(note).toMatchObject({ type: 'stage_change', payload: { from: null, to: 'PROPOSED', innovationId: inv.id } });
      expect((await t.http().get('/api/notifications').set('authorization', replMember.auth)).body.items).toHaveLength(0);
    });

    it('one active replication per unit and innovation (409), again after withdrawal', async () => {
      const inv = await t.innovation(origin.id);
      const first = await propose(inv.id, replMember, { replicatingUnitId: replicating.id }).expect(201);
      expect(first.body.model).toBe('mandiri');
      expect((await propose(inv.id, replMember, { replicatingUnitId: replicating.id, model: 'kerja_sama' }).expect(409)).body.code).toBe(
        'ALREADY_EXISTS',
      );
      await move(first.body.id, replMember, 'WITHDRAWN').expect(200);
      expect(await count(inv.id)).toBe(0);
      await propose(inv.id, replMember, { replicatingUnitId: replicating.id, model: 'kerja_sama' }).expect(201);
      expect(await count(inv.id)).toBe(1);
    });

    it('concurrent proposals keep the count right and never duplicate', async () => {
      const inv = await t.innovation(origin.id);
      const units = await Promise.all(Array.from({ length: 8 }, () => t.unit()));
      const member = await t.user({ units: [...units, replicating].map((u) => [u.id, 'member'] as [string, 'member']) });
      const res = await Promise.all(units.map((u) => propose(inv.id, member, { replicatingUnitId: u.id })));
      expect(res.map((r) => r.status)).toEqual(units.map(() => 201));
      const same = await Promise.all(Array.from({ length: 6 }, () => propose(inv.id, member, { replicatingUnitId: replicating.id })));
      expect(same.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(await count(inv.id)).toBe(9);
      const stats = await t.http().get('/api/stats/replications?groupBy=innovation').expect(200);
      expect(stats.body.find((s: { key: string }) => s.key === inv.id)).toMatchObject({ count: 9 });
    });

    it('403 for non-members of the replicating unit (even the origin, curators and admins), 401 anonymous', async () => {
      const inv = await t.innovation(origin.id);
      await propose(inv.id, outsider, { replicatingUnitId: replicating.id }).expect(403);
      await propose(inv.id, curator, { replicatingUnitId: replicating.id }).expect(403);
      await propose(inv.id, await t.user({ roles: ['admin'] }), { replicatingUnitId: replicating.id }).expect(403);
      await propose(inv.id, originMember, { replicatingUnitId: replicating.id }).expect(403);
      await t.http().post(`/api/innovations/${inv.id}/replications`).send({ replicatingUnitId: replicating.id }).expect(401);
    });

    it('404 for unknown innovation or units; 400 for bad input', async () => {
      const inv = await t.innovation(origin.id);
      await propose(randomUUID(), replMember, { replicatingUnitId: replicating.id }).expect(404);
      await propose(inv.id, curator, { replicatingUnitId: randomUUID() }).expect(404);
      await propose(inv.id, replMember, { replicatingUnitId: replicating.id, facilitatorUnitId: randomUUID() }).expect(404);
      for (const body of [
        {},
        { replicatingUnitId: 'x' },
        { replicatingUnitId: replicating.id, model: 'bebas' },
        { replicatingUnitId: replicating.id, model: 'fasilitasi' },
        { replicatingUnitId: replicating.id, model: 'mandiri', facilitatorUnitId: facilitator.id },
        { replicatingUnitId: replicating.id, facilitatorUnitId: origin.id },
        { replicatingUnitId: replicating.id, extra: 1 },
      ]) {
        expect((await propose(inv.id, replMember, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      await propose(inv.id, originMember, { replicatingUnitId: origin.id }).expect(400);
      await t
        .http()
        .post('/api/innovations/nope/replications')
        .set('authorization', replMember.auth)
        .send({ replicatingUnitId: replicating.id })
        .expect(400);
    });
  });

  describe('state machine', () => {
    let id: string;
    let innovationId: string;
    beforeAll(async () => {
      innovationId = (await t.innovation(origin.id)).id;
      id = (await propose(innovationId, replMember, { replicatingUnitId: replicating.id, facilitatorUnitId: facilitator.id }).expect(201))
        .body.id;
    });

    // Every (from, to) pair, moved by a curator: allowed exactly when the table says so.
    const pairs = REPLICATION_STAGES.flatMap((from) =>
      REPLICATION_STAGES.map((to) => [from, to, !!REPLICATION_TRANSITIONS[from][to]] as const),
    );
    it.each(pairs)('%s → %s allowed=%s', async (from, to, allowed) => {
      await setStage(id, from);
      const res = await move(id, curator, to);
      if (allowed) expect(res.body).toMatchObject({ id, stage: to });
      else expect(res.body).toMatchObject({ statusCode: 409, code: 'INVALID_TRANSITION' });
      expect(res.status).toBe(allowed ? 200 : 409);
    });

    // Each allowed move by each party: who may, and who gets 403.
    const edges = REPLICATION_STAGES.flatMap((from) =>
      Object.entries(REPLICATION_TRANSITIONS[from]).map(([to, movers]) => [from, to as ReplicationStage, movers!] as const),
    );
    it.each(edges)('%s → %s: only %p may move it', async (from, to, movers) => {
      const parties = { origin: originMember, replicating: replMember } as const;
      for (const [who, user] of Object.entries(parties)) {
        await setStage(id, from);
        const res = await move(id, user, to);
        expect([who, res.status]).toEqual([who, movers.includes(who as never) ? 200 : 403]);
      }
      for (const user of [facMember, outsider]) {
        await setStage(id, from);
        expect((await move(id, user, to)).status).toBe(403);
      }
    });

    it('records history with actor and note, and notifies the other units', async () => {
      const inv = await t.innovation(origin.id);
      const r = (await propose(inv.id, replMember, { replicatingUnitId: replicating.id, facilitatorUnitId: facilitator.id }).expect(201))
        .body;
      await move(r.id, originMember, 'AGREED', 'Disetujui, silakan mulai').expect(200);
      await move(r.id, replMember, 'PREPARING').expect(200);
      await move(r.id, replMember, 'PLANNING').expect(200);
      await move(r.id, replMember, 'IMPLEMENTING').expect(200);
      await move(r.id, replMember, 'STALLED', 'Anggaran tertunda').expect(200);
      await move(r.id, replMember, 'IMPLEMENTING').expect(200);
      await move(r.id, replMember, 'EVALUATING').expect(200);
      const done = await move(r.id, replMember, 'INSTITUTIONALIZED', 'Perbup terbit').expect(200);
      expect(done.body.stage).toBe('INSTITUTIONALIZED');
      expect(done.body.nextStages).toEqual([]);
      expect(done.body.history.map((h: { from: string; to: string }) => `${h.from}>${h.to}`)).toEqual([
        'null>PROPOSED',
        'PROPOSED>AGREED',
        'AGREED>PREPARING',
        'PREPARING>PLANNING',
        'PLANNING>IMPLEMENTING',
        'IMPLEMENTING>STALLED',
        'STALLED>IMPLEMENTING',
        'IMPLEMENTING>EVALUATING',
        'EVALUATING>INSTITUTIONALIZED',
      ]);
      expect(done.body.history[1]).toMatchObject({ actorId: originMember.id, note: 'Disetujui, silakan mulai' });
      expect(done.body.history[8]).toMatchObject({ actorId: replMember.id, note: 'Perbup terbit' });
      const facNotes = await waitUntil(async () => {
        const items = (await t.http().get('/api/notifications').set('authorization', facMember.auth)).body.items.filter(
          (n: { payload: { replicationId: string } }) => n.payload.replicationId === r.id,
        );
        return items.length === 9 ? items : null;
      }, 'facilitator notified of every stage');
      expect(facNotes[0]).toMatchObject({
        type: 'stage_change',
        payload: { from: 'EVALUATING', to: 'INSTITUTIONALIZED', note: 'Perbup terbit', actorId: replMember.id },
      });
      const replNotes = (await t.http().get('/api/notifications').set('authorization', replMember.auth)).body.items.filter(
        (n: { payload: { replicationId: string } }) => n.payload.replicationId === r.id,
      );
      expect(replNotes.map((n: { payload: { to: string } }) => n.payload.to)).toEqual(['AGREED']);
      expect(await count(inv.id)).toBe(1);
    });

    it('declining uncounts it; 404 unknown, 400 bad body, 401 anonymous', async () => {
      const inv = await t.innovation(origin.id);
      const r = (await propose(inv.id, replMember, { replicatingUnitId: replicating.id }).expect(201)).body;
      await move(r.id, originMember, 'DECLINED', 'Belum siap').expect(200);
      expect(await count(inv.id)).toBe(0);
      await move(randomUUID(), curator, 'AGREED').expect(404);
      await move(r.id, curator, 'DONE').expect(400);
      await t
        .http()
        .post(`/api/replications/${r.id}/transitions`)
        .set('authorization', curator.auth)
        .send({ to: 'AGREED', by: 'x' })
        .expect(400);
      await t.http().post(`/api/replications/${r.id}/transitions`).set('authorization', curator.auth).send({}).expect(400);
      await t.http().post(`/api/replications/${r.id}/transitions`).send({ to: 'AGREED' }).expect(401);
      await t.http().get(`/api/replications/${randomUUID()}`).set('authorization', curator.auth).expect(404);
      await t.http().get('/api/replications/x').set('authorization', curator.auth).expect(400);
      await t.http().get(`/api/replications/${r.id}`).expect(401);
    });

    it('concurrent moves from one stage: exactly one wins', async () => {
      const inv = await t.innovation(origin.id);
      const r = (await propose(inv.id, replMember, { replicatingUnitId: replicating.id }).expect(201)).body;
      // Both exits are final, so whichever commits first makes the others invalid.
      const res = await Promise.all([
        move(r.id, originMember, 'DECLINED'),
        move(r.id, replMember, 'WITHDRAWN'),
        move(r.id, originMember, 'DECLINED'),
      ]);
      expect(res.map((x) => x.status).sort()).toEqual([200, 409, 409]);
      const one = await t.http().get(`/api/replications/${r.id}`).set('authorization', curator.auth).expect(200);
      expect(one.body.history).toHaveLength(2);
      expect(await count(inv.id)).toBe(0);
    });
  });

  describe('lists and statistics', () => {
    let innovationId: string;
    let other: Unit;
    beforeAll(async () => {
      innovationId = (await t.innovation(origin.id)).id;
      other = await t.unit(await t.agency('regency', '73.02'));
      const member = await t.user({
        units: [
          [replicating.id, 'member'],
          [other.id, 'member'],
        ],
      });
      const a = (await propose(innovationId, member, { replicatingUnitId: replicating.id }).expect(201)).body;
      await propose(innovationId, member, { replicatingUnitId: other.id }).expect(201);
      await move(a.id, curator, 'AGREED').expect(200);
    });

    it('GET /api/replications filters by innovation, unit and stage', async () => {
      const all = await t.http().get(`/api/replications?innovationId=${innovationId}`).set('authorization', outsider.auth).expect(200);
      expect(all.body.total).toBe(2);
      const agreed = await t
        .http()
        .get(`/api/replications?innovationId=${innovationId}&stage=AGREED`)
        .set('authorization', outsider.auth)
        .expect(200);
      expect(agreed.body.items.map((r: { replicatingUnitId: string }) => r.replicatingUnitId)).toEqual([replicating.id]);
      const byUnit = await t.http().get(`/api/replications?unitId=${other.id}`).set('authorization', outsider.auth).expect(200);
      expect(byUnit.body.items).toHaveLength(1);
      const byOrigin = await t
        .http()
        .get(`/api/replications?unitId=${origin.id}&innovationId=${innovationId}`)
        .set('authorization', outsider.auth)
        .expect(200);
      expect(byOrigin.body.total).toBe(2);
      await t.http().get('/api/replications?stage=DONE').set('authorization', outsider.auth).expect(400);
      await t.http().get('/api/replications?unitId=1').set('authorization', outsider.auth).expect(400);
      await t.http().get('/api/replications').expect(401);
    });

    it('GET /api/stats/replications by stage, region and innovation; top innovations (public)', async () => {
      const stage = await t.http().get('/api/stats/replications?groupBy=stage').expect(200);
      const total = stage.body.reduce((n: number, s: { count: number }) => n + s.count, 0);
      const [{ n }] = await t.em().execute('select count(*)::int as n from replications');
      expect(total).toBe(n);
      expect(stage.body.every((s: { key: string }) => (REPLICATION_STAGES as readonly string[]).includes(s.key))).toBe(true);
      const region = await t.http().get('/api/stats/replications?groupBy=region').expect(200);
      expect(region.body.find((s: { key: string }) => s.key === '73.02')).toEqual({ key: '73.02', label: 'Kabupaten Bulukumba', count: 1 });
      const inv = await t.http().get('/api/stats/replications?groupBy=innovation').expect(200);
      expect(inv.body.find((s: { key: string }) => s.key === innovationId)).toMatchObject({ count: 2, label: expect.any(String) });
      const top = await t.http().get('/api/stats/innovations/top?limit=3').expect(200);
      expect(top.body).toHaveLength(3);
      expect(top.body[0].replicationCount).toBeGreaterThanOrEqual(top.body[2].replicationCount);
      await t.http().get('/api/stats/replications?groupBy=colour').expect(400);
      expect(
        (await t.http().get('/api/stats/replications?groupBy=year').expect(200)).body.every((r: { key: string }) => /^\d{4}$/.test(r.key)),
      ).toBe(true);
      await t.http().get('/api/stats/replications').expect(400);
      await t.http().get('/api/stats/innovations/top?limit=0').expect(400);
    });
  });
});
