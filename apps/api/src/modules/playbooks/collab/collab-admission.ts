import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { WebSocket } from 'ws';
import { loadAuthUser, TokenService } from '@app/auth';
import { AccessEvents } from '../../organisations';
import { RealtimeGateway } from '../../realtime';
import { PlaybookAccess, PlaybookAccessLevel } from '../playbook-access.service';
import { Admission } from './admission';
import { AccessNotice, CollabBus } from './collab-bus';
import { CollabConnection } from './collab-connection';
import type { CollabDocument } from './collab-document';
import { CollabDocuments } from './collab-documents.service';
import { CloseCode, CollabOptions } from './collab-options';
import { CollabSessions } from './collab-sessions';
import { encodeSyncMessage } from './protocol';

/** Longest a document load waits for one client to take its preloaded state. */
const PRELOAD_WAIT_MS = 50;

/** An authorised socket: its connection, and what the client sent while it waited. */
export interface Admitted {
  conn: CollabConnection;
  early: Buffer[];
}

type Refuse = (code: number, reason: string) => undefined;

/**
 * Who may hold a collaboration socket: the token, the account and its sign-in session, the
 * caller's access to the playbook and the playbook's connection limits, checked once at connect
 * and again whenever an access notice concerns an open connection. Authorisations doing database
 * work are bounded (`Admission`), and so is what a socket may send before it is authorised.
 */
@Injectable()
export class CollabAdmission implements OnApplicationBootstrap {
  private readonly log = new Logger('CollabServer');
  private pendingAuth = 0;
  /** Authorisations doing database work at once; a reconnect storm queues here, in order. */
  readonly admission = new Admission(() => this.opts.maxConcurrentAuth);

  constructor(
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

  onApplicationBootstrap(): void {
    this.accessEvents.onChanged((change) => this.bus.announceAccess({ userId: change.userId }));
    this.bus.onAccess((notice) => {
      if (!notice.sessionEnd) void this.recheck(notice);
    });
  }

  /** Too many sockets are being authorised already: a new one is told to retry. */
  get busy(): boolean {
    return this.pendingAuth >= this.opts.maxPendingAuth;
  }

  /**
   * Authorises a socket that asked for `playbookId`: its connection, or undefined after refusing
   * it with a close code. Until then what the client sends is kept, within bounds.
   */
  async admit(ws: WebSocket, url: URL, playbookId: string): Promise<Admitted | undefined> {
    const early: Buffer[] = [];
    let earlyBytes = 0;
    let refused = false;
    // Waiting for an admission slot: a valid token, only the server is slow. Limits hit meanwhile
    // close with 1013 (stock clients retry) rather than a 44xx code (they would give up).
    let queued = false;
    const abort = new AbortController();
    const refuse: Refuse = (code, reason) => {
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
    try {
      const checked = this.tokens.check(url.searchParams.get('token'));
      if (!checked.ok) return refuse(CloseCode.UNAUTHORIZED, checked.reason === 'expired' ? 'token expired' : 'unauthorized');
      queued = true;
      const conn = await this.admission.run(() => {
        queued = false;
        return this.authorise(ws, playbookId, checked, refuse, () => refused);
      }, abort.signal);
      return conn && { conn, early };
    } catch (error) {
      this.log.error(`collab connect failed: ${(error as Error).message}`);
      return refuse(CloseCode.INTERNAL, 'internal error');
    } finally {
      clearTimeout(timeout);
      this.pendingAuth--;
      ws.off('message', onEarly);
      ws.off('close', onGone);
    }
  }

  /**
   * The account, the playbook, the caller's access, the live document: a connection on it, or
   * undefined after refusing the socket.
   */
  private async authorise(
    ws: WebSocket,
    playbookId: string,
    checked: { userId: string; expiresAt: number; sessionId?: string },
    refuse: Refuse,
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
    const full = this.whyFull(doc, user.id, level);
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
    const account = { id: user.id, name: user.name };
    const conn = new CollabConnection(ws, doc, account, level, checked.sessionId, this.opts, preloaded ? doc.loadedSv : undefined);
    doc.addConnection(conn);
    return conn;
  }

  /**
   * Why a new connection does not fit, or null. Per user per document at most `maxClientsPerUser`
   * (one account cannot take every slot); viewers never take the last `editorReservedSlots`, so a
   * playbook full of viewers still admits its editors.
   */
  private whyFull(doc: CollabDocument, userId: string, level: PlaybookAccessLevel): string | null {
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
    for (const conn of this.documents.connections(notice.playbookId))
      if (!notice.userId || conn.userId === notice.userId) affected.push(conn);
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
        else conn.setAccess(level);
      } catch (error) {
        this.log.warn(`access re-check failed: ${(error as Error).message}`);
      }
    }
  }
}
