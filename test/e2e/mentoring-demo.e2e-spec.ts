import { EntityManager } from '@mikro-orm/postgresql';
import { TokenService } from '@app/auth';
import { TestApp } from '@app/testing';
import { DemoContext, DemoSeeder } from '../../apps/api/src/modules/demo/demo.context';
import { DEMO_SEEDERS } from '../../apps/api/src/modules/demo/demo.service';
import { seedMentoring } from '../../apps/api/src/modules/demo/seed-mentoring';
import { seedOrganisations } from '../../apps/api/src/modules/demo/seed-organisations';

describe('mentoring demo seeder (e2e)', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  async function seed(seeders: DemoSeeder[]) {
    const t = await TestApp.start();
    apps.push(t);
    const ctx = await t.app
      .get(EntityManager)
      .fork()
      .transactional(async (tx) => {
        const c: DemoContext = { em: tx, agencies: {}, units: {}, users: {}, extra: {} };
        for (const s of seeders) {
          await s.run(c);
          await tx.flush();
        }
        return c;
      });
    const token = (key: string) => `Bearer ${t.get<TokenService>(TokenService).signAccessToken(ctx.users[key].id)}`;
    return { t, ctx, token };
  }

  async function expectStory(t: TestApp, token: (key: string) => string) {
    const all = await t.http().get('/api/mentorships?limit=100').set('authorization', token('curator')).expect(200);
    const states = all.body.items.map((m: { state: string }) => m.state).sort();
    expect(states).toEqual(['ACTIVE', 'COMPLETED', 'DECLINED', 'PAUSED', 'PROPOSED']);
    const active = all.body.items.find((m: { state: string }) => m.state === 'ACTIVE');
    const detail = await t.http().get(`/api/mentorships/${active.id}`).set('authorization', token('surabaya')).expect(200);
    expect(detail.body.progress).toMatchObject({ goalsDone: 1, goalsTotal: 4, goalsOverdue: 1, sessionsHeld: 2, sessionsWithoutNotes: 1 });
    expect(detail.body.mentors.map((m: { name: string }) => m.name)).toHaveLength(2);
    const completed = all.body.items.find((m: { state: string }) => m.state === 'COMPLETED');
    const origin = await t
      .http()
      .get(`/api/units/${completed.originUnit.id}/mentoring-rating`)
      .set('authorization', token('kukar'))
      .expect(200);
    expect(origin.body.asMentor).toEqual({ average: 5, count: 1 });
    const overview = await t.http().get('/api/mentoring/overview').set('authorization', token('curator')).expect(200);
    expect(overview.body.total).toBe(5);
  }

  it('builds mentorships in every kind of state on the catalogue’s replications', async () => {
    const { t, ctx, token } = await seed(DEMO_SEEDERS);
    await expectStory(t, token);
    const [{ n }] = await t.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from replications');
    expect(n).toBe(Object.keys(ctx.extra.replications as object).length); // reused, none added
  });

  it('creates its own replications when no catalogue ran before it', async () => {
    const { t, token } = await seed([seedOrganisations, seedMentoring]);
    await expectStory(t, token);
    const [{ n }] = await t.em().getConnection().execute<{ n: number }[]>('select count(*)::int as n from replications');
    expect(n).toBe(4);
  });
});
