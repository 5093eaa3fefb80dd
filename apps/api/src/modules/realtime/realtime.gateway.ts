import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AuthSessionsService, AuthUser, SessionEnd, SessionEvents, TokenService } from '@app/auth';
import { AccessEvents } from '../organisations';

export interface RealtimeSocketData {
  user: AuthUser;
  expiresAt: number;
  /** The sign-in session of the handshake's token: the socket lives as long as it. */
  sessionId?: string;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** How often the sessions of open sockets are re-read (a lost end notice still disconnects them). */
const SESSION_RECHECK_MS = Number(process.env.REALTIME_SESSION_RECHECK_MS) || 60_000;

/**
 * The socket.io namespace `/realtime`: authenticates the handshake with the shared token
 * verifier and puts each socket in its user's room, so notifications reach every tab.
 * Feature gateways (discussions) add their own handlers on this namespace.
 */
@WebSocketGateway({ namespace: '/realtime', cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly logger = new Logger('Realtime');
  private sweepTimer?: NodeJS.Timeout;

  @WebSocketServer()
  server: Namespace;

  constructor(
    private readonly tokens: TokenService,
    private readonly access: AccessEvents,
    private readonly sessions: AuthSessionsService,
    private readonly sessionEvents: SessionEvents,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      this.tokens
        .authenticate(typeof token === 'string' ? token : undefined)
        .then(async ({ user, expiresAt, sessionId }) => {
          if (sessionId && !(await this.sessions.isActive(sessionId)))
            throw { code: 'UNAUTHENTICATED', message: 'This sign-in session has ended' };
          (socket.data as RealtimeSocketData).user = user;
          (socket.data as RealtimeSocketData).expiresAt = expiresAt;
          (socket.data as RealtimeSocketData).sessionId = sessionId;
          next();
        })
        .catch((error: { code?: string; message?: string }) => {
          const err = new Error(error?.message ?? 'Unauthorized') as Error & { data?: unknown };
          err.data = { code: error?.code ?? 'UNAUTHENTICATED' };
          next(err);
        });
    });
    // Roles or memberships changed: let feature gateways re-check what each socket holds.
    this.access.onChanged((change) => {
      namespace.in(userRoom(change.userId)).emit('access:changed', { reason: change.reason });
    });
    // A sign-in session ended on this node: its sockets on every node go (through the adapter).
    this.sessionEvents.onEnded((end) => this.endSessions(end));
    this.armSweep();
  }

  onApplicationShutdown(): void {
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
  }

  private endSessions(end: SessionEnd): void {
    if (!this.server) return;
    let target = this.server.in(end.sessionId ? sessionRoom(end.sessionId) : userRoom(end.userId));
    if (!end.sessionId && end.exceptSessionId) target = target.except(sessionRoom(end.exceptSessionId));
    target.emit('session:ended', {});
    target.disconnectSockets(true);
  }

  private armSweep(): void {
    this.sweepTimer = setTimeout(() => {
      void this.sweep()
        .catch((e: Error) => this.logger.warn(`session sweep failed: ${e.message}`))
        .finally(() => this.armSweep());
    }, SESSION_RECHECK_MS);
    this.sweepTimer.unref();
  }

  /** One query for the sessions of this node's sockets; sockets of ended ones are disconnected. */
  async sweep(): Promise<void> {
    const sockets = [...(this.server?.sockets.values() ?? [])].filter((s) => (s.data as RealtimeSocketData)?.sessionId);
    if (!sockets.length) return;
    const active = await this.sessions.activeOf([...new Set(sockets.map((s) => (s.data as RealtimeSocketData).sessionId!))]);
    for (const s of sockets) if (!active.has((s.data as RealtimeSocketData).sessionId!)) s.disconnect(true);
  }

  handleConnection(socket: Socket): void {
    const data = socket.data as RealtimeSocketData;
    if (!data?.user) {
      socket.disconnect(true);
      return;
    }
    // Sockets outlive access tokens: they live as long as their sign-in session (its room lets
    // an ending reach them on any node).
    void socket.join(data.sessionId ? [userRoom(data.user.id), sessionRoom(data.sessionId)] : userRoom(data.user.id));
  }

  /** Sends an event to every connection of one user, on any node. */
  toUser(userId: string, event: string, payload: unknown): void {
    this.server?.to(userRoom(userId)).emit(event, payload);
  }

  /** Sends an event to a room (e.g. a thread), on any node. */
  toRoom(room: string, event: string, payload: unknown): void {
    this.server?.to(room).emit(event, payload);
  }
}
