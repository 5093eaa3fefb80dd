import { Client } from 'pg';
import { io } from 'socket.io-client';
import { AppNode, createClusterDatabase, REDIS_URL, startNode, stopAll } from './cluster-helpers';
import { appendParagraph, closePeer, NodeUser, openPeer, Peer, register, seedPlaybook, until, xml } from './playbooks-fixtures';

/**
 * Two real nodes on one database and one Redis: Yjs updates and awareness cross nodes, a node
 * that opens a document late gets the other node's unstored changes, and losing access on
 * one node's API closes the user's socket on the other.
 */
describe('playbook collaboration across two nodes (REDIS_URL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let a: AppNode;
  let b: AppNode;
  let pg: Client;
  let alice: NodeUser;
  let bob: NodeUser;
  let admin: NodeUser;
  const peers: Peer[] = [];
  const open = (node: AppNode, id: string, who: NodeUser) => {
    const p = openPeer(node.baseUrl, id, who.token);
    peers.push(p);
    return p;
  };

  beforeAll(async () => {
    db = await createClusterDatabase();
    // A long debounce: what crosses nodes here cannot have come through the database.
    const env = { DATABASE_URL: db.url, REDIS_URL, COLLAB_DEBOUNCE_MS: '60000', COLLAB_MAX_DEBOUNCE_MS: '60000' };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
    [alice, bob, admin] = await Promise.all(['Alice', 'Bob', 'Admin'].map((n) => register(a.baseUrl, n)));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(`update users set roles = '{admin,user}' where id = $1`, [admin.id]);
  }, 90_000);

  afterEach(() => {
    for (const p of peers.splice(0)) closePeer(p);
  });

  afterAll(async () => {
    for (const p of peers.splice(0)) closePeer(p);
    await pg?.end();
    await stopAll();
    await db?.drop();
  }, 30_000);

  it('an edit on node A reaches a client on node B, and back; awareness too', async () => {
    const { playbookId } = await seedPlaybook(pg, [alice.id, bob.id]);
    const onA = open(a, playbookId, alice);
    const onB = open(b, playbookId, bob);
    await until(() => onA.provider.synced && onB.provider.synced, 'both synced');
    appendParagraph(onA.doc, 'dari node A');
    await until(() => xml(onB.doc).includes('dari node A'), 'A → B');
    appendParagraph(onB.doc, 'dari node B');
    await until(() => xml(onA.doc).includes('dari node B'), 'B → A');
    onA.provider.awareness.setLocalStateField('user', { name: 'Alice di A', color: '#0a0' });
    // Relayed as the account (node A stamps it), the client's other fields kept.
    await until(
      () =>
        [...onB.provider.awareness.getStates().values()].some(
          (s) =>
            (s as { user?: { name?: string; color?: string; id?: string } }).user?.id === alice.id &&
            (s as { user: { name: string } }).user.name === 'Alice' &&
            (s as { user: { color: string } }).user.color === '#0a0',
        ),
      'awareness A → B',
    );
    expect(xml(onA.doc)).toBe(xml(onB.doc));
  });

  it('a node opening the document late receives the other node’s unstored changes', async () => {
    const { playbookId } = await seedPlaybook(pg, [alice.id, bob.id]);
    const onA = open(a, playbookId, alice);
    await until(() => onA.provider.synced, 'A synced');
    appendParagraph(onA.doc, 'belum disimpan');
    const stored = await pg.query('select count(*)::int as n from playbook_updates where playbook_id = $1', [playbookId]);
    expect(stored.rows[0].n).toBe(0);
    const onB = open(b, playbookId, bob);
    await until(() => xml(onB.doc).includes('belum disimpan'), 'late opener catches up');
  });

  it('removing a membership through node A closes the user’s socket on node B with 4403', async () => {
    const { playbookId, originUnitId } = await seedPlaybook(pg, [alice.id, bob.id]);
    const onB = open(b, playbookId, bob);
    await until(() => onB.provider.synced, 'B synced');
    const res = await fetch(`${a.baseUrl}/api/units/${originUnitId}/members/${bob.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(204);
    expect(await until(() => onB.closes[0], '4403 on node B')).toBe(4403);
  });

  it('logging out through node A closes that session’s socket on node B with 4401 and disconnects its /realtime socket there', async () => {
    const carol = await register(a.baseUrl, 'Carol');
    const { playbookId } = await seedPlaybook(pg, [carol.id]);
    const onB = open(b, playbookId, carol);
    const rt = io(`${b.baseUrl}/realtime`, {
      path: '/socket.io',
      auth: { token: carol.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    try {
      await until(() => onB.provider.synced && rt.connected, 'B synced, realtime on B connected');
      const res = await fetch(`${a.baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: carol.refreshToken }),
      });
      expect(res.status).toBe(204);
      expect(await until(() => onB.closes[0], '4401 on node B')).toBe(4401);
      await until(() => !rt.connected, 'realtime on node B disconnected');
    } finally {
      rt.disconnect();
    }
  });
});
