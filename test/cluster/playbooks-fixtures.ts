import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { stageSeedUpdate } from '../../apps/api/src/modules/playbooks/content/prosemirror';

export interface NodeUser {
  id: string;
  token: string;
  refreshToken: string;
}

/** Registers a user through a node's API (a real access token for that cluster's secret). */
export async function register(baseUrl: string, name: string): Promise<NodeUser> {
  const res = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${randomUUID()}@playbooks.test`, password: 'password123', name }),
  });
  if (res.status !== 201) throw new Error(`register ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { accessToken: string; refreshToken: string; user: { id: string } };
  return { id: body.user.id, token: body.accessToken, refreshToken: body.refreshToken };
}

/** A replication with a seeded playbook, written straight into the database. */
export async function seedPlaybook(pg: Client, memberIds: string[]): Promise<{ playbookId: string; originUnitId: string }> {
  const agency = randomUUID();
  const origin = randomUUID();
  const replicating = randomUUID();
  const innovation = randomUUID();
  const replication = randomUUID();
  const playbookId = randomUUID();
  await pg.query(`insert into agencies (id, name, kind) values ($1, 'Pemkab Uji', 'regency')`, [agency]);
  await pg.query(`insert into units (id, agency_id, name) values ($1, $3, 'Asal'), ($2, $3, 'Replikator')`, [origin, replicating, agency]);
  await pg.query(
    `insert into innovations (id, title, summary, unit_id, year, source) values ($1, 'Inovasi', 'Ringkasan', $2, 2024, 'KIPP')`,
    [innovation, origin],
  );
  await pg.query(`insert into replications (id, innovation_id, origin_unit_id, replicating_unit_id) values ($1, $2, $3, $4)`, [
    replication,
    innovation,
    origin,
    replicating,
  ]);
  await pg.query(`insert into playbooks (id, replication_id, title) values ($1, $2, 'Playbook')`, [playbookId, replication]);
  await pg.query(`insert into playbook_snapshots (playbook_id, data) values ($1, $2)`, [playbookId, Buffer.from(stageSeedUpdate())]);
  for (const id of memberIds)
    await pg.query(`insert into memberships (id, unit_id, user_id, role) values ($1, $2, $3, 'member')`, [randomUUID(), origin, id]);
  return { playbookId, originUnitId: origin };
}

export interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
}

export function openPeer(baseUrl: string, playbookId: string, token: string): Peer {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, playbookId, doc, {
    params: { token },
    disableBc: true,
    WebSocketPolyfill: WebSocket as never,
  });
  const peer: Peer = { doc, provider, closes: [] };
  provider.on('connection-close', (e) => {
    if (e) peer.closes.push(e.code);
  });
  return peer;
}

export function closePeer(p: Peer): void {
  p.provider.destroy();
  p.doc.destroy();
}

export function appendParagraph(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('content').push([p]);
}

export const xml = (doc: Y.Doc) => doc.getXmlFragment('content').toString();

export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
