import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import WebSocket from 'ws';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { CollabOptions } from '../../apps/api/src/modules/playbooks/collab/collab-options';
import { appendParagraph, CollabClients, xml } from './playbooks.helpers';

describe('Playbook collaboration: access and limits', () => {
  let t: TestApp;
  let originUnit: string;
  let editor: TestUser;
  let unitAdmin: TestUser;
  let other: TestUser;
  let playbookId: string;
  let opts: CollabOptions;
  const clients = new CollabClients();
  const defaults = new CollabOptions();

  beforeAll(async () => {
    t = await TestApp.start();
    originUnit = (await t.unit()).id;
    const replicating = await t.unit();
    const facilitator = await t.unit();
    ({
      playbook: { id: playbookId },
    } = await t.replication({ originUnitId: originUnit, replicatingUnitId: replicating.id, facilitatorUnitId: facilitator.id }));
    editor = await t.user({ units: [[facilitator.id, 'member']] });
    unitAdmin = await t.user({ units: [[facilitator.id, 'admin']] });
    other = await t.user();
    opts = t.get(CollabOptions);
  });
  afterEach(async () => {
    clients.destroyAll();
    Object.assign(opts, defaults);
    await t.http().patch(`/api/playbooks/${playbookId}`).set('Authorization', unitAdmin.auth).send({ visibility: 'team' });
  });
  afterAll(async () => {
    clients.destroyAll();
    await t?.close();
  });

  const makePublic = async () => {
    const r = await t.http().patch(`/api/playbooks/${playbookId}`).set('Authorization', editor.auth).send({ visibility: 'public' });
    expect(r.status).toBe(200);
  };

  it('a viewer of a public playbook syncs and shares awareness but cannot change anything', async () => {
    await makePublic();
    const e = clients.open(t.wsUrl, playbookId, editor.token);
    const v = clients.open(t.wsUrl, playbookId, other.token);
    await Promise.all([clients.synced(e), clients.synced(v)]);
    const before = xml(e.doc);
    appendParagraph(v.doc, 'coretan penonton');
    v.provider.awareness.setLocalStateField('user', { name: 'Penonton' });
    // Presence carries the account's name, whatever the client wrote.
    await waitUntil(
      () => [...e.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === other.name),
      'viewer presence at the editor',
    );
    // The editor's own edit arrives after the viewer's: proof the viewer's had its chance.
    appendParagraph(e.doc, 'tanda editor');
    await waitUntil(() => xml(v.doc).includes('tanda editor'), 'editor edit reaches viewer');
    expect(xml(e.doc)).not.toContain('coretan penonton');
    const fresh = clients.open(t.wsUrl, playbookId, editor.token);
    await clients.synced(fresh);
    expect(xml(fresh.doc)).not.toContain('coretan penonton');
    expect(xml(fresh.doc)).toBe(before.replace(/$/, '') + '<paragraph>tanda editor</paragraph>');
  });

  it('refuses a token already expired at connect with 4401 (an open socket outlives its token: playbooks-sessions)', async () => {
    const jwt = t.get<JwtService>(JwtService);
    const expired = jwt.sign({ sub: editor.id, typ: 'access' }, { expiresIn: -10 });
    const late = clients.open(t.wsUrl, playbookId, expired);
    expect(await clients.closedWith(late)).toBe(4401);
  });

  it('closes with 4403 within seconds when a membership is removed', async () => {
    const member = await t.user({ units: [[originUnit, 'member']] });
    const admin = await t.user({ roles: ['admin'] });
    const c = clients.open(t.wsUrl, playbookId, member.token);
    await clients.synced(c);
    const r = await t.http().delete(`/api/units/${originUnit}/members/${member.id}`).set('Authorization', admin.auth);
    expect(r.status).toBe(204);
    expect(await clients.closedWith(c)).toBe(4403);
  });

  it('closes viewers with 4403 when a public playbook becomes team-only; editors stay', async () => {
    await makePublic();
    const e = clients.open(t.wsUrl, playbookId, editor.token);
    const v = clients.open(t.wsUrl, playbookId, other.token);
    await Promise.all([clients.synced(e), clients.synced(v)]);
    await t.http().patch(`/api/playbooks/${playbookId}`).set('Authorization', editor.auth).send({ visibility: 'team' }).expect(200);
    expect(await clients.closedWith(v)).toBe(4403);
    appendParagraph(e.doc, 'masih tersambung');
    const check = clients.open(t.wsUrl, playbookId, unitAdmin.token);
    await waitUntil(() => xml(check.doc).includes('masih tersambung'), 'editor still editing');
    expect(e.closes).toEqual([]);
  });

  it('closes with 4413 on a message over the size limit, and the server stays up', async () => {
    opts.maxMessageBytes = 2000;
    const c = clients.open(t.wsUrl, playbookId, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, 'y'.repeat(5000));
    expect(await clients.closedWith(c)).toBe(4413);
    const d = clients.open(t.wsUrl, playbookId, editor.token);
    await clients.synced(d);
    expect(xml(d.doc)).not.toContain('yyyy');
  });

  it('refuses an update that would grow the document past its limit with 4413', async () => {
    opts.maxDocBytes = 3000;
    const c = clients.open(t.wsUrl, playbookId, editor.token);
    await clients.synced(c);
    appendParagraph(c.doc, 'z'.repeat(1500));
    appendParagraph(c.doc, 'w'.repeat(1500));
    expect(await clients.closedWith(c)).toBe(4413);
  });

  it('closes a flooding connection with 4429 and limits clients per playbook', async () => {
    opts.maxMessagesPerSecond = 5;
    const ws = new WebSocket(`${t.wsUrl}/collab/${playbookId}?token=${editor.token}`);
    const code = new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    await new Promise((r) => ws.on('open', r));
    // Query-awareness messages: harmless, but too many of them.
    for (let i = 0; i < 50; i++) ws.send(Buffer.from([3]));
    expect(await code).toBe(4429);

    opts.maxMessagesPerSecond = defaults.maxMessagesPerSecond;
    opts.maxClientsPerDoc = 1;
    const first = clients.open(t.wsUrl, playbookId, editor.token);
    await clients.synced(first);
    const second = clients.open(t.wsUrl, playbookId, editor.token);
    expect(await clients.closedWith(second)).toBe(4429);
  });

  it('bounds what a socket may send before it is authorised', async () => {
    opts.preAuthMaxBytes = 1000;
    // Authorisation reads the playbook; holding the table makes it wait, so the frames below
    // surely arrive before it finishes (sending "in the same tick" raced it on a loaded machine).
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query('begin');
      await db.query('lock table playbooks in access exclusive mode');
      const ws = new WebSocket(`${t.wsUrl}/collab/${playbookId}?token=${editor.token}`);
      const code = new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
      ws.on('open', () => {
        ws.send(Buffer.alloc(800, 1));
        ws.send(Buffer.alloc(800, 1));
      });
      expect(await code).toBe(4413);
    } finally {
      await db.query('rollback');
      await db.end();
    }
    expect((await t.http().get('/api/health')).status).toBe(200);
  });
});
