import { EntityManager } from '@mikro-orm/postgresql';
import { Innovation, Replication, Unit } from '@app/database';
import { TestApp } from '@app/testing';
import { DemoContext } from '../../apps/api/src/modules/demo/demo.context';
import { seedDiscussions } from '../../apps/api/src/modules/demo/seed-discussions';
import { seedOrganisations } from '../../apps/api/src/modules/demo/seed-organisations';
import { TokenService } from '@app/auth';

describe('discussions demo seeder (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds a thread with an answer and a flagged post to the demo catalogue', async () => {
    const ctx = await t.app
      .get(EntityManager)
      .fork()
      .transactional(async (tx) => {
        const c: DemoContext = { em: tx, agencies: {}, units: {}, users: {}, extra: {} };
        await seedOrganisations.run(c);
        await tx.flush();
        const inv = new Innovation({
          title: 'Klampid New Generation',
          summary: 'Layanan adminduk daring',
          unit: c.units['surabaya-dispendukcapil'] as Unit,
          year: 2023,
          source: 'KIPP',
        });
        tx.persist(inv);
        tx.persist(new Replication(inv, c.units['surabaya-dispendukcapil'] as Unit, c.units['makassar-dinkes'] as Unit));
        await tx.flush();
        await seedDiscussions.run(c);
        await tx.flush();
        return c;
      });
    const makassar = t.get<TokenService>(TokenService).signAccessToken(ctx.users.makassar.id);
    const list = await t.http().get('/api/threads').set('authorization', `Bearer ${makassar}`).expect(200);
    expect(list.body.total).toBe(2);
    const q = list.body.items.find((x: { answered: boolean }) => x.answered);
    const posts = (await t.http().get(`/api/threads/${q.id}/posts`).set('authorization', `Bearer ${makassar}`).expect(200)).body.items;
    expect(posts.length).toBe(4);
    expect(posts[2].html).toContain('class="mention"');
    const moderator = t.get<TokenService>(TokenService).signAccessToken(ctx.users.moderator.id);
    const queue = await t.http().get('/api/moderation/queue').set('authorization', `Bearer ${moderator}`).expect(200);
    expect(queue.body.items).toHaveLength(1);
  });
});
