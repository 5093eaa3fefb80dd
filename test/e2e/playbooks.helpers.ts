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
