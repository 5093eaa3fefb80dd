import { TestApp } from '@app/testing';
import { DemoService } from '../../apps/api/src/modules/demo/demo.service';
import { CollabClients, content } from './playbooks.helpers';

/** The demo's playbooks: written as far as their replication got, live, searchable. */
describe('playbook demo data (e2e)', () => {
  let t: TestApp;
  const clients = new CollabClients();
  let admin: { auth: string; token: string };

  beforeAll(async () => {
    t = await TestApp.start();
    expect(await t.get<DemoService>(DemoService).seedIfEmpty()).toBe(true);
    admin = await t.user({ roles: ['admin'] });
  });
  afterAll(async () => {
    clients.destroyAll();
    await t.close();
  });

  const playbookAt = async (stage: string): Promise<string> => {
    const [row] = await t
      .em()
      .execute(`select p.id from playbooks p join replications r on r.id = p.replication_id where r.stage = ? limit 1`, [stage]);
    expect(row).toBeDefined();
    return row.id;
  };

  it('every demo playbook has content; an institutionalised one has every section written', async () => {
    const [{ empty }] = await t
      .em()
      .execute(
        `select count(*)::int as empty from playbooks p where not exists (select 1 from playbook_snapshots s where s.playbook_id = p.id)`,
      );
    expect(empty).toBe(0);
    const id = await playbookAt('INSTITUTIONALIZED');
    const md = (await t.http().get(`/api/playbooks/${id}/export?format=md`).set('authorization', admin.auth).expect(200)).text;
    expect(md).toContain('## Persiapan');
    expect(md).toContain('## Pelembagaan');
    expect(md).toContain('Perbup tentang standar layanan');
    expect(md).not.toContain('Regulasi, anggaran rutin dan SOP yang menjamin inovasi berlanjut.');
  });

  it('a just-proposed replication still shows the prompts, and a stock client receives the content', async () => {
    const id = await playbookAt('PROPOSED');
    const client = clients.open(t.wsUrl, id, admin.token);
    await clients.synced(client);
    const text = content(client.doc).toString();
    expect(text).toContain('Persiapan');
    expect(text).toContain('Siapa tim replikasi');
    expect(text).not.toContain('Perbup tentang standar layanan');
  });

  it('written demo playbooks are found by search', async () => {
    const res = await t.http().get('/api/search?q=Perbup&types=playbook').set('authorization', admin.auth).expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: { type: string }) => i.type === 'playbook')).toBe(true);
  });
});
