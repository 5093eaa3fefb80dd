import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocket, WebSocketServer } from 'ws';
import { CollabAdmission } from './collab-admission';
import type { CollabConnection } from './collab-connection';
import { CollabDocuments } from './collab-documents.service';
import { CloseCode, CollabOptions } from './collab-options';

/** Shared by every socket (a closure per socket would keep its whole set-up scope alive). */
function terminateOnError(this: WebSocket): void {
  this.terminate();
}

const PATH = /^\/collab\/([^/?#]*)\/?(?:\?|$)/;

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The collaboration socket `ws://HOST/collab/:playbookId?token=` on the API's own HTTP server.
 * It takes over the server's `upgrade` listeners so `/collab/*` never reaches socket.io's
 * engine (which destroys upgrades it does not know); everything else goes to the originals.
 * A socket is accepted first and authorised after (`CollabAdmission`), so refusals carry close
 * codes; an authorised socket is handed to its `CollabConnection`.
 */
@Injectable()
export class CollabServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private wss?: WebSocketServer;
  private server?: Server;
  private dispatcher?: UpgradeListener;
  private onNewListener?: (event: string, listener: UpgradeListener) => void;
  private readonly others: UpgradeListener[] = [];
  private closing = false;
  private malformed = 0;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly admission: CollabAdmission,
    private readonly documents: CollabDocuments,
    private readonly opts: CollabOptions,
  ) {}

  /** Sockets to /collab/* refused before authorisation because their path was malformed. */
  get malformedPaths(): number {
    return this.malformed;
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    this.server = server;
    // Frames up to 4× the limit reach us and get the contract's 4413; beyond that ws cuts them (1009).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(1024, this.opts.maxMessageBytes * 4), perMessageDeflate: false });
    this.others.push(...(server.listeners('upgrade') as UpgradeListener[]));
    server.removeAllListeners('upgrade');
    this.dispatcher = (req, socket, head) => {
      if (PATH.test(req.url ?? '')) return this.upgrade(req, socket, head);
      if (!this.others.length) return socket.destroy();
      for (const l of this.others) l.call(server, req, socket, head);
    };
    server.on('upgrade', this.dispatcher);
    // Listeners attached later (another adapter) are moved behind the dispatcher as well.
    this.onNewListener = (event: string, listener: UpgradeListener) => {
      if (event !== 'upgrade' || listener === this.dispatcher) return;
      queueMicrotask(() => {
        server.removeListener('upgrade', listener);
        this.others.push(listener);
      });
    };
    server.on('newListener', this.onNewListener);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.closing || !this.wss) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, req));
  }

  private async accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
    ws.binaryType = 'nodebuffer';
    ws.on('error', terminateOnError);
    if (this.admission.busy) return ws.close(CloseCode.TRY_AGAIN, 'busy');
    // A path that does not decode (`/collab/%E0%A4%A`) names no playbook: closed at once, counted.
    let url: URL;
    let playbookId: string;
    try {
      url = new URL(req.url ?? '/', 'http://x');
      playbookId = decodeURIComponent(PATH.exec(req.url ?? '')?.[1] ?? '');
    } catch {
      this.malformed++;
      ws.close(CloseCode.NOT_FOUND, 'malformed playbook path');
      setTimeout(() => ws.terminate(), 2000).unref();
      return;
    }
    const admitted = await this.admission.admit(ws, url, playbookId);
    if (admitted) this.attach(ws, admitted.conn, admitted.early);
  }

  /**
   * Hands the socket to its connection. A method of its own so that the listeners a socket keeps
   * for its lifetime close over the connection only, not over everything `accept` held.
   */
  private attach(ws: WebSocket, conn: CollabConnection, early: Buffer[]): void {
    ws.on('message', (data: Buffer) => conn.handle(data));
    ws.on('close', () => conn.gone());
    // What the client sent while waiting first: its sync step 1 is usually there, and answering it
    // before our own step 1 makes it synced without first encoding a reply to ours.
    for (const m of early) conn.handle(m);
    for (const m of conn.document.greeting()) conn.send(m);
  }

  /** Flushes every document and closes every socket before the database goes away. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const conn of [...this.documents.connections()]) conn.close(CloseCode.GOING_AWAY, 'server shutting down');
    await this.documents.flushAll();
    this.documents.destroyAll();
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.wss?.close();
    if (this.server && this.dispatcher) {
      if (this.onNewListener) this.server.removeListener('newListener', this.onNewListener);
      this.server.removeListener('upgrade', this.dispatcher);
      for (const l of this.others) this.server.on('upgrade', l);
    }
  }
}
