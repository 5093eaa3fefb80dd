import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AuthUser, TokenService } from '@app/auth';
import { AccessEvents } from '../organisations';

export interface RealtimeSocketData {
  user: AuthUser;
  expiresAt: number;
}

export const userRoom = (userId: string) => `user:${userId}`;

/**
 * The socket.io namespace `/realtime`: authenticates the handshake with the shared token
 * verifier and puts each socket in its user's room, so notifications reach every tab.
 * Feature gateways (discussions) add their own handlers on this namespace.
 */
@WebSocketGateway({ namespace: '/realtime', cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Realtime');

  @WebSocketServer()
  server: Namespace;

  constructor(
    private readonly tokens: TokenService,
    private readonly access: AccessEvents,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      this.tokens
        .authenticate(typeof token === 'string' ? token : undefined)
        .then(({ user, expiresAt }) => {
          (socket.data as RealtimeSocketData).user = user;
          (socket.data as RealtimeSocketData).expiresAt = expiresAt;
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
  }

  handleConnection(socket: Socket): void {
    const data = socket.data as RealtimeSocketData;
    if (!data?.user) {
      socket.disconnect(true);
      return;
    }
    void socket.join(userRoom(data.user.id));
    // Sockets outlive access tokens: drop the connection when the token expires.
    const ttl = data.expiresAt - Date.now();
    if (ttl > 0 && ttl < 2 ** 31 - 1) {
      const timer = setTimeout(() => socket.disconnect(true), ttl);
      socket.once('disconnect', () => clearTimeout(timer));
    }
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
