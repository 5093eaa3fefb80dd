import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { WebSocket, WebSocketServer } from 'ws';
import { loadAuthUser, TokenService } from '@app/auth';
import { AccessEvents } from '../../organisations';
import { RealtimeGateway } from '../../realtime';
import { PlaybookAccess } from '../playbook-access.service';
import { AccessNotice, CollabBus } from './collab-bus';
import { Admission } from './admission';
import { CollabConnection } from './collab-connection';
import { encodeSyncMessage } from './collab-document';
import { CollabDocuments } from './collab-documents.service';
import { CloseCode, CollabOptions } from './collab-options';
import { CollabSessions } from './collab-sessions';

/** Shared by every socket (a closure per socket would keep its whole set-up scope alive). */
function terminateOnError(this: WebSocket): void {
  this.terminate();
}

/** Longest a document load waits for one client to take its preloaded state. */
const PRELOAD_WAIT_MS = 50;

const PATH = /^\/collab\/([^/?#]*)\/?(?:\?|$)/;

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The collaboration socket `ws://HOST/collab/:playbookId?token=` on the API's own HTTP server.
 * It takes over the server's `upgrade` listeners so `/collab/*` never reaches socket.io's
 * engine (which destroys upgrades it does not know); everything else goes to the originals.
 * A socket is accepted first and authorised after, so refusals carry close codes; until it
 * is authorised what it may send is bounded.
 */
@Injectable()
export class CollabServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('CollabServer');
  private wss?: WebSocketServer;
  private server?: Server;
  private dispatcher?: UpgradeListener;
  private onNewListener?: (event: string, listener: UpgradeListener) => void;
  private readonly others: UpgradeListener[] = [];
  private pendingAuth = 0;
  /** Authorisations doing database work at once; a reconnect storm queues here, in order. */
  private readonly admission = new Admission(() => this.opts.maxConcurrentAuth);
  private closing = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenService,
    private readonly em: EntityManager,
    private readonly access: PlaybookAccess,
    private readonly documents: CollabDocuments,
    private readonly bus: CollabBus,
    private readonly accessEvents: AccessEvents,
    private readonly opts: CollabOptions,
    private readonly sessions: CollabSessions,
    private readonly realtime: RealtimeGateway,
  ) {}

  /** Sockets to /collab/* refused before authorisation because their path was malformed. */
  malformedPaths = 0;

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

    this.accessEvents.onChanged((change) => this.bus.announceAccess({ userId: change.userId }));
    this.bus.onAccess((notice) => {
      if (!notice.sessionEnd) void this.recheck(notice);
    });
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
    if (this.pendingAuth >= this.opts.maxPendingAuth) return ws.close(CloseCode.TRY_AGAIN, 'busy');
    // A path that does not decode (`/collab/%E0%A4%A`) names no playbook: closed at once, counted.
    let url: URL;
    let playbookId: string;
    try {
      url = new URL(req.url ?? '/', 'http://x');
      playbookId = decodeURIComponent(PATH.exec(req.url ?? '')?.[1] ?? '');
    } catch {
      this.malformedPaths++;
      ws.close(CloseCode.NOT_FOUND, 'malformed playbook path');
      setTimeout(() => ws.terminate(), 2000).unref();
      return;
    }

    // Until authorised: keep what arrives, within bounds, to replay afterwards.
    const early: Buffer[] = [];
    let earlyBytes = 0;
    let refused = false;
    // Waiting for an admission slot: a valid token, only the server is slow. Limits hit meanwhile
    // close with 1013 (stock clients retry) rather than a 44xx code (they would give up).
    let queued = false;
    const abort = new AbortController();
    const refuse = (code: number, reason: string): undefined => {
      if (refused) return undefined;
      refused = true;
      abort.abort();
      if (code !== CloseCode.UNAUTHORIZED && code !== CloseCode.NOT_FOUND && code !== CloseCode.FORBIDDEN)
        this.log.warn(`refusing collab socket: ${code} ${reason}`);
      ws.close(code, reason);
      setTimeout(() => ws.terminate(), 2000).unref();
      return undefined;
    };
    const onEarly = (data: Buffer) => {
      earlyBytes += data.length;
      early.push(data);
      const over = earlyBytes > this.opts.preAuthMaxBytes || early.length > this.opts.preAuthMaxMessages;
      if (over && queued) refuse(CloseCode.TRY_AGAIN, 'busy');
      else if (earlyBytes > this.opts.preAuthMaxBytes) refuse(CloseCode.TOO_LARGE, 'too much data before authorisation');
      else if (early.length > this.opts.preAuthMaxMessages) refuse(CloseCode.TOO_MANY, 'too many messages before authorisation');
    };
    const onGone = () => abort.abort();
    ws.on('message', onEarly);
    ws.on('close', onGone);
    this.pendingAuth++;
    const timeout = setTimeout(
      () => (queued ? refuse(CloseCode.TRY_AGAIN, 'busy') : refuse(CloseCode.AUTH_TIMEOUT, 'authorisation timed out')),
      this.opts.authTimeoutMs,
    );
    let conn: CollabConnection | undefined;
    try {
      const checked = this.tokens.check(url.searchParams.get('token'));
      if (!checked.ok) return refuse(CloseCode.UNAUTHORIZED, checked.reason === 'expired' ? 'token expired' : 'unauthorized');
      queued = true;
      conn = await this.admission.run(() => {
        queued = false;
        return this.authorise(ws, playbookId, checked, refuse, () => refused);
      }, abort.signal);
    } catch (error) {
      this.log.error(`collab connect failed: ${(error as Error).message}`);
      return refuse(CloseCode.INTERNAL, 'internal error');
    } finally {
      clearTimeout(timeout);
      this.pendingAuth--;
      ws.off('message', onEarly);
      ws.off('close', onGone);
    }
    if (conn) this.attach(ws, conn, early);
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

  /**
   * The account, the playbook, the caller's access, the live document: a connection on it, or
   * undefined after refusing the socket.
   */
  private async authorise(
    ws: WebSocket,
    playbookId: string,
    checked: { userId: string; expiresAt: number; sessionId?: string },
    refuse: (code: number, reason: string) => undefined,
    isRefused: () => boolean,
  ): Promise<CollabConnection | undefined> {
    const em = this.em.fork();
    const startedAt = Date.now();
    // Independent look-ups, one round trip: the account, its sign-in session and the playbook.
    const [user, live, row] = await Promise.all([
      loadAuthUser(this.em.fork(), checked.userId),
      this.sessions.isActive(checked.sessionId),
      this.access.row(playbookId, em),
    ]);
    if (!user) return refuse(CloseCode.UNAUTHORIZED, 'unknown user');
    if (!live) return refuse(CloseCode.UNAUTHORIZED, 'session ended');
    if (!row) return refuse(CloseCode.NOT_FOUND, 'unknown playbook');
    const level = await this.access.level(user, row, em);
    if (!level) return refuse(CloseCode.FORBIDDEN, 'no access');
    if (checked.expiresAt <= Date.now()) return refuse(CloseCode.UNAUTHORIZED, 'token expired');
    // A cold document: the client gets the stored state at once and parses it while we do. As an
    // ordinary update, not sync step 2: the client counts as synced only once the server answers
    // its own sync step 1 with everything since.
    let preloaded = false;
    let doc = await this.documents.open(playbookId, (state) => {
      if (isRefused() || ws.readyState !== WebSocket.OPEN) return;
      preloaded = true;
      // The server's parse blocks this process: let the socket take the bytes first (a large
      // state does not fit the kernel's buffer at once), but never wait long on one client.
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, PRELOAD_WAIT_MS);
        ws.send(encodeSyncMessage(state), { binary: true }, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    });
    // Unloaded in the instant between open and here: open again (the client then gets it all).
    if (doc?.destroyed) {
      preloaded = false;
      doc = await this.documents.open(playbookId);
    }
    if (!doc) return refuse(CloseCode.NOT_FOUND, 'unknown playbook');
    if (isRefused() || ws.readyState !== WebSocket.OPEN) {
      this.documents.idle(doc);
      return undefined;
    }
    const full = this.admits(doc, user.id, level);
    if (full) {
      this.documents.idle(doc);
      return refuse(CloseCode.TOO_MANY, full);
    }
    if (checked.expiresAt <= Date.now()) {
      this.documents.idle(doc);
      return refuse(CloseCode.UNAUTHORIZED, 'token expired');
    }
    // Ended while we were looking things up: the end notice found no connection to close.
    if (this.sessions.endedMeanwhile(user.id, checked.sessionId, startedAt)) {
      this.documents.idle(doc);
      return refuse(CloseCode.UNAUTHORIZED, 'session ended');
    }
    const conn = new CollabConnection(ws, doc, { id: user.id, name: user.name }, level, checked.sessionId, this.opts);
    if (preloaded) conn.preloadedSv = doc.loadedSv;
    doc.addConnection(conn);
    return conn;
  }

  /**
   * Why a new connection does not fit, or null. Per user per document at most `maxClientsPerUser`
   * (one account cannot take every slot); viewers never take the last `editorReservedSlots`, so a
   * playbook full of viewers still admits its editors.
   */
  private admits(doc: { conns: Map<CollabConnection, unknown> }, userId: string, level: 'edit' | 'view'): string | null {
    const total = doc.conns.size;
    if (total >= this.opts.maxClientsPerDoc) return 'too many clients on this playbook';
    let mine = 0;
    for (const c of doc.conns.keys()) if (c.userId === userId) mine++;
    if (mine >= this.opts.maxClientsPerUser) return 'too many connections of this user on this playbook';
    const reserved = Math.min(this.opts.editorReservedSlots, Math.floor(this.opts.maxClientsPerDoc / 2));
    if (level !== 'edit' && total >= this.opts.maxClientsPerDoc - reserved) return 'no more viewers on this playbook';
    return null;
  }

  /**
   * Re-checks the open connections a notice concerns: lost access closes with 4403, a changed level
   * applies at once, and the user's `/realtime` sockets hear `playbook:access`.
   */
  private async recheck(notice: AccessNotice): Promise<void> {
    const affected: CollabConnection[] = [];
    for (const doc of this.documents.docs.values()) {
      if (notice.playbookId && doc.id !== notice.playbookId) continue;
      for (const conn of doc.conns.keys()) if (!notice.userId || conn.userId === notice.userId) affected.push(conn);
    }
    if (!affected.length) return;
    const em = this.em.fork();
    const rows = new Map<string, Awaited<ReturnType<PlaybookAccess['row']>>>();
    const told = new Set<string>();
    for (const conn of affected) {
      try {
        const user = await loadAuthUser(em, conn.userId);
        if (!rows.has(conn.document.id)) rows.set(conn.document.id, await this.access.row(conn.document.id, em));
        const row = rows.get(conn.document.id);
        const level = user && row ? await this.access.level(user, row, em) : null;
        const key = `${conn.userId}:${conn.document.id}`;
        if ((level ?? 'none') !== conn.access && !told.has(key)) {
          told.add(key);
          this.realtime.toUser(conn.userId, 'playbook:access', { playbookId: conn.document.id, access: level ?? 'none' });
        }
        if (!level) conn.close(CloseCode.FORBIDDEN, 'access removed');
        else conn.access = level;
      } catch (error) {
        this.log.warn(`access re-check failed: ${(error as Error).message}`);
      }
    }
  }

  /** Flushes every document and closes every socket before the database goes away. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const doc of this.documents.docs.values())
      for (const conn of [...doc.conns.keys()]) conn.close(CloseCode.GOING_AWAY, 'server shutting down');
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
