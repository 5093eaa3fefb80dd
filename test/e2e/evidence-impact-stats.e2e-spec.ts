import { TestApp, TestUser } from '@app/testing';

describe('impact in the statistics (e2e)', () => {
  let t: TestApp;
  let originUnitId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    originUnitId = (await t.unit()).id;
  });
  afterAll(async () => {
    await t.close();
  });

  /** A replication of `innovationId` by a fresh unit whose admin records one indicator. */
  async function tracked(innovationId: string, name: string, baseline: number, latest: number | null): Promise<TestUser> {
    const unit = await t.unit();
    const member = await t.user({ units: [[unit.id, 'admin']] });
    const { replication } = await t.replication({ originUnitId, replicatingUnitId: unit.id, innovationId });
    const ind = await t
      .http()
      .post(`/api/replications/${replication.id}/indicators`)
      .set('authorization', member.auth)
      .send({ name, unit: 'hari', direction: 'lower', baseline: { value: baseline, at: '2025-01-01' } })
      .expect(201);
    if (latest !== null)
      await t
        .http()
        .post(`/api/indicators/${ind.body.id}/measurements`)
        .set('authorization', member.auth)
        .send({ value: latest, at: '2025-06-01' })
        .expect(201);
    return member;
  }

  it('groups indicators across innovations by name and unit, with the median change and counts; public', async () => {
    const [a, b] = [await t.innovation(originUnitId), await t.innovation(originUnitId)];
    // 10 → 5 (−50 %), 10 → 2 (−80 %), 20 → 2 (−90 %): median −80 %; one not measured yet.
    await tracked(a.id, 'Waktu layanan izin', 10, 5);
    await tracked(a.id, 'waktu  LAYANAN izin', 10, 2);
    await tracked(b.id, 'Waktu layanan izin', 20, 2);
    await tracked(b.id, 'Waktu layanan izin', 20, null);
    await tracked(b.id, 'Antrean harian', 40, 50);

    const res = await t.http().get('/api/stats/impact').expect(200);
    const izin = res.body.indicators.find((i: { name: string }) => i.name === 'Waktu layanan izin');
    expect(izin).toEqual({
      name: 'Waktu layanan izin',
      unit: 'hari',
      direction: 'lower',
      innovations: 2,
      replications: 4,
      measured: 3,
      medianChangePercent: -80,
      improved: 3,
    });
    expect(res.body.indicators[0].name).toBe('Waktu layanan izin');
    expect(res.body.indicators.find((i: { name: string }) => i.name === 'Antrean harian')).toMatchObject({
      innovations: 1,
      medianChangePercent: 25,
      improved: 0,
    });
    // A malformed query string is refused before routing, as documented.
    expect((await t.http().get('/api/stats/impact?x=%00').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
