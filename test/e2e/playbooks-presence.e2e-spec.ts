import * as Y from 'yjs';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { CollabDocuments } from '../../apps/api/src/modules/playbooks/collab/collab-documents.service';
import { CollabOptions } from '../../apps/api/src/modules/playbooks/collab/collab-options';
import { awarenessFrame, CollabClients, rawSocket, updateFrame, xml } from './playbooks.helpers';

type State = { user?: { id?: string; name?: string; color?: string }; cursor?: unknown; n?: number; pad?: string };

describe('Playbook presence: own client ids only, the account’s name, bounded; connection slots', () => {
  let t: TestApp;
  let editor: TestUser;
  let editor2: TestUser;
  let viewer: TestUser;
  let viewer2: TestUser;
  let playbookId: string;
  let opts: CollabOptions;
  const defaults = new CollabOptions();
  const clients = new CollabClients();
  const raws: { close(): void }[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    const origin = await t.unit();
    const replicating = await t.unit();
    ({
      playbook: { id: playbookId },
    } = await t.replication({ originUnitId: origin.id, replicatingUnitId: replicating.id }));
    editor = await t.user({ units: [[origin.id, 'member']], name: 'Editor Asli' });
    editor2 = await t.user({ units: [[replicating.id, 'member']] });
    viewer = await t.user({ name: 'Penonton Biasa' });
    viewer2 = await t.user();
    opts = t.get(CollabOptions);
    await t.http().patch(`/api/playbooks/${playbookId}`).set('Authorization', editor.auth).send({ visibility: 'public' }).expect(200);
  });
  afterEach(async () => {
    clients.destroyAll();
    for (const r of raws.splice(0)) r.close();
    Object.assign(opts, defaults);
    // The server has let go of every socket before the next test counts slots.
    await waitUntil(() => (t.get<CollabDocuments>(CollabDocuments).docs.get(playbookId)?.conns.size ?? 0) === 0, 'all sockets gone');
  });
  afterAll(async () => {
    clients.destroyAll();
    await t?.close();
  });

  const states = (c: { provider: { awareness: { getStates(): Map<number, unknown> } } }) =>
    c.provider.awareness.getStates() as Map<number, State>;

  it('relays `user` as the signed-in account, whatever the client wrote (other user fields kept)', async () => {
    const a = clients.open(t.wsUrl, playbookId, editor.token);
    const obs = clients.open(t.wsUrl, playbookId, editor2.token);
    await Promise.all([clients.synced(a), clients.synced(obs)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Admin JIPPNas', color: '#f00', id: 'bukan-saya' });
    const seen = await waitUntil(() => states(obs).get(a.doc.clientID)?.user, 'editor presence at the observer');
    expect(seen).toEqual({ id: editor.id, name: 'Editor Asli', color: '#f00' });
  });

  it('drops awareness a connection sends for a client id it does not own (set or remove)', async () => {
    const a = clients.open(t.wsUrl, playbookId, editor.token);
    const obs = clients.open(t.wsUrl, playbookId, editor2.token);
    await Promise.all([clients.synced(a), clients.synced(obs)]);
    a.provider.awareness.setLocalStateField('user', { name: 'x' });
    await waitUntil(() => states(obs).get(a.doc.clientID)?.user?.name === 'Editor Asli', 'editor presence');
    const history: State[] = [];
    obs.provider.awareness.on('change', () => {
      const s = states(obs).get(a.doc.clientID);
      history.push(s ?? ({ user: { name: '<removed>' } } as State));
    });
    const clock = 1000;
    const { ws } = await rawSocket(t.wsUrl, playbookId, viewer.token);
    raws.push(ws);
    ws.send(awarenessFrame([{ clientId: a.doc.clientID, clock, state: { user: { name: 'Admin JIPPNas' } } }]));
    ws.send(awarenessFrame([{ clientId: a.doc.clientID, clock: clock + 1, state: null }]));
    // The viewer's own id is fine: it arrives, stamped with the viewer's name.
    ws.send(awarenessFrame([{ clientId: 424242, clock: 1, state: { user: { name: 'Admin JIPPNas' } } }]));
    await waitUntil(() => states(obs).get(424242), 'the viewer’s own presence');
    expect(states(obs).get(424242)!.user).toEqual({ id: viewer.id, name: 'Penonton Biasa' });
    // The editor's own next change is relayed as before; nothing in between changed its entry.
    a.provider.awareness.setLocalStateField('cursor', { at: 5 });
    await waitUntil(() => (states(obs).get(a.doc.clientID)?.cursor as { at?: number } | undefined)?.at === 5, 'editor cursor');
    expect(history.every((s) => s.user?.name === 'Editor Asli')).toBe(true);
  });

  it('drops oversized states and too frequent updates, without closing the socket', async () => {
    opts.maxAwarenessPerSecond = 5;
    const obs = clients.open(t.wsUrl, playbookId, editor2.token);
    await clients.synced(obs);
    const { ws, closed } = await rawSocket(t.wsUrl, playbookId, editor.token);
    raws.push(ws);
    let code = 0;
    void closed.then((c) => (code = c));
    ws.send(awarenessFrame([{ clientId: 777001, clock: 1, state: { pad: 'x'.repeat(opts.maxAwarenessStateBytes + 10) } }]));
    for (let n = 1; n <= 60; n++) ws.send(awarenessFrame([{ clientId: 777002, clock: n, state: { n } }]));
    // A document update after them on the same socket: once it is here, so is every relay before it.
    const scratch = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('penanda laju')]);
    scratch.getXmlFragment('content').insert(0, [p]);
    ws.send(updateFrame(Y.encodeStateAsUpdate(scratch)));
    scratch.destroy();
    await waitUntil(() => xml(obs.doc).includes('penanda laju'), 'marker edit at the observer');
    expect(states(obs).has(777001)).toBe(false);
    const n = states(obs).get(777002)?.n ?? 0;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThan(60);
    expect(code).toBe(0);
  });

  it('caps connections per user per playbook, and a playbook full of viewers still admits editors', async () => {
    opts.maxClientsPerUser = 2;
    const mine = [0, 1].map(() => clients.open(t.wsUrl, playbookId, viewer.token));
    await Promise.all(mine.map((c) => clients.synced(c)));
    const third = clients.open(t.wsUrl, playbookId, viewer.token);
    expect(await clients.closedWith(third)).toBe(4429);

    // 4 slots, 2 kept for editors: the viewers have taken theirs.
    opts.maxClientsPerDoc = 4;
    opts.editorReservedSlots = 2;
    const otherViewer = clients.open(t.wsUrl, playbookId, viewer2.token);
    expect(await clients.closedWith(otherViewer)).toBe(4429);
    const e1 = clients.open(t.wsUrl, playbookId, editor.token);
    const e2 = clients.open(t.wsUrl, playbookId, editor2.token);
    await Promise.all([clients.synced(e1), clients.synced(e2)]);
    expect([e1, e2, ...mine].every((c) => c.closes.length === 0)).toBe(true);
  });
});
