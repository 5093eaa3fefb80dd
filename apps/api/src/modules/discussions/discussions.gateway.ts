import { Inject, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Namespace, Socket } from 'socket.io';
import { AuthUser, loadAuthUser } from '@app/auth';
import { APP_CONFIG } from '@app/common';
import type { AppConfig } from '@app/common';
import { AccessEvents } from '../organisations';
import { RealtimeSocketData, userRoom } from '../realtime';
import { postView, ThreadView } from './discussions.views';
import type { PostRecord } from './posts.repository';
import { inTurn, pendingOf, SocketRateLimits, takeToken } from './socket-rate';
import { ThreadAccess } from './thread-access.service';
import { ThreadsRepository } from './threads.repository';
import { isUuid } from '@app/common';

export const threadRoom = (threadId: string) => `thread:${threadId}`;
/** Moderators subscribed to a thread also sit here: they receive hidden posts in full. */
export const threadModRoom = (threadId: string) => `thread:${threadId}:mod`;

/** One socket may follow this many threads live; beyond it subscribing fails (memory bound). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 200;

export type Ack = { ok: true } | { ok: false; code: string };

/**
 * Thread subscriptions on the `/realtime` namespace. The handshake (auth, user rooms) stays in
 * RealtimeGateway; this class registers no middleware of its own. Subscribers of a thread sit in
 * room `thread:<id>` (moderators also in `thread:<id>:mod`), so every emit goes through the
 * socket.io adapter and, with REDIS_URL, reaches subscribers on every node.
 */
@WebSocketGateway({ namespace: '/realtime', cors: { origin: true } })
export class DiscussionsGateway implements OnModuleInit, OnModuleDestroy, OnGatewayConnection {
  private readonly log = new Logger('Discussions');
  private offAccess?: () => void;
  /** Per-socket token bucket for every event that does work (REALTIME_EVENT_BURST, REALTIME_EVENTS_PER_SECOND); mutable for tests. */
  readonly limits: SocketRateLimits;

  @WebSocketServer()
  server: Namespace;

  constructor(
    private readonly em: EntityManager,
    private readonly threads: ThreadAccess,
    private readonly threadRecords: ThreadsRepository,
    private readonly accessEvents: AccessEvents,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = { burst: config.realtimeEventBurst, perSecond: config.realtimeEventsPerSecond };
  }

  onModuleInit(): void {
    this.offAccess = this.accessEvents.onChanged((change) => {
      this.recheckUser(change.userId).catch((e: Error) => this.log.warn(`access re-check failed: ${e.message}`));
    });
  }

  onModuleDestroy(): void {
    this.offAccess?.();
  }

  /**
   * Every event a socket sends spends a token of its bucket first, in socket.io's per-packet
   * middleware: past the rate the event never reaches a handler (no database work, none of the
   * framework's per-event cost) and its ack, if any, answers RATE_LIMITED. A socket that keeps
   * sending while refused (FLOOD_FACTOR × the burst in a row) is disconnected.
   */
  handleConnection(socket: Socket): void {
    socket.use((packet, next) => {
      const verdict = takeToken(socket, this.limits);
      if (verdict === 'ok') return next();
      if (verdict === 'flood') {
        socket.disconnect(true);
        return;
      }
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') (ack as (a: Ack) => void)({ ok: false, code: 'RATE_LIMITED' });
    });
  }

  @SubscribeMessage('thread:subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const threadId = parseThreadId(body);
    if (!threadId) return { ok: false, code: 'VALIDATION_FAILED' };
    const me = (socket.data as RealtimeSocketData | undefined)?.user;
    if (!me) return { ok: false, code: 'UNAUTHENTICATED' };
    // Held rooms and subscribes still being checked count alike, so parallel emits cannot pass the cap.
    const pending = pendingOf(socket);
    const reserve = !socket.rooms.has(threadRoom(threadId)) && !pending.has(threadId);
    if (reserve) {
      if ([...socket.rooms].filter(isThreadRoom).length + pending.size >= MAX_SUBSCRIPTIONS_PER_SOCKET)
        return { ok: false, code: 'RATE_LIMITED' };
      pending.add(threadId);
    }
    try {
      return await inTurn(socket, () => this.join(socket, me.id, threadId));
    } catch (e) {
      this.log.warn(`thread:subscribe failed: ${(e as Error).message}`);
      return { ok: false, code: 'INTERNAL_ERROR' };
    } finally {
      if (reserve) pending.delete(threadId);
    }
  }

  /** Joins the thread's rooms if the user, as they are now, may read it. */
  private async join(socket: Socket, userId: string, threadId: string): Promise<Ack> {
    const em = this.em.fork();
    // Roles may have changed since the handshake: decide on the current ones.
    const user = await loadAuthUser(em, userId);
    if (!user) return { ok: false, code: 'UNAUTHENTICATED' };
    const [thread] = await this.threadRecords.scopes([threadId], em);
    if (!thread) return { ok: false, code: 'NOT_FOUND' };
    if (!(await this.threads.canRead(user, thread, em))) return { ok: false, code: 'FORBIDDEN' };
    if (socket.disconnected) return { ok: false, code: 'DISCONNECTED' };
    socket.join(threadRoom(threadId));
    if (this.threads.isModerator(user)) socket.join(threadModRoom(threadId));
    else socket.leave(threadModRoom(threadId));
    return { ok: true };
  }

  @SubscribeMessage('thread:unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Ack {
    const threadId = parseThreadId(body);
    if (!threadId) return { ok: false, code: 'VALIDATION_FAILED' };
    socket.leave(threadRoom(threadId));
    socket.leave(threadModRoom(threadId));
    return { ok: true };
  }

  /**
   * A post was created, edited, reacted to or restored: subscribers get the view they may see.
   * While it is hidden, moderators and its own author get it in full (text and reason).
   */
  emitPost(event: 'post:created' | 'post:updated' | 'post:restored', row: PostRecord): void {
    if (!this.server) return;
    const room = threadRoom(row.threadId);
    if (row.hidden && !row.deletedAt) {
      const mod = threadModRoom(row.threadId);
      this.server
        .to(room)
        .except(mod)
        .except(userRoom(row.authorId))
        .emit(event, { threadId: row.threadId, post: postView(row, false) });
      this.server.to(mod).emit(event, { threadId: row.threadId, post: postView(row, true) });
      this.emitToAuthor(row, event, { threadId: row.threadId, post: postView(row, true) });
    } else {
      this.server.to(room).emit(event, { threadId: row.threadId, post: postView(row, false) });
    }
  }

  /**
   * `post:hidden` `{threadId, postId}`; with the row, moderators and the author (when subscribed)
   * also get `post` in full, so the author reads the reason at once.
   */
  emitHidden(threadId: string, postId: string, row?: PostRecord): void {
    if (!this.server) return;
    if (!row) {
      this.server.to(threadRoom(threadId)).emit('post:hidden', { threadId, postId });
      return;
    }
    const mod = threadModRoom(threadId);
    this.server.to(threadRoom(threadId)).except(mod).except(userRoom(row.authorId)).emit('post:hidden', { threadId, postId });
    this.server.to(mod).emit('post:hidden', { threadId, postId, post: postView(row, true) });
    this.emitToAuthor(row, 'post:hidden', { threadId, postId, post: postView(row, true) });
  }

  /** The author's own sockets subscribed to the thread (not as moderator: they got it already). */
  private emitToAuthor(row: PostRecord, event: string, payload: object): void {
    const room = threadRoom(row.threadId);
    const mod = threadModRoom(row.threadId);
    this.server
      .in(userRoom(row.authorId))
      .fetchSockets()
      .then((sockets) => {
        for (const s of sockets) if (s.rooms.has(room) && !s.rooms.has(mod)) s.emit(event, payload);
      })
      .catch((e: Error) => this.log.warn(`${event} to author failed: ${e.message}`));
  }

  emitThread(thread: ThreadView): void {
    this.server?.to(threadRoom(thread.id)).emit('thread:updated', { thread });
  }

  /**
   * The user's roles or memberships changed: on every node (fetchSockets goes through the
   * adapter), drop thread subscriptions they may no longer hold and fix their moderator rooms.
   */
  async recheckUser(userId: string): Promise<void> {
    if (!this.server) return;
    const sockets = await this.server.in(userRoom(userId)).fetchSockets();
    if (!sockets.length) return;
    const em = this.em.fork();
    const user: AuthUser | null = await loadAuthUser(em, userId);
    const threadIds = [...new Set(sockets.flatMap((s) => [...s.rooms].filter(isThreadRoom).map((r) => r.slice('thread:'.length))))];
    const readable = new Set<string>();
    if (user && threadIds.length) {
      for (const t of await this.threadRecords.scopes(threadIds, em)) if (await this.threads.canRead(user, t, em)) readable.add(t.id);
    }
    const moderator = !!user && this.threads.isModerator(user);
    for (const s of sockets) {
      for (const threadId of [...s.rooms].filter(isThreadRoom).map((r) => r.slice('thread:'.length))) {
        if (!readable.has(threadId)) {
          s.leave(threadRoom(threadId));
          s.leave(threadModRoom(threadId));
          s.emit('thread:unsubscribed', { threadId, reason: 'access' });
        } else if (moderator) s.join(threadModRoom(threadId));
        else s.leave(threadModRoom(threadId));
      }
    }
  }
}

const isThreadRoom = (room: string) => room.startsWith('thread:') && !room.endsWith(':mod');

function parseThreadId(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const keys = Object.keys(body);
  const threadId = (body as { threadId?: unknown }).threadId;
  if (keys.length !== 1 || typeof threadId !== 'string' || !isUuid(threadId)) return null;
  return threadId.toLowerCase();
}
