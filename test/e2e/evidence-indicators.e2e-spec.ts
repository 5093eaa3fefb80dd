import { randomUUID } from 'node:crypto';
import { TestApp } from '@app/testing';
import { castEvidence, EvidenceCast, evidenceAttachment, evidenceReplication } from './evidence.helpers';

describe('impact indicators (e2e)', () => {
  let t: TestApp;
  let c: EvidenceCast;

  const addIndicator = (replicationId: string, by: typeof c.repMember, body: Record<string, unknown>) =>
    t.http().post(`/api/replications/${replicationId}/indicators`).set('authorization', by.auth).send(body);
  const measure = (indicatorId: string, by: typeof c.repMember, body: Record<string, unknown>) =>
    t.http().post(`/api/indicators/${indicatorId}/measurements`).set('authorization', by.auth).send(body);
  const days = (baseline: number) => ({ name: 'Waktu penyelesaian akta', unit: 'hari', direction: 'lower', baseline: { value: baseline, at: '2025-01-15', source: 'SIAK' } });

  beforeAll(async () => {
    t = await TestApp.start();
    c = await castEvidence(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('indicators with measurements roll up per innovation, beside the origin’s own results', async () => {
    const innovation = await t.innovation(c.originUnitId, { title: 'Akta Kelahiran Sekali Datang' });
    // Three replications by three units of the same innovation; one declined does not count.
    const reps = [];
    for (let i = 0; i < 4; i++) {
      const unit = await t.unit();
      const member = await t.user({ units: [[unit.id, 'admin']] });
      const { replication } = await t.replication({ originUnitId: c.originUnitId, replicatingUnitId: unit.id, innovationId: innovation.id });
      reps.push({ id: replication.id, member });
    }
    await t.em().execute(`update replications set stage = 'DECLINED' where id = ?`, [reps[3].id]);
    // Processing time 14 → 4 days (−71.4 %), 10 → 5 (−50 %), 20 → 2 (−90 %): median −71.4 %.
    const figures: [number, number[]][] = [[14, [9, 4]], [10, [5]], [20, [2]], [10, [1]]];
    for (const [i, [baseline, values]] of figures.entries()) {
      const ind = await addIndicator(reps[i].id, reps[i].member, { ...days(baseline), ...(i === 1 ? { name: '  waktu penyelesaian  AKTA ' } : {}) }).expect(201);
      expect(ind.body).toMatchObject({ replicationId: reps[i].id, direction: 'lower', baseline: { value: baseline, at: '2025-01-15T00:00:00.000Z', source: 'SIAK' }, measurements: [], changePercent: null });
      for (const [k, value] of values.entries()) {
        const m = await measure(ind.body.id, reps[i].member, { value, at: `2025-0${k + 3}-01T00:00:00Z` }).expect(201);
        expect(m.body).toMatchObject({ indicatorId: ind.body.id, value, createdBy: reps[i].member.id });
      }
    }
    // A second indicator on one replication only, with a zero baseline (no relative change).
    const complaints = await addIndicator(reps[0].id, reps[0].member, { name: 'Pengaduan per bulan', unit: 'pengaduan', direction: 'lower', baseline: { value: 0, at: '2025-01-01' }, target: 0 }).expect(201);
    await measure(complaints.body.id, reps[0].member, { value: 2, at: '2025-04-01' }).expect(201);

    const list = await t.http().get(`/api/replications/${reps[0].id}/indicators`).set('authorization', c.outsider.auth).expect(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({ changePercent: -71.4, improved: true, latest: { value: 4 }, measurements: [{ value: 9 }, { value: 4 }] });

    await t.http().post(`/api/innovations/${innovation.id}/results`).set('authorization', c.originMember.auth)
      .send({ name: 'Waktu penyelesaian akta', unit: 'hari', direction: 'lower', before: 14, after: 1, measuredAt: '2023-06-30', source: 'Laporan KIPP 2023' }).expect(201);
    const impact = await t.http().get(`/api/innovations/${innovation.id}/impact`).expect(200); // public
    expect(impact.body).toEqual({
      innovationId: innovation.id,
      replications: { total: 3, institutionalized: 0, withIndicators: 3 },
      indicators: [
        { name: 'Waktu penyelesaian akta', unit: 'hari', direction: 'lower', replications: 3, measured: 3, medianChangePercent: -71.4, improved: 3 },
        { name: 'Pengaduan per bulan', unit: 'pengaduan', direction: 'lower', replications: 1, measured: 0, medianChangePercent: null, improved: 0 },
      ],
      originResults: [expect.objectContaining({ name: 'Waktu penyelesaian akta', before: 14, after: 1, changePercent: -92.9, source: 'Laporan KIPP 2023', measuredAt: '2023-06-30T00:00:00.000Z' })],
    });
  });

  it('a measurement may carry an attachment of its replication as evidence', async () => {
    const r = await evidenceReplication(t, c, 'IMPLEMENTING');
    const ind = await addIndicator(r.id, c.facMember, days(7)).expect(201);
    const attachmentId = await evidenceAttachment(t, r.id, c.repMember);
    const m = await measure(ind.body.id, c.repMember, { value: 3, at: '2025-05-01', attachmentId }).expect(201);
    expect(m.body.attachmentId).toBe(attachmentId);
  });

  it('outsiders and curators may not add indicators or measurements; only the origin reports its results', async () => {
    const r = await evidenceReplication(t, c);
    for (const who of [c.outsider, c.curator]) expect((await addIndicator(r.id, who, days(5)).expect(403)).body.code).toBe('FORBIDDEN');
    const ind = await addIndicator(r.id, c.originMember, days(5)).expect(201);
    expect((await measure(ind.body.id, c.outsider, { value: 1, at: '2025-02-01' }).expect(403)).body.code).toBe('FORBIDDEN');
    const result = { name: 'x', unit: 'hari', direction: 'lower', before: 2, after: 1 };
    for (const who of [c.repMember, c.outsider]) expect((await t.http().post(`/api/innovations/${r.innovationId}/results`).set('authorization', who.auth).send(result).expect(403)).body.code).toBe('FORBIDDEN');
    const made = await t.http().post(`/api/innovations/${r.innovationId}/results`).set('authorization', c.curator.auth).send(result).expect(201);
    expect((await t.http().delete(`/api/innovations/${r.innovationId}/results/${made.body.id}`).set('authorization', c.repMember.auth).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http().delete(`/api/innovations/${r.innovationId}/results/${made.body.id}`).set('authorization', c.originMember.auth).expect(204);
    await t.http().post(`/api/replications/${r.id}/indicators`).send(days(5)).expect(401);
  });

  it('worst inputs get 400/404 with stable codes', async () => {
    const r = await evidenceReplication(t, c);
    const ind = await addIndicator(r.id, c.repMember, days(5)).expect(201);
    const bad: Record<string, unknown>[] = [
      {},
      { ...days(5), direction: 'sideways' },
      { ...days(5), name: '   ' },
      { ...days(5), unit: '' },
      { ...days(5), baseline: undefined },
      { ...days(5), baseline: 5 },
      { ...days(5), baseline: { value: '5', at: '2025-01-01' } },
      { ...days(5), baseline: { value: 5, at: 'yesterday' } },
      { ...days(5), baseline: { value: 5, at: '2025-01-01', extra: 1 } },
      { ...days(5), baseline: { value: 5, at: '2999-01-01' } },
      { ...days(5), target: 'high' },
      { ...days(5), name: 'x'.repeat(121) },
      { ...days(5), extra: true },
    ];
    for (const body of bad) expect({ body, code: (await addIndicator(r.id, c.repMember, body)).body.code }).toEqual({ body, code: 'VALIDATION_FAILED' });
    const badMeasurements: Record<string, unknown>[] = [{}, { value: 1 }, { value: 'x', at: '2025-02-01' }, { value: 1, at: '2024-12-31' }, { value: 1, at: '2999-01-01' }, { value: 1, at: '2025-02-01', attachmentId: 'nope' }];
    for (const body of badMeasurements) expect({ body, code: (await measure(ind.body.id, c.repMember, body)).body.code }).toEqual({ body, code: 'VALIDATION_FAILED' });
    expect((await measure(randomUUID(), c.repMember, { value: 1, at: '2025-02-01' }).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await t.http().get(`/api/innovations/${randomUUID()}/impact`).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await addIndicator(randomUUID(), c.repMember, days(5)).expect(404)).body.code).toBe('NOT_FOUND');
    const empty = await t.http().get(`/api/innovations/${r.innovationId}/impact`).expect(200);
    expect(empty.body).toMatchObject({ replications: { total: 1, withIndicators: 1 }, originResults: [] });
  });
});
