import { Client } from 'pg';
import { AppNode, createClusterDatabase, startNode, stopAll } from '../cluster/cluster-helpers';
import { appendParagraph, closePeer, openPeer, Peer, register, seedPlaybook, until, xml } from '../cluster/playbooks-fixtures';

/**
 * `kill -9` of the node holding a playbook: every edit older than the debounce window is in
 * PostgreSQL, so a fresh node serves it.
 */
describe('playbook content survives kill -9 after the debounce window', () => {
  let db: { url: string; drop(): Promise<void> };
  let pg: Client;
  const peers: Peer[] = [];

  beforeAll(async () => {
    db = await createClusterDatabase();
    pg = new Client({ connectionString: db.url });
  }, 60_000);

  afterAll(async () => {
    for (const p of peers.splice(0)) closePeer(p);
    await pg?.end();
    await stopAll();
    await db?.drop();
  }, 30_000);

  it('an edit stored after the debounce survives SIGKILL', async () => {
    const env = { DATABASE_URL: db.url, REDIS_URL: '', COLLAB_DEBOUNCE_MS: '300', COLLAB_MAX_DEBOUNCE_MS: '2000' };
    const first: AppNode = await startNode(env);
    await pg.connect();
    const user = await register(first.baseUrl, 'Editor');
    const { playbookId } = await seedPlaybook(pg, [user.id]);
    const p = openPeer(first.baseUrl, playbookId, user.token);
    peers.push(p);
    await until(() => p.provider.synced, 'synced');
    appendParagraph(p.doc, 'tidak boleh hilang');
    // The debounce window passes: the update row is in the log.
    await until(
      async () => (await pg.query('select count(*)::int as n from playbook_updates where playbook_id = $1', [playbookId])).rows[0].n >= 1,
      'stored',
    );
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    closePeer(peers.pop()!);

    const second = await startNode(env);
    const q = openPeer(second.baseUrl, playbookId, user.token);
    peers.push(q);
    await until(() => q.provider.synced, 'synced on the new node');
    expect(xml(q.doc)).toContain('tidak boleh hilang');
    expect(q.doc.getXmlFragment('content').length).toBe(11);
  }, 60_000);
});
