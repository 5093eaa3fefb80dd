import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitUntil } from '@app/testing';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes this client's connections ended with, in order. */
  closes: number[];
}

/** Stock y-websocket clients (no BroadcastChannel), all destroyed by `destroyAll`. */
export class CollabClients {
  private readonly all: CollabClient[] = [];

  open(wsUrl: string, playbookId: string, token?: string): CollabClient {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${wsUrl}/collab`, playbookId, doc, {
      params: token === undefined ? {} : { token },
      disableBc: true,
      WebSocketPolyfill: WebSocket as never,
    });
    const client: CollabClient = { doc, provider, closes: [] };
    provider.on('connection-close', (event) => {
      if (event) client.closes.push(event.code);
    });
    this.all.push(client);
    return client;
  }

  async synced(c: CollabClient): Promise<void> {
    await waitUntil(() => c.provider.synced, 'client synced');
  }

  async closedWith(c: CollabClient): Promise<number> {
    return waitUntil(() => c.closes[0], 'connection closed by the server');
  }

  destroyAll(): void {
    for (const c of this.all.splice(0)) {
      c.provider.destroy();
      c.doc.destroy();
    }
  }
}

export const content = (doc: Y.Doc) => doc.getXmlFragment('content');

export function appendParagraph(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  content(doc).push([p]);
}

export const xml = (doc: Y.Doc) => content(doc).toString();

/**
 * Records the y-protocols auth messages (permission denied + reason) a stock provider receives,
 * in place of its default handler (which only logs them).
 */
export function recordDenials(c: CollabClient): string[] {
  const reasons: string[] = [];
  c.provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0) reasons.push(decoding.readVarString(decoder));
  };
  return reasons;
}

/** A raw y-websocket frame: sync update (type 0/2) carrying `update`. */
export function updateFrame(update: Uint8Array): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return Buffer.from(encoding.toUint8Array(e));
}

/** A raw awareness frame for `entries` (clientId, clock, state). */
export function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Buffer {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(inner, x.clientId);
    encoding.writeVarUint(inner, x.clock);
    encoding.writeVarString(inner, JSON.stringify(x.state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return Buffer.from(encoding.toUint8Array(e));
}

/**
 * A raw socket to the collaboration endpoint, with its close code promise; resolves once the
 * server has sent its first message (so the socket is authorised), or once it is closed.
 */
export async function rawSocket(wsUrl: string, playbookId: string, token: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`${wsUrl}/collab/${playbookId}?token=${token}`);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.once('message', resolve);
    ws.once('close', resolve);
    ws.once('error', reject);
  });
  return { ws, closed };
}
