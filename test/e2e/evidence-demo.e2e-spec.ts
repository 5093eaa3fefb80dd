import { TestApp } from '@app/testing';
import { DemoService } from '../../apps/api/src/modules/demo/demo.service';

describe('replication evidence on the demo data (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    expect(await t.get<DemoService>(DemoService).seedIfEmpty()).toBe(true);
  });
  afterAll(async () => {
    await t.close();
  });

  it('demo replications keep moving (seeded checklist items are not required) and Klampid shows its impact', async () => {
    const curator = await t.user({ roles: ['curator'] });
    const [klampid] = await t
      .em()
      .execute<{ id: string }[]>(`select id from innovations where demo and title ilike '%klampid%' order by created_at limit 1`);
    const impact = await t.http().get(`/api/innovations/${klampid.id}/impact`).expect(200);
    const akta = impact.body.indicators.find((i: { name: string }) => i.name === 'Waktu penerbitan akta kelahiran');
    expect(akta).toMatchObject({ replications: 2, measured: 2, improved: 2 });
    expect(akta.medianChangePercent).toBeLessThan(-60);
    expect(impact.body.originResults).toHaveLength(1);

    const reps = await t
      .em()
      .execute<{ id: string; stage: string }[]>(`select id, stage from replications where innovation_id = ? order by stage`, [klampid.id]);
    const implementing = reps.find((r) => r.stage === 'IMPLEMENTING')!;
    const checklist = await t.http().get(`/api/replications/${implementing.id}/checklist`).set('authorization', curator.auth).expect(200);
    expect(checklist.body.stages.every((s: { requiredOpen: number; total: number }) => s.requiredOpen === 0 && s.total > 0)).toBe(true);
    await t
      .http()
      .post(`/api/replications/${implementing.id}/transitions`)
      .set('authorization', curator.auth)
      .send({ to: 'EVALUATING', note: 'demo' })
      .expect(200);

    const institutionalized = reps.find((r) => r.stage === 'INSTITUTIONALIZED')!;
    const cert = await t
      .http()
      .get(`/api/replications/${institutionalized.id}/documents/certificate`)
      .set('authorization', curator.auth)
      .expect(200);
    expect((await t.http().get(`/api/verify/${cert.headers['x-verification-code']}`).expect(200)).body).toMatchObject({
      valid: true,
      kind: 'certificate',
    });
  });
});
