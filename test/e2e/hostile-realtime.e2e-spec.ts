/**
 * Hostile input on the sockets (fast-check): bad handshakes and random events at socket.io
 * `/realtime`, raw Engine.IO garbage, and random, truncated and oversized binary frames at
 * `/collab`. The process stays healthy, honest clients keep working, and a viewer's or an
 * outsider's frames never change the playbook.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { io, Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { hostileValue, nastyString } from './hostile.support';
import { appendParagraph, CollabClients, xml } from './playbooks.helpers';

jest.setTimeout(120_000);

/** Close codes the collaboration server may answer garbage with (never 1011 internal error). */
const ALLOWED_CLOSES = new Set([1000, 1001, 1002, 1003, 1005, 1006, 1007, 1009, 4400, 4401, 4403, 4404, 4408, 4413, 4429]);

describe('hostile input on /realtime and /collab (e2e, fast-check)', () => {
  let t: TestApp;
  let editor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let playbookId: string;
  const sockets: Socket[] = [];
  const raws: WebSocket[] = [];
  const clients = new CollabClients();
  const tried = { handshakes: 0, events: 0, engineFrames: 0, collabFrames: 0, closeCodes: {} as Record<number, number> };

  beforeAll(async () => {
    t = await TestApp.start();
    const origin = await t.unit();
    const replicating = await t.unit();
    const { playbook } = await t.replication({ originUnitId: origin.id, replicatingUnitId: replicating.id });
    playbookId = playbook.id;
    editor = await t.user({ units: [[origin.id, 'member']] });
    viewer = await t.user();
    outsider = await t.user();
    await t.http().patch(`/api/playbooks/${playbookId}`).set('authorization', editor.auth).send({ visibility: 'public' }).expect(200);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const w of raws.splice(0)) w.terminate();
    clients.destroyAll();
  });
  afterAll(async () => {
    await t?.close();
    console.log(`hostile sockets: ${JSON.stringify(tried)}`);
  });

  const connect = (auth: unknown) => {
    const s = io(`${t.baseUrl}/realtime`, {
      path: '/socket.io',
      auth: auth as never,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(s);
    return s;
  };
  const settle = (s: Socket) =>
    new Promise<'connect' | 'connect_error' | 'disconnect' | 'no answer'>((resolve) => {
      const timer = setTimeout(() => resolve('no answer'), 5000);
      timer.unref();
      const done = (v: 'connect' | 'connect_error' | 'disconnect') => {
        clearTimeout(timer);
        resolve(v);
      };
      s.once('connect', () => done('connect'));
      s.once('connect_error', () => done('connect_error'));
      s.once('disconnect', () => done('disconnect'));
    });
  const healthy = async () => {
    expect((await t.http().get('/api/health')).status).toBe(200);
    expect(Object.keys(Object.prototype)).toEqual([]);
  };

  it('refuses every garbage handshake at /realtime', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileValue,
          fc.record({
            token: fc.oneof(
              hostileValue,
              nastyString.map((s) => s.slice(0, 5000)),
            ),
          }),
        ),
        async (auth) => {
          const s = connect(typeof auth === 'object' && auth !== null ? auth : { token: auth });
          tried.handshakes++;
          const outcome = await settle(s);
          tried.closeCodes[outcome as never] = (tried.closeCodes[outcome as never] ?? 0) + 1;
          expect(outcome).not.toBe('connect');
          s.disconnect();
        },
      ),
      { numRuns: 40 },
    );
    await healthy();
  });

  it('survives random events and payloads from a signed-in socket, and still answers honest ones', async () => {
    const eventName = fc.oneof(
      fc.constantFrom(
        'thread:subscribe',
        'thread:unsubscribe',
        'notification',
        'disconnect',
        'connect',
        'error',
        '__proto__',
        'constructor',
        'message',
      ),
      fc.string({ maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(
        eventName,
        fc.array(fc.oneof(hostileValue, nastyString), { maxLength: 3 }),
        fc.boolean(),
        async (event, args, withAck) => {
          let s = sockets.find((x) => x.connected);
          if (!s) {
            s = connect({ token: viewer.token });
            expect(await settle(s)).toBe('connect');
          }
          tried.events++;
          try {
            if (withAck)
              await s
                .timeout(250)
                .emitWithAck(event, ...args)
                .catch(() => undefined);
            else s.emit(event, ...args);
          } catch {
            // socket.io-client refuses reserved names itself: that is fine.
          }
        },
      ),
      { numRuns: 120 },
    );
    const honest = connect({ token: viewer.token });
    expect(await settle(honest)).toBe('connect');
    const ack = await honest.timeout(5000).emitWithAck('thread:subscribe', { threadId: randomUUID() });
    expect(ack).toMatchObject({ ok: false, code: expect.any(String) });
    await healthy();
  });

  it('survives raw Engine.IO garbage', async () => {
    const frame = fc.oneof(
      nastyString.map((s) => s.slice(0, 50_000)),
      fc.constantFrom('0', '2', '3', '4', '40', '40/realtime,', '40/realtime,{"token":1}', '42/realtime,["x"', '6', '5', '1'),
      fc.uint8Array({ maxLength: 2048 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 5 }), async (frames) => {
        const ws = new WebSocket(`${t.wsUrl}/socket.io/?EIO=4&transport=websocket`);
        raws.push(ws);
        await new Promise<void>((resolve) => {
          ws.once('open', () => resolve());
          ws.once('error', () => resolve());
        });
        for (const f of frames) {
          if (ws.readyState !== WebSocket.OPEN) break;
          ws.send(typeof f === 'string' ? f : Buffer.from(f));
          tried.engineFrames++;
        }
        ws.terminate();
      }),
      { numRuns: 40 },
    );
    const polling = await t
      .http()
      .post('/socket.io/?EIO=4&transport=polling&sid=garbage')
      .set('content-type', 'text/plain')
      .send('garbage');
    expect(polling.status).toBeLessThan(500);
    await healthy();
  });

  /** Opens a raw /collab socket, sends frames, and resolves with its close code (or 0 when still open). */
  async function collabRaw(path: string, frames: Array<Uint8Array | string>): Promise<number> {
    const ws = new WebSocket(`${t.wsUrl}${path}`);
    raws.push(ws);
    let code = 0;
    const closed = new Promise<void>((resolve) => {
      ws.once('close', (c) => {
        code = c;
        resolve();
      });
      ws.once('error', () => undefined);
    });
    await Promise.race([new Promise((r) => ws.once('open', r)), closed]);
    for (const f of frames) {
      if (ws.readyState !== WebSocket.OPEN) break;
      await new Promise<void>((resolve) => ws.send(f, () => resolve()));
      tried.collabFrames++;
    }
    // Give the server one round trip to react: a ping answered means it processed the frames.
    if (ws.readyState === WebSocket.OPEN) {
      await Promise.race([
        new Promise((r) => ws.once('pong', r)),
        closed,
        new Promise((r) => {
          ws.ping();
          setTimeout(r, 2000).unref();
        }),
      ]);
    }
    ws.terminate();
    await closed;
    tried.closeCodes[code] = (tried.closeCodes[code] ?? 0) + 1;
    return code;
  }

  /** A y-websocket message: sync step 1, sync step 2 / update (with a real Yjs update), or awareness. */
  function yMessage(kind: number, update: Uint8Array): Uint8Array {
    const enc = encoding.createEncoder();
    if (kind === 1) {
      encoding.writeVarUint(enc, 1); // awareness
      encoding.writeVarUint8Array(enc, update);
    } else {
      encoding.writeVarUint(enc, 0); // sync
      if (kind === 0) syncProtocol.writeSyncStep1(enc, new Y.Doc());
      else if (kind === 2) syncProtocol.writeSyncStep2(enc, new Y.Doc(), undefined);
      else syncProtocol.writeUpdate(enc, update);
    }
    return encoding.toUint8Array(enc);
  }
  const realUpdate = fc.string({ minLength: 1, maxLength: 50 }).map((text) => {
    const d = new Y.Doc();
    appendParagraph(d, `hostile ${text}`);
    const u = Y.encodeStateAsUpdate(d);
    d.destroy();
    return u;
  });
  const collabFrame = fc.oneof(
    fc.uint8Array({ maxLength: 4096 }),
    fc.tuple(fc.integer({ min: 0, max: 3 }), realUpdate).map(([k, u]) => yMessage(k, u)),
    // Truncated real messages.
    fc.tuple(fc.integer({ min: 0, max: 3 }), realUpdate, fc.nat()).map(([k, u, cut]) => {
      const m = yMessage(k, u);
      return m.slice(0, cut % Math.max(1, m.length));
    }),
    // A length prefix that lies.
    fc.constant(Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])),
    fc.constantFrom(new Uint8Array(0), Uint8Array.from([0]), Uint8Array.from([0, 0]), Uint8Array.from([99, 1, 2])),
    nastyString.map((s) => s.slice(0, 10_000)),
  );

  it('a viewer and an outsider sending random, truncated and forged frames change nothing', async () => {
    const reader = clients.open(t.wsUrl, playbookId, editor.token);
    await clients.synced(reader);
    const before = xml(reader.doc);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(viewer, outsider), fc.array(collabFrame, { minLength: 1, maxLength: 6 }), async (who, frames) => {
        const code = await collabRaw(`/collab/${playbookId}?token=${who.token}`, frames);
        expect(ALLOWED_CLOSES.has(code) || code === 0).toBe(true);
        // An outsider is always refused (4403, or 4400/4413/4429 for what it sent first), never left open.
        if (who === outsider) expect(code).not.toBe(0);
      }),
      { numRuns: 60 },
    );
    // Oversized frames: closed (4413, or 1009 by the WebSocket layer), never a crash.
    for (const size of [3 * 1024 * 1024, 9 * 1024 * 1024]) {
      const code = await collabRaw(`/collab/${playbookId}?token=${viewer.token}`, [new Uint8Array(size)]);
      expect([4413, 1009, 1006]).toContain(code);
    }
    // The document is unchanged for the editor and for a fresh client.
    const fresh = clients.open(t.wsUrl, playbookId, editor.token);
    await clients.synced(fresh);
    expect(xml(fresh.doc)).toBe(before);
    expect(xml(reader.doc)).toBe(before);
    await healthy();
  });

  it("garbage paths, tokens and an editor's garbage frames never take the server down", async () => {
    const path = fc.oneof(
      fc.constant(`/collab/${randomUUID()}?token=${editor.token}`),
      fc.constant(`/collab/${playbookId}`),
      nastyString.map((s) => `/collab/${encodeURIComponent(s.slice(0, 200).replace(/[\uD800-\uDFFF]/g, '?'))}?token=${editor.token}`),
      nastyString.map((s) => `/collab/${playbookId}?token=${encodeURIComponent(s.slice(0, 2000).replace(/[\uD800-\uDFFF]/g, '?'))}`),
      fc.constant(`/collab/${playbookId}?token=${editor.token}`),
    );
    await fc.assert(
      fc.asyncProperty(path, fc.array(collabFrame, { maxLength: 4 }), async (p, frames) => {
        const code = await collabRaw(p, frames);
        expect(code === 0 || ALLOWED_CLOSES.has(code)).toBe(true);
      }),
      { numRuns: 50 },
    );
    // An honest editor still connects, syncs and edits.
    const a = clients.open(t.wsUrl, playbookId, editor.token);
    const b = clients.open(t.wsUrl, playbookId, editor.token);
    await Promise.all([clients.synced(a), clients.synced(b)]);
    appendParagraph(a.doc, 'masih berfungsi');
    await waitUntil(() => xml(b.doc).includes('masih berfungsi'), 'edit reaches the other editor');
    await healthy();
  });
});
