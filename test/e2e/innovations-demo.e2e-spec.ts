import { EntityManager } from '@mikro-orm/postgresql';
import { TestApp } from '@app/testing';
import { DemoService } from '../../apps/api/src/modules/demo/demo.service';

describe('catalogue demo data (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    const [c] = await t.em().execute('select (select count(*) from agencies)::int as a, (select count(*) from innovations)::int as i');
    expect(c).toEqual({ a: 0, i: 0 });
    expect(await t.get<DemoService>(DemoService).seedIfEmpty()).toBe(true);
  });
  afterAll(async () => {
    await t.close();
  });

  it('dozens of marked demo innovations across sources, regions and sectors', async () => {
    const res = await t.http().get('/api/innovations?limit=100&facets=true').expect(200);
    expect(res.body.total).toBeGreaterThanOrEqual(24);
    expect(res.body.items.every((i: { demo: boolean; externalId: string }) => i.demo && i.externalId.startsWith('DEMO-'))).toBe(true);
    const f = res.body.facets;
    expect(f.source.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(['KIPP', 'IGA', 'INNOLAND']));
    expect(f.province.length).toBeGreaterThanOrEqual(5);
    expect(f.sector.length).toBeGreaterThanOrEqual(6);
    const typo = await t.http().get('/api/innovations?q=kependudukn').expect(200);
    // The typo still finds civil registration first (unit names now count too, so any of them may lead).
    expect(typo.body.items[0].sector).toBe('administrasi kependudukan');
    expect(typo.body.items.slice(0, 8).map((i: { title: string }) => i.title)).toContain('Klampid New Generation');
  });

  it('each demo innovation has a description that says more than its summary', async () => {
    const rows = await t.em().execute<{ summary: string; description: string }[]>('select summary, description from innovations');
    expect(rows.length).toBeGreaterThanOrEqual(24);
    for (const r of rows) {
      expect(r.description.startsWith(r.summary)).toBe(true);
      expect(r.description.length).toBeGreaterThan(r.summary.length + 150);
      expect(r.description).toContain('Data demo');
    }
  });

  it('replications at different stages with history, counts consistent with statistics', async () => {
    const stages = (await t.http().get('/api/stats/replications?groupBy=stage').expect(200)).body;
    expect(stages.length).toBeGreaterThanOrEqual(6);
    const em = t.app.get(EntityManager).fork();
    const mismatched = await em.execute(
      `select i.id from innovations i where i.replication_count <> (select count(*) from replications r where r.innovation_id = i.id and r.stage not in ('DECLINED','WITHDRAWN'))`,
    );
    expect(mismatched).toEqual([]);
    const [{ id }] = await em.execute(`select id from replications where stage = 'INSTITUTIONALIZED' limit 1`);
    const admin = await t.user({ roles: ['admin'] });
    const one = (await t.http().get(`/api/replications/${id}`).set('authorization', admin.auth).expect(200)).body;
    expect(one.history.length).toBe(7);
    expect(one.history.every((h: { actorId: string | null }) => h.actorId)).toBe(true);
    expect(one.playbookId).toEqual(expect.any(String));
    const top = (await t.http().get('/api/stats/innovations/top').expect(200)).body;
    expect(top[0]).toMatchObject({ title: 'Klampid New Generation', replicationCount: 2 });
  });
});
